// InterPodAffinity (PreFilter, Filter, PreScore, Score): required pod (anti-)affinity of the incoming pod and
// existing pods' required anti-affinity filter nodes; preferred terms (both directions) and existing pods'
// required affinity (hardPodAffinityWeight) score them (interpodaffinity/filtering.go, scoring.go).
import type {KubeObject} from '../../../api/types.js'
import type {CycleState, StateData} from '../../framework/cycle-state.js'
import type {FilterPlugin, Handle, PreFilterPlugin, PreScorePlugin, ScorePlugin} from '../../framework/interfaces.js'
import {NOTHING} from '../../framework/labels.js'
import type {NodeInfo} from '../../framework/node-info.js'
import {affinityTermMatches, type AffinityTerm, type PodInfo, type WeightedAffinityTerm} from '../../framework/pod-info.js'
import {Status} from '../../framework/status.js'

export const NAME = 'InterPodAffinity'
export const ERR_REASON_AFFINITY = "node(s) didn't match pod affinity rules"
export const ERR_REASON_ANTI_AFFINITY = "node(s) didn't match pod anti-affinity rules"
export const ERR_REASON_EXISTING_ANTI_AFFINITY = "node(s) didn't satisfy existing pods anti-affinity rules"
const PREFILTER_KEY = 'PreFilter' + NAME
const PRESCORE_KEY = 'PreScore' + NAME

export interface InterPodAffinityArgs {
  hardPodAffinityWeight?: number
  ignorePreferredTermsOfExistingPods?: boolean
}

type Counts = Map<string, number> // `${key}\0${value}` → count

class PreFilterState implements StateData {
  constructor(
    public requiredAffinityTerms: AffinityTerm[],
    public requiredAntiAffinityTerms: AffinityTerm[],
    public existingAntiAffinityCounts: Counts,
    public affinityCounts: Counts,
    public antiAffinityCounts: Counts,
    public namespaceLabels: Record<string, string>,
  ) {}

  clone(): PreFilterState {
    return new PreFilterState(
      this.requiredAffinityTerms,
      this.requiredAntiAffinityTerms,
      new Map(this.existingAntiAffinityCounts),
      new Map(this.affinityCounts),
      new Map(this.antiAffinityCounts),
      this.namespaceLabels,
    )
  }
}

function bump(m: Counts, node: NodeInfo, key: string, delta: number): void {
  const v = node.labels[key]
  if (v === undefined) return
  const pair = key + '\0' + v
  const n = (m.get(pair) ?? 0) + delta
  if (n === 0) m.delete(pair)
  else m.set(pair, n)
}

function podMatchesAllAffinityTerms(terms: AffinityTerm[], pod: KubeObject): boolean {
  if (terms.length === 0) return false
  for (const t of terms) if (!affinityTermMatches(t, pod, undefined)) return false
  return true
}

