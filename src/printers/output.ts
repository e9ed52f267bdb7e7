// kubectl get's non-table outputs: -o yaml|json|name|jsonpath=..., and --sort-by.

import {UserError} from '../errors.js'
import {printedKind} from '../api/resources.js'
import type {KubeObject} from '../api/types.js'
import {parseApiVersion} from '../api/types.js'
import {executeJSONPath, jsonPathValues} from './jsonpath.js'
import {TABLE_TABWRITER, tabwrite} from './tabwriter.js'
import {goJSONIndent} from './output-json.js'
import {toGoYAML} from './output-yaml.js'

export type OutputKind = 'table' | 'wide' | 'yaml' | 'json' | 'name' | 'jsonpath' | 'custom-columns'

export interface OutputSpec {
  kind: OutputKind
  template?: string
  columns?: Array<{header: string; path: string}>
}

const allowed = 'custom-columns,json,jsonpath,name,wide,yaml'

/** Parse the -o flag value. */
export function parseOutputFlag(o: string | undefined): OutputSpec {
  if (o === undefined || o === '') return {kind: 'table'}
  if (o === 'wide' || o === 'yaml' || o === 'json' || o === 'name') return {kind: o}
  const m = /^jsonpath(?:=(.*))?$/s.exec(o)
  if (m) {
    if (m[1] === undefined || m[1] === '') throw new UserError('template format specified but no template given')
    return {kind: 'jsonpath', template: m[1]}
  }
  const cc = /^custom-columns=(.*)$/s.exec(o)
  if (cc) {
    if (cc[1] === '') throw new UserError('custom-columns format specified but no custom columns given')
    const columns = cc[1].split(',').map((part) => {
      const i = part.indexOf(':')
      if (i < 0) throw new UserError(`unexpected custom-columns spec: ${part}, expected <header>:<json-path-expr>`)
      return {header: part.slice(0, i), path: part.slice(i + 1)}
    })
    return {kind: 'custom-columns', columns}
  }
  throw new UserError(`unable to match a printer suitable for the output format "${o}", allowed formats are: ${allowed}`)
}

/** `deployment.apps/web`: the NamePrinter form. */
export function resourceName(obj: KubeObject): string {
  return `${printedKind(parseApiVersion(obj.apiVersion).group, obj.kind)}/${obj.metadata?.name || '<unknown>'}`
}

/** The List kubectl builds for a list request or several objects. */
export function asList(objs: KubeObject[]): Record<string, unknown> {
  return {apiVersion: 'v1', items: objs, kind: 'List', metadata: {resourceVersion: ''}}
}

/**
 * Print objects as yaml/json/name/jsonpath. `single` = the user asked for exactly one object by name:
 * it is printed bare; otherwise a List (even with 0 or 1 items), as kubectl does.
 */
export function formatObjects(objs: KubeObject[], spec: OutputSpec, single: boolean): string {
  const data = single && objs.length === 1 ? objs[0] : asList(objs)
  switch (spec.kind) {
    case 'yaml':
      return toGoYAML(data)
    case 'json':
      return goJSONIndent(data)
    case 'name':
      return objs.map((o) => resourceName(o) + '\n').join('')
    case 'jsonpath':
      return executeJSONPath(spec.template!, data)
    case 'custom-columns':
      return customColumns(objs, spec.columns ?? [])
    default:
      throw new UserError(`output format ${spec.kind} is printed as a table`)
  }
}

function compareValues(a: unknown, b: unknown): number {
  if (a === undefined && b === undefined) return 0
  if (a === undefined) return -1
  if (b === undefined) return 1
  if (typeof a === 'number' && typeof b === 'number') return a - b
  const sa = typeof a === 'string' ? a : JSON.stringify(a)
  const sb = typeof b === 'string' ? b : JSON.stringify(b)
  return sa < sb ? -1 : sa > sb ? 1 : 0
}

/** --sort-by: a stable sort on the first value the JSONPath finds in each object (missing values first). */
export function sortByJSONPath(objs: KubeObject[], expr: string): KubeObject[] {
  const keyed = objs.map((o, i) => ({o, i, v: jsonPathValues(expr, o)[0]}))
  keyed.sort((x, y) => compareValues(x.v, y.v) || x.i - y.i)
  return keyed.map((k) => k.o)
}

/** Go's %v of a decoded JSON value: maps as map[k:v], slices as [a b]. */
function goValue(v: unknown): string {
  if (v === null || v === undefined) return '<nil>'
  if (Array.isArray(v)) return `[${v.map(goValue).join(' ')}]`
  if (typeof v === 'object') return `map[${Object.keys(v as object).sort().map((k) => `${k}:${goValue((v as any)[k])}`).join(' ')}]`
  return String(v)
}

/** -o custom-columns=HEADER:.path,...: one row per object, `<none>` for a missing value. */
export function customColumns(objs: KubeObject[], columns: Array<{header: string; path: string}>): string {
  if (objs.length === 0) return ''
  const rows = [columns.map((c) => c.header)]
  for (const o of objs) {
    rows.push(
      columns.map((c) => {
        const vals = jsonPathValues(c.path, o)
        return vals.length === 0 ? '<none>' : vals.map(goValue).join(',')
      }),
    )
  }
  return tabwrite(rows.map((r) => r.join('\t')).join('\n') + '\n', TABLE_TABWRITER)
}
