// The simulated kubelets: one control loop drives every node's pods (a PodWorker per pod bound to a Ready node)
// and renews each node's Lease as a background heartbeat. A node stops acting when its Ready condition is not
// True or when `node fail` marks its kubelet stopped (annotation sim.k8sim.io/kubelet-stopped: "true"): its pods
// then freeze as they are, as on a real node that lost its kubelet.
import {deepCopy} from '../api/deep-copy.js'
import type {KubeObject} from '../api/types.js'
import type {WatchEvent} from '../api/store/store.js'
import {unattachedVolumes, failedAttachMessage, failedMountMessage, inlineCSIMountError, removedPluginMountError} from './volume-attach.js'
import {keyOf, objectKey} from '../api/store/keys.js'
import type {Timer} from '../clock/clock.js'
import {WorkQueue} from '../controllers/runtime/workqueue.js'
import type {Controller, ControllerContext} from '../controllers/runtime/types.js'
import {claimsBound, containerConfigError, volumeMountError} from './config-refs.js'
import {addImageToNode, imagePresentOnNode} from './images.js'
import {podCIDROf} from './pod-ip.js'
import {everRan} from './pod-status.js'
import {NodePodUsage} from './node-usage.js'
import {PodWorker, type KubeletEnv} from './pod-worker.js'
import {SIM_PREFIX} from './sim-annotations.js'
import {TIMINGS} from './stages.js'

export {TIMINGS, START_STAGES} from './stages.js'

export const KUBELET_STOPPED_ANNOTATION = `${SIM_PREFIX}kubelet-stopped`

export function createKubelet(): Controller {
  return new Kubelet()
}

/** Whether the node's kubelet is running and the node is Ready (a node without conditions counts as Ready). */
export function nodeUsable(node: KubeObject | undefined): boolean {
  if (!node) return false
  if (node.metadata.annotations?.[KUBELET_STOPPED_ANNOTATION] === 'true') return false
  const ready = (node.status?.conditions ?? []).find((c: any) => c.type === 'Ready')
  return !ready || ready.status === 'True'
}

function isTerminal(pod: KubeObject): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed'
}

/** node name → store key: every sync looks its node up, and a stored key string need not be hashed again */
const nodeKeys = new Map<string, string>()

function nodeKey(name: string): string {
  let key = nodeKeys.get(name)
  if (key === undefined) nodeKeys.set(name, (key = objectKey('', 'Node', undefined, name)))
  return key
}

class Kubelet implements Controller {
  readonly name = 'kubelet'
  private ctx!: ControllerContext
  private queue!: WorkQueue
  private workers = new Map<string, {uid: string | undefined; worker: PodWorker}>()
  private timers = new Map<string, Timer>()
  private podsByNode = new Map<string, Set<string>>()
  /** one environment per node, shared by its pods' workers (it holds nothing about a pod) */
  private nodeEnvs = new Map<string, KubeletEnv>()
  /** per node: admitted pods' requests and pod IPs in use, for admission and IP allocation */
  private usage = new NodePodUsage()
  private leaseTimers = new Map<string, Timer>()
  private writing = false

  start(ctx: ControllerContext): void {
    this.ctx = ctx
    this.queue = new WorkQueue(ctx.clock, 'kubelet', (key) => this.syncPod(key))
    const pods = ctx.store.list('/Pod').slice()
    // the kubelet admits pods in creation order (HandlePodAdditions sorts them)
    pods.sort((a, b) => (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? ''))
    for (const p of pods) this.indexPod(keyOf(p), p, undefined)
    for (const p of pods) if (p.spec?.nodeName) this.queue.add(keyOf(p))
    for (const n of ctx.store.list('/Node')) this.startHeartbeat(n.metadata.name ?? '')
    ctx.store.watch((ev) => this.onEvent(ev))
  }

  hasPendingWork(): boolean {
    return this.queue?.hasPendingWork() ?? false
  }

