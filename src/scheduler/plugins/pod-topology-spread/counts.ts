// Matching-pod counts for PodTopologySpread, kept across scheduling cycles: per (namespace, selector), the number of
// pods countPodsMatchSelector would count on each node and in each topology domain. The counts are pod-driven: the
// cache reports every assigned (or assumed) pod it adds or removes, and each index whose namespace and selector match
// that pod is updated at once, so a cycle only reads them. Changes to the node list or to node labels (the cache's
// listVersion) drop every index; they are rebuilt on demand from the assigned pods indexed by label.
import type {SchedulerCache} from '../../framework/cache.js'
import type {Selector} from '../../framework/labels.js'
import type {NodeInfo} from '../../framework/node-info.js'
import type {PodInfo} from '../../framework/pod-info.js'

/** more live indexes than this (selectors of long-gone owners pile up) and they are all dropped */
const MAX_INDEXES = 4096

/** Σ matching pods per value of `key` over the nodes that have every label key of `required` */
interface DomainTotals {
  key: string
  required: string[]
  totals: Map<string, number>
}

/** The counts of one (namespace, selector). */
export class SelectorCounts {
  /** matching pods per node, by the node's cluster index */
  readonly perNode: Int32Array
  private domains = new Map<string, DomainTotals>()

  constructor(
    readonly ns: string,
    readonly selector: Selector,
    private readonly nodes: NodeInfo[],
  ) {
    this.perNode = new Int32Array(nodes.length)
  }

  /** The node's count, or undefined when the node is not one of the cache's nodes (a copy, a node being removed). */
  countOn(node: NodeInfo): number | undefined {
    const i = node.clusterIndex
    return i >= 0 && i < this.perNode.length && this.nodes[i] === node ? this.perNode[i] : undefined
  }

  /** Σ matching pods per value of `key` over the nodes having every key of `required` (`key` among them). */
  domainTotals(key: string, required: string[]): Map<string, number> {
    const dk = required.length === 1 && required[0] === key ? key : key + '|' + required.join(',')
    let d = this.domains.get(dk)
    if (!d) {
      d = {key, required, totals: new Map()}
      const counts = this.perNode
      for (let i = 0; i < counts.length; i++) if (counts[i] !== 0) addToDomain(d, this.nodes[i], counts[i])
      this.domains.set(dk, d)
    }
    return d.totals
  }

  /** a matching pod was added to (+1) or removed from (-1) the node */
  apply(node: NodeInfo, delta: number): void {
    const i = node.clusterIndex
    if (i < 0 || i >= this.perNode.length || this.nodes[i] !== node) return
    this.perNode[i] += delta
    for (const d of this.domains.values()) addToDomain(d, node, delta)
  }
}

function addToDomain(d: DomainTotals, node: NodeInfo, delta: number): void {
  const v = node.labels[d.key]
  if (v === undefined) return
  for (const k of d.required) if (!(k in node.labels)) return
  d.totals.set(v, (d.totals.get(v) ?? 0) + delta)
}

/** The domains of a topology key: the values nodes have for it, numbered, and each node's by cluster index. */
export class TopologyDomains {
  /** per node, by cluster index: its domain's id, -1 when it lacks the label */
  readonly ids: Int32Array
  /** domain id → topology value */
  readonly values: string[] = []
  private idByValue = new Map<string, number>()

  constructor(
    readonly key: string,
    private readonly nodes: NodeInfo[],
  ) {
    this.ids = new Int32Array(nodes.length)
    for (let i = 0; i < nodes.length; i++) {
      const v = nodes[i].labels[key]
      this.ids[i] = v === undefined ? -1 : this.idOf(v)
    }
  }

  /** the id of a topology value (numbered on first sight) */
  idOf(value: string): number {
    let id = this.idByValue.get(value)
    if (id === undefined) {
      id = this.values.length
      this.values.push(value)
      this.idByValue.set(value, id)
    }
    return id
  }

  /** the node's domain id, -1 when it lacks the label (a node outside the cache is looked up by its label) */
  of(node: NodeInfo): number {
    const i = node.clusterIndex
    if (i >= 0 && i < this.ids.length && this.nodes[i] === node) return this.ids[i]
    const v = node.labels[this.key]
    return v === undefined ? -1 : this.idOf(v)
  }
}

/** label key → label value → T */
type ByLabel<T> = Map<string, Map<string, T>>

function labelBucket<T>(m: ByLabel<T>, key: string, value: string, make: () => T): T {
  let byValue = m.get(key)
  if (!byValue) m.set(key, (byValue = new Map()))
  let b = byValue.get(value)
  if (b === undefined) byValue.set(value, (b = make()))
  return b
}

/** The first `In` requirement: a pod can only match when it has one of its values for that key. */
function bucketRequirement(selector: Selector): {key: string; values: string[]} | undefined {
  for (const r of selector.requirements) if (r.op === 'In') return r
  return undefined
}

export class SpreadCounts {
  /** assigned, non-terminating pods (the only ones countPodsMatchSelector counts) per namespace, with their node */
  private podsByNs = new Map<string, Map<PodInfo, NodeInfo>>()
  /** the same pods per namespace by label pair */
  private podsByLabel = new Map<string, ByLabel<Set<PodInfo>>>()

