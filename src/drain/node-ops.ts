// Fault injection on nodes (CLI.md §4 `node fail|recover|add`). `fail` stops the node's kubelet: it no longer renews
// its Lease or runs its pods, and the node lifecycle controller takes it from there (Unknown after the grace
// period, unreachable taints, taint-based eviction). `recover` restarts the kubelet, which posts a Ready status
// again. `add` registers a new node as a kubelet would.

import type {KubeObject} from '../api/types.js'
import type {ObjectStore} from '../api/store/store.js'
import {objectKey} from '../api/store/keys.js'
import type {VirtualClock} from '../clock/clock.js'
import type {SeededRandom} from '../clock/random.js'
import type {EventRecorder} from '../api/events.js'
import type {ApiServer} from '../engine/apiserver.js'
import {KUBELET_STOPPED, kubeletStopped} from '../controllers/nodelifecycle/nodelifecycle.js'
import {newNodeObject, nextNodeIndex, type NodeInput} from '../cluster/nodes.js'
import {UserError} from '../errors.js'

export interface NodeOpsDeps {
  store: ObjectStore
  clock: VirtualClock
  rng: SeededRandom
  api: ApiServer
  events: EventRecorder
}

function getNode(store: ObjectStore, name: string): KubeObject {
  const node = store.get(objectKey('', 'Node', undefined, name))
  if (!node) throw new UserError(`Error from server (NotFound): nodes "${name}" not found`)
  return node
}

/** Stop the node's kubelet. Returns the line to print. */
export function failNode(d: NodeOpsDeps, name: string): string {
  const node = getNode(d.store, name)
  if (kubeletStopped(node)) return `node/${name} already failed`
  const copy = structuredClone(node)
  copy.metadata.annotations = {...(copy.metadata.annotations ?? {}), [KUBELET_STOPPED]: 'true'}
  d.api.update(copy)
  return `node/${name} failed`
}

const HEALTHY: Record<string, [string, string, string]> = {
  MemoryPressure: ['False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'],
  DiskPressure: ['False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'],
  PIDPressure: ['False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'],
  Ready: ['True', 'KubeletReady', 'kubelet is posting ready status'],
}

/** Restart the node's kubelet: it posts healthy conditions again (events as the kubelet records them). */
export function recoverNode(d: NodeOpsDeps, name: string): string {
  const node = getNode(d.store, name)
  const ready = (node.status?.conditions ?? []).find((c: any) => c.type === 'Ready')
  if (!kubeletStopped(node) && ready?.status === 'True') return `node/${name} already recovered`
  const now = d.clock.nowRFC3339()
  const copy = structuredClone(node)
  if (copy.metadata.annotations) {
    delete copy.metadata.annotations[KUBELET_STOPPED]
    if (Object.keys(copy.metadata.annotations).length === 0) delete copy.metadata.annotations
  }
  d.api.update(copy)
  const cur = structuredClone(d.store.get(objectKey('', 'Node', undefined, name))!)
  cur.status ??= {}
  const conds: any[] = (cur.status.conditions ??= [])
  const changed: string[] = []
  for (const [type, [status, reason, message]] of Object.entries(HEALTHY)) {
    const c = conds.find((x) => x.type === type)
    if (!c) {
      conds.push({lastHeartbeatTime: now, lastTransitionTime: now, message, reason, status, type})
      changed.push(type)
      continue
    }
    if (c.status !== status) {
      c.lastTransitionTime = now
      changed.push(type)
    }
    Object.assign(c, {lastHeartbeatTime: now, message, reason, status})
  }
  d.api.updateStatus(cur)
  const source = {component: 'kubelet', host: name}
  const reasonOf: Record<string, string> = {MemoryPressure: 'NodeHasSufficientMemory', DiskPressure: 'NodeHasNoDiskPressure', PIDPressure: 'NodeHasSufficientPID', Ready: 'NodeReady'}
  for (const type of changed) d.events.event(cur, 'Normal', reasonOf[type], `Node ${name} status is now: ${reasonOf[type]}`, source)
  repostPodStatus(d, name)
  return `node/${name} recovered`
}

/**
 * The restarted kubelet's status manager posts its pods' status again: a running pod whose containers are all
 * ready gets back the Ready=True the node lifecycle controller took (MarkPodsNotReady) while the node was gone.
 */
function repostPodStatus(d: NodeOpsDeps, nodeName: string): void {
  const now = d.clock.nowRFC3339()
  for (const pod of d.store.list('/Pod')) {
    if (pod.spec?.nodeName !== nodeName || pod.metadata.deletionTimestamp || pod.status?.phase !== 'Running') continue
    const statuses: any[] = pod.status?.containerStatuses ?? []
    if (statuses.length === 0 || !statuses.every((c) => c.ready)) continue
    const ready = (pod.status?.conditions ?? []).find((c: any) => c.type === 'Ready')
    if (!ready || ready.status === 'True') continue
    const copy = structuredClone(pod)
    const c = copy.status.conditions.find((x: any) => x.type === 'Ready')
    c.status = 'True'
    c.lastTransitionTime = now
    d.api.updateStatus(copy)
  }
}

/** A node to add: what `node add` takes; its index and kubelet version come from the cluster. */
export type AddNodeInput = Omit<NodeInput, 'index' | 'kubeletVersion'>

/** Register a new node (kubelet version as the cluster's other nodes, else the given default). */
export function addNode(d: NodeOpsDeps, n: AddNodeInput, defaultKubeletVersion: string): string {
  if (d.store.get(objectKey('', 'Node', undefined, n.name))) {
    throw new UserError(`Error from server (AlreadyExists): nodes "${n.name}" already exists`)
  }
  const nodes = d.store.list('/Node')
  const kubeletVersion = nodes[0]?.status?.nodeInfo?.kubeletVersion ?? defaultKubeletVersion
  const node = newNodeObject({...n, index: nextNodeIndex(nodes), kubeletVersion}, d.clock, d.rng)
  d.api.create(node)
  const created = d.store.get(objectKey('', 'Node', undefined, n.name)) ?? node
  d.events.event(created, 'Normal', 'RegisteredNode', `Node ${n.name} event: Registered Node ${n.name} in Controller`, {component: 'node-controller'})
  return `node/${n.name} created`
}
