// What `get`, `describe` and `delete` share: turning `TYPE[,TYPE] [NAME...]` / `TYPE/NAME...` / `all` into
// resources and names (kubectl's resource builder), and selecting objects from the store the way the API server
// lists them (sorted by namespace and name, filtered by label and field selectors).

import type {ObjectStore} from '../api/store/store.js'
import {type ResourceInfo, type ResourceRegistry, qualifiedResource} from '../api/resources.js'
import {checkFieldSelector, matchesFieldSelector, matchesRequirements, parseFieldSelectorString, parseLabelSelectorString} from '../api/selectors.js'
import type {KubeObject} from '../api/types.js'
import {UsageError, UserError} from '../errors.js'

export interface Target {
  info: ResourceInfo
  /** names asked for, in order; empty = list */
  names: string[]
}

export interface ResolvedArgs {
  targets: Target[]
  /** several resource types were asked for (kubectl prints `kind/name` then) */
  multipleTypes: boolean
  /** exactly one object was asked for by name (kubectl prints it bare with -o yaml/json) */
  singleItem: boolean
}

function resolveType(registry: ResourceRegistry, t: string): ResourceInfo[] {
  if (t.toLowerCase() === 'all') {
    return registry
      .all()
      .filter((r) => r.allOrder !== undefined)
      .sort((a, b) => a.allOrder! - b.allOrder!)
  }
  const info = registry.resolve(t)
  if (!info) throw new UserError(`the server doesn't have a resource type "${t}"`)
  return [info]
}

/** Parse command arguments as kubectl's builder does (ResourceTypeOrNameArgs). */
export function resolveArgs(registry: ResourceRegistry, args: string[], verb: string): ResolvedArgs {
  if (args.length === 0) throw new UsageError(`You must specify the type of resource to ${verb}. Use "kubectl api-resources" for a complete list of supported resources.`)
  if (args.some((a) => a.includes('/'))) {
    if (!args.every((a) => a.includes('/')))
      throw new UserError(`there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl ${verb} resource/<resource_name>' instead of 'kubectl ${verb} resource resource/<resource_name>'`)
    const targets: Target[] = []
    for (const a of args) {
      const i = a.indexOf('/')
      const type = a.slice(0, i)
      const name = a.slice(i + 1)
      if (!name) throw new UserError(`arguments in resource/name form must have a single resource and name`)
      const [info] = resolveType(registry, type)
      const existing = targets.find((t) => t.info === info)
      if (existing) existing.names.push(name)
      else targets.push({info, names: [name]})
    }
    const total = targets.reduce((n, t) => n + t.names.length, 0)
    return {targets, multipleTypes: targets.length > 1, singleItem: total === 1}
  }
  const types = args[0].split(',').filter((t) => t !== '')
  const names = args.slice(1)
  const infos: ResourceInfo[] = []
  for (const t of types) for (const info of resolveType(registry, t)) if (!infos.includes(info)) infos.push(info)
  const isAll = types.some((t) => t.toLowerCase() === 'all')
  return {
    targets: infos.map((info) => ({info, names: [...names]})),
    multipleTypes: infos.length > 1 || isAll,
    singleItem: infos.length === 1 && names.length === 1 && !isAll,
  }
}

export const groupKindKey = (info: ResourceInfo): string => `${info.group}/${info.kind}`

export interface Selection {
  namespace: string
  allNamespaces: boolean
  labelSelector?: string
  fieldSelector?: string
}

const byNamespaceName = (a: KubeObject, b: KubeObject): number => {
  const an = a.metadata.namespace ?? ''
  const bn = b.metadata.namespace ?? ''
  if (an !== bn) return an < bn ? -1 : 1
  const a2 = a.metadata.name ?? ''
  const b2 = b.metadata.name ?? ''
  return a2 < b2 ? -1 : a2 > b2 ? 1 : 0
}

/** LIST: objects of a resource in the namespace (or all), sorted by namespace/name, filtered by selectors. */
export function listObjects(store: ObjectStore, info: ResourceInfo, sel: Selection): KubeObject[] {
  const ns = info.namespaced && !sel.allNamespaces ? sel.namespace : undefined
  let objs = store.list(groupKindKey(info), ns)
  // a CRD-served kind may be stored under another version; the store key ignores versions
  if (sel.labelSelector) {
    const reqs = parseLabelSelectorString(sel.labelSelector)
    objs = objs.filter((o) => matchesRequirements(reqs, o.metadata.labels))
  }
  if (sel.fieldSelector) {
    const reqs = parseFieldSelectorString(sel.fieldSelector)
    checkFieldSelector(info.kind, reqs, `${info.group ? `${info.group}/` : '/'}${info.version}, Resource=${info.plural}`)
    objs = objs.filter((o) => matchesFieldSelector(reqs, o))
  }
  return [...objs].sort(byNamespaceName)
}

/** GET by name; undefined when missing. */
export function getObject(store: ObjectStore, info: ResourceInfo, namespace: string, name: string): KubeObject | undefined {
  return store.get(`${info.group}/${info.kind}/${info.namespaced ? namespace : ''}/${name}`)
}

/** `Error from server (NotFound): deployments.apps "web" not found` */
export function notFoundLine(info: ResourceInfo, name: string): string {
  return `Error from server (NotFound): ${qualifiedResource(info)} "${name}" not found`
}

/** The stderr line for an empty result. */
export function noResourcesLine(targets: Target[], sel: Selection): string {
  if (sel.allNamespaces || targets.every((t) => !t.info.namespaced)) return 'No resources found'
  return `No resources found in ${sel.namespace} namespace.`
}
