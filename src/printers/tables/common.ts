// The shared machinery of `kubectl get` tables: a kind's columns and row cells (as the API server's table
// handlers in pkg/printers/internalversion/printers.go define them), rendered the way kubectl's table printer
// prints them (upper-cased headers, wide-only columns, NAMESPACE and LABELS columns, `kind/name` names).

import type {ObjectStore} from '../../api/store/store.js'
import type {KubeObject} from '../../api/types.js'
import {parseApiVersion} from '../../api/types.js'
import {printedKind} from '../../api/resources.js'
import {canonicalQuantity} from '../../api/quantity.js'
import {age} from '../age.js'
import {TABLE_TABWRITER, tabwrite} from '../tabwriter.js'

export interface TableContext {
  /** virtual now, ms */
  now: number
  wide: boolean
  showLabels: boolean
  allNamespaces: boolean
  store?: ObjectStore
  /** print NAME as `kind[.group]/name` (several kinds in one command) */
  withKind?: boolean
  noHeaders?: boolean
  /** `-L key`: extra upper-cased label columns */
  labelColumns?: string[]
}

export interface Column {
  name: string
  /** 1 = only with -o wide */
  priority?: number
}

export interface TableDef {
  columns: Column[]
  /** one cell per column (all columns, wide ones included); the first is the name */
  row: (obj: KubeObject, ctx: TableContext) => string[]
  /** the first column is not the object's name (events) */
  nameColumn?: number
  namespaced?: boolean
}

export const col = (name: string, priority = 0): Column => ({name, priority})

/** labels.FormatLabels: sorted `k=v` joined with ',' or `<none>`. */
export function formatLabels(labels: Record<string, string> | undefined | null): string {
  if (!labels) return '<none>'
  const keys = Object.keys(labels).sort()
  if (keys.length === 0) return '<none>'
  return keys.map((k) => `${k}=${labels[k]}`).join(',')
}

export function ageOf(obj: KubeObject, ctx: TableContext): string {
  return age(ctx.now, obj.metadata?.creationTimestamp)
}

/** layoutContainerCells: container names and images joined with ','. */
export function containerCells(podSpec: any): [string, string] {
  const cs: any[] = podSpec?.containers ?? []
  return [cs.map((c) => c.name ?? '').join(','), cs.map((c) => c.image ?? '').join(',')]
}

export function int(v: unknown): string {
  return String(typeof v === 'number' ? v : 0)
}

/** intstr.IntOrString.String() */
export function intOrString(v: unknown): string {
  return v === undefined || v === null ? '' : String(v)
}

/** Renders rows for one kind as kubectl does; '' when there are no objects (kubectl prints no header then). */
export function renderTable(def: TableDef, objs: KubeObject[], ctx: TableContext): string {
  if (objs.length === 0) return ''
  const visible = def.columns.map((c, i) => ({c, i})).filter(({c}) => ctx.wide || !c.priority)
  const withNamespace = ctx.allNamespaces && def.namespaced !== false && objs.some((o) => o.metadata?.namespace)
  const header: string[] = []
  if (withNamespace) header.push('NAMESPACE')
  for (const {c} of visible) header.push(c.name.toUpperCase())
  for (const l of ctx.labelColumns ?? []) header.push(l.toUpperCase())
  if (ctx.showLabels) header.push('LABELS')
  const lines: string[][] = ctx.noHeaders ? [] : [header]
  const nameCol = def.nameColumn ?? 0
  for (const obj of objs) {
    const cells = def.row(obj, ctx)
    if (ctx.withKind && nameCol === 0) {
      const {group} = parseApiVersion(obj.apiVersion)
      cells[0] = `${printedKind(group, obj.kind)}/${cells[0]}`
    }
    const line: string[] = []
    if (withNamespace) line.push(obj.metadata?.namespace ?? '')
    for (const {i} of visible) line.push(cells[i] ?? '')
    for (const l of ctx.labelColumns ?? []) line.push(obj.metadata?.labels?.[l] ?? '')
    if (ctx.showLabels) line.push(formatLabels(obj.metadata?.labels))
    lines.push(line)
  }
  return tabwrite(lines.map((l) => l.join('\t')).join('\n') + '\n', TABLE_TABWRITER)
}

/** Quantity.String() of a stored quantity; '0' when missing, the raw text when unparsable. */
export function quantityString(v: unknown): string {
  if (v === undefined || v === null) return '0'
  if (typeof v !== 'string' && typeof v !== 'number') return String(v)
  return canonicalQuantity(v) ?? String(v)
}
