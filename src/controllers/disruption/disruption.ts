// The disruption controller (pkg/controller/disruption/disruption.go): keeps each PodDisruptionBudget's status
// (expectedPods, desiredHealthy, currentHealthy, disruptionsAllowed, disruptedPods, the DisruptionAllowed
// condition) level-triggered from its pods and their controllers' scale (kubectl.md §5.8).

import type {KubeObject} from '../../api/types.js'
import type {WatchEvent} from '../../api/store/store.js'
import {keyOf, objectKey} from '../../api/store/keys.js'
import {matchesLabelSelector} from '../../api/selectors.js'
import {toRFC3339} from '../../clock/clock.js'
import {QueueController} from '../runtime/base.js'
import {controllerRefOf, isPodReady, ms, scaledValue} from '../runtime/util.js'

const PDB = 'policy/PodDisruptionBudget'
const COMPONENT = {component: 'controllermanager'}
/** DeletionTimeout: an evicted pod not deleted within this is counted again */
export const DELETION_TIMEOUT_MS = 2 * 60 * 1000

interface Expected {
  expectedCount: number
  desiredHealthy: number
  unmanagedPods: string[]
}

class SyncError extends Error {}

export class DisruptionController extends QueueController {
  readonly name = 'disruption-controller'

  protected register(): void {
    this.hub.on(PDB, (ev) => this.queue.add(ev.key))
    this.hub.on('/Pod', (ev) => this.onPod(ev))
    for (const gk of ['apps/ReplicaSet', 'apps/Deployment', 'apps/StatefulSet', '/ReplicationController']) {
      this.hub.on(gk, (ev) => this.onScaleTarget(ev))
    }
    for (const pdb of this.ctx.store.list(PDB)) this.queue.add(keyOf(pdb))
  }

  private onPod(ev: WatchEvent): void {
    const ns = ev.object.metadata.namespace ?? ''
    for (const pdb of this.hub.inNamespace(PDB, ns)) {
      const sel = pdb.spec?.selector
      if (safeMatch(sel, ev.object.metadata.labels) || (ev.old && safeMatch(sel, ev.old.metadata.labels))) this.queue.add(keyOf(pdb))
    }
  }

  private onScaleTarget(ev: WatchEvent): void {
    if (ev.type === 'MODIFIED' && ev.old?.spec?.replicas === ev.object.spec?.replicas) return
    for (const pdb of this.hub.inNamespace(PDB, ev.object.metadata.namespace ?? '')) this.queue.add(keyOf(pdb))
  }

  protected sync(key: string): void {
    const pdb = this.ctx.store.get(key)
    if (!pdb || pdb.metadata.deletionTimestamp) return
    const pods = this.podsForPdb(pdb)
    if (pods.length === 0) this.ctx.events.event(pdb, 'Normal', 'NoPods', 'No matching pods found', COMPONENT)
    let expected: Expected
    try {
      expected = this.expectedPodCount(pdb, pods)
    } catch (e) {
      if (!(e instanceof SyncError)) throw e
      return this.failSafe(pdb, e.message)
    }
    if (expected.unmanagedPods.length > 0) {
      this.ctx.events.event(pdb, 'Warning', 'UnmanagedPods',
        `Pods selected by this PodDisruptionBudget (selector: ${selectorString(pdb.spec?.selector)}) were found to be unmanaged. ` +
        'As a result, the status of the PDB cannot be calculated correctly, which may result in undefined behavior. ' +
        'To account for these pods please set ".spec.minAvailable" field of the PDB to an integer value.', COMPONENT)
    }
    const now = this.ctx.clock.now()
    const {disruptedPods, recheckAt} = this.buildDisruptedPodMap(pods, pdb, now)
    const currentHealthy = countHealthyPods(pods, disruptedPods, now)
    this.updateStatus(pdb, currentHealthy, expected, disruptedPods)
    if (recheckAt !== undefined) this.queue.addAfter(key, recheckAt - now)
  }

