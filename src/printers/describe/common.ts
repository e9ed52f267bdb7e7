// Shared pieces of kubectl describe (kubectl/pkg/describe/describe.go): the PrefixWriter levels, the tabbed
// layout (tabwriter minwidth 0, padding 2), RFC1123Z times, labels/annotations/taints/tolerations helpers and
// the Events block.

import type {KubeObject} from '../../api/types.js'
import {timeOf} from '../age.js'
import {eventInterval, sortEvents} from '../events.js'
import {DESCRIBE_TABWRITER, tabwrite} from '../tabwriter.js'

export const LEVEL_0 = 0
export const LEVEL_1 = 1
export const LEVEL_2 = 2
export const LEVEL_3 = 3

/** PrefixWriter: each write is prefixed with two spaces per level; the text keeps its tabs for the tabwriter. */
export class DescribeWriter {
  private buf = ''

  write(level: number, text: string): void {
    this.buf += '  '.repeat(level) + text
  }

  /** WriteLine: no prefix, a newline added. */
  line(text: string): void {
    this.buf += text + '\n'
  }

  /** The tabbed string (tabwriter applied). */
  toString(): string {
    return tabwrite(this.buf, DESCRIBE_TABWRITER)
  }

  raw(): string {
    return this.buf
  }
}

const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
const p2 = (n: number): string => String(n).padStart(2, '0')

/** time.RFC1123Z in UTC: `Mon, 02 Jan 2006 15:04:05 +0000`. A missing time prints Go's zero time. */
export function rfc1123z(ts: unknown): string {
  const t = timeOf(ts)
  if (t === undefined) return 'Mon, 01 Jan 0001 00:00:00 +0000'
  const d = new Date(t)
  return `${days[d.getUTCDay()]}, ${p2(d.getUTCDate())} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} +0000`
}

/** printLabelsMultilineWithIndent */
export function printLabelsMultiline(w: DescribeWriter, title: string, labels: Record<string, string> | undefined | null, initialIndent = '', innerIndent = '\t'): void {
  w.write(LEVEL_0, `${initialIndent}${title}:${innerIndent}`)
  const keys = Object.keys(labels ?? {}).sort()
  if (keys.length === 0) {
    w.line('<none>')
    return
  }
  keys.forEach((k, i) => {
    if (i !== 0) w.write(LEVEL_0, initialIndent + innerIndent)
    w.write(LEVEL_0, `${k}=${labels![k]}\n`)
  })
}

const maxAnnotationLen = 140
const skipAnnotations = new Set(['kubectl.kubernetes.io/last-applied-configuration'])

/** printAnnotationsMultiline: `k: v`, long or multi-line values on indented lines cut to 138 chars + `...`. */
export function printAnnotationsMultiline(w: DescribeWriter, title: string, annotations: Record<string, string> | undefined | null): void {
  w.write(LEVEL_0, `${title}:\t`)
  const keys = Object.keys(annotations ?? {})
    .filter((k) => !skipAnnotations.has(k))
    .sort()
  if (keys.length === 0) {
    w.line('<none>')
    return
  }
  const indent = '\t'
  keys.forEach((k, i) => {
    if (i !== 0) w.write(LEVEL_0, indent)
    const value = annotations![k].replace(/\n$/, '')
    if (value.length + k.length + 2 > maxAnnotationLen || value.includes('\n')) {
      w.write(LEVEL_0, `${k}:\n`)
      for (const s of value.split('\n')) w.write(LEVEL_0, `${indent}  ${s.length > maxAnnotationLen - 2 ? s.slice(0, maxAnnotationLen - 2) + '...' : s}\n`)
    } else w.write(LEVEL_0, `${k}: ${value}\n`)
  })
}

/** printTolerationsMultilineWithIndent */
export function printTolerationsMultiline(w: DescribeWriter, title: string, tolerations: any[] | undefined, initialIndent = '', innerIndent = '\t'): void {
  w.write(LEVEL_0, `${initialIndent}${title}:${innerIndent}`)
  const ts = [...(tolerations ?? [])].sort((a, b) => ((a.key ?? '') < (b.key ?? '') ? -1 : (a.key ?? '') > (b.key ?? '') ? 1 : 0))
  if (ts.length === 0) {
    w.line('<none>')
    return
  }
  ts.forEach((t, i) => {
    if (i !== 0) w.write(LEVEL_0, initialIndent + innerIndent)
    let s = t.key ?? ''
    if (t.value) s += `=${t.value}`
    if (t.effect) s += `:${t.effect}`
    if (t.operator === 'Exists' && !t.value) s += t.key || t.effect ? ' op=Exists' : 'op=Exists'
    if (t.tolerationSeconds != null) s += ` for ${t.tolerationSeconds}s`
    w.write(LEVEL_0, s + '\n')
  })
}

/** Taint.ToString */
export function taintString(t: any): string {
  if (!t.effect) return t.value ? `${t.key}=${t.value}:` : `${t.key}`
  return t.value ? `${t.key}=${t.value}:${t.effect}` : `${t.key}:${t.effect}`
}

/** printTaintsMultilineWithIndent: sorted by `effect,key`. */
export function printTaintsMultiline(w: DescribeWriter, title: string, taints: any[] | undefined): void {
  w.write(LEVEL_0, `${title}:\t`)
  const key = (t: any): string => `${t.effect ?? ''},${t.key ?? ''}`
  const ts = [...(taints ?? [])].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0))
  if (ts.length === 0) {
    w.line('<none>')
    return
  }
  ts.forEach((t, i) => {
    if (i !== 0) w.write(LEVEL_0, '\t')
    w.write(LEVEL_0, taintString(t) + '\n')
  })
}

/** printController: `Kind/name` of the controller owner, or ''. */
export function controlledBy(obj: KubeObject): string {
  const ref = (obj.metadata?.ownerReferences ?? []).find((r) => r.controller)
  return ref ? `${ref.kind}/${ref.name}` : ''
}

/** DescribeEvents: `Events:  <none>` or the Type/Reason/Age/From/Message table, sorted by time. */
export function describeEvents(w: DescribeWriter, events: KubeObject[] | undefined, now: number): void {
  if (!events) return
  if (events.length === 0) {
    w.write(LEVEL_0, 'Events:\t<none>\n')
    return
  }
  w.write(LEVEL_0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n')
  w.write(LEVEL_1, '----\t------\t----\t----\t-------\n')
  for (const e of sortEvents(events)) {
    const from = e.source?.component || e.reportingController || e.reportingComponent || ''
    w.write(LEVEL_1, `${e.type ?? ''}\t${e.reason ?? ''}\t${eventInterval(e, now)}\t${from}\t${String(e.message ?? e.note ?? '').trim()}\n`)
  }
}

/** fatih/camelcase split + kubectl's smartLabelFor (`apiVersion` → `API Version`). */
export function smartLabelFor(field: string): string {
  if (/[^\p{L}-]/u.test(field)) return field
  const parts = field.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+|[^A-Za-z0-9]+/g) ?? [field]
  const acronyms = ['API', 'URL', 'UID', 'OSB', 'GUID']
  return parts
    .filter((p) => p !== '_')
    .map((p) => (acronyms.includes(p.toUpperCase()) ? p.toUpperCase() : p[0].toUpperCase() + p.slice(1)))
    .join(' ')
}
