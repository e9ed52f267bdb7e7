// PodTopologySpread (PreFilter, Filter, PreScore, Score): DoNotSchedule constraints filter by skew;
// ScheduleAnyway constraints (or the system defaults) score (filtering.go, scoring.go).
import type {ObjectStore} from '../../../api/store/store.js'
import type {KubeObject} from '../../../api/types.js'
import type {CycleState, StateData} from '../../framework/cycle-state.js'
import type {FilterPlugin, Handle, PreFilterPlugin, PreScorePlugin, ScorePlugin} from '../../framework/interfaces.js'
import type {NodeInfo} from '../../framework/node-info.js'
import type {PodInfo} from '../../framework/pod-info.js'
import type {Selector} from '../../framework/labels.js'
import {Status} from '../../framework/status.js'
import {SelectorCounts, SpreadCounts, TopologyDomains} from './counts.js'
import {
  type Constraint,
  countPodsMatchSelector,
  defaultSelectorFrom,
  filterConstraints,
  matchNodeInclusionPolicies,
  nodeLabelsMatchSpreadConstraints,
  selectorController,
  servicesSelecting,
  SYSTEM_DEFAULT_CONSTRAINTS,
} from './common.js'

export const NAME = 'PodTopologySpread'
export const ERR_REASON_CONSTRAINTS_NOT_MATCH = "node(s) didn't match pod topology spread constraints"
export const ERR_REASON_NODE_LABEL_NOT_MATCH = ERR_REASON_CONSTRAINTS_NOT_MATCH + ' (missing required label)'
const PREFILTER_KEY = 'PreFilter' + NAME
const PRESCORE_KEY = 'PreScore' + NAME
const HOSTNAME = 'kubernetes.io/hostname'

export interface PodTopologySpreadArgs {
  defaultConstraints?: any[]
  defaultingType?: 'System' | 'List'
}

class PreFilterState implements StateData {
  constructor(
    public constraints: Constraint[],
    /** `${key}\0${value}` → matching pods */
    public tpPairToMatchNum: Map<string, number>,
  ) {}

  /** key → [global minimum, number of domains], computed lazily; cleared when counts change */
  private mins = new Map<string, [number, number]>()

  clone(): PreFilterState {
    return new PreFilterState(this.constraints, new Map(this.tpPairToMatchNum))
  }

  add(pair: string, delta: number): void {
    this.tpPairToMatchNum.set(pair, (this.tpPairToMatchNum.get(pair) ?? 0) + delta)
    this.mins.clear()
  }

  /** the global minimum over the key's domains, 0 when there are fewer domains than minDomains */
  minMatchNum(key: string, minDomains: number): number {
    let m = this.mins.get(key)
    if (!m) {
      let min = 0x7fffffff
      let domains = 0
      const prefix = key + '\0'
      for (const [pair, n] of this.tpPairToMatchNum) {
        if (!pair.startsWith(prefix)) continue
        domains++
        if (n < min) min = n
      }
      m = [min, domains]
      this.mins.set(key, m)
    }
    return m[1] < minDomains ? 0 : m[0]
  }
}

interface PreScoreState {
  constraints: Constraint[]
  ignoredNodes: Set<string>
  /** per constraint: its topology key's domains (every node's domain id) */
  domains: TopologyDomains[]
  /** per constraint but the hostname ones: domain id → matching pods, for the domains of the filtered nodes */
  topologyValueToPodCounts: number[][]
  normalizingWeight: number[]
  indexes: Array<SelectorCounts | undefined>
}

