// The Deployment controller (pkg/controller/deployment/{deployment_controller,sync,rolling,recreate,progress}.go):
// owns ReplicaSets named `<deployment>-<pod-template-hash>`, rolls them by strategy and writes status/conditions.

import type {KubeObject} from '../../api/types.js'
import {keyOf, objectKey} from '../../api/store/keys.js'
import type {WatchEvent} from '../../api/store/store.js'
import {isApiError} from '../../engine/api-error.js'
import {QueueController} from '../runtime/base.js'
import {clone, controllerRefOf, newControllerRef, selectorMatches} from '../runtime/util.js'
import {computeHash} from '../runtime/hash.js'
import {claimObjects} from '../runtime/claim.js'
import * as u from './util.js'

const COMPONENT = {component: 'deployment-controller'}

type Status = Record<string, any>

export class DeploymentController extends QueueController {
  readonly name = 'deployment-controller'

  /**
   * Keys of the ReplicaSets a Deployment may adopt (no controllerRef, not being deleted), by namespace. Usually
   * empty: then a sync need not scan every ReplicaSet of the namespace (O(Deployments²) at 1,500 Deployments).
   */
  private orphanSets = new Map<string, Set<string>>()

  private trackOrphanSet(ev: WatchEvent): void {
    const rs = ev.object
    const ns = rs.metadata.namespace ?? ''
    const orphan = ev.type !== 'DELETED' && !controllerRefOf(rs) && !rs.metadata.deletionTimestamp
    let keys = this.orphanSets.get(ns)
    if (orphan) {
      if (!keys) this.orphanSets.set(ns, (keys = new Set()))
      keys.add(keyOf(rs))
    } else if (keys?.size) keys.delete(keyOf(rs))
  }

  protected register(): void {
    this.hub.on('apps/Deployment', (ev) => this.queue.add(ev.key))
    for (const rs of this.ctx.store.list('apps/ReplicaSet')) this.trackOrphanSet({type: 'ADDED', object: rs, key: keyOf(rs)})
    this.hub.on('apps/ReplicaSet', (ev) => {
      this.trackOrphanSet(ev)
      this.onReplicaSet(ev)
    })
    this.hub.on('/Pod', (ev) => this.onPod(ev))
    for (const d of this.ctx.store.list('apps/Deployment')) this.queue.add(keyOf(d))
  }

  private enqueueOwner(o: KubeObject | undefined): void {
    const ref = o && controllerRefOf(o)
    if (ref?.kind === 'Deployment') this.queue.add(objectKey('apps', 'Deployment', o!.metadata.namespace, ref.name))
  }

  private onReplicaSet(ev: WatchEvent): void {
    this.enqueueOwner(ev.object)
    if (ev.type !== 'DELETED' && !controllerRefOf(ev.object)) {
      for (const d of this.hub.inNamespace('apps/Deployment', ev.object.metadata.namespace ?? '')) {
        if (selectorMatches(d.spec?.selector, ev.object.metadata.labels)) this.queue.add(keyOf(d))
      }
    }
    if (ev.old && controllerRefOf(ev.old)?.uid !== controllerRefOf(ev.object)?.uid) this.enqueueOwner(ev.old)
  }

  /** Recreate waits for old pods to be gone: a pod deletion may unblock it. */
  private onPod(ev: WatchEvent): void {
    if (ev.type !== 'DELETED') return
    const ref = controllerRefOf(ev.object)
    if (ref?.kind !== 'ReplicaSet') return
    const rs = this.ctx.store.get(objectKey('apps', 'ReplicaSet', ev.object.metadata.namespace, ref.name))
    const dref = rs && controllerRefOf(rs)
    if (dref?.kind !== 'Deployment') return
    const d = this.ctx.store.get(objectKey('apps', 'Deployment', rs!.metadata.namespace, dref.name))
    if (d && d.spec?.strategy?.type === 'Recreate') this.queue.add(keyOf(d))
  }

  private now(): number {
    return this.ctx.clock.now()
  }

