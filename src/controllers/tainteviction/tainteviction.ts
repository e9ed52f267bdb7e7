// The taint eviction controller (pkg/controller/tainteviction/taint_eviction.go): a pod on a node with NoExecute
// taints it does not tolerate is deleted at once; one that tolerates them for tolerationSeconds is deleted when
// the shortest of those runs out, counted from when the node was tainted (the taint's timeAdded, which survives
// from one command to the next). Events as kubectl.md §5.9.

import type {KubeObject} from '../../api/types.js'
import type {WatchEvent} from '../../api/store/store.js'
import {keyOf, objectKey} from '../../api/store/keys.js'
import type {Timer} from '../../clock/clock.js'
import {toRFC3339} from '../../clock/clock.js'
import {QueueController} from '../runtime/base.js'
import {ms} from '../runtime/util.js'

const COMPONENT = {component: 'taint-eviction-controller'}

/** v1.Toleration.ToleratesTaint */
export function toleratesTaint(t: any, taint: any): boolean {
  if (t.effect && t.effect !== taint.effect) return false
  if (t.key && t.key !== taint.key) return false
  const op = t.operator ?? 'Equal'
  if (op === 'Exists') return true
  return op === 'Equal' && (t.value ?? '') === (taint.value ?? '')
}

/** getMinTolerationTime: 0 = now, -1 = forever. */
function minTolerationMs(used: any[]): number {
  if (used.length === 0) return 0
  let min = Infinity
  for (const t of used) {
    if (t.tolerationSeconds == null) continue
    if (t.tolerationSeconds <= 0) return 0
    min = Math.min(min, t.tolerationSeconds)
  }
  return min === Infinity ? -1 : min * 1000
}

export class TaintEvictionController extends QueueController {
  readonly name = 'taint-eviction-controller'
  private scheduled = new Map<string, {timer: Timer; at: number}>()

  protected register(): void {
    this.hub.on('/Node', (ev) => this.onNode(ev))
    this.hub.on('/Pod', (ev) => this.onPod(ev))
    for (const n of this.ctx.store.list('/Node')) if (noExecuteTaints(n).length > 0) this.queue.add(keyOf(n))
  }

  private onNode(ev: WatchEvent): void {
    if (ev.type === 'DELETED') return
    const before = JSON.stringify(ev.old ? noExecuteTaints(ev.old) : [])
    if (before !== JSON.stringify(noExecuteTaints(ev.object))) this.queue.add(ev.key)
  }

  private onPod(ev: WatchEvent): void {
    if (ev.type === 'DELETED') return this.cancel(ev.key, undefined)
    const o = ev.object
    if (!o.spec?.nodeName) return
    // status writes keep the spec object: nothing this controller looks at changed
    if (ev.old && ev.old.spec === o.spec) return
    if (ev.old && ev.old.spec?.nodeName === o.spec.nodeName && JSON.stringify(ev.old.spec?.tolerations) === JSON.stringify(o.spec.tolerations)) return
    this.queue.add(keyOf(o))
  }

  protected sync(key: string): void {
    const obj = this.ctx.store.get(key)
    if (!obj) return
    if (obj.kind === 'Node') {
      for (const pod of this.ctx.store.list('/Pod')) if (pod.spec?.nodeName === obj.metadata.name) this.processPod(pod, obj)
      return
    }
    const node = this.ctx.store.get(objectKey('', 'Node', undefined, obj.spec?.nodeName))
    this.processPod(obj, node)
  }

  private processPod(pod: KubeObject, node: KubeObject | undefined): void {
    const key = keyOf(pod)
    const taints = node ? noExecuteTaints(node) : []
    if (taints.length === 0) return this.cancel(key, pod)
    if (pod.metadata.deletionTimestamp) return
    const tolerations: any[] = pod.spec?.tolerations ?? []
    const used: any[] = []
    let all = true
    for (const taint of taints) {
      const t = tolerations.find((x) => toleratesTaint(x, taint))
      if (t) used.push(t)
      else all = false
    }
    const now = this.ctx.clock.now()
    if (!all) return this.evict(pod)
    const min = minTolerationMs(used)
    if (min < 0) return this.cancel(key, pod)
    const since = Math.min(...taints.map((t) => (t.timeAdded ? ms(t.timeAdded) : now)))
    const at = since + min
    if (at <= now) return this.evict(pod)
    const prev = this.scheduled.get(key)
    if (prev && prev.at <= at) return
    if (prev) this.ctx.clock.cancel(prev.timer)
    const timer = this.ctx.clock.after(at - now, `${this.name}: ${pod.metadata.namespace}/${pod.metadata.name}`, () => {
      this.scheduled.delete(key)
      this.queue.add(key)
    })
    this.scheduled.set(key, {timer, at})
  }

  private cancel(key: string, pod: KubeObject | undefined): void {
    const s = this.scheduled.get(key)
    if (!s) return
    this.ctx.clock.cancel(s.timer)
    this.scheduled.delete(key)
    if (pod) this.ctx.events.event(pod, 'Normal', 'TaintManagerEviction', `Cancelling deletion of Pod ${pod.metadata.namespace}/${pod.metadata.name}`, COMPONENT)
  }

  private evict(pod: KubeObject): void {
    const key = keyOf(pod)
    const s = this.scheduled.get(key)
    if (s) this.ctx.clock.cancel(s.timer)
    this.scheduled.delete(key)
    this.ctx.events.event(pod, 'Normal', 'TaintManagerEviction', `Marking for deletion Pod ${pod.metadata.namespace}/${pod.metadata.name}`, COMPONENT)
    const copy = structuredClone(pod)
    copy.status ??= {}
    const conds: any[] = (copy.status.conditions ??= [])
    const cond = {lastProbeTime: null, lastTransitionTime: toRFC3339(this.ctx.clock.now()), message: 'Taint manager: deleting due to NoExecute taint', reason: 'DeletionByTaintManager', status: 'True', type: 'DisruptionTarget'}
    const i = conds.findIndex((c) => c.type === 'DisruptionTarget')
    if (i >= 0) conds[i] = cond
    else conds.push(cond)
    this.ctx.api.updateStatus(copy)
    this.ctx.api.delete(key)
  }
}

function noExecuteTaints(node: KubeObject): any[] {
  return (node.spec?.taints ?? []).filter((t: any) => t.effect === 'NoExecute')
}