  private onEvent(ev: WatchEvent): void {
    const o = ev.object
    switch (o.kind) {
      case 'Pod': {
        if (o.apiVersion !== 'v1') return
        const key = ev.key
        this.indexPod(key, ev.type === 'DELETED' ? undefined : o, ev.type === 'DELETED' ? o : ev.old)
        if (ev.type === 'DELETED') return this.forget(key)
        if (!this.writing && o.spec?.nodeName) this.queue.add(key)
        return
      }
      case 'Node': {
        const name = o.metadata.name ?? ''
        if (ev.type === 'DELETED') {
          this.ctx.clock.cancel(this.leaseTimers.get(name))
          this.leaseTimers.delete(name)
          return
        }
        if (ev.type === 'ADDED') this.startHeartbeat(name)
        if (ev.type === 'ADDED' || nodeUsable(ev.old) !== nodeUsable(o)) {
          for (const k of this.podsByNode.get(name) ?? []) this.queue.add(k)
        }
        return
      }
      case 'PersistentVolumeClaim':
      case 'ConfigMap':
      case 'Secret':
        if (o.apiVersion !== 'v1' || ev.type === 'DELETED') return
        // a container waiting for this object retries now rather than at its next 10s retry
        for (const p of this.ctx.store.list('/Pod', o.metadata.namespace)) {
          if (!p.spec?.nodeName || isTerminal(p)) continue
          const waiting = [...(p.status?.initContainerStatuses ?? []), ...(p.status?.containerStatuses ?? [])]
          if (waiting.some((s: any) => s.state?.waiting?.reason === 'CreateContainerConfigError') || !waiting.some(everRan)) {
            this.workers.get(keyOf(p))?.worker.retryNow()
            this.queue.add(keyOf(p))
          }
        }
        return
    }
  }

  private indexPod(key: string, pod: KubeObject | undefined, old: KubeObject | undefined): void {
    this.usage.set(key, pod)
    const oldNode = old?.spec?.nodeName
    const newNode = pod?.spec?.nodeName
    if (oldNode === newNode) {
      // an update (old set) of a pod on the same node: already in its bucket (from start() or its first event)
      if (newNode && pod && !old) this.bucket(newNode).add(key)
      return
    }
    if (oldNode && old) this.podsByNode.get(oldNode)?.delete(key)
    if (newNode && pod) this.bucket(newNode).add(key)
  }

  private bucket(node: string): Set<string> {
    let b = this.podsByNode.get(node)
    if (!b) this.podsByNode.set(node, (b = new Set()))
    return b
  }

  private forget(key: string): void {
    this.ctx.clock.cancel(this.timers.get(key))
    this.timers.delete(key)
    this.workers.delete(key)
  }

  private syncPod(key: string): void {
    const {store, clock} = this.ctx
    const pod = store.get(key)
    if (!pod) return this.forget(key)
    const nodeName: string | undefined = pod.spec?.nodeName
    if (!nodeName) return
    const node = store.get(nodeKey(nodeName))
    if (!nodeUsable(node)) {
      clock.cancel(this.timers.get(key))
      return
    }
    let entry = this.workers.get(key)
    if (!entry || entry.uid !== pod.metadata.uid) {
      entry = {uid: pod.metadata.uid, worker: new PodWorker(key, this.nodeEnv(nodeName))}
      this.workers.set(key, entry)
    }
    const res = entry.worker.sync(pod)
    clock.cancel(this.timers.get(key))
    this.timers.delete(key)
    if (res.remove) {
      if ((pod.metadata.finalizers ?? []).length === 0) {
        store.delete(key)
        return this.forget(key)
      }
      return
    }
    if (res.pod) {
      this.writing = true
      try {
        store.update(res.pod)
      } finally {
        this.writing = false
      }
    }
    if (res.next) {
      const label = `kubelet/${nodeName}/${pod.metadata.namespace}/${pod.metadata.name}`
      this.timers.set(key, clock.after(res.next.at - clock.now(), label, () => {
        this.timers.delete(key)
        this.queue.add(key)
      }, res.next.background))
    }
  }

