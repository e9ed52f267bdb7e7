// The ReplicaSet controller (pkg/controller/replicaset/replica_set.go), also run for ReplicationControllers as
// kube-controller-manager does: keep `spec.replicas` active pods, create with generateName `<rs>-`, delete the
// lowest-ranked pods first, write status (replicas, fullyLabeledReplicas, readyReplicas, availableReplicas).

import type {KubeObject} from '../../api/types.js'
import {keyOf, objectKey} from '../../api/store/keys.js'
import type {WatchEvent} from '../../api/store/store.js'
import {toRFC3339} from '../../clock/clock.js'
import {ApiError, isApiError} from '../../engine/api-error.js'
import {QueueController} from '../runtime/base.js'
import {
  clone, controllerRefOf, isPodActive, isPodAvailable, isPodReady, mapSelectorMatches, newControllerRef,
  selectorMatches,
} from '../runtime/util.js'
import {podsToDelete} from './ranking.js'
import {claimObjects} from '../runtime/claim.js'

const BURST_REPLICAS = 500

interface Flavor {
  name: string
  group: string
  kind: string
  component: string
}

export const REPLICASET: Flavor = {name: 'replicaset-controller', group: 'apps', kind: 'ReplicaSet', component: 'replicaset-controller'}
export const REPLICATION_CONTROLLER: Flavor = {
  name: 'replicationcontroller-controller', group: '', kind: 'ReplicationController', component: 'replication-controller',
}

export class ReplicaSetController extends QueueController {
  readonly name: string

  constructor(private readonly flavor: Flavor = REPLICASET) {
    super()
    this.name = flavor.name
  }

  /** pods without a controllerRef, by namespace: the only ones a set may adopt (scanning every pod is O(N²)) */
  private orphans = new Map<string, Set<string>>()

  private trackOrphan(ev: WatchEvent): void {
    const ns = ev.object.metadata.namespace ?? ''
    const key = ev.key
    const orphan = ev.type !== 'DELETED' && !controllerRefOf(ev.object)
    let set = this.orphans.get(ns)
    if (orphan) {
      if (!set) this.orphans.set(ns, (set = new Set()))
      set.add(key)
    } else set?.delete(key)
  }

  protected register(): void {
    const gk = `${this.flavor.group}/${this.flavor.kind}`
    this.hub.on(gk, (ev) => this.queue.add(ev.key))
    for (const p of this.ctx.store.list('/Pod')) this.trackOrphan({type: 'ADDED', object: p, key: keyOf(p)})
    this.hub.on('/Pod', (ev) => {
      this.trackOrphan(ev)
      this.onPod(ev)
    })
    for (const rs of this.ctx.store.list(gk)) this.queue.add(keyOf(rs))
  }

  private onPod(ev: WatchEvent): void {
    const enqueue = (p: KubeObject | undefined) => {
      const ref = p && controllerRefOf(p)
      if (ref && ref.kind === this.flavor.kind) this.queue.add(objectKey(this.flavor.group, this.flavor.kind, p!.metadata.namespace, ref.name))
    }
    enqueue(ev.object)
    if (ev.old && controllerRefOf(ev.old)?.uid !== controllerRefOf(ev.object)?.uid) enqueue(ev.old)
    // an orphan: every set that selects it may adopt it
    if (ev.type !== 'DELETED' && !controllerRefOf(ev.object)) {
      const gk = `${this.flavor.group}/${this.flavor.kind}`
      // rare (bare pods): every set of the namespace may adopt it
      for (const rs of this.hub.inNamespace(gk, ev.object.metadata.namespace ?? '')) {
        if (this.matches(rs, ev.object)) this.queue.add(keyOf(rs))
      }
    }
  }

  private matches(rs: KubeObject, pod: KubeObject): boolean {
    return this.flavor.kind === 'ReplicationController'
      ? mapSelectorMatches(rs.spec?.selector, pod.metadata.labels)
      : selectorMatches(rs.spec?.selector, pod.metadata.labels)
  }

  /** Owned pods after adopting matching orphans and releasing owned pods that stopped matching. */
  private claimPods(rs: KubeObject): KubeObject[] {
    const candidates = [...this.ownedPods(rs)]
    for (const key of this.orphans.get(rs.metadata.namespace ?? '') ?? []) {
      const p = this.ctx.store.get(key)
      if (p && !controllerRefOf(p) && !p.metadata.deletionTimestamp && isPodActive(p)) candidates.push(p)
    }
    return claimObjects(this.ctx.api, rs, candidates, (p) => this.matches(rs, p))
  }

  /** Pods this controller owns (by controllerRef uid). */
  private ownedPods(rs: KubeObject): KubeObject[] {
    return this.hub.dependents(rs.metadata.uid ?? '').filter((o) => o.kind === 'Pod' && controllerRefOf(o)?.uid === rs.metadata.uid)
  }