export function newInterPodAffinity(args: InterPodAffinityArgs = {}, handle: Handle): PreFilterPlugin & FilterPlugin & PreScorePlugin & ScorePlugin {
  const hardWeight = args.hardPodAffinityWeight ?? 1
  const ignorePreferredOfExisting = !!args.ignorePreferredTermsOfExistingPods

  /** mergeAffinityTermNamespacesIfNotEmpty: a non-empty namespaceSelector becomes the namespaces it selects */
  function mergeNamespaces<T extends AffinityTerm>(t: T): T {
    if (t.nsSelector.empty || t.nsSelector.nothing) return t
    const namespaces = new Set(t.namespaces)
    for (const ns of handle.store.list('/Namespace')) {
      if (t.nsSelector.matches(ns.metadata.labels ?? {})) namespaces.add(ns.metadata.name ?? '')
    }
    return {...t, namespaces, nsSelector: NOTHING}
  }

  function updateIncoming(s: PreFilterState, existing: PodInfo, node: NodeInfo, delta: number): void {
    if (podMatchesAllAffinityTerms(s.requiredAffinityTerms, existing.pod)) {
      for (const t of s.requiredAffinityTerms) bump(s.affinityCounts, node, t.topologyKey, delta)
    }
    for (const t of s.requiredAntiAffinityTerms) {
      if (affinityTermMatches(t, existing.pod, undefined)) bump(s.antiAffinityCounts, node, t.topologyKey, delta)
    }
  }

  function updateExisting(s: PreFilterState, pod: PodInfo, existing: PodInfo, node: NodeInfo, delta: number): void {
    for (const t of existing.requiredAntiAffinityTerms) {
      if (node.labels[t.topologyKey] !== undefined && affinityTermMatches(t, pod.pod, s.namespaceLabels)) {
        bump(s.existingAntiAffinityCounts, node, t.topologyKey, delta)
      }
    }
  }

  function updateWithPod(state: CycleState, pod: PodInfo, other: PodInfo, node: NodeInfo, delta: number): void {
    const s = state.read<PreFilterState>(PREFILTER_KEY)
    if (!s) return
    updateExisting(s, pod, other, node, delta)
    updateIncoming(s, other, node, delta)
  }

  return {
    name: NAME,
    preFilter(state, pod) {
      const required = pod.requiredAffinityTerms.map(mergeNamespaces)
      const requiredAnti = pod.requiredAntiAffinityTerms.map(mergeNamespaces)
      const nsLabels = handle.namespaceLabels(pod.namespace)
      const s = new PreFilterState(required, requiredAnti, new Map(), new Map(), new Map(), nsLabels)
      for (const node of handle.cache.havePodsWithRequiredAntiAffinityList()) {
        for (const existing of node.podsWithRequiredAntiAffinity) updateExisting(s, pod, existing, node, 1)
      }
      if (required.length > 0 || requiredAnti.length > 0) {
        for (const node of handle.cache.list()) for (const existing of node.pods) updateIncoming(s, existing, node, 1)
      }
      if (s.existingAntiAffinityCounts.size === 0 && required.length === 0 && requiredAnti.length === 0) {
        return {status: Status.skip()}
      }
      state.write(PREFILTER_KEY, s)
      return {status: null}
    },
    addPod(state, pod, added, node) {
      updateWithPod(state, pod, added, node, 1)
    },
    removePod(state, pod, removed, node) {
      updateWithPod(state, pod, removed, node, -1)
    },
    filter(state, _pod, node) {
      const s = state.read<PreFilterState>(PREFILTER_KEY)
      if (!s) return null
      // satisfyPodAffinity
      let podsExist = true
      for (const t of s.requiredAffinityTerms) {
        const v = node.labels[t.topologyKey]
        if (v === undefined) return Status.unresolvable(ERR_REASON_AFFINITY)
        if ((s.affinityCounts.get(t.topologyKey + '\0' + v) ?? 0) <= 0) podsExist = false
      }
      if (!podsExist) {
        if (!(s.affinityCounts.size === 0 && podMatchesAllAffinityTerms(s.requiredAffinityTerms, _pod.pod))) {
          return Status.unresolvable(ERR_REASON_AFFINITY)
        }
      }
      // satisfyPodAntiAffinity
      if (s.antiAffinityCounts.size > 0) {
        for (const t of s.requiredAntiAffinityTerms) {
          const v = node.labels[t.topologyKey]
          if (v !== undefined && (s.antiAffinityCounts.get(t.topologyKey + '\0' + v) ?? 0) > 0) {
            return Status.unschedulable(ERR_REASON_ANTI_AFFINITY)
          }
        }
      }
      // satisfyExistingPodsAntiAffinity
      if (s.existingAntiAffinityCounts.size > 0) {
        for (const [k, v] of Object.entries(node.labels)) {
          if ((s.existingAntiAffinityCounts.get(k + '\0' + v) ?? 0) > 0) return Status.unschedulable(ERR_REASON_EXISTING_ANTI_AFFINITY)
        }
      }
      return null
    },
    preScore(state, pod, nodes) {
      if (nodes.length === 0) return null
      const hasConstraints = pod.preferredAffinityTerms.length > 0 || pod.preferredAntiAffinityTerms.length > 0
      if (ignorePreferredOfExisting && !hasConstraints) return Status.skip()
      const all = hasConstraints ? handle.cache.list() : handle.cache.havePodsWithAffinityList()
      const prefAff = pod.preferredAffinityTerms.map(mergeNamespaces)
      const prefAnti = pod.preferredAntiAffinityTerms.map(mergeNamespaces)
      const nsLabels = handle.namespaceLabels(pod.namespace)
      const topologyScore = new Map<string, Map<string, number>>()
      const add = (t: AffinityTerm, weight: number, target: KubeObject, ns: Record<string, string> | undefined, node: NodeInfo, mult: number) => {
        if (!affinityTermMatches(t, target, ns)) return
        const v = node.labels[t.topologyKey]
        if (v === undefined) return
        let m = topologyScore.get(t.topologyKey)
        if (!m) topologyScore.set(t.topologyKey, (m = new Map()))
        m.set(v, (m.get(v) ?? 0) + weight * mult)
      }
      const addTerms = (ts: WeightedAffinityTerm[], target: KubeObject, ns: Record<string, string> | undefined, node: NodeInfo, mult: number) => {
        for (const t of ts) add(t, t.weight, target, ns, node, mult)
      }
      for (const node of all) {
        if (Object.keys(node.labels).length === 0) continue
        const pods = hasConstraints ? node.pods : node.podsWithAffinity
        for (const existing of pods) {
          addTerms(prefAff, existing.pod, undefined, node, 1)
          addTerms(prefAnti, existing.pod, undefined, node, -1)
          if (hardWeight > 0) for (const t of existing.requiredAffinityTerms) add(t, hardWeight, pod.pod, nsLabels, node, 1)
          addTerms(existing.preferredAffinityTerms, pod.pod, nsLabels, node, 1)
          addTerms(existing.preferredAntiAffinityTerms, pod.pod, nsLabels, node, -1)
        }
      }
      // entries that summed to zero still count as present in Go only when non-empty maps were appended
      if (topologyScore.size === 0) return Status.skip()
      state.write(PRESCORE_KEY, topologyScore)
      return null
    },
    score(state, _pod, node) {
      const ts = state.read<Map<string, Map<string, number>>>(PRESCORE_KEY)
      if (!ts) return 0
      let score = 0
      for (const [k, values] of ts) {
        const v = node.labels[k]
        if (v !== undefined) score += values.get(v) ?? 0
      }
      return score
    },
    normalizeScore(state, _pod, scores) {
      const ts = state.read<Map<string, Map<string, number>>>(PRESCORE_KEY)
      if (!ts || ts.size === 0) return
      let min = Number.MAX_SAFE_INTEGER
      let max = Number.MIN_SAFE_INTEGER
      for (const s of scores) {
        if (s.score > max) max = s.score
        if (s.score < min) min = s.score
      }
      const diff = max - min
      for (const s of scores) s.score = diff > 0 ? Math.trunc(100 * ((s.score - min) / diff)) : 0
    },
  }
}