  private nodeEnv(nodeName: string): KubeletEnv {
    let env = this.nodeEnvs.get(nodeName)
    if (!env) this.nodeEnvs.set(nodeName, (env = this.env(nodeName)))
    return env
  }

  private env(nodeName: string): KubeletEnv {
    const {store, clock} = this.ctx
    const kubeletSource = {component: 'kubelet', host: nodeName}
    return {
      now: () => clock.now(),
      node: () => store.get(nodeKey(nodeName)),
      admittedUsage: (except) => this.usage.admitted(nodeName, except),
      ipInUse: (ip) => this.usage.ipInUse(nodeName, ip),
      podCIDR: () => podCIDROf(store.get(nodeKey(nodeName))!, () => store.list('/Node').map((n) => n.metadata.name ?? '')),
      configError: (pod, c) => containerConfigError(store, pod, c),
      mountError: (pod) => {
        const unattached = unattachedVolumes(store, pod)
        if (unattached.length === 0) return removedPluginMountError(store, pod) ?? inlineCSIMountError(store, pod) ?? volumeMountError(store, pod)
        for (const v of unattached) this.ctx.events.event(pod, 'Warning', 'FailedAttachVolume', failedAttachMessage(v), {component: 'attachdetach-controller'})
        return failedMountMessage(unattached)
      },
      claimsBound: (pod) => claimsBound(store, pod),
      event: (pod, type, reason, message, fieldPath) => this.ctx.events.event(pod, type, reason, message, kubeletSource, fieldPath),
      imagePulled: (image) => {
        const node = store.get(nodeKey(nodeName))
        // most pulls are of an image the node already lists: check before copying the node
        if (!node || imagePresentOnNode(node, image)) return
        // a new version of the node that shares everything but metadata (the store writes resourceVersion) and
        // the image list it appends to
        const copy: KubeObject = {...node, metadata: {...node.metadata}, status: {...node.status, images: [...(node.status?.images ?? [])]}}
        if (addImageToNode(copy, image)) store.update(copy)
      },
    }
  }

  // ---- node heartbeats: the Lease in kube-node-lease, renewed every 10s (background) ----

  private startHeartbeat(nodeName: string): void {
    if (!nodeName || this.leaseTimers.has(nodeName)) return
    const beat = (): void => {
      const node = this.ctx.store.get(nodeKey(nodeName))
      if (!node) return void this.leaseTimers.delete(nodeName)
      if (nodeUsable(node)) this.renewLease(node)
      this.leaseTimers.set(nodeName, this.ctx.clock.after(TIMINGS.leaseRenewMs, `kubelet/${nodeName}: lease`, beat, true))
    }
    this.leaseTimers.set(nodeName, this.ctx.clock.after(0, `kubelet/${nodeName}: lease`, beat, true))
  }

  private renewLease(node: KubeObject): void {
    const {store, clock, rng} = this.ctx
    const name = node.metadata.name ?? ''
    const key = objectKey('coordination.k8s.io', 'Lease', 'kube-node-lease', name)
    const renewTime = new Date(clock.now()).toISOString().replace('Z', '000Z')
    const existing = store.get(key)
    if (existing) {
      const copy = deepCopy(existing)
      copy.spec = {...copy.spec, renewTime}
      store.update(copy)
      return
    }
    store.create({
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: {
        name,
        namespace: 'kube-node-lease',
        uid: rng.uuid(),
        creationTimestamp: clock.nowRFC3339(),
        ownerReferences: [{apiVersion: 'v1', kind: 'Node', name, uid: node.metadata.uid ?? ''}],
      },
      spec: {holderIdentity: name, leaseDurationSeconds: 40, renewTime},
    })
  }
}