  protected sync(key: string): void {
    const rs = this.ctx.store.get(key)
    if (!rs) return
    const now = this.ctx.clock.now()
    const active = this.claimPods(rs).filter(isPodActive)
    let manageErr: ApiError | undefined
    if (!rs.metadata.deletionTimestamp) {
      try {
        this.manageReplicas(active, rs)
      } catch (e) {
        if (!isApiError(e)) throw e
        manageErr = e
      }
    }
    const templateLabels = Object.entries(rs.spec?.template?.metadata?.labels ?? {})
    const minReady = rs.spec?.minReadySeconds ?? 0
    let fullyLabeled = 0
    let ready = 0
    let available = 0
    for (const p of active) {
      const labels = p.metadata.labels ?? {}
      if (templateLabels.every(([k, v]) => labels[k] === v)) fullyLabeled++
      if (isPodReady(p)) {
        ready++
        if (isPodAvailable(p, minReady, now)) available++
      }
    }
    const status: any = {
      replicas: active.length,
      fullyLabeledReplicas: fullyLabeled,
      readyReplicas: ready,
      availableReplicas: available,
      observedGeneration: rs.metadata.generation,
    }
    const conditions = (rs.status?.conditions ?? []).filter((c: any) => c.type !== 'ReplicaFailure')
    const want = rs.spec?.replicas ?? 1
    if (manageErr && active.length < want) {
      const prev = (rs.status?.conditions ?? []).find((c: any) => c.type === 'ReplicaFailure')
      conditions.push({
        lastTransitionTime: prev?.lastTransitionTime ?? toRFC3339(now),
        message: manageErr.message,
        reason: 'FailedCreate',
        status: 'True',
        type: 'ReplicaFailure',
      })
    }
    if (conditions.length > 0) status.conditions = conditions
    if (status.fullyLabeledReplicas === 0) delete status.fullyLabeledReplicas
    if (status.readyReplicas === 0) delete status.readyReplicas
    if (status.availableReplicas === 0) delete status.availableReplicas
    this.ctx.api.updateStatus({...rs, status})
    if (manageErr) throw manageErr
    // pods that are ready but not yet available: look again when minReadySeconds have passed
    if (minReady > 0 && (status.readyReplicas ?? 0) === want && (status.availableReplicas ?? 0) !== want) {
      this.queue.addAfter(key, minReady * 1000)
    }
  }

  private manageReplicas(active: KubeObject[], rs: KubeObject): void {
    const want = rs.spec?.replicas ?? 1
    const diff = active.length - want
    const src = {component: this.flavor.component}
    if (diff < 0) {
      let toCreate = Math.min(-diff, BURST_REPLICAS)
      // slowStartBatch: 1, 2, 4, ... ; a batch with an error stops the rest
      for (let batch = 1; toCreate > 0; batch *= 2) {
        const n = Math.min(batch, toCreate)
        let err: ApiError | undefined
        for (let i = 0; i < n; i++) {
          try {
            const pod = this.ctx.api.createOwned(this.podFromTemplate(rs))
            this.ctx.events.event(rs, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata.name}`, src)
          } catch (e) {
            if (!isApiError(e)) throw e
            this.ctx.events.event(rs, 'Warning', 'FailedCreate', `Error creating: ${e.message}`, src)
            err = e
          }
        }
        if (err) throw err
        toCreate -= n
      }
    } else if (diff > 0) {
      const related = this.relatedActivePods(rs)
      const victims = podsToDelete(active, related, Math.min(diff, BURST_REPLICAS), this.ctx.clock.now())
      for (const p of victims) {
        try {
          this.ctx.api.delete(keyOf(p))
          this.ctx.events.event(rs, 'Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata.name}`, src)
        } catch (e) {
          if (!isApiError(e) || e.reason !== 'NotFound') throw e
        }
      }
    }
  }

  /** Active pods of every ReplicaSet that shares this one's controller (getIndirectlyRelatedPods). */
  private relatedActivePods(rs: KubeObject): KubeObject[] {
    const owner = controllerRefOf(rs)
    const sets = owner ? this.hub.dependents(owner.uid).filter((o) => o.kind === this.flavor.kind) : [rs]
    const out: KubeObject[] = []
    for (const s of sets) for (const p of this.ownedPods(s)) if (isPodActive(p)) out.push(p)
    return out
  }

  /** controller.GetPodFromTemplate */
  private podFromTemplate(rs: KubeObject): KubeObject {
    const t = rs.spec?.template ?? {}
    const metadata: any = {generateName: `${rs.metadata.name}-`, namespace: rs.metadata.namespace}
    if (t.metadata?.labels) metadata.labels = clone(t.metadata.labels)
    if (t.metadata?.annotations) metadata.annotations = clone(t.metadata.annotations)
    if (t.metadata?.finalizers) metadata.finalizers = clone(t.metadata.finalizers)
    metadata.ownerReferences = [newControllerRef(rs)]
    return {apiVersion: 'v1', kind: 'Pod', metadata, spec: clone(t.spec ?? {})}
  }

  /** Exposed for tests: does this controller select the pod? */
  selects(rs: KubeObject, pod: KubeObject): boolean {
    return this.matches(rs, pod)
  }
}

