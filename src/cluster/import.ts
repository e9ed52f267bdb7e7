// `cluster import`: load a real cluster's dump (`kubectl get ... -A -o yaml`) into the store as it is. What is
// given is kept (uid, creationTimestamp, ownerReferences, spec.nodeName, status); what is missing is filled as the
// API server would (namespace, uid from the seeded generator, creationTimestamp = now, pod priority from its
// PriorityClass). Namespaces and other objects first, then nodes, then pods. The clock moves to the newest
// timestamp in the dump if that is later (never back). An object equal to the stored one is left unchanged.

import type {ResourceRegistry} from '../api/resources.js'
import {printedKind} from '../api/resources.js'
import {keyOf} from '../api/store/keys.js'
import type {ObjectStore} from '../api/store/store.js'
import type {KubeObject} from '../api/types.js'
import {parseApiVersion} from '../api/types.js'
import type {VirtualClock} from '../clock/clock.js'
import type {SeededRandom} from '../clock/random.js'
import {UserError} from '../errors.js'
import {resourceInfoFromCRD} from '../schema/crd.js'
import {flattenLists, type LoadedDoc} from './yaml-docs.js'

export type ImportOp = 'created' | 'configured' | 'unchanged'

export interface ImportedObject {
  /** `node/node-4`, `deployment.apps/web` */
  ref: string
  namespace?: string
  op: ImportOp
}

export interface ImportResult {
  objects: ImportedObject[]
  /** the clock before and after (after > before when the dump holds later timestamps) */
  clockBefore: number
  clockAfter: number
}

export interface ImportContext {
  store: ObjectStore
  clock: VirtualClock
  rng: SeededRandom
  registry: ResourceRegistry
}

/** Built-in PriorityClasses the Priority admission plugin knows even without the objects. */
const SYSTEM_PRIORITY: Record<string, number> = {'system-node-critical': 2000001000, 'system-cluster-critical': 2000000000}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/

export interface ImportOptions {
  /** the API server's defaulting (idempotent), applied to each object before it is compared and stored */
  defaulter?: (obj: KubeObject) => void
}

export function importDocuments(ctx: ImportContext, docs: LoadedDoc[], opts: ImportOptions = {}): ImportResult {
  const items = docs.flatMap(flattenLists).map((d) => ({doc: d, obj: checkObject(d)}))
  // CRDs in the dump make their custom resources known
  for (const {obj} of items) {
    if (obj.kind === 'CustomResourceDefinition' && parseApiVersion(obj.apiVersion).group === 'apiextensions.k8s.io') {
      const info = resourceInfoFromCRD(obj)
      if (info.group && info.kind) ctx.registry.register(info)
    }
  }
  for (const {doc, obj} of items) {
    if (!ctx.registry.byGroupKind(parseApiVersion(obj.apiVersion).group, obj.kind)) {
      throw new UserError(`${where(doc, obj)}: no matches for kind "${obj.kind}" in version "${obj.apiVersion}"`)
    }
  }

  const rank = (o: KubeObject) => {
    const g = parseApiVersion(o.apiVersion).group
    if (g === '' && o.kind === 'Namespace') return 0
    if (g === 'apiextensions.k8s.io') return 1
    if (g === '' && o.kind === 'Node') return 3
    if (g === '' && o.kind === 'Pod') return 4
    return 2
  }
  // a dump of namespaced objects (`kubectl get pods -A`) implies their namespaces exist: create the missing ones
  const given = new Set(items.filter(({obj}) => obj.kind === 'Namespace' && obj.apiVersion === 'v1').map(({obj}) => obj.metadata.name))
  for (const {doc, obj} of [...items]) {
    const ns = obj.metadata.namespace
    const info = ctx.registry.byGroupKind(parseApiVersion(obj.apiVersion).group, obj.kind)
    if (!info?.namespaced || !ns || given.has(ns) || ctx.store.get(`/Namespace//${ns}`)) continue
    given.add(ns)
    items.push({doc, obj: {apiVersion: 'v1', kind: 'Namespace', metadata: {name: ns}}})
  }
  const ordered = items.map((x, i) => ({...x, i})).sort((a, b) => rank(a.obj) - rank(b.obj) || a.i - b.i)

  const clockBefore = ctx.clock.now()
  let newest = clockBefore
  for (const {obj} of ordered) newest = Math.max(newest, newestTimestamp(obj))
  ctx.clock.advanceTo(Math.floor(newest / 1000) * 1000)

  const seen = new Set<string>()
  const out: ImportedObject[] = []
  for (const {doc, obj} of ordered) {
    const info = ctx.registry.byGroupKind(parseApiVersion(obj.apiVersion).group, obj.kind)!
    if (info.namespaced) obj.metadata.namespace ||= 'default'
    else delete obj.metadata.namespace
    const key = keyOf(obj)
    if (seen.has(key)) throw new UserError(`${where(doc, obj)}: ${obj.kind} "${obj.metadata.name}" appears twice in the import`)
    seen.add(key)
    const existing = ctx.store.get(key)
    opts.defaulter?.(obj)
    fillMissing(ctx, obj, existing, doc)
    const ref = `${printedKind(info.group, info.kind)}/${obj.metadata.name}`
    const ns = info.namespaced ? obj.metadata.namespace : undefined
    if (!existing) {
      ctx.store.create(obj)
      out.push({ref, namespace: ns, op: 'created'})
    } else if (sameObject(existing, obj)) {
      out.push({ref, namespace: ns, op: 'unchanged'})
    } else {
      ctx.store.update(obj)
      out.push({ref, namespace: ns, op: 'configured'})
    }
  }
  return {objects: out, clockBefore, clockAfter: ctx.clock.now()}
}

