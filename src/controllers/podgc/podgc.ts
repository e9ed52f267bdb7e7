// The pod garbage collector's gcOrphaned (pkg/controller/podgc/gc_controller.go): pods bound to a node that no
// longer exists are marked Failed with a DisruptionTarget condition and force-deleted, once the node has been
// gone for the quarantine time (40s).

import type {KubeObject} from '../../api/types.js'
import {keyOf, objectKey} from '../../api/store/keys.js'
import {toRFC3339} from '../../clock/clock.js'
import {QueueController} from '../runtime/base.js'

/** quarantineTime: a node must be missing this long before its pods are collected */
export const QUARANTINE_MS = 40_000

export class PodGCController extends QueueController {
  readonly name = 'pod-garbage-collector'

  protected register(): void {
    this.hub.on('/Node', (ev) => {
      if (ev.type === 'DELETED') this.queue.addAfter(ev.key, QUARANTINE_MS)
    })
    // pods already bound to missing nodes (a deleted node in an earlier command, an import)
    const orphanNodes = new Set<string>()
    for (const p of this.ctx.store.list('/Pod')) {
      const n = p.spec?.nodeName
      if (n && !this.ctx.store.get(objectKey('', 'Node', undefined, n))) orphanNodes.add(n)
    }
    for (const n of orphanNodes) this.queue.addAfter(objectKey('', 'Node', undefined, n), QUARANTINE_MS)
  }

  protected sync(key: string): void {
    if (this.ctx.store.get(key)) return
    const nodeName = key.split('/').slice(3).join('/')
    for (const pod of this.ctx.store.list('/Pod')) {
      if (pod.spec?.nodeName === nodeName) this.collect(pod)
    }
  }

  private collect(pod: KubeObject): void {
    const phase = pod.status?.phase
    if (phase !== 'Succeeded' && phase !== 'Failed') {
      const copy = structuredClone(pod)
      copy.status ??= {}
      copy.status.phase = 'Failed'
      const conds: any[] = (copy.status.conditions ??= [])
      const cond = {lastProbeTime: null, lastTransitionTime: toRFC3339(this.ctx.clock.now()), message: 'PodGC: node no longer exists', reason: 'DeletionByPodGC', status: 'True', type: 'DisruptionTarget'}
      const i = conds.findIndex((c) => c.type === 'DisruptionTarget')
      if (i >= 0) conds[i] = cond
      else conds.push(cond)
      this.ctx.api.updateStatus(copy)
    }
    if (this.ctx.store.get(keyOf(pod))) this.ctx.api.delete(keyOf(pod), {gracePeriodSeconds: 0})
  }
}