export function newPodTopologySpread(args: PodTopologySpreadArgs = {}, handle: Handle): PreFilterPlugin & FilterPlugin & PreScorePlugin & ScorePlugin {
  const systemDefaulted = (args.defaultingType ?? 'System') === 'System'
  const defaults = systemDefaulted ? SYSTEM_DEFAULT_CONSTRAINTS : (args.defaultConstraints ?? [])
  const store: ObjectStore = handle.store
  // Matching-pod counts per node and per domain, per (namespace, selector), kept current as pods come and go
  const spreadCounts = new SpreadCounts(handle.cache)

  function countIndex(selector: Selector, ns: string): SelectorCounts {
    return spreadCounts.index(selector, ns)
  }

  /** countPodsMatchSelector over the node's pods, read from the index when the node is one of the cache's */
  function count(node: NodeInfo, selector: Selector, ns: string, index?: SelectorCounts): number {
    if (selector.empty) return 0
    const c = (index ?? countIndex(selector, ns)).countOn(node)
    return c !== undefined ? c : countPodsMatchSelector(node.pods, selector, ns)
  }

  /** matchNodeInclusionPolicies, with the common cases (no required node affinity, taints ignored) short-cut */
  function inclusionChecker(pod: PodInfo): ((c: Constraint, node: NodeInfo) => boolean) & {trivial(c: Constraint): boolean} {
    const spec = pod.pod.spec ?? {}
    const hasRequired = !!spec.nodeSelector || !!spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution
    const trivial = (c: Constraint) => c.nodeTaintsPolicy !== 'Honor' && (c.nodeAffinityPolicy !== 'Honor' || !hasRequired)
    const check = (c: Constraint, node: NodeInfo) => trivial(c) || matchNodeInclusionPolicies(c, pod, node)
    return Object.assign(check, {trivial})
  }

  // Services by namespace, refreshed when a Service changes (listing the store per pod is costly at scale)
  let services: Map<string, KubeObject[]> | undefined
  store.watch((ev) => {
    if (ev.object.kind === 'Service') services = undefined
  })
  function servicesIn(ns: string): KubeObject[] {
    if (!services) {
      services = new Map()
      for (const svc of store.list('/Service')) {
        const n = svc.metadata.namespace ?? 'default'
        const list = services.get(n)
        if (list) list.push(svc)
        else services.set(n, [svc])
      }
    }
    return services.get(ns) ?? []
  }

  // Pods of one controller (selected by the same Services) share their default selector: kept per controller
  // while its selector and those Services are unchanged, so such pods also share one count index.
  const defaultSelectors = new Map<string, {selecting: KubeObject[]; controllerSelector: string; selector: Selector}>()

  function defaultSelectorOf(pod: PodInfo): Selector {
    const selecting = servicesSelecting(pod.pod, servicesIn(pod.namespace))
    const controller = selectorController(pod.pod, store)
    if (!controller) return defaultSelectorFrom(selecting, undefined)
    // keyed by the controller's uid, a string the object keeps (its hash is computed once), not a key built per cycle
    const key = controller.metadata.uid ?? `${controller.kind}/${pod.namespace}/${controller.metadata.name}`
    const controllerSelector = JSON.stringify(controller.spec?.selector ?? null)
    const known = defaultSelectors.get(key)
    if (known && known.controllerSelector === controllerSelector && sameObjects(known.selecting, selecting)) return known.selector
    const selector = defaultSelectorFrom(selecting, controller)
    if (defaultSelectors.size >= 4096) defaultSelectors.clear()
    defaultSelectors.set(key, {selecting, controllerSelector, selector})
    return selector
  }

  function buildDefaultConstraints(pod: PodInfo, action: string): Constraint[] {
    const cs = filterConstraints(defaults, pod.labels, action)
    if (cs.length === 0) return []
    const sel = defaultSelectorOf(pod)
    if (sel.empty) return []
    return cs.map((c) => ({...c, selector: sel}))
  }

  function constraintsFor(pod: PodInfo, action: string): Constraint[] {
    const own: any[] = pod.pod.spec?.topologySpreadConstraints ?? []
    return own.length > 0 ? filterConstraints(own, pod.labels, action) : buildDefaultConstraints(pod, action)
  }

  function updateWithPod(state: CycleState, pod: PodInfo, other: PodInfo, node: NodeInfo, delta: number): void {
    const s = state.read<PreFilterState>(PREFILTER_KEY)
    if (!s || s.constraints.length === 0) return
    if (other.namespace !== pod.namespace) return
    if (!nodeLabelsMatchSpreadConstraints(node.labels, s.constraints)) return
    for (const c of s.constraints) {
      if (!matchNodeInclusionPolicies(c, pod, node)) continue
      if (!c.selector.matches(other.labels)) continue
      s.add(c.topologyKey + '\0' + node.labels[c.topologyKey], delta)
    }
  }

  let scoringState: CycleState | undefined
  let scoring: PreScoreState | undefined

  return {
    name: NAME,
    preFilter(state, pod) {
      const constraints = constraintsFor(pod, 'DoNotSchedule')
      if (constraints.length === 0) {
        state.write(PREFILTER_KEY, new PreFilterState([], new Map()))
        return {status: Status.skip()}
      }
      const m = new Map<string, number>()
      for (const node of handle.cache.list()) {
        if (!nodeLabelsMatchSpreadConstraints(node.labels, constraints)) continue
        for (const c of constraints) {
          if (!matchNodeInclusionPolicies(c, pod, node)) continue
          const pair = c.topologyKey + '\0' + node.labels[c.topologyKey]
          m.set(pair, (m.get(pair) ?? 0) + count(node, c.selector, pod.namespace))
        }
      }
      state.write(PREFILTER_KEY, new PreFilterState(constraints, m))
      return {status: null}
    },
    addPod(state, pod, added, node) {
      updateWithPod(state, pod, added, node, 1)
    },
    removePod(state, pod, removed, node) {
      updateWithPod(state, pod, removed, node, -1)
    },
    filter(state, pod, node) {
      const s = state.read<PreFilterState>(PREFILTER_KEY)
      if (!s || s.constraints.length === 0) return null
      for (const c of s.constraints) {
        const v = node.labels[c.topologyKey]
        if (v === undefined) return Status.unresolvable(ERR_REASON_NODE_LABEL_NOT_MATCH)
        const minMatch = s.minMatchNum(c.topologyKey, c.minDomains)
        const selfMatch = c.selector.matches(pod.labels) ? 1 : 0
        const matchNum = s.tpPairToMatchNum.get(c.topologyKey + '\0' + v) ?? 0
        if (matchNum + selfMatch - minMatch > c.maxSkew) return Status.unschedulable(ERR_REASON_CONSTRAINTS_NOT_MATCH)
      }
      return null
    },
    preScore(state, pod, filteredNodes) {
      const all = handle.cache.list()
      if (filteredNodes.length === 0 || all.length === 0) return null
      const own: any[] = pod.pod.spec?.topologySpreadConstraints ?? []
      const requireAll = own.length > 0 || !systemDefaulted
      const constraints = constraintsFor(pod, 'ScheduleAnyway')
      if (constraints.length === 0) return Status.skip()
      const domains = constraints.map((c) => spreadCounts.topologyDomains(c.topologyKey))
      const isHostname = constraints.map((c) => c.topologyKey === HOSTNAME)
      const s: PreScoreState = {
        constraints,
        ignoredNodes: new Set(),
        domains,
        topologyValueToPodCounts: constraints.map((_, i) => (isHostname[i] ? [] : new Array<number>(domains[i].values.length).fill(0))),
        normalizingWeight: [],
        indexes: [],
      }
      // per constraint but the hostname ones: whether a domain has a filtered node, and how many do
      const present = constraints.map((_, i) => (isHostname[i] ? [] : new Array<boolean>(domains[i].values.length).fill(false)))
      const topoSize = constraints.map(() => 0)
      const domainKeys: number[] = []
      for (let i = 0; i < constraints.length; i++) if (!isHostname[i]) domainKeys.push(i)
      // once every known domain has a filtered node, later nodes add none (the filtered nodes are the cache's, whose
      // domains are all known): the rest of the list only matters for the nodes to ignore
      const allDomainsPresent = (): boolean => {
        for (const i of domainKeys) if (topoSize[i] < domains[i].values.length) return false
        return true
      }
      let allPresent = allDomainsPresent()
      for (const node of filteredNodes) {
        if (requireAll && !nodeLabelsMatchSpreadConstraints(node.labels, constraints)) {
          s.ignoredNodes.add(node.name)
          continue
        }
        if (allPresent) {
          if (requireAll) continue
          break
        }
        for (const i of domainKeys) {
          const id = domains[i].of(node)
          if (id < 0 || present[i][id]) continue
          present[i][id] = true
          s.topologyValueToPodCounts[i][id] = 0
          topoSize[i]++
        }
        allPresent = allDomainsPresent()
      }
      s.normalizingWeight = constraints.map((_, i) => {
        const sz = isHostname[i] ? filteredNodes.length - s.ignoredNodes.size : topoSize[i]
        return Math.log(sz + 2)
      })
      s.indexes = constraints.map((c) => (c.selector.empty ? undefined : countIndex(c.selector, pod.namespace)))
      const inclusion = inclusionChecker(pod)
      const trivial = constraints.every((c) => inclusion.trivial(c))
      const required = requireAll ? [...new Set(constraints.map((c) => c.topologyKey))].sort() : []
      if (trivial) {
        // every node counts: take the domain totals, kept incrementally
        for (const i of domainKeys) {
          const c = constraints[i]
          const ci = s.indexes[i]
          if (!ci) continue
          const totals = ci.domainTotals(c.topologyKey, required.length > 0 ? required : [c.topologyKey])
          const counts = s.topologyValueToPodCounts[i]
          const values = domains[i].values
          for (let id = 0; id < present[i].length; id++) if (present[i][id]) counts[id] = totals.get(values[id]) ?? 0
        }
      } else {
        for (const node of all) {
          if (requireAll && !nodeLabelsMatchSpreadConstraints(node.labels, constraints)) continue
          for (const i of domainKeys) {
            const c = constraints[i]
            const id = domains[i].of(node)
            if (id < 0 || !present[i][id]) continue
            if (!inclusion(c, node)) continue
            s.topologyValueToPodCounts[i][id] += count(node, c.selector, pod.namespace, s.indexes[i])
          }
        }
      }
      state.write(PRESCORE_KEY, s)
      return null
    },
    score(state, pod, node) {
      // the cycle's PreScore state, looked up once per cycle rather than per node
      if (state !== scoringState) {
        scoringState = state
        scoring = state.read<PreScoreState>(PRESCORE_KEY)
      }
      const s = scoring
      if (!s || (s.ignoredNodes.size > 0 && s.ignoredNodes.has(node.name))) return 0
      let score = 0
      const cs = s.constraints
      for (let i = 0; i < cs.length; i++) {
        const c = cs[i]
        const id = s.domains[i].of(node)
        if (id < 0) continue
        const cnt = c.topologyKey === HOSTNAME ? count(node, c.selector, pod.namespace, s.indexes[i]) : (s.topologyValueToPodCounts[i][id] ?? 0)
        score += cnt * s.normalizingWeight[i] + (c.maxSkew - 1)
      }
      return goRound(score)
    },
    normalizeScore(state, _pod, scores) {
      const s = state.read<PreScoreState>(PRESCORE_KEY)
      if (!s) return
      let min = Number.MAX_SAFE_INTEGER
      let max = 0
      const ignored = s.ignoredNodes
      for (const sc of scores) {
        if (ignored.size > 0 && ignored.has(sc.name)) continue
        if (sc.score < min) min = sc.score
        if (sc.score > max) max = sc.score
      }
      for (const sc of scores) {
        if (ignored.size > 0 && ignored.has(sc.name)) sc.score = 0
        else if (max === 0) sc.score = 100
        else sc.score = Math.trunc((100 * (max + min - sc.score)) / max)
      }
    },
  }
}

/** the same objects in the same order */
function sameObjects(a: unknown[], b: unknown[]): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

/** math.Round: half away from zero */
function goRound(x: number): number {
  return x < 0 ? -Math.round(-x) : Math.round(x)
}
