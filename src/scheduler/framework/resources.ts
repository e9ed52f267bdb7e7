// Pod and node resources as the scheduler counts them (pkg/scheduler/framework/types.go Resource,
// k8s.io/component-helpers/resource PodRequests, pkg/scheduler/util/pod_resources.go).
import {milliValue, value} from '../../api/quantity.js'

export const DEFAULT_MILLI_CPU_REQUEST = 100 // 0.1 core
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024 // 200Mi

export interface Resource {
  milliCPU: number
  memory: number
  ephemeralStorage: number
  allowedPodNumber: number
  /** extended resources, hugepages-*, attachable-volumes-* */
  scalar: Record<string, number>
}

export function emptyResource(): Resource {
  return {milliCPU: 0, memory: 0, ephemeralStorage: 0, allowedPodNumber: 0, scalar: {}}
}

const milliCache = new Map<string, number>()
const valueCache = new Map<string, number>()

function cachedMilli(q: unknown): number {
  const s = String(q)
  let v = milliCache.get(s)
  if (v === undefined) {
    v = milliValue(s)
    milliCache.set(s, v)
  }
  return v
}

function cachedValue(q: unknown): number {
  const s = String(q)
  let v = valueCache.get(s)
  if (v === undefined) {
    v = value(s)
    valueCache.set(s, v)
  }
  return v
}

/** The integer amount the scheduler uses for a resource: milli-units for cpu, whole units otherwise. */
export function resourceAmount(name: string, q: unknown): number {
  return name === 'cpu' ? cachedMilli(q) : cachedValue(q)
}

/** v1helper.IsExtendedResourceName: fully qualified, not kubernetes.io/, not requests.* */
export function isExtendedResourceName(name: string): boolean {
  if (name.startsWith('requests.')) return false
  const i = name.indexOf('/')
  if (i < 0) return false
  const prefix = name.slice(0, i)
  return prefix !== 'kubernetes.io' && !prefix.endsWith('.kubernetes.io')
}

/** schedutil.IsScalarResourceName */
export function isScalarResourceName(name: string): boolean {
  return isExtendedResourceName(name) || name.startsWith('hugepages-') || name.startsWith('attachable-volumes-')
}

/** Resource from a ResourceList (node allocatable, pod requests). */
export function resourceFromList(list: Record<string, unknown> | undefined): Resource {
  const r = emptyResource()
  if (!list) return r
  for (const [name, q] of Object.entries(list)) addAmount(r, name, resourceAmount(name, q))
  return r
}

export function addAmount(r: Resource, name: string, amount: number): void {
  switch (name) {
    case 'cpu':
      r.milliCPU += amount
      break
    case 'memory':
      r.memory += amount
      break
    case 'ephemeral-storage':
      r.ephemeralStorage += amount
      break
    case 'pods':
      r.allowedPodNumber += amount
      break
    default:
      if (isScalarResourceName(name)) r.scalar[name] = (r.scalar[name] ?? 0) + amount
  }
}

export function addResource(into: Resource, r: Resource, sign = 1): void {
  into.milliCPU += sign * r.milliCPU
  into.memory += sign * r.memory
  into.ephemeralStorage += sign * r.ephemeralStorage
  into.allowedPodNumber += sign * r.allowedPodNumber
  for (const [k, v] of Object.entries(r.scalar)) into.scalar[k] = (into.scalar[k] ?? 0) + sign * v
}

export function cloneResource(r: Resource): Resource {
  return {...r, scalar: {...r.scalar}}
}

type Amounts = Map<string, number>

/** A container's requests; a missing request with a limit counts as the limit (as API defaulting sets it). */
function containerRequests(c: any, nonMissing: boolean): Amounts {
  const out: Amounts = new Map()
  const req: Record<string, unknown> = c?.resources?.requests ?? {}
  const lim: Record<string, unknown> = c?.resources?.limits ?? {}
  for (const [k, q] of Object.entries(lim)) if (!(k in req)) out.set(k, resourceAmount(k, q))
  for (const [k, q] of Object.entries(req)) out.set(k, resourceAmount(k, q))
  if (nonMissing) {
    if (!out.has('cpu')) out.set('cpu', DEFAULT_MILLI_CPU_REQUEST)
    if (!out.has('memory')) out.set('memory', DEFAULT_MEMORY_REQUEST)
  }
  return out
}

function addTo(into: Amounts, a: Amounts): void {
  for (const [k, v] of a) into.set(k, (into.get(k) ?? 0) + v)
}

function maxInto(into: Amounts, a: Amounts): void {
  for (const [k, v] of a) if (v > (into.get(k) ?? 0)) into.set(k, v)
}

/**
 * resourcehelper.PodRequests: max(Σ containers + restartable init containers, each init container + the
 * restartable ones before it) + overhead. nonMissing applies the 100m/200Mi defaults to every container and init
 * container without a cpu/memory request (scoring only).
 */
export function podRequestAmounts(pod: any, nonMissing = false): Amounts {
  const reqs: Amounts = new Map()
  for (const c of pod.spec?.containers ?? []) addTo(reqs, containerRequests(c, nonMissing))
  const restartable: Amounts = new Map()
  const initMax: Amounts = new Map()
  for (const c of pod.spec?.initContainers ?? []) {
    const cr = containerRequests(c, nonMissing)
    if (c.restartPolicy === 'Always') {
      addTo(reqs, cr)
      addTo(restartable, cr)
      maxInto(initMax, restartable)
    } else {
      const tmp: Amounts = new Map(cr)
      addTo(tmp, restartable)
      maxInto(initMax, tmp)
    }
  }
  maxInto(reqs, initMax)
  const overhead: Record<string, unknown> | undefined = pod.spec?.overhead
  if (overhead) for (const [k, q] of Object.entries(overhead)) reqs.set(k, (reqs.get(k) ?? 0) + resourceAmount(k, q))
  return reqs
}

/** The pod's requests as a Resource (what NodeResourcesFit's PreFilter computes). */
export function podRequests(pod: any): Resource {
  const r = emptyResource()
  for (const [k, v] of podRequestAmounts(pod)) addAmount(r, k, v)
  return r
}

/** Non-zero requests (cpu milli, memory bytes) as NodeInfo.NonZeroRequested counts them. */
export function podNonZeroRequests(pod: any): {milliCPU: number; memory: number} {
  const a = podRequestAmounts(pod, true)
  return {milliCPU: a.get('cpu') ?? 0, memory: a.get('memory') ?? 0}
}
