// `k8sim delete`: kubectl delete's target resolution, flags and lines (`deployment.apps "web" deleted`).
// The deleting itself goes through the API server (cascading and graceful termination are the engine's job);
// the caller passes it in, so this stays free of the engine and of the CLI.

import type {ResourceInfo} from '../api/resources.js'
import {printedKind} from '../api/resources.js'
import type {KubeObject} from '../api/types.js'
import {parseApiVersion} from '../api/types.js'
import {UserError} from '../errors.js'
import type {ClusterView, CommandOutput} from './get.js'
import {type Selection, getObject, listObjects, notFoundLine, resolveArgs} from './query.js'

export type Cascade = 'Background' | 'Foreground' | 'Orphan'

export interface DeleteApi {
  delete(key: string, opts: {propagationPolicy?: Cascade; gracePeriodSeconds?: number}): unknown
}

export interface DeleteRequest extends Selection {
  args: string[]
  /** objects read from -f (already parsed), with the file they came from */
  fromFiles?: Array<{obj: KubeObject; file: string}>
  all?: boolean
  cascade?: string
  /** kubectl's --grace-period (-1 = the object's own) */
  gracePeriod?: number
  force?: boolean
  now?: boolean
  ignoreNotFound?: boolean
  output?: string
  dryRun?: 'client' | 'server'
}

/** --cascade: background (default), foreground, orphan; the deprecated true/false too. */
export function parseCascade(v: string | undefined): Cascade {
  switch ((v ?? 'background').toLowerCase()) {
    case 'background':
    case 'true':
      return 'Background'
    case 'foreground':
      return 'Foreground'
    case 'orphan':
    case 'false':
      return 'Orphan'
  }
  throw new UserError(`invalid cascade value (${v}). Must be "background", "foreground", or "orphan".`)
}

export const FORCE_WARNING =
  'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.'

/** The grace period kubectl sends: -1 → none; --now → 1; --force → 0; 0 without --force → 1. */
export function effectiveGracePeriod(req: Pick<DeleteRequest, 'gracePeriod' | 'force' | 'now'>): number {
  let g = req.gracePeriod ?? -1
  if (req.now) {
    if (g !== -1) throw new UserError('--now and --grace-period cannot be specified together')
    g = 1
  }
  if (g === 0 && !req.force) g = 1
  if (req.force && g < 0) g = 0
  return g
}

interface Item {
  info: ResourceInfo
  namespace: string
  name: string
  /** for -f: `error when deleting "file": ` */
  file?: string
}

function apiErrorLine(e: unknown, file?: string): string {
  const err = e as {reason?: string; message?: string}
  const where = file ? `error when deleting "${file}": ` : ''
  if (err && typeof err.reason === 'string') return `Error from server (${err.reason}): ${where}${err.message}`
  throw e
}

export function runDelete(view: ClusterView, api: DeleteApi, req: DeleteRequest): CommandOutput {
  const stderr: string[] = []
  const items: Item[] = []
  const cascade = parseCascade(req.cascade)
  const grace = effectiveGracePeriod(req)
  if (req.fromFiles && req.fromFiles.length > 0) {
    if (req.args.length > 0) throw new UserError('when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well')
    for (const {obj, file} of req.fromFiles) {
      const {group} = parseApiVersion(obj.apiVersion)
      const info = view.registry.byGroupKind(group, obj.kind)
      if (!info) {
        stderr.push(`error: resource mapping not found for name: "${obj.metadata?.name ?? ''}" namespace: "${obj.metadata?.namespace ?? ''}" from "${file}": no matches for kind "${obj.kind}" in version "${obj.apiVersion}"`)
        continue
      }
      items.push({info, namespace: obj.metadata?.namespace ?? req.namespace, name: obj.metadata?.name ?? '', file})
    }
  } else {
    if (req.args.length === 0)
      throw new UserError(`You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'`)
    const resolved = resolveArgs(view.registry, req.args, 'delete')
    const hasNames = resolved.targets.some((t) => t.names.length > 0)
    if (hasNames && (req.all || req.labelSelector)) throw new UserError('name cannot be provided when a selector is specified')
    if (!hasNames && !req.all && !req.labelSelector && !req.fieldSelector) throw new UserError('resource(s) were provided, but no name was specified')
    for (const t of resolved.targets) {
      if (t.names.length > 0) for (const name of t.names) items.push({info: t.info, namespace: req.namespace, name})
      else for (const o of listObjects(view.store, t.info, req)) items.push({info: t.info, namespace: o.metadata.namespace ?? '', name: o.metadata.name ?? ''})
    }
    if (items.length === 0 && !hasNames) stderr.push(req.allNamespaces || resolved.targets.every((t) => !t.info.namespaced) ? 'No resources found' : `No resources found in ${req.namespace} namespace.`)
  }
  const ignoreNotFound = req.ignoreNotFound ?? (req.all === true)
  const operation = grace === 0 ? 'force deleted' : 'deleted'
  const suffix = req.dryRun === 'client' ? ' (dry run)' : req.dryRun === 'server' ? ' (server dry run)' : ''
  let stdout = ''
  if (req.force && grace === 0 && items.length > 0) stderr.push(FORCE_WARNING)
  for (const it of items) {
    const exists = getObject(view.store, it.info, it.namespace, it.name)
    if (!exists) {
      if (!ignoreNotFound) stderr.push(it.file ? `Error from server (NotFound): error when deleting "${it.file}": ${notFoundLine(it.info, it.name).replace(/^Error from server \(NotFound\): /, '')}` : notFoundLine(it.info, it.name))
      continue
    }
    if (!req.dryRun) {
      try {
        const key = `${it.info.group}/${it.info.kind}/${it.info.namespaced ? it.namespace : ''}/${it.name}`
        api.delete(key, {propagationPolicy: cascade, ...(grace >= 0 ? {gracePeriodSeconds: grace} : {})})
      } catch (e) {
        stderr.push(apiErrorLine(e, it.file))
        continue
      }
    }
    const kind = printedKind(it.info.group, it.info.kind)
    stdout += req.output === 'name' ? `${kind}/${it.name}\n` : `${kind} "${it.name}" ${operation}${suffix}\n`
  }
  return {stdout, stderr, failed: stderr.some((l) => l.startsWith('Error') || l.startsWith('error'))}
}
