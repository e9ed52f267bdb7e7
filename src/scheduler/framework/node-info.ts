// framework.NodeInfo: a node and the pods assigned to it, with aggregates kept incrementally as pods come and
// go (requested, non-zero requested, used host ports, pods with affinity).
import type {KubeObject} from '../../api/types.js'
import type {PodInfo} from './pod-info.js'
import {addResource, cloneResource, emptyResource, resourceFromList, type Resource} from './resources.js'

export interface Taint {
  key: string
  value: string
  effect: string
}

/** Per image name: size on this node; the cache knows how many nodes have it. */
export interface ImageCounter {
  numNodes(name: string): number
}

export class HostPortInfo {
  /** ip → "protocol/port" → count */
  private m = new Map<string, Map<string, number>>()

  add(ip: string, protocol: string, port: number): void {
    const k = `${protocol}/${port}`
    let s = this.m.get(ip)
    if (!s) this.m.set(ip, (s = new Map()))
    s.set(k, (s.get(k) ?? 0) + 1)
  }

  remove(ip: string, protocol: string, port: number): void {
    const s = this.m.get(ip)
    if (!s) return
    const k = `${protocol}/${port}`
    const n = (s.get(k) ?? 0) - 1
    if (n <= 0) s.delete(k)
    else s.set(k, n)
    if (s.size === 0) this.m.delete(ip)
  }

  /** HostPortInfo.CheckConflict: 0.0.0.0 conflicts with every IP; a specific IP with itself and 0.0.0.0. */
  checkConflict(ip: string, protocol: string, port: number): boolean {
    const k = `${protocol}/${port}`
    if (ip === '0.0.0.0') {
      for (const s of this.m.values()) if (s.has(k)) return true
      return false
    }
    return !!this.m.get(ip)?.has(k) || !!this.m.get('0.0.0.0')?.has(k)
  }

  get size(): number {
    return this.m.size
  }

  clone(): HostPortInfo {
    const c = new HostPortInfo()
    for (const [ip, s] of this.m) c.m.set(ip, new Map(s))
    return c
  }
}

// Nodes share what they have alike, and nothing changes it in place (frozen): every filter and score plugin reads
// these for hundreds of nodes per cycle, and one shared object stays in the CPU cache.
const NO_TAINTS: Taint[] = Object.freeze([]) as unknown as Taint[]
/** allocatable ResourceList (as JSON) → Resource */
const allocatables = new Map<string, Resource>()
const MAX_ALLOCATABLES = 10_000

function allocatableOf(list: Record<string, unknown> | undefined): Resource {
  const key = JSON.stringify(list ?? {})
  let r = allocatables.get(key)
  if (!r) {
    if (allocatables.size >= MAX_ALLOCATABLES) allocatables.clear()
    r = resourceFromList(list)
    Object.freeze(r.scalar)
    allocatables.set(key, Object.freeze(r))
  }
  return r
}

export class NodeInfo {
  node!: KubeObject
  name = ''
  labels: Record<string, string> = {}
  taints: Taint[] = []
  unschedulable = false
  allocatable: Resource = emptyResource()
  /** image name → size (bytes) as node.status.images lists them */
  images = new Map<string, number>()
  pods: PodInfo[] = []
  podsWithAffinity: PodInfo[] = []
  podsWithRequiredAntiAffinity: PodInfo[] = []
  usedPorts = new HostPortInfo()
  requested: Resource = emptyResource()
  nonZeroCPU = 0
  nonZeroMemory = 0
  /** bumped on every change (for callers that cache per node) */
  generation = 0
  /** position in the cluster's node list (cluster order) */
  clusterIndex = -1

  constructor(node?: KubeObject) {
    if (node) this.setNode(node)
  }

  get hasNode(): boolean {
    return this.node !== undefined
  }

  setNode(node: KubeObject): void {
    this.node = node
    this.name = node.metadata.name ?? ''
    this.labels = node.metadata.labels ?? {}
    const taints: any[] = node.spec?.taints ?? []
    this.taints = taints.length === 0 ? NO_TAINTS : taints.map((t: any) => ({key: t.key ?? '', value: t.value ?? '', effect: t.effect ?? ''}))
    this.unschedulable = !!node.spec?.unschedulable
    this.allocatable = allocatableOf(node.status?.allocatable ?? node.status?.capacity)
    this.images = new Map()
    for (const img of node.status?.images ?? []) for (const n of img.names ?? []) this.images.set(n, Number(img.sizeBytes ?? 0))
    this.generation++
  }

  addPod(pi: PodInfo): void {
    this.pods.push(pi)
    if (pi.hasAffinity) this.podsWithAffinity.push(pi)
    if (pi.requiredAntiAffinityTerms.length > 0) this.podsWithRequiredAntiAffinity.push(pi)
    this.account(pi, 1)
  }

  /** Removes the pod with this key; returns whether it was there. */
  removePod(key: string): boolean {
    const i = this.pods.findIndex((p) => p.key === key)
    if (i < 0) return false
    const pi = this.pods[i]
    this.pods.splice(i, 1)
    removeFrom(this.podsWithAffinity, key)
    removeFrom(this.podsWithRequiredAntiAffinity, key)
    this.account(pi, -1)
    return true
  }

  private account(pi: PodInfo, sign: number): void {
    addResource(this.requested, pi.requests, sign)
    this.nonZeroCPU += sign * pi.nonZeroCPU
    this.nonZeroMemory += sign * pi.nonZeroMemory
    for (const hp of pi.hostPorts) {
      if (sign > 0) this.usedPorts.add(hp.ip, hp.protocol, hp.port)
      else this.usedPorts.remove(hp.ip, hp.protocol, hp.port)
    }
    this.generation++
  }

  /** A copy whose pod lists and aggregates can be changed without touching this one (preemption dry runs). */
  clone(): NodeInfo {
    const c = new NodeInfo()
    c.node = this.node
    c.name = this.name
    c.labels = this.labels
    c.taints = this.taints
    c.unschedulable = this.unschedulable
    c.allocatable = this.allocatable
    c.images = this.images
    c.pods = [...this.pods]
    c.podsWithAffinity = [...this.podsWithAffinity]
    c.podsWithRequiredAntiAffinity = [...this.podsWithRequiredAntiAffinity]
    c.usedPorts = this.usedPorts.clone()
    c.requested = cloneResource(this.requested)
    c.nonZeroCPU = this.nonZeroCPU
    c.nonZeroMemory = this.nonZeroMemory
    c.generation = this.generation
    return c
  }
}

function removeFrom(list: PodInfo[], key: string): void {
  const i = list.findIndex((p) => p.key === key)
  if (i >= 0) list.splice(i, 1)
}
