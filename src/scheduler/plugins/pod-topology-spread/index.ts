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

interface CountIndex {
  listVersion: number
  gens: Int32Array
  counts: Int32Array
  selector: Selector
  ns: string
  /** `${topologyKey}|${required keys}` → matching pods per topology value over nodes having all required keys */
  domains: Map<string, {seq: number; included: Int32Array; totals: Map<string, number>}>
}

interface PreScoreState {
  constraints: Constraint[]
  ignoredNodes: Set<string>
  /** per constraint: topology value → count */
  topologyValueToPodCounts: Array<Map<string, number>>
  normalizingWeight: number[]
  indexes: Array<CountIndex | undefined>
}

export function newPodTopologySpread(args: PodTopologySpreadArgs = {}, handle: Handle): PreFilterPlugin & FilterPlugin & PreScorePlugin & ScorePlugin {
  const systemDefaulted = (args.defaultingType ?? 'System') === 'System'
  const defaults = systemDefaulted ? SYSTEM_DEFAULT_CONSTRAINTS : (args.defaultConstraints ?? [])
  const store: ObjectStore = handle.store
  // Matching-pod counts per node, per (namespace, selector), kept across cycles: a node is recounted only when its
  // pods changed (NodeInfo.generation), so a cycle costs an array read per node instead of a scan of its pods.
  const indexes = new Map<string, CountIndex>()
  const selectorKeys = new WeakMap<Selector, [string, CountIndex]>()

  function countIndex(selector: Selector, ns: string): CountIndex {
    const cached = selectorKeys.get(selector)
    const n = handle.cache.numNodes()
    if (cached && cached[1].listVersion === handle.cache.listVersion && cached[0] === ns) return cached[1]
    const key = ns + '|' + JSON.stringify(selector.requirements) + (selector.nothing ? '!' : '')
    let ci = indexes.get(key)
    if (!ci || ci.listVersion !== handle.cache.listVersion) {
      if (indexes.size > 4096) indexes.clear()
      ci = {listVersion: handle.cache.listVersion, gens: new Int32Array(n).fill(-1), counts: new Int32Array(n), selector, ns, domains: new Map()}
      indexes.set(key, ci)
    }
    selectorKeys.set(selector, [ns, ci])
    return ci
  }

  /**
   * Σ matching pods per value of `key` over the nodes having every key of `required` (all nodes count: the caller
   * made sure inclusion policies exclude none). Kept up to date from the cache's change log, so a cycle costs
   * the nodes that changed since the last one, not every node.
   */
  function domainTotals(ci: CountIndex, key: string, required: string[]): Map<string, number> {
    const dk = key + '|' + required.join(',')
    const nodes = handle.cache.list()
    // the usual case requires only `key` itself, which the value check below covers
    const hasAll = required.length === 1 && required[0] === key ? () => true : (n: NodeInfo) => required.every((k) => k in n.labels)
    let d = ci.domains.get(dk)
    // catch up with the nodes changed since the last call, read in place from the cache's log
    const cur = d
    const caughtUp =
      cur !== undefined &&
      handle.cache.visitChangesSince(cur.seq, (n) => {
        const i = n.clusterIndex
        if (i < 0 || i >= cur.included.length) return
        const v = n.labels[key]
        if (v === undefined || !hasAll(n)) return
        const c = count(n, ci.selector, ci.ns, ci)
        const delta = c - cur.included[i]
        if (delta !== 0) {
          cur.included[i] = c
          cur.totals.set(v, (cur.totals.get(v) ?? 0) + delta)
        }
      })
    if (!d || !caughtUp) {
      d = {seq: handle.cache.changeSeq, included: new Int32Array(nodes.length), totals: new Map()}
      for (const n of nodes) {
        const v = n.labels[key]
        if (v === undefined || !hasAll(n)) continue
        const c = count(n, ci.selector, ci.ns, ci)
        d.included[n.clusterIndex] = c
        d.totals.set(v, (d.totals.get(v) ?? 0) + c)
      }
      ci.domains.set(dk, d)
      return d.totals
    }
    d.seq = handle.cache.changeSeq
    return d.totals
  }

  function count(node: NodeInfo, selector: Selector, ns: string, index?: CountIndex): number {
    if (selector.empty) return 0
    const ci = index ?? countIndex(selector, ns)
    const i = node.clusterIndex
    if (i < 0 || i >= ci.gens.length) return countPodsMatchSelector(node.pods, selector, ns)
    if (ci.gens[i] === node.generation) return ci.counts[i]
    const c = countPodsMatchSelector(node.pods, selector, ns)
    ci.gens[i] = node.generation
    ci.counts[i] = c
    return c
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

  function buildDefaultConstraints(pod: PodInfo, action: string): Constraint[] {
    const cs = filterConstraints(defaults, pod.labels, action)
    if (cs.length === 0) return []
    const sel = defaultSelector(pod.pod, store, servicesIn)
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
        indexes: [],
      }
      const topoSize = constraints.map(() => 0)
      const domainKeys: Array<[number, string]> = []
      constraints.forEach((c, i) => {
        if (c.topologyKey !== HOSTNAME) domainKeys.push([i, c.topologyKey])
      })
      for (const node of filteredNodes) {
        if (requireAll && !nodeLabelsMatchSpreadConstraints(node.labels, constraints)) {
          s.ignoredNodes.add(node.name)
          continue
        }
        for (let k = 0; k < domainKeys.length; k++) {
          const [i, key] = domainKeys[k]
          const v = node.labels[key]
          if (v === undefined) continue
          const m = s.topologyValueToPodCounts[i]
          if (!m.has(v)) {
            m.set(v, 0)
            topoSize[i]++
          }
        }
      }
      s.normalizingWeight = constraints.map((c, i) => {
        const sz = c.topologyKey === HOSTNAME ? filteredNodes.length - s.ignoredNodes.size : topoSize[i]
        return Math.log(sz + 2)
      })
      s.indexes = constraints.map((c) => (c.selector.empty ? undefined : countIndex(c.selector, pod.namespace)))
      const inclusion = inclusionChecker(pod)
      const trivial = constraints.every((c) => inclusion.trivial(c))
      const required = requireAll ? [...new Set(constraints.map((c) => c.topologyKey))].sort() : []
      if (trivial) {
        // every node counts: take the domain totals, kept incrementally
        constraints.forEach((c, i) => {
          if (c.topologyKey === HOSTNAME) return
          const counts = s.topologyValueToPodCounts[i]
          const ci = s.indexes[i]
          if (!ci) return
          const totals = domainTotals(ci, c.topologyKey, required.length > 0 ? required : [c.topologyKey])
          for (const v of counts.keys()) counts.set(v, totals.get(v) ?? 0)
        })
      } else {
        for (const node of all) {
          if (requireAll && !nodeLabelsMatchSpreadConstraints(node.labels, constraints)) continue
          for (let i = 0; i < constraints.length; i++) {
            const c = constraints[i]
            if (c.topologyKey === HOSTNAME) continue // per-node counts are taken in Score
            const v = node.labels[c.topologyKey]
            if (v === undefined) continue
            const counts = s.topologyValueToPodCounts[i]
            const cur = counts.get(v)
            if (cur === undefined) continue
            if (!inclusion(c, node)) continue
            counts.set(v, cur + count(node, c.selector, pod.namespace, s.indexes[i]))
          }
        }
      }
      state.write(PRESCORE_KEY, s)
      return null
    },
    score(state, pod, node) {
      const s = state.read<PreScoreState>(PRESCORE_KEY)
      if (!s || s.ignoredNodes.has(node.name)) return 0
      let score = 0
      const cs = s.constraints
      for (let i = 0; i < cs.length; i++) {
        const c = cs[i]
        const v = node.labels[c.topologyKey]
        if (v === undefined) continue
        const cnt = c.topologyKey === HOSTNAME ? count(node, c.selector, pod.namespace, s.indexes[i]) : (s.topologyValueToPodCounts[i].get(v) ?? 0)
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

/** math.Round: half away from zero */
function goRound(x: number): number {
  return x < 0 ? -Math.round(-x) : Math.round(x)
}