  private podsForPdb(pdb: KubeObject): KubeObject[] {
    const sel = pdb.spec?.selector
    if (!sel) return []
    return this.hub.inNamespace('/Pod', pdb.metadata.namespace ?? '').filter((p) => safeMatch(sel, p.metadata.labels))
  }

  private expectedPodCount(pdb: KubeObject, pods: KubeObject[]): Expected {
    const spec = pdb.spec ?? {}
    if (spec.maxUnavailable != null) {
      const {count, unmanaged} = this.expectedScale(pdb, pods)
      const maxUnavailable = scaledValue(spec.maxUnavailable, count, true)
      return {expectedCount: count, desiredHealthy: Math.max(0, count - maxUnavailable), unmanagedPods: unmanaged}
    }
    if (spec.minAvailable != null) {
      if (typeof spec.minAvailable === 'number') return {expectedCount: pods.length, desiredHealthy: spec.minAvailable, unmanagedPods: []}
      const {count, unmanaged} = this.expectedScale(pdb, pods)
      return {expectedCount: count, desiredHealthy: scaledValue(spec.minAvailable, count, true), unmanagedPods: unmanaged}
    }
    return {expectedCount: 0, desiredHealthy: 0, unmanagedPods: []}
  }

  /** getExpectedScale: the sum of the scale of every controller owning a selected pod (each counted once). */
  private expectedScale(pdb: KubeObject, pods: KubeObject[]): {count: number; unmanaged: string[]} {
    const seen = new Set<string>()
    const unmanaged: string[] = []
    let count = 0
    for (const pod of pods) {
      const ref = controllerRefOf(pod)
      if (!ref) {
        unmanaged.push(pod.metadata.name ?? '')
        continue
      }
      if (seen.has(ref.uid)) continue
      const found = this.scaleOf(pod.metadata.namespace ?? '', ref)
      if (!found) {
        this.ctx.events.event(pdb, 'Normal', 'NoControllers', `found no controllers for pod "${pod.metadata.name}"`, COMPONENT)
        throw new SyncError(`found no controllers for pod "${pod.metadata.name}"`)
      }
      if (seen.has(found.uid)) continue
      seen.add(ref.uid)
      seen.add(found.uid)
      count += found.replicas
    }
    return {count, unmanaged}
  }

  /** The controller with a scale subresource behind a pod (a Deployment's ReplicaSet counts as the Deployment). */
  private scaleOf(ns: string, ref: {kind: string; name: string; uid: string}): {uid: string; replicas: number} | undefined {
    const store = this.ctx.store
    const get = (group: string, kind: string, name: string, uid?: string): KubeObject | undefined => {
      const o = store.get(objectKey(group, kind, ns, name))
      return o && (uid === undefined || o.metadata.uid === uid) ? o : undefined
    }
    const replicas = (o: KubeObject) => o.spec?.replicas ?? 1
    switch (ref.kind) {
      case 'ReplicaSet': {
        const rs = get('apps', 'ReplicaSet', ref.name, ref.uid)
        if (!rs) return undefined
        const owner = controllerRefOf(rs)
        if (owner?.kind === 'Deployment') {
          const d = get('apps', 'Deployment', owner.name, owner.uid)
          if (d) return {uid: d.metadata.uid ?? '', replicas: replicas(d)}
        }
        return {uid: rs.metadata.uid ?? '', replicas: replicas(rs)}
      }
      case 'ReplicationController':
      case 'StatefulSet': {
        const o = get(ref.kind === 'StatefulSet' ? 'apps' : '', ref.kind, ref.name, ref.uid)
        return o ? {uid: o.metadata.uid ?? '', replicas: replicas(o)} : undefined
      }
      default:
        return undefined
    }
  }

