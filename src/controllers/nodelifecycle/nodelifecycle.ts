// The node lifecycle controller (pkg/controller/nodelifecycle/node_lifecycle_controller.go), kubectl.md §5.9:
// a node whose kubelet stopped posting status (no Lease renewal for the grace period) gets its conditions set
// to Unknown, its pods marked not ready, and the unreachable taints; a node whose Ready condition is False gets
// the not-ready taints; taints go away when the node is Ready again. spec.unschedulable keeps the
// node.kubernetes.io/unschedulable:NoSchedule taint in step (TaintNodesByCondition).
//
// Heartbeats are watched only for nodes whose kubelet k8sim has stopped (`node fail`): every other kubelet renews
// its Lease on time, so checking them every 5s would only cost time. The deadline is computed from the stored
// Lease, so it survives from one command to the next.

import type {KubeObject} from '../../api/types.js'
import type {WatchEvent} from '../../api/store/store.js'
import {keyOf, objectKey} from '../../api/store/keys.js'
import type {Timer} from '../../clock/clock.js'
import {toRFC3339} from '../../clock/clock.js'
import {SIM_PREFIX} from '../../kubelet/sim-annotations.js'
import {QueueController} from '../runtime/base.js'
import {ms} from '../runtime/util.js'

export const KUBELET_STOPPED = `${SIM_PREFIX}kubelet-stopped`
/** --node-monitor-grace-period (50s from v1.32) */
export const NODE_MONITOR_GRACE_MS = 50_000
const COMPONENT = {component: 'node-controller'}

export const TAINT_UNREACHABLE = 'node.kubernetes.io/unreachable'
export const TAINT_NOT_READY = 'node.kubernetes.io/not-ready'
export const TAINT_UNSCHEDULABLE = 'node.kubernetes.io/unschedulable'
const KUBELET_CONDITIONS = ['MemoryPressure', 'DiskPressure', 'PIDPressure', 'Ready']

export function kubeletStopped(node: KubeObject | undefined): boolean {
  return node?.metadata.annotations?.[KUBELET_STOPPED] === 'true'
}

function readyStatus(node: KubeObject): string | undefined {
  return (node.status?.conditions ?? []).find((c: any) => c.type === 'Ready')?.status
}

export class NodeLifecycleController extends QueueController {
  readonly name = 'node-lifecycle-controller'
  private deadlines = new Map<string, Timer>()

  protected register(): void {
    this.hub.on('/Node', (ev) => this.onNode(ev))
    for (const n of this.ctx.store.list('/Node')) this.queue.add(keyOf(n))
  }

  private onNode(ev: WatchEvent): void {
    const key = ev.key
    if (ev.type === 'DELETED') {
      this.ctx.clock.cancel(this.deadlines.get(key))
      this.deadlines.delete(key)
      return
    }
    this.queue.add(key)
  }

  protected sync(key: string): void {
    const node = this.ctx.store.get(key)
    if (!node) return
    this.monitorHealth(key, node)
    const cur = this.ctx.store.get(key)
    if (cur) this.syncTaints(cur)
  }

  /** monitorNodeHealth for a stopped kubelet: conditions go Unknown once the grace period has passed. */
  private monitorHealth(key: string, node: KubeObject): void {
    const {clock} = this.ctx
    if (!kubeletStopped(node) || readyStatus(node) === 'Unknown') {
      clock.cancel(this.deadlines.get(key))
      this.deadlines.delete(key)
      return
    }
    const deadline = this.lastHeartbeat(node) + NODE_MONITOR_GRACE_MS
    if (clock.now() < deadline) {
      if (!this.deadlines.has(key)) {
        this.deadlines.set(key, clock.after(deadline - clock.now(), `${this.name}: ${node.metadata.name} grace period`, () => {
          this.deadlines.delete(key)
          this.queue.add(key)
        }))
      }
      return
    }
    this.markUnknown(node)
  }

