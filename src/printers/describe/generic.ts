// kubectl's generic describer (used for kinds without a dedicated one): Name, Namespace, Labels, then every other
// field of the object, sorted, with smart labels (`apiVersion` → `API Version`).

import type {KubeObject} from '../../api/types.js'
import {DescribeWriter, LEVEL_0, describeEvents, printLabelsMultiline, smartLabelFor} from './common.js'

const skip = new Set(['.metadata.managedFields', '.metadata.name', '.metadata.namespace', '.metadata.labels'])

function goValue(v: unknown): string {
  if (v === null || v === undefined) return '<nil>'
  return String(v)
}

function printContent(w: DescribeWriter, level: number, content: Record<string, unknown>, prefix: string): void {
  for (const field of Object.keys(content).sort()) {
    const value = content[field]
    const path = `${prefix}.${field}`
    if (skip.has(path)) continue
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      w.write(level, `${smartLabelFor(field)}:\n`)
      printContent(w, level + 1, value as Record<string, unknown>, path)
    } else if (Array.isArray(value)) {
      w.write(level, `${smartLabelFor(field)}:\n`)
      for (const child of value) {
        if (child !== null && typeof child === 'object' && !Array.isArray(child)) printContent(w, level + 1, child as Record<string, unknown>, path)
        else w.write(level + 1, `${Array.isArray(child) ? `[${child.map(goValue).join(' ')}]` : goValue(child)}\n`)
      }
    } else w.write(level, `${smartLabelFor(field)}:\t${goValue(value)}\n`)
  }
}

export function describeGeneric(obj: KubeObject, ctx: {events?: KubeObject[]; now: number}): string {
  const w = new DescribeWriter()
  w.write(LEVEL_0, `Name:\t${obj.metadata.name ?? ''}\n`)
  w.write(LEVEL_0, `Namespace:\t${obj.metadata.namespace ?? ''}\n`)
  printLabelsMultiline(w, 'Labels', obj.metadata.labels)
  printContent(w, LEVEL_0, obj as Record<string, unknown>, '')
  describeEvents(w, ctx.events, ctx.now)
  return w.toString()
}