function where(doc: LoadedDoc, obj?: Partial<KubeObject>): string {
  const what = obj?.kind && obj?.metadata?.name ? `, ${obj.kind}/${obj.metadata.name}` : ''
  const pos = doc.line !== undefined ? `:${doc.line}:${doc.col ?? 1}` : ''
  return `${doc.file}${pos} (document ${doc.docIndex}${what})`
}

function checkObject(doc: LoadedDoc): KubeObject {
  const v = doc.value as any
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw new UserError(`${where(doc)}: not a Kubernetes object`)
  if (typeof v.kind !== 'string' || !v.kind) throw new UserError(`${where(doc)}: missing 'kind' key`)
  if (typeof v.apiVersion !== 'string' || !v.apiVersion) throw new UserError(`${where(doc)}: missing 'apiVersion' key`)
  if (!v.metadata || typeof v.metadata !== 'object' || typeof v.metadata.name !== 'string' || !v.metadata.name) {
    throw new UserError(`${where(doc)}: ${v.kind}: metadata.name: Required value: name is required`)
  }
  const obj = structuredClone(v) as KubeObject
  // what the API server owns or kubectl hides
  delete obj.metadata.resourceVersion
  delete obj.metadata.managedFields
  delete obj.metadata.selfLink
  return obj
}

function fillMissing(ctx: ImportContext, obj: KubeObject, existing: KubeObject | undefined, doc: LoadedDoc): void {
  const m = obj.metadata
  m.uid ||= existing?.metadata.uid ?? ctx.rng.uuid()
  m.creationTimestamp ||= existing?.metadata.creationTimestamp ?? ctx.clock.nowRFC3339()
  if (obj.kind === 'Namespace' && parseApiVersion(obj.apiVersion).group === '') {
    m.labels = {...m.labels, 'kubernetes.io/metadata.name': m.name!}
    obj.spec ??= {finalizers: ['kubernetes']}
    obj.status ??= {phase: 'Active'}
  }
  if (obj.kind === 'Pod' && parseApiVersion(obj.apiVersion).group === '') {
    obj.spec ??= {}
    if (obj.spec.priority === undefined) {
      const pc = priorityClass(ctx.store, obj.spec.priorityClassName)
      if (obj.spec.priorityClassName && pc === undefined) {
        throw new UserError(`${where(doc, obj)}: pods "${m.name}" is forbidden: no PriorityClass with name ${obj.spec.priorityClassName} was found`)
      }
      obj.spec.priority = pc?.value ?? 0
      if (pc?.name && !obj.spec.priorityClassName) obj.spec.priorityClassName = pc.name
      obj.spec.preemptionPolicy ??= pc?.preemptionPolicy ?? 'PreemptLowerPriority'
    }
    obj.status ??= {}
    obj.status.phase ??= 'Pending'
  }
}

/** The PriorityClass named, or the global default when name is empty. */
function priorityClass(store: ObjectStore, name: string | undefined): {name?: string; value: number; preemptionPolicy?: string} | undefined {
  const classes = store.list('scheduling.k8s.io/PriorityClass')
  if (name) {
    const pc = classes.find((c) => c.metadata.name === name)
    if (pc) return {value: Number(pc.value ?? 0), preemptionPolicy: pc.preemptionPolicy}
    return name in SYSTEM_PRIORITY ? {value: SYSTEM_PRIORITY[name]} : undefined
  }
  const def = classes.find((c) => c.globalDefault === true)
  return def ? {name: def.metadata.name, value: Number(def.value ?? 0), preemptionPolicy: def.preemptionPolicy} : undefined
}

/** The latest RFC 3339 time anywhere in the object (timestamps, conditions, status times), in ms. */
export function newestTimestamp(v: unknown): number {
  let newest = 0
  const walk = (x: unknown) => {
    if (typeof x === 'string') {
      if (x.length >= 20 && RFC3339.test(x)) {
        const t = Date.parse(x)
        if (!Number.isNaN(t) && t > newest) newest = t
      }
    } else if (Array.isArray(x)) x.forEach(walk)
    else if (x && typeof x === 'object') {
      for (const [k, y] of Object.entries(x)) if (k !== 'deletionTimestamp') walk(y) // set in the future by graceful deletion
    }
  }
  walk(v)
  return newest
}

/** Equal as the API server would store them, resourceVersion aside. */
function sameObject(a: KubeObject, b: KubeObject): boolean {
  const strip = (o: KubeObject) => ({...o, metadata: {...o.metadata, resourceVersion: undefined}})
  return canonical(strip(a)) === canonical(strip(b))
}

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`
  if (v && typeof v === 'object') {
    const keys = Object.keys(v).filter((k) => (v as any)[k] !== undefined).sort()
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical((v as any)[k])}`).join(',')}}`
  }
  return JSON.stringify(v)
}