  protected sync(key: string): void {
    const stored = this.ctx.store.get(key)
    if (!stored) return
    const d = clone(stored)
    const sel = d.spec?.selector
    if (!sel || (Object.keys(sel.matchLabels ?? {}).length === 0 && (sel.matchExpressions ?? []).length === 0)) {
      this.ctx.events.event(d, 'Warning', 'SelectingAll', 'This deployment is selecting all pods. A non-empty selector is required.', COMPONENT)
      if ((d.status?.observedGeneration ?? 0) < (d.metadata.generation ?? 0)) {
        this.writeStatus(d, {...(d.status ?? {}), observedGeneration: d.metadata.generation})
      }
      return
    }
    const rsList = this.replicaSetsFor(d)
    if (d.metadata.deletionTimestamp) return this.syncStatusOnly(d, rsList)
    this.checkPausedConditions(d)
    if (d.spec?.paused) return this.syncScale(d, rsList)
    if (this.isScalingEvent(d, rsList)) return this.syncScale(d, rsList)
    if (d.spec?.strategy?.type === 'Recreate') return this.rolloutRecreate(d, rsList)
    return this.rolloutRolling(d, rsList)
  }

  /** getReplicaSetsForDeployment: owned ReplicaSets, adopting matching orphans and releasing ones that stopped matching. */
  private replicaSetsFor(d: KubeObject): KubeObject[] {
    const candidates = this.hub
      .dependents(d.metadata.uid ?? '')
      .filter((o) => o.kind === 'ReplicaSet' && controllerRefOf(o)?.uid === d.metadata.uid)
    // the namespace's orphans in creation order (the scan is skipped when there are none)
    const namespace = d.metadata.namespace ?? ''
    if (this.orphanSets.get(namespace)?.size) {
      for (const rs of this.hub.inNamespace('apps/ReplicaSet', namespace)) {
        if (!controllerRefOf(rs) && !rs.metadata.deletionTimestamp) candidates.push(rs)
      }
    }
    return claimObjects(this.ctx.api, d, candidates, (rs) => selectorMatches(d.spec.selector, rs.metadata.labels)).map(clone)
  }

  // ---- new/old ReplicaSets -------------------------------------------------------------------------------

  private findNew(d: KubeObject, rsList: KubeObject[]): KubeObject | undefined {
    const want = u.templateIgnoringHash(d.spec.template)
    return [...rsList].sort(u.byCreation).find((rs) => u.templateIgnoringHash(rs.spec?.template) === want)
  }

  /** getAllReplicaSetsAndSyncRevision → [newRS, oldRSs]. */
  private allSets(d: KubeObject, rsList: KubeObject[], create: boolean): [KubeObject | undefined, KubeObject[]] {
    const existing = this.findNew(d, rsList)
    const olds = rsList.filter((rs) => rs !== existing)
    return [this.getNewReplicaSet(d, rsList, olds, existing, create), olds]
  }