  private buildDisruptedPodMap(pods: KubeObject[], pdb: KubeObject, now: number): {disruptedPods: Record<string, string>; recheckAt?: number} {
    const before: Record<string, string> = pdb.status?.disruptedPods ?? {}
    const out: Record<string, string> = {}
    let recheckAt: number | undefined
    for (const pod of pods) {
      if (pod.metadata.deletionTimestamp) continue
      const t = before[pod.metadata.name ?? '']
      if (!t) continue
      const expectedDeletion = ms(t) + DELETION_TIMEOUT_MS
      if (expectedDeletion < now) {
        this.ctx.events.event(pod, 'Warning', 'NotDeleted',
          `Pod was expected by PDB ${pdb.metadata.namespace}/${pdb.metadata.name} to be deleted but it wasn't`, COMPONENT)
      } else {
        if (recheckAt === undefined || expectedDeletion < recheckAt) recheckAt = expectedDeletion
        out[pod.metadata.name ?? ''] = t
      }
    }
    return {disruptedPods: out, recheckAt}
  }

  private updateStatus(pdb: KubeObject, currentHealthy: number, e: Expected, disruptedPods: Record<string, string>): void {
    let disruptionsAllowed = currentHealthy - e.desiredHealthy
    if (e.expectedCount <= 0 || disruptionsAllowed <= 0) disruptionsAllowed = 0
    const generation = pdb.metadata.generation ?? 0
    const status: any = {observedGeneration: generation}
    if (Object.keys(disruptedPods).length > 0) status.disruptedPods = disruptedPods
    Object.assign(status, {disruptionsAllowed, currentHealthy, desiredHealthy: e.desiredHealthy, expectedPods: e.expectedCount})
    const ok = disruptionsAllowed > 0
    status.conditions = this.withCondition(pdb, ok ? 'True' : 'False', ok ? 'SufficientPods' : 'InsufficientPods', '', generation)
    this.write(pdb, status)
  }

  /** failSafe: no disruptions while the status cannot be computed. */
  private failSafe(pdb: KubeObject, message: string): void {
    const status = structuredClone(pdb.status ?? {})
    status.disruptionsAllowed = 0
    status.conditions = this.withCondition(pdb, 'False', 'SyncFailed', message, status.observedGeneration ?? 0)
    this.write(pdb, status)
  }

  /** apimeta.SetStatusCondition for DisruptionAllowed: lastTransitionTime moves only when the status changes. */
  private withCondition(pdb: KubeObject, status: string, reason: string, message: string, observedGeneration: number): any[] {
    const conds: any[] = structuredClone(pdb.status?.conditions ?? [])
    const i = conds.findIndex((c) => c.type === 'DisruptionAllowed')
    const prev = i >= 0 ? conds[i] : undefined
    const lastTransitionTime = prev && prev.status === status ? prev.lastTransitionTime : toRFC3339(this.ctx.clock.now())
    const cond = {lastTransitionTime, message, observedGeneration, reason, status, type: 'DisruptionAllowed'}
    if (i >= 0) conds[i] = cond
    else conds.push(cond)
    return conds
  }

  private write(pdb: KubeObject, status: any): void {
    if (JSON.stringify(status) === JSON.stringify(pdb.status ?? {})) return
    this.ctx.api.updateStatus({...pdb, status})
  }
}

function countHealthyPods(pods: KubeObject[], disrupted: Record<string, string>, now: number): number {
  let n = 0
  for (const pod of pods) {
    if (pod.metadata.deletionTimestamp) continue
    const t = disrupted[pod.metadata.name ?? '']
    if (t && ms(t) + DELETION_TIMEOUT_MS > now) continue
    if (isPodReady(pod)) n++
  }
  return n
}

function safeMatch(sel: any, labels: Record<string, string> | undefined): boolean {
  try {
    return matchesLabelSelector(sel, labels ?? {})
  } catch {
    return false
  }
}

/** metav1.LabelSelector printed with %v, as the UnmanagedPods event does (&LabelSelector{MatchLabels:map[...]...}). */
function selectorString(sel: any): string {
  const labels = Object.keys(sel?.matchLabels ?? {}).sort().map((k) => `${k}: ${sel.matchLabels[k]},`).join('')
  const exprs = (sel?.matchExpressions ?? []).map((e: any) => `LabelSelectorRequirement{Key:${e.key},Operator:${e.operator},Values:[${(e.values ?? []).join(' ')}],}`).join(',')
  return `&LabelSelector{MatchLabels:map[string]string{${labels}},MatchExpressions:[]LabelSelectorRequirement{${exprs}},}`
}
