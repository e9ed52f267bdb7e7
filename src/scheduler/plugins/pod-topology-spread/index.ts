// PodTopologySpread (PreFilter, Filter, PreScore, Score): DoNotSchedule constraints filter by skew;
// ScheduleAnyway constraints (or the system defaults) score (filtering.go, scoring.go).
import type {ObjectStore} from '../../../api/store/store.js'
import type {CycleState, StateData} from '../../framework/cycle-state.js'
import type {FilterPlugin, Handle, PreFilterPlugin, PreScorePlugin, ScorePlugin} from '../../framework/interfaces.js'
import type {NodeInfo} from '../../framework/node-info.js'
import type {PodInfo} from '../../framework/pod-info.js'
import type {Selector} from '../../framework/labels.js'
import {Status} from '../../framework/status.js'
import {
  type Constraint,
  countPodsMatchSelector,
  defaultSelector,
  filterConstraints,
  matchNodeInclusionPolicies,
  nodeLabelsMatchSpreadConstraints,
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

  clone(): PreFilterState {
    return new PreFilterState(this.constraints, new Map(this.tpPairToMatchNum))
  }

  /** the global minimum over the key's domains, 0 when there are fewer domains than minDomains */
  minMatchNum(key: string, minDomains: number): number {
    let min = 0x7fffffff
    let domains = 0
    const prefix = key + '\0'
    for (const [pair, n] of this.tpPairToMatchNum) {
      if (!pair.startsWith(prefix)) continue
      domains++
      if (n < min) min = n
    }
    return domains < minDomains ? 0 : min
  }
}

interface PreScoreState {
  constraints: Constraint[]
  ignoredNodes: Set<string>
  /** per constraint: topology value → count */
  topologyValueToPodCounts: Array<Map<string, number>>
  normalizingWeight: number[]
}

export function newPodTopologySpread(args: PodTopologySpreadArgs = {}, handle: Handle): PreFilterPlugin & FilterPlugin & PreScorePlugin & ScorePlugin {
  const systemDefaulted = (args.defaultingType ?? 'System') === 'System'
  const defaults = systemDefaulted ? SYSTEM_DEFAULT_CONSTRAINTS : (args.defaultConstraints ?? [])
  const store: ObjectStore = handle.store
  // count cache: NodeInfo → selector key → [generation, count]; avoids recounting unchanged nodes every cycle
  const countCache = new WeakMap<NodeInfo, Map<string, [number, number]>>()

  function count(node: NodeInfo, selector: Selector, ns: string): number {
    if (selector.empty) return 0
    const key = ns + '|' + JSON.stringify(selector.requirements) + (selector.nothing ? '!' : '')
    let m = countCache.get(node)
    if (!m) countCache.set(node, (m = new Map()))
    const hit = m.get(key)
    if (hit && hit[0] === node.generation) return hit[1]
    const n = countPodsMatchSelector(node.pods, selector, ns)
    m.set(key, [node.generation, n])
    return n
  }

  function buildDefaultConstraints(pod: PodInfo, action: string): Constraint[] {
    const cs = filterConstraints(defaults, pod.labels, action)
    if (cs.length === 0) return []
    const sel = defaultSelector(pod.pod, store)
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
      const pair = c.topologyKey + '\0' + node.labels[c.topologyKey]
      s.tpPairToMatchNum.set(pair, (s.tpPairToMatchNum.get(pair) ?? 0) + delta)
    }
  }

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
      const s: PreScoreState = {
        constraints,
        ignoredNodes: new Set(),
        topologyValueToPodCounts: constraints.map(() => new Map()),
        normalizingWeight: [],
      }
      const topoSize = constraints.map(() => 0)
      for (const node of filteredNodes) {
        if (requireAll && !nodeLabelsMatchSpreadConstraints(node.labels, constraints)) {
          s.ignoredNodes.add(node.name)
          continue
        }
        constraints.forEach((c, i) => {
          if (c.topologyKey === HOSTNAME) return
          const v = node.labels[c.topologyKey]
          if (v === undefined) return
          if (!s.topologyValueToPodCounts[i].has(v)) {
            s.topologyValueToPodCounts[i].set(v, 0)
            topoSize[i]++
          }
        })
      }
      s.normalizingWeight = constraints.map((c, i) => {
        const sz = c.topologyKey === HOSTNAME ? filteredNodes.length - s.ignoredNodes.size : topoSize[i]
        return Math.log(sz + 2)
      })
      for (const node of all) {
        if (requireAll && !nodeLabelsMatchSpreadConstraints(node.labels, constraints)) continue
        constraints.forEach((c, i) => {
          if (!matchNodeInclusionPolicies(c, pod, node)) return
          const v = node.labels[c.topologyKey]
          if (v === undefined) return
          const counts = s.topologyValueToPodCounts[i]
          const cur = counts.get(v)
          if (cur === undefined) return
          counts.set(v, cur + count(node, c.selector, pod.namespace))
        })
      }
      state.write(PRESCORE_KEY, s)
      return null
    },
    score(state, pod, node) {
      const s = state.read<PreScoreState>(PRESCORE_KEY)
      if (!s || s.ignoredNodes.has(node.name)) return 0
      let score = 0
      s.constraints.forEach((c, i) => {
        const v = node.labels[c.topologyKey]
        if (v === undefined) return
        const cnt = c.topologyKey === HOSTNAME ? count(node, c.selector, pod.namespace) : (s.topologyValueToPodCounts[i].get(v) ?? 0)
        score += cnt * s.normalizingWeight[i] + (c.maxSkew - 1)
      })
      return goRound(score)
    },
    normalizeScore(state, _pod, scores) {
      const s = state.read<PreScoreState>(PRESCORE_KEY)
      if (!s) return
      let min = Number.MAX_SAFE_INTEGER
      let max = 0
      const invalid = new Set<number>()
      scores.forEach((sc, i) => {
        if (s.ignoredNodes.has(sc.name)) {
          invalid.add(i)
          return
        }
        if (sc.score < min) min = sc.score
        if (sc.score > max) max = sc.score
      })
      scores.forEach((sc, i) => {
        if (invalid.has(i)) sc.score = 0
        else if (max === 0) sc.score = 100
        else sc.score = Math.trunc((100 * (max + min - sc.score)) / max)
      })
    },
  }
}

/** math.Round: half away from zero */
function goRound(x: number): number {
  return x < 0 ? -Math.round(-x) : Math.round(x)
}