  private getNewReplicaSet(d: KubeObject, rsList: KubeObject[], olds: KubeObject[], existing: KubeObject | undefined, create: boolean): KubeObject | undefined {
    const newRevision = String(u.maxRevision(olds) + 1)
    if (existing) {
      const rs = clone(existing)
      const annotationsUpdated = u.setNewReplicaSetAnnotations(d, rs, newRevision, true)
      const minReadyChanged = (rs.spec.minReadySeconds ?? 0) !== (d.spec.minReadySeconds ?? 0)
      if (annotationsUpdated || minReadyChanged) {
        if (d.spec.minReadySeconds) rs.spec.minReadySeconds = d.spec.minReadySeconds
        else delete rs.spec.minReadySeconds
        return clone(this.ctx.api.update(stripRV(rs)))
      }
      let needsUpdate = this.setDeploymentRevision(d, rs.metadata.annotations?.[u.REVISION] ?? '')
      if (u.hasProgressDeadline(d) && !u.getCondition(d.status, 'Progressing')) {
        d.status ??= {}
        u.setCondition(d.status, u.newCondition('Progressing', 'True', 'FoundNewReplicaSet', `Found new replica set "${rs.metadata.name}"`, this.now()))
        needsUpdate = true
      }
      if (needsUpdate) this.writeAll(d)
      return rs
    }
    if (!create) return undefined

    const collisionCount = d.status?.collisionCount
    const hash = computeHash(d.spec.template, collisionCount)
    const template = clone(d.spec.template)
    template.metadata ??= {}
    template.metadata.labels = {...(template.metadata.labels ?? {}), [u.POD_TEMPLATE_HASH]: hash}
    const selector = clone(d.spec.selector)
    selector.matchLabels = {...(selector.matchLabels ?? {}), [u.POD_TEMPLATE_HASH]: hash}
    const rs: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: `${d.metadata.name}-${hash}`,
        namespace: d.metadata.namespace,
        labels: {...template.metadata.labels},
        ownerReferences: [newControllerRef(d)],
      },
      spec: {replicas: 0, selector, template},
    }
    if (d.spec.minReadySeconds) rs.spec.minReadySeconds = d.spec.minReadySeconds
    const newReplicas = this.newRSNewReplicas(d, [...olds, rs], rs)
    rs.spec.replicas = newReplicas
    u.setNewReplicaSetAnnotations(d, rs, newRevision, false)
    // the API server prints spec fields in struct order: replicas first
    rs.spec = {replicas: rs.spec.replicas, ...(rs.spec.minReadySeconds ? {minReadySeconds: rs.spec.minReadySeconds} : {}), selector, template}

    let created: KubeObject
    let alreadyExists = false
    try {
      created = clone(this.ctx.api.create(rs))
    } catch (e) {
      if (!isApiError(e)) throw e
      if (e.reason === 'AlreadyExists') {
        const cur = this.ctx.store.get(keyOf(rs))
        if (cur && controllerRefOf(cur)?.uid === d.metadata.uid && u.templateIgnoringHash(cur.spec?.template) === u.templateIgnoringHash(d.spec.template)) {
          created = clone(cur)
          alreadyExists = true
        } else {
          d.status ??= {}
          d.status.collisionCount = (d.status.collisionCount ?? 0) + 1
          this.writeStatus(d, d.status)
          throw e
        }
      } else {
        const msg = `Failed to create new replica set "${rs.metadata.name}": ${e.message}`
        this.ctx.events.event(d, 'Warning', 'ReplicaSetCreateError', msg, COMPONENT)
        if (u.hasProgressDeadline(d)) {
          d.status ??= {}
          u.setCondition(d.status, u.newCondition('Progressing', 'False', 'ReplicaSetCreateError', msg, this.now()))
          this.writeStatus(d, d.status)
        }
        throw e
      }
    }
    if (!alreadyExists && newReplicas > 0) {
      this.ctx.events.event(d, 'Normal', 'ScalingReplicaSet', `Scaled up replica set ${created.metadata.name} to ${newReplicas}`, COMPONENT)
    }
    let needsUpdate = this.setDeploymentRevision(d, newRevision)
    if (!alreadyExists && u.hasProgressDeadline(d)) {
      d.status ??= {}
      u.setCondition(d.status, u.newCondition('Progressing', 'True', 'NewReplicaSetCreated', `Created new replica set "${created.metadata.name}"`, this.now()))
      needsUpdate = true
    }
    if (needsUpdate) this.writeAll(d)
    return created
  }

  private setDeploymentRevision(d: KubeObject, revision: string): boolean {
    const a = (d.metadata.annotations ??= {})
    if (a[u.REVISION] === revision) return false
    a[u.REVISION] = revision
    return true
  }

  /** NewRSNewReplicas */
  private newRSNewReplicas(d: KubeObject, all: KubeObject[], newRS: KubeObject): number {
    if (!u.isRollingUpdate(d)) return u.desired(d)
    const surge = u.maxSurge(d)
    const current = u.sumSpec(all)
    const maxTotal = u.desired(d) + surge
    if (current >= maxTotal) return u.replicasOf(newRS)
    const up = Math.min(maxTotal - current, u.desired(d) - u.replicasOf(newRS))
    return u.replicasOf(newRS) + up
  }

  // ---- scaling -------------------------------------------------------------------------------------------

  private isScalingEvent(d: KubeObject, rsList: KubeObject[]): boolean {
    const [newRS, olds] = this.allSets(d, rsList, false)
    for (const rs of u.activeSets([...olds, newRS])) {
      const want = u.desiredReplicasAnnotation(rs)
      if (want !== undefined && want !== u.desired(d)) return true
    }
    return false
  }

  /** sync(): scale and clean up (paused deployments and scaling events). */
  private syncScale(d: KubeObject, rsList: KubeObject[]): void {
    const [newRS, olds] = this.allSets(d, rsList, false)
    const [n, o] = this.scale(d, newRS, olds)
    if (d.spec?.paused) this.cleanup(d, o)
    this.syncDeploymentStatus(d, [...o, ...(n ? [n] : [])], n)
  }

  private scale(d: KubeObject, newRS: KubeObject | undefined, olds: KubeObject[]): [KubeObject | undefined, KubeObject[]] {
    const want = u.desired(d)
    const activeOrLatest = this.findActiveOrLatest(newRS, olds)
    const replace = (rs: KubeObject, updated: KubeObject) => {
      if (newRS && rs.metadata.name === newRS.metadata.name) newRS = updated
      olds = olds.map((x) => (x.metadata.name === rs.metadata.name ? updated : x))
    }
    if (activeOrLatest) {
      if (u.replicasOf(activeOrLatest) !== want) replace(activeOrLatest, this.scaleAndRecord(activeOrLatest, want, d))
      return [newRS, olds]
    }
    if (newRS && u.replicasOf(newRS) === want && u.desiredReplicasAnnotation(newRS) === want && (newRS.status?.availableReplicas ?? 0) === want) {
      for (const rs of u.activeSets(olds)) replace(rs, this.scaleAndRecord(rs, 0, d))
      return [newRS, olds]
    }
    if (u.isRollingUpdate(d)) {
      const all = u.activeSets([...olds, newRS])
      const allowed = want > 0 ? want + u.maxSurge(d) : 0
      const toAdd = allowed - u.sumSpec(all)
      let op = ''
      if (toAdd > 0) {
        all.sort(u.bySizeNewer)
        op = 'up'
      } else if (toAdd < 0) {
        all.sort(u.bySizeOlder)
        op = 'down'
      }
      const sizes = new Map<string, number>()
      let added = 0
      for (const rs of all) {
        if (toAdd !== 0) {
          const p = this.proportion(rs, d, toAdd, added)
          sizes.set(rs.metadata.name!, u.replicasOf(rs) + p)
          added += p
        } else sizes.set(rs.metadata.name!, u.replicasOf(rs))
      }
      if (toAdd !== 0 && all.length > 0) {
        const first = all[0].metadata.name!
        sizes.set(first, Math.max(0, sizes.get(first)! + toAdd - added))
      }
      for (const rs of all) replace(rs, this.scaleReplicaSet(rs, sizes.get(rs.metadata.name!)!, d, op))
    }
    return [newRS, olds]
  }

  private findActiveOrLatest(newRS: KubeObject | undefined, olds: KubeObject[]): KubeObject | undefined {
    if (!newRS && olds.length === 0) return undefined
    const sorted = [...olds].sort((a, b) => u.byCreation(b, a))
    const all = u.activeSets([...sorted, newRS])
    if (all.length === 0) return newRS ?? sorted[0]
    if (all.length === 1) return all[0]
    return undefined
  }

  private proportion(rs: KubeObject, d: KubeObject, toAdd: number, added: number): number {
    if (u.replicasOf(rs) === 0 || toAdd === 0 || toAdd === added) return 0
    const fraction = this.fraction(rs, d)
    const allowed = toAdd - added
    return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed)
  }

  private fraction(rs: KubeObject, d: KubeObject): number {
    if (u.desired(d) === 0) return -u.replicasOf(rs)
    const total = u.desired(d) + u.maxSurge(d)
    const annotated = u.maxReplicasAnnotation(rs) ?? d.status?.replicas ?? 0
    const size = (u.replicasOf(rs) * total) / annotated
    return roundHalfAway(size) - u.replicasOf(rs)
  }

  private scaleAndRecord(rs: KubeObject, newScale: number, d: KubeObject): KubeObject {
    if (u.replicasOf(rs) === newScale) return rs
    return this.scaleReplicaSet(rs, newScale, d, u.replicasOf(rs) < newScale ? 'up' : 'down')
  }

  private scaleReplicaSet(rs: KubeObject, newScale: number, d: KubeObject, op: string): KubeObject {
    const old = u.replicasOf(rs)
    const copy = clone(rs)
    const annotationsChanged = u.setReplicasAnnotations(copy, u.desired(d), u.desired(d) + u.maxSurge(d))
    if (old === newScale && !annotationsChanged) return rs
    copy.spec.replicas = newScale
    const updated = clone(this.ctx.api.update(stripRV(copy)))
    if (old !== newScale) {
      this.ctx.events.event(d, 'Normal', 'ScalingReplicaSet', `Scaled ${op} replica set ${rs.metadata.name} to ${newScale} from ${old}`, COMPONENT)
    }
    return updated
  }

  // ---- rolling update ------------------------------------------------------------------------------------

  private rolloutRolling(d: KubeObject, rsList: KubeObject[]): void {
    let [newRS, olds] = this.allSets(d, rsList, true)
    if (newRS) {
      const scaled = this.reconcileNewReplicaSet([...olds, newRS], newRS, d)
      if (scaled !== newRS) return this.syncRolloutStatus(d, [...olds, scaled], scaled)
    }
    const before = olds
    olds = this.reconcileOldReplicaSets(olds, newRS, d)
    if (olds !== before) return this.syncRolloutStatus(d, [...olds, ...(newRS ? [newRS] : [])], newRS)
    if (u.deploymentComplete(d, d.status ?? {})) this.cleanup(d, olds)
    this.syncRolloutStatus(d, [...olds, ...(newRS ? [newRS] : [])], newRS)
  }

  /** Returns the (possibly updated) new ReplicaSet; a different object means it scaled. */
  private reconcileNewReplicaSet(all: KubeObject[], newRS: KubeObject, d: KubeObject): KubeObject {
    const want = u.desired(d)
    if (u.replicasOf(newRS) === want) return newRS
    if (u.replicasOf(newRS) > want) return this.scaleAndRecord(newRS, want, d)
    return this.scaleAndRecord(newRS, this.newRSNewReplicas(d, all, newRS), d)
  }

  /** Returns the old sets; a different array means something scaled down. */
  private reconcileOldReplicaSets(olds: KubeObject[], newRS: KubeObject | undefined, d: KubeObject): KubeObject[] {
    const activeOlds = u.activeSets(olds)
    if (u.sumSpec(activeOlds) === 0) return olds
    const allPods = u.sumSpec([...olds, newRS])
    const minAvailable = u.desired(d) - u.maxUnavailable(d)
    const newUnavailable = u.replicasOf(newRS) - (newRS?.status?.availableReplicas ?? 0)
    const maxScaledDown = allPods - minAvailable - newUnavailable
    if (maxScaledDown <= 0) return olds
    let total = 0
    let sets = [...activeOlds].sort(u.byCreation)
    // cleanupUnhealthyReplicas
    sets = sets.map((rs) => {
      if (total >= maxScaledDown) return rs
      const spec = u.replicasOf(rs)
      const avail = rs.status?.availableReplicas ?? 0
      if (spec === 0 || spec === avail) return rs
      const n = Math.min(maxScaledDown - total, spec - avail)
      total += n
      return this.scaleAndRecord(rs, spec - n, d)
    })
    // scaleDownOldReplicaSetsForRollingUpdate
    const available = u.sumStatus([...sets, newRS], 'availableReplicas')
    if (available > minAvailable) {
      const target = available - minAvailable
      let done = 0
      sets = [...sets].sort(u.byCreation).map((rs) => {
        if (done >= target || u.replicasOf(rs) === 0) return rs
        const n = Math.min(u.replicasOf(rs), target - done)
        done += n
        total += n
        return this.scaleAndRecord(rs, u.replicasOf(rs) - n, d)
      })
    }
    if (total === 0) return olds
    const byName = new Map(sets.map((rs) => [rs.metadata.name, rs]))
    return olds.map((rs) => byName.get(rs.metadata.name) ?? rs)
  }

  // ---- recreate ------------------------------------------------------------------------------------------

  private rolloutRecreate(d: KubeObject, rsList: KubeObject[]): void {
    let [newRS, olds] = this.allSets(d, rsList, false)
    let scaledDown = false
    olds = olds.map((rs) => {
      if (u.replicasOf(rs) === 0) return rs
      scaledDown = true
      return this.scaleAndRecord(rs, 0, d)
    })
    const all = () => [...olds, ...(newRS ? [newRS] : [])]
    if (scaledDown) return this.syncRolloutStatus(d, all(), newRS)
    if (this.oldPodsRunning(d, newRS, olds)) return this.syncRolloutStatus(d, all(), newRS)
    if (!newRS) [newRS, olds] = this.allSets(d, this.replicaSetsFor(d), true)
    if (newRS) newRS = this.scaleAndRecord(newRS, u.desired(d), d)
    if (u.deploymentComplete(d, d.status ?? {})) this.cleanup(d, olds)
    this.syncRolloutStatus(d, all(), newRS)
  }

  private oldPodsRunning(d: KubeObject, newRS: KubeObject | undefined, olds: KubeObject[]): boolean {
    if (u.sumStatus(olds, 'replicas') > 0) return true
    for (const rs of olds) {
      for (const p of this.hub.dependents(rs.metadata.uid ?? '')) {
        if (p.kind !== 'Pod' || !selectorMatches(d.spec.selector, p.metadata.labels)) continue
        const phase = p.status?.phase
        if (phase !== 'Failed' && phase !== 'Succeeded') return true
      }
    }
    void newRS
    return false
  }

  // ---- cleanup and status --------------------------------------------------------------------------------

  private cleanup(d: KubeObject, olds: KubeObject[]): void {
    const limit = d.spec?.revisionHistoryLimit
    if (limit === undefined || limit === null) return
    const cleanable = olds.filter((rs) => !rs.metadata.deletionTimestamp).sort(u.byRevision)
    const diff = cleanable.length - limit
    for (let i = 0; i < diff; i++) {
      const rs = cleanable[i]
      if ((rs.status?.replicas ?? 0) !== 0 || u.replicasOf(rs) !== 0) continue
      if ((rs.metadata.generation ?? 0) > (rs.status?.observedGeneration ?? 0)) continue
      try {
        this.ctx.api.delete(keyOf(rs))
      } catch (e) {
        if (!isApiError(e) || e.reason !== 'NotFound') throw e
      }
    }
  }

  private calculateStatus(d: KubeObject, all: KubeObject[], newRS: KubeObject | undefined): Status {
    const available = u.sumStatus(all, 'availableReplicas')
    const total = u.sumSpec(all)
    const s: Status = {
      observedGeneration: d.metadata.generation,
      replicas: u.sumStatus(all, 'replicas'),
      updatedReplicas: u.sumStatus([newRS], 'replicas'),
      readyReplicas: u.sumStatus(all, 'readyReplicas'),
      availableReplicas: available,
      unavailableReplicas: Math.max(0, total - available),
    }
    if (d.status?.conditions) s.conditions = clone(d.status.conditions)
    if (d.status?.collisionCount !== undefined) s.collisionCount = d.status.collisionCount
    if (available >= u.desired(d) - u.maxUnavailable(d)) {
      u.setCondition(s, u.newCondition('Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.', this.now()))
    } else {
      u.setCondition(s, u.newCondition('Available', 'False', 'MinimumReplicasUnavailable', 'Deployment does not have minimum availability.', this.now()))
    }
    return s
  }

  private syncDeploymentStatus(d: KubeObject, all: KubeObject[], newRS: KubeObject | undefined): void {
    this.writeStatus(d, this.calculateStatus(d, all, newRS))
  }

  private syncStatusOnly(d: KubeObject, rsList: KubeObject[]): void {
    const [newRS, olds] = this.allSets(d, rsList, false)
    this.syncDeploymentStatus(d, [...olds, ...(newRS ? [newRS] : [])], newRS)
  }

  private syncRolloutStatus(d: KubeObject, all: KubeObject[], newRS: KubeObject | undefined): void {
    const s = this.calculateStatus(d, all, newRS)
    if (!u.hasProgressDeadline(d)) u.removeCondition(s, 'Progressing')
    const cur = u.getCondition(d.status, 'Progressing')
    const complete = (s.replicas ?? 0) === (s.updatedReplicas ?? 0) && cur?.reason === u.NewRSAvailableReason
    const now = this.now()
    if (u.hasProgressDeadline(d) && !complete) {
      if (u.deploymentComplete(d, s)) {
        const msg = newRS ? `ReplicaSet "${newRS.metadata.name}" has successfully progressed.` : `Deployment "${d.metadata.name}" has successfully progressed.`
        u.setCondition(s, u.newCondition('Progressing', 'True', u.NewRSAvailableReason, msg, now))
      } else if (u.deploymentProgressing(d, s)) {
        const msg = newRS ? `ReplicaSet "${newRS.metadata.name}" is progressing.` : `Deployment "${d.metadata.name}" is progressing.`
        const c = u.newCondition('Progressing', 'True', 'ReplicaSetUpdated', msg, now)
        if (cur?.status === 'True') c.lastTransitionTime = cur.lastTransitionTime
        u.removeCondition(s, 'Progressing')
        u.setCondition(s, c)
      } else if (u.deploymentTimedOut(d, s, now)) {
        const msg = newRS ? `ReplicaSet "${newRS.metadata.name}" has timed out progressing.` : `Deployment "${d.metadata.name}" has timed out progressing.`
        u.setCondition(s, u.newCondition('Progressing', 'False', u.TimedOutReason, msg, now))
      }
    }
    const failure = all.map((rs) => u.getCondition(rs.status, 'ReplicaFailure')).find((c) => c && c.status === 'True') as any
    if (failure) {
      u.setCondition(s, u.newCondition('ReplicaFailure', failure.status, failure.reason, failure.message, now))
    } else u.removeCondition(s, 'ReplicaFailure')
    if (this.writeStatus(d, s)) return
    this.requeueStuck(d, s)
  }

  /** A rollout still in progress is looked at again when its progress deadline passes. */
  private requeueStuck(d: KubeObject, s: Status): void {
    const c = u.getCondition(s, 'Progressing')
    if (!u.hasProgressDeadline(d) || !c) return
    if (u.deploymentComplete(d, s) || c.reason === u.TimedOutReason) return
    // once NewReplicaSetAvailable with every replica updated, syncRolloutStatus skips the deadline check: a requeue
    // could never change anything (kube-controller-manager re-syncs it in a rate-limited loop; virtual time need not)
    if (c.reason === u.NewRSAvailableReason && (s.replicas ?? 0) === (s.updatedReplicas ?? 0)) return
    const after = Date.parse(c.lastUpdateTime) + d.spec.progressDeadlineSeconds * 1000 - this.now()
    // a deadline far away does not keep the cluster from settling. Under a second, kube-controller-manager
    // enqueues rate-limited (5 ms steps) until the deadline has passed; virtual time goes straight to the first
    // check past it (a requeue at 0 would run again at the same instant, forever).
    if (after < 1000) this.queue.addAfter(keyOf(d), Math.max(after, 0) + 5, true)
    else this.queue.addAfter(keyOf(d), after + 1000, true)
  }

  private checkPausedConditions(d: KubeObject): void {
    if (!u.hasProgressDeadline(d)) return
    const c = u.getCondition(d.status, 'Progressing')
    if (c?.reason === u.TimedOutReason) return
    const pausedExists = c?.reason === u.PausedDeployReason
    d.status ??= {}
    if (d.spec?.paused && !pausedExists) {
      u.setCondition(d.status, u.newCondition('Progressing', 'Unknown', u.PausedDeployReason, 'Deployment is paused', this.now()))
    } else if (!d.spec?.paused && pausedExists) {
      u.setCondition(d.status, u.newCondition('Progressing', 'Unknown', u.ResumedDeployReason, 'Deployment is resumed', this.now()))
    } else return
    this.writeStatus(d, d.status)
  }

  /** UpdateStatus when different; returns whether it wrote. Keeps `d` current. */
  private writeStatus(d: KubeObject, s: Status): boolean {
    const status = compactStatus(s)
    if (JSON.stringify(status) === JSON.stringify(d.status ?? {})) return false
    const stored = this.ctx.api.updateStatus({...d, metadata: {...d.metadata, resourceVersion: undefined}, status})
    d.status = clone(stored.status)
    return true
  }

  /** The revision annotation and status together, through the status subresource as the controller does. */
  private writeAll(d: KubeObject): void {
    const status = compactStatus(d.status ?? {})
    const stored = this.ctx.api.updateStatus({...d, metadata: {...d.metadata, resourceVersion: undefined}, status})
    d.metadata = clone(stored.metadata)
    d.status = clone(stored.status)
  }
}

function stripRV(o: KubeObject): KubeObject {
  return {...o, metadata: {...o.metadata, resourceVersion: undefined}}
}

/** math.Round: half away from zero. */
function roundHalfAway(x: number): number {
  return x < 0 ? -Math.round(-x) : Math.round(x)
}

/** DeploymentStatus with its omitempty fields left out when zero, in the API's field order. */
function compactStatus(s: Status): Status {
  const out: Status = {}
  for (const f of ['observedGeneration', 'replicas', 'updatedReplicas', 'readyReplicas', 'availableReplicas', 'unavailableReplicas']) {
    if (s[f]) out[f] = s[f]
  }
  if (s.conditions?.length) out.conditions = s.conditions
  if (s.collisionCount !== undefined) out.collisionCount = s.collisionCount
  return out
}
