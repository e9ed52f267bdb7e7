// The scheduler cache: one NodeInfo per node, kept up to date from store watch events, in cluster order
// (the order nodes were added). Single-threaded, so the cache is also the cycle's snapshot.
import type {KubeObject} from '../../api/types.js'
import {sameLabels} from './labels.js'
import {NodeInfo} from './node-info.js'
import type {PodInfo} from './pod-info.js'

export class SchedulerCache {
  private byName = new Map<string, NodeInfo>()
  /** nodes in cluster order */
  private nodeList: NodeInfo[] = []
  /** assigned pods: key → node name and PodInfo */
  private podNodes = new Map<string, {nodeName: string; pi: PodInfo}>()
  /**
   * The same pods' names by namespace, for hasPodObject: a pod object's own namespace and name strings are shared by
   * its versions, so V8 has their hashes, whereas a "ns/name" key built per watch event is hashed on every lookup.
   */
  private podNamesByNs = new Map<string, Set<string>>()
  /** image name → number of nodes having it */
  private imageNodes = new Map<string, number>()
  /** image name → its size on each node by cluster index (0: not there); built on first use, kept current */
  private imageSizeIndex = new Map<string, Float64Array>()
  private requiredAntiAffinityPods = 0
  private affinityPods = 0
  /** bumped when the node list or a node's labels change (add/remove/relabel) */
  listVersion = 0
  /** told of every pod added to (+1) or removed from (-1) a node, assumed pods included */
  private podListeners: Array<(node: NodeInfo, pod: PodInfo, delta: 1 | -1) => void> = []

  /** Subscribe to pod changes (indexes kept by plugins); the pods already assigned are in forEachPod. */
  onPodChange(fn: (node: NodeInfo, pod: PodInfo, delta: 1 | -1) => void): void {
    this.podListeners.push(fn)
  }

  /** every assigned (or assumed) pod with its node */
  forEachPod(fn: (node: NodeInfo, pod: PodInfo) => void): void {
    for (const {nodeName, pi} of this.podNodes.values()) fn(this.byName.get(nodeName)!, pi)
  }

  private notify(node: NodeInfo, pod: PodInfo, delta: 1 | -1): void {
    for (const fn of this.podListeners) fn(node, pod, delta)
  }

  list(): NodeInfo[] {
    return this.nodeList
  }

  get(name: string): NodeInfo | undefined {
    const n = this.byName.get(name)
    return n && n.hasNode ? n : undefined
  }

  numNodes(): number {
    return this.nodeList.length
  }

  imageNumNodes(name: string): number {
    return this.imageNodes.get(name) ?? 0
  }

  /**
   * The image's size on each node, by cluster index (0 when the node does not have it): ImageLocality reads one
   * array for a cycle's nodes instead of each node's image map.
   */
  imageSizes(name: string): Float64Array {
    let sizes = this.imageSizeIndex.get(name)
    if (!sizes) {
      if (this.imageSizeIndex.size >= 256) this.imageSizeIndex.clear()
      sizes = new Float64Array(this.nodeList.length)
      for (let i = 0; i < sizes.length; i++) sizes[i] = this.nodeList[i].images.get(name) ?? 0
      this.imageSizeIndex.set(name, sizes)
    }
    return sizes
  }

  /** NodeInfos().HavePodsWithAffinityList() */
  havePodsWithAffinityList(): NodeInfo[] {
    if (this.affinityPods === 0) return []
    return this.nodeList.filter((n) => n.podsWithAffinity.length > 0)
  }

  /** NodeInfos().HavePodsWithRequiredAntiAffinityList() */
  havePodsWithRequiredAntiAffinityList(): NodeInfo[] {
    if (this.requiredAntiAffinityPods === 0) return []
    return this.nodeList.filter((n) => n.podsWithRequiredAntiAffinity.length > 0)
  }

  hasPod(key: string): boolean {
    return this.podNodes.has(key)
  }