  private lastHeartbeat(node: KubeObject): number {
    const lease = this.ctx.store.get(objectKey('coordination.k8s.io', 'Lease', 'kube-node-lease', node.metadata.name ?? ''))
    let t = lease?.spec?.renewTime ? ms(lease.spec.renewTime) : 0
    for (const c of node.status?.conditions ?? []) if (c.type === 'Ready') t = Math.max(t, ms(c.lastHeartbeatTime))
    return t || this.ctx.clock.now()
  }

  private markUnknown(node: KubeObject): void {
    const now = toRFC3339(this.ctx.clock.now())
    const copy = structuredClone(node)
    copy.status ??= {}
    const conds: any[] = (copy.status.conditions ??= [])
    for (const type of KUBELET_CONDITIONS) {
      const c = conds.find((x) => x.type === type)
      const never = !c
      const next = {
        lastHeartbeatTime: c?.lastHeartbeatTime ?? node.metadata.creationTimestamp,
        lastTransitionTime: now,
        message: never ? 'Kubelet never posted node status.' : 'Kubelet stopped posting node status.',
        reason: never ? 'NodeStatusNeverUpdated' : 'NodeStatusUnknown',
        status: 'Unknown',
        type,
      }
      if (c) Object.assign(c, next)
      else conds.push(next)
    }
    this.ctx.api.updateStatus(copy)
    const name = node.metadata.name ?? ''
    this.ctx.events.event(node, 'Normal', 'NodeNotReady', `Node ${name} status is now: NodeNotReady`, COMPONENT)
    this.markPodsNotReady(name)
  }

  /** MarkPodsNotReady: every pod on the node gets Ready=False and a NodeNotReady event. */
  private markPodsNotReady(nodeName: string): void {
    const now = toRFC3339(this.ctx.clock.now())
    for (const pod of this.ctx.store.list('/Pod')) {
      if (pod.spec?.nodeName !== nodeName) continue
      const phase = pod.status?.phase
      if (phase === 'Succeeded' || phase === 'Failed') continue
      const ready = (pod.status?.conditions ?? []).find((c: any) => c.type === 'Ready')
      if (!ready || ready.status === 'False') continue
      const copy = structuredClone(pod)
      const c = copy.status.conditions.find((x: any) => x.type === 'Ready')
      c.status = 'False'
      c.lastTransitionTime = now
      delete c.reason
      delete c.message
      this.ctx.api.updateStatus(copy)
      this.ctx.events.event(pod, 'Warning', 'NodeNotReady', 'Node is not ready', COMPONENT)
    }
  }

  /** doNoExecuteTaintingPass + doNoScheduleTaintingPass. */
  private syncTaints(node: KubeObject): void {
    const ready = readyStatus(node)
    const want: Array<{key: string; effect: string}> = []
    if (ready === 'Unknown') want.push({key: TAINT_UNREACHABLE, effect: 'NoSchedule'}, {key: TAINT_UNREACHABLE, effect: 'NoExecute'})
    if (ready === 'False') want.push({key: TAINT_NOT_READY, effect: 'NoSchedule'}, {key: TAINT_NOT_READY, effect: 'NoExecute'})
    if (node.spec?.unschedulable) want.push({key: TAINT_UNSCHEDULABLE, effect: 'NoSchedule'})
    const managed = new Set([TAINT_UNREACHABLE, TAINT_NOT_READY, TAINT_UNSCHEDULABLE])
    const taints: any[] = node.spec?.taints ?? []
    const has = (k: string, e: string) => taints.some((t) => t.key === k && t.effect === e)
    const wanted = (t: any) => !managed.has(t.key) || want.some((w) => w.key === t.key && w.effect === t.effect)
    const next = taints.filter(wanted)
    const now = toRFC3339(this.ctx.clock.now())
    for (const w of want) if (!has(w.key, w.effect)) next.push(w.effect === 'NoExecute' ? {...w, timeAdded: now} : {...w})
    if (next.length === taints.length && next.every((t, i) => t === taints[i])) return
    const copy = structuredClone(node)
    if (next.length > 0) copy.spec = {...copy.spec, taints: next}
    else if (copy.spec) delete copy.spec.taints
    this.ctx.api.update(copy)
  }
}
