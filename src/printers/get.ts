// `k8sim get`: select objects and print them as kubectl get does. Pure: returns stdout, stderr lines and
// whether an error happened (exit 1); the command only parses flags and writes.

import type {ObjectStore} from '../api/store/store.js'
import type {ResourceRegistry} from '../api/resources.js'
import type {KubeObject} from '../api/types.js'
import {UserError} from '../errors.js'
import {formatObjects, parseOutputFlag, sortByJSONPath} from './output.js'
import {type Selection, getObject, listObjects, noResourcesLine, notFoundLine, resolveArgs} from './query.js'
import {printTable} from './tables/index.js'

export interface GetRequest extends Selection {
  args: string[]
  output?: string
  showLabels?: boolean
  sortBy?: string
  noHeaders?: boolean
  labelColumns?: string[]
  /** --ignore-not-found: a missing named object is not an error */
  ignoreNotFound?: boolean
  /** --show-kind: `kind/name` even for one kind */
  showKind?: boolean
}

export interface CommandOutput {
  stdout: string
  stderr: string[]
  /** exit 1 at the end (NotFound and the like); what was found is still printed */
  failed: boolean
}

export interface ClusterView {
  store: ObjectStore
  registry: ResourceRegistry
  /** virtual now, ms */
  now: number
}

/**
 * The kinds `get` reads for these arguments: the kinds it prints (table printers read nothing else but CRDs, which
 * the session always loads). `undefined` (load everything) when the arguments do not resolve: runGet then reports
 * the error as before.
 */
export function kindsToGet(registry: ResourceRegistry, args: string[]): Array<{group: string; kind: string}> | undefined {
  try {
    return resolveArgs(registry, args, 'get').targets.map((t) => ({group: t.info.group, kind: t.info.kind}))
  } catch {
    return undefined
  }
}

export function runGet(view: ClusterView, req: GetRequest): CommandOutput {
  const spec = parseOutputFlag(req.output)
  const resolved = resolveArgs(view.registry, req.args, 'get')
  const hasNames = resolved.targets.some((t) => t.names.length > 0)
  if (hasNames && req.labelSelector) throw new UserError('name cannot be provided when a selector is specified')
  if (hasNames && req.allNamespaces && resolved.targets.some((t) => t.info.namespaced)) throw new UserError('a resource cannot be retrieved by name across all namespaces')
  const stderr: string[] = []
  const groups: Array<{objs: KubeObject[]; namespaced: boolean}> = []
  for (const t of resolved.targets) {
    let objs: KubeObject[]
    if (t.names.length > 0) {
      objs = []
      for (const name of t.names) {
        const o = getObject(view.store, t.info, req.namespace, name)
        if (o) objs.push(o)
        else if (!req.ignoreNotFound) stderr.push(notFoundLine(t.info, name))
      }
    } else objs = listObjects(view.store, t.info, req)
    if (req.sortBy) objs = sortByJSONPath(objs, req.sortBy)
    groups.push({objs, namespaced: t.info.namespaced})
  }
  const all = groups.flatMap((g) => g.objs)
  const failed = stderr.length > 0

  if (spec.kind !== 'table' && spec.kind !== 'wide') {
    const objs = req.sortBy ? sortByJSONPath(all, req.sortBy) : all
    // kubectl's printGeneric prints an empty List for yaml/json and nothing (no message) for names
    if (objs.length === 0 && (spec.kind === 'name' || spec.kind === 'custom-columns')) return {stdout: '', stderr, failed}
    if (hasNames && objs.length === 0) return {stdout: '', stderr, failed}
    return {stdout: formatObjects(objs, spec, resolved.singleItem), stderr, failed}
  }

  const ctx = {
    now: view.now,
    wide: spec.kind === 'wide',
    showLabels: !!req.showLabels,
    allNamespaces: req.allNamespaces,
    store: view.store,
    withKind: resolved.multipleTypes || !!req.showKind,
    noHeaders: req.noHeaders,
    labelColumns: req.labelColumns,
  }
  const tables = groups.map((g) => printTable(g.objs, ctx, g.namespaced)).filter((t) => t !== '')
  if (tables.length === 0 && !hasNames) stderr.push(noResourcesLine(resolved.targets, req))
  return {stdout: tables.join('\n'), stderr, failed}
}