  /** hasPod for a pod object (any version of it): looked up by its namespace and name, without building its key */
  hasPodObject(pod: KubeObject): boolean {
    return this.podNamesByNs.get(pod.metadata.namespace ?? 'default')?.has(pod.metadata.name ?? '') ?? false
  }

  podNodeName(key: string): string | undefined {
    return this.podNodes.get(key)?.nodeName
  }

  addNode(node: KubeObject): NodeInfo {
    const name = node.metadata.name ?? ''
    let ni = this.byName.get(name)
    if (ni && ni.hasNode) {
      this.updateNode(node)
      return ni
    }
    if (!ni) {
      ni = new NodeInfo(node)
      this.byName.set(name, ni)
    } else {
      ni.setNode(node) // pods arrived before their node
    }
    ni.clusterIndex = this.nodeList.length
    this.nodeList.push(ni)
    this.countImages(ni, 1)
    this.imageSizeIndex.clear()
    this.listVersion++
    return ni
  }

  updateNode(node: KubeObject): void {
    const ni = this.byName.get(node.metadata.name ?? '')
    if (!ni || !ni.hasNode) {
      this.addNode(node)
      return
    }
    this.countImages(ni, -1)
    const oldLabels = ni.labels
    ni.setNode(node)
    this.countImages(ni, 1)
    for (const [name, sizes] of this.imageSizeIndex) sizes[ni.clusterIndex] = ni.images.get(name) ?? 0
    if (!sameLabels(oldLabels, ni.labels)) this.listVersion++
  }

  removeNode(name: string): void {
    const ni = this.byName.get(name)
    if (!ni || !ni.hasNode) return
    this.countImages(ni, -1)
    const i = this.nodeList.indexOf(ni)
    if (i >= 0) {
      this.nodeList.splice(i, 1)
      for (let j = i; j < this.nodeList.length; j++) this.nodeList[j].clusterIndex = j
    }
    ni.clusterIndex = -1
    this.imageSizeIndex.clear()
    this.listVersion++
    if (ni.pods.length === 0) this.byName.delete(name)
    else (ni as {node: unknown}).node = undefined // keep pods until they go, as the real cache does
  }

  addPod(nodeName: string, pi: PodInfo): void {
    if (this.podNodes.has(pi.key)) this.removePod(pi.key)
    let ni = this.byName.get(nodeName)
    if (!ni) {
      ni = new NodeInfo()
      ni.name = nodeName
      this.byName.set(nodeName, ni)
    }
    ni.addPod(pi)
    this.podNodes.set(pi.key, {nodeName, pi})
    let names = this.podNamesByNs.get(pi.namespace)
    if (!names) this.podNamesByNs.set(pi.namespace, (names = new Set()))
    names.add(pi.pod.metadata.name ?? '')
    this.notify(ni, pi, 1)
    if (pi.requiredAntiAffinityTerms.length > 0) this.requiredAntiAffinityPods++
    if (pi.hasAffinity) this.affinityPods++
  }

  removePod(key: string): void {
    const e = this.podNodes.get(key)
    if (!e) return
    this.podNodes.delete(key)
    const names = this.podNamesByNs.get(e.pi.namespace)
    names?.delete(e.pi.pod.metadata.name ?? '')
    if (names?.size === 0) this.podNamesByNs.delete(e.pi.namespace)
    const ni = this.byName.get(e.nodeName)
    if (ni) {
      ni.removePod(key)
      this.notify(ni, e.pi, -1)
      if (!ni.hasNode && ni.pods.length === 0) this.byName.delete(e.nodeName)
    }
    if (e.pi.requiredAntiAffinityTerms.length > 0) this.requiredAntiAffinityPods--
    if (e.pi.hasAffinity) this.affinityPods--
  }

  private countImages(ni: NodeInfo, sign: number): void {
    for (const name of ni.images.keys()) {
      const n = (this.imageNodes.get(name) ?? 0) + sign
      if (n <= 0) this.imageNodes.delete(name)
      else this.imageNodes.set(name, n)
    }
  }
}
