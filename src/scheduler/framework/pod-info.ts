// framework.PodInfo: a pod with what the scheduler derives from it once (requests, affinity terms, host ports).
import type {KubeObject} from '../../api/types.js'
import {labelSelectorAsSelector, NOTHING, type Selector} from './labels.js'
import {podNonZeroRequests, podRequests, type Resource} from './resources.js'

export interface AffinityTerm {
  namespaces: Set<string>
  /** labels.Nothing() when the term has no namespaceSelector */
  nsSelector: Selector
  selector: Selector
  topologyKey: string
}

export interface WeightedAffinityTerm extends AffinityTerm {
  weight: number
}

export interface HostPort {
  ip: string
  protocol: string
  port: number
}

/** AffinityTerm.Matches: the pod's namespace is selected and its labels match. */
export function affinityTermMatches(t: AffinityTerm, pod: KubeObject, nsLabels: Record<string, string> | undefined): boolean {
  const ns = pod.metadata.namespace ?? 'default'
  if (t.namespaces.has(ns) || t.nsSelector.matches(nsLabels ?? {})) return t.selector.matches(pod.metadata.labels)
  return false
}

function newAffinityTerm(pod: KubeObject, term: any): AffinityTerm {
  const namespaces = new Set<string>()
  if ((!term.namespaces || term.namespaces.length === 0) && (term.namespaceSelector === undefined || term.namespaceSelector === null)) {
    namespaces.add(pod.metadata.namespace ?? 'default')
  } else {
    for (const n of term.namespaces ?? []) namespaces.add(n)
  }
  return {
    namespaces,
    nsSelector: term.namespaceSelector == null ? NOTHING : labelSelectorAsSelector(term.namespaceSelector),
    selector: labelSelectorAsSelector(term.labelSelector),
    topologyKey: term.topologyKey ?? '',
  }
}

function weighted(pod: KubeObject, terms: any[] | undefined): WeightedAffinityTerm[] {
  return (terms ?? []).map((w) => ({...newAffinityTerm(pod, w.podAffinityTerm ?? {}), weight: w.weight ?? 0}))
}

export class PodInfo {
  readonly key: string // ns/name
  readonly namespace: string
  readonly requests: Resource
  readonly nonZeroCPU: number
  readonly nonZeroMemory: number
  readonly requiredAffinityTerms: AffinityTerm[]
  readonly requiredAntiAffinityTerms: AffinityTerm[]
  readonly preferredAffinityTerms: WeightedAffinityTerm[]
  readonly preferredAntiAffinityTerms: WeightedAffinityTerm[]
  readonly hostPorts: HostPort[]
  /** has pod affinity or anti-affinity (required or preferred) */
  readonly hasAffinity: boolean

  /** `derived`: a PodInfo of an earlier version of the pod whose derived data still holds (see withPod) */
  constructor(
    readonly pod: KubeObject,
    readonly priority: number,
    derived?: PodInfo,
  ) {
    if (derived) {
      this.namespace = derived.namespace
      this.key = derived.key
      this.requests = derived.requests
      this.nonZeroCPU = derived.nonZeroCPU
      this.nonZeroMemory = derived.nonZeroMemory
      this.requiredAffinityTerms = derived.requiredAffinityTerms
      this.requiredAntiAffinityTerms = derived.requiredAntiAffinityTerms
      this.preferredAffinityTerms = derived.preferredAffinityTerms
      this.preferredAntiAffinityTerms = derived.preferredAntiAffinityTerms
      this.hasAffinity = derived.hasAffinity
      this.hostPorts = derived.hostPorts
      return
    }
    this.namespace = pod.metadata.namespace ?? 'default'
    this.key = `${this.namespace}/${pod.metadata.name}`
    this.requests = podRequests(pod)
    const nz = podNonZeroRequests(pod)
    this.nonZeroCPU = nz.milliCPU
    this.nonZeroMemory = nz.memory
    const aff = pod.spec?.affinity
    const pa = aff?.podAffinity
    const paa = aff?.podAntiAffinity
    this.requiredAffinityTerms = (pa?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map((t: any) => newAffinityTerm(pod, t))
    this.requiredAntiAffinityTerms = (paa?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map((t: any) => newAffinityTerm(pod, t))
    this.preferredAffinityTerms = weighted(pod, pa?.preferredDuringSchedulingIgnoredDuringExecution)
    this.preferredAntiAffinityTerms = weighted(pod, paa?.preferredDuringSchedulingIgnoredDuringExecution)
    this.hasAffinity = !!aff && (!!pa || !!paa)
    this.hostPorts = containerHostPorts(pod)
  }

  /** The same derived data for a newer version of the pod whose spec (apart from nodeName) and labels are unchanged. */
  withPod(pod: KubeObject): PodInfo {
    // through the constructor, not Object.create + Object.assign: every PodInfo then has the same hidden class, so
    // the cache's per-pod code (node aggregates, spread counts) stays monomorphic
    return new PodInfo(pod, this.priority, this)
  }

  get labels(): Record<string, string> | undefined {
    return this.pod.metadata.labels
  }

  get terminating(): boolean {
    return !!this.pod.metadata.deletionTimestamp
  }

  /** status.startTime in ms (GetPodStartTime; missing = now, i.e. the latest) */
  startTime(nowMs: number): number {
    const s = this.pod.status?.startTime
    const t = s ? Date.parse(s) : NaN
    return Number.isNaN(t) ? nowMs : t
  }
}

/**
 * Host ports of the pod's regular containers, hostPort > 0 (nodeports getContainerPorts and NodeInfo.updateUsedPorts
 * in v1.32 read pod.spec.containers only; restartable init containers' host ports count from v1.34 / 1.33.x,
 * kubernetes PR #132040).
 */
export function containerHostPorts(pod: KubeObject): HostPort[] {
  const out: HostPort[] = []
  for (const c of pod.spec?.containers ?? []) {
    for (const p of c.ports ?? []) {
      const hp = Number(p.hostPort ?? 0)
      if (hp > 0) out.push({ip: p.hostIP || '0.0.0.0', protocol: p.protocol || 'TCP', port: hp})
    }
  }
  return out
}