  private listVersion: number
  private indexes = new Map<string, SelectorCounts>()
  private bySelector = new WeakMap<Selector, SelectorCounts>()
  /** per namespace: indexes by their selector's bucketRequirement pair, to find the ones a pod may match */
  private bucketed = new Map<string, ByLabel<SelectorCounts[]>>()
  /** per namespace: indexes whose selector has no `In` requirement (checked against every pod) */
  private unbucketed = new Map<string, SelectorCounts[]>()
  /** per topology key: its domains */
  private domainsByKey = new Map<string, TopologyDomains>()

  constructor(private readonly cache: SchedulerCache) {
    this.listVersion = cache.listVersion
    cache.forEachPod((node, pod) => this.onPodChange(node, pod, 1))
    cache.onPodChange((node, pod, delta) => this.onPodChange(node, pod, delta))
  }

  /** The counts of the pods in `ns` matching `selector` (which must not be empty). */
  index(selector: Selector, ns: string): SelectorCounts {
    this.dropIfNodesChanged()
    // bySelector only holds live indexes (it is replaced when they are dropped)
    const known = this.bySelector.get(selector)
    if (known && known.ns === ns) return known
    const key = indexKey(selector, ns)
    let ci = this.indexes.get(key)
    if (!ci) {
      if (this.indexes.size >= MAX_INDEXES) this.dropIndexes()
      ci = this.build(selector, ns)
      this.indexes.set(key, ci)
    }
    this.bySelector.set(selector, ci)
    return ci
  }

  /** The domains of a topology key, with each node's (read in a cycle's per-node loops instead of node labels). */
  topologyDomains(key: string): TopologyDomains {
    this.dropIfNodesChanged()
    let d = this.domainsByKey.get(key)
    if (!d) this.domainsByKey.set(key, (d = new TopologyDomains(key, this.cache.list())))
    return d
  }

  /** A new index: counted from the assigned pods that may match, then registered to follow pod changes. */
  private build(selector: Selector, ns: string): SelectorCounts {
    const ci = new SelectorCounts(ns, selector, this.cache.list())
    if (selector.nothing) return ci // matches no pod, ever
    const nodeOf = this.podsByNs.get(ns)
    const req = bucketRequirement(selector)
    if (!req) {
      if (nodeOf) for (const [pod, node] of nodeOf) if (selector.matches(pod.labels)) ci.apply(node, 1)
      const list = this.unbucketed.get(ns)
      if (list) list.push(ci)
      else this.unbucketed.set(ns, [ci])
      return ci
    }
    let buckets = this.bucketed.get(ns)
    if (!buckets) this.bucketed.set(ns, (buckets = new Map()))
    for (const v of new Set(req.values)) {
      const candidates = this.podsByLabel.get(ns)?.get(req.key)?.get(v)
      if (candidates) for (const pod of candidates) if (selector.matches(pod.labels)) ci.apply(nodeOf!.get(pod)!, 1)
      labelBucket(buckets, req.key, v, () => [] as SelectorCounts[]).push(ci)
    }
    return ci
  }

  private onPodChange(node: NodeInfo, pod: PodInfo, delta: number): void {
    if (pod.terminating) return
    this.trackPod(node, pod, delta)
    this.dropIfNodesChanged()
    const ns = pod.namespace
    const labels = pod.labels
    const buckets = this.bucketed.get(ns)
    if (buckets && labels) {
      for (const k in labels) {
        const indexes: SelectorCounts[] | undefined = buckets.get(k)?.get(labels[k])
        if (indexes) for (const ci of indexes) if (ci.selector.matches(labels)) ci.apply(node, delta)
      }
    }
    const rest = this.unbucketed.get(ns)
    if (rest) for (const ci of rest) if (ci.selector.matches(labels)) ci.apply(node, delta)
  }

  private trackPod(node: NodeInfo, pod: PodInfo, delta: number): void {
    const ns = pod.namespace
    let nodeOf = this.podsByNs.get(ns)
    if (!nodeOf) this.podsByNs.set(ns, (nodeOf = new Map()))
    let byLabel = this.podsByLabel.get(ns)
    if (!byLabel) this.podsByLabel.set(ns, (byLabel = new Map()))
    const labels = pod.labels ?? {}
    if (delta > 0) {
      nodeOf.set(pod, node)
      for (const k in labels) labelBucket(byLabel, k, labels[k], () => new Set<PodInfo>()).add(pod)
    } else {
      nodeOf.delete(pod)
      for (const k in labels) {
        const byValue = byLabel.get(k)
        const set = byValue?.get(labels[k])
        if (!set) continue
        set.delete(pod)
        if (set.size === 0) byValue!.delete(labels[k])
        if (byValue!.size === 0) byLabel.delete(k)
      }
    }
  }

  /** per-node counts are by cluster index and domains by node labels: a node added, removed or relabelled voids them */
  private dropIfNodesChanged(): void {
    if (this.listVersion === this.cache.listVersion) return
    this.listVersion = this.cache.listVersion
    this.dropIndexes()
  }

  private dropIndexes(): void {
    this.domainsByKey.clear()
    this.indexes.clear()
    this.bySelector = new WeakMap()
    this.bucketed.clear()
    this.unbucketed.clear()
  }
}

function indexKey(selector: Selector, ns: string): string {
  return ns + '|' + JSON.stringify(selector.requirements) + (selector.nothing ? '!' : '')
}
