// pkg/controller/deployment/util/deployment_util.go: fenceposts, revisions and annotations, conditions,
// the status predicates (complete, progressing, timed out) and the ReplicaSet orderings.

import {deepCopy} from '../../api/deep-copy.js'
import type {KubeObject} from '../../api/types.js'
import {toRFC3339} from '../../clock/clock.js'
import {ms, scaledValue} from '../runtime/util.js'

export const REVISION = 'deployment.kubernetes.io/revision'
export const REVISION_HISTORY = 'deployment.kubernetes.io/revision-history'
export const DESIRED_REPLICAS = 'deployment.kubernetes.io/desired-replicas'
export const MAX_REPLICAS = 'deployment.kubernetes.io/max-replicas'
export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration'
export const POD_TEMPLATE_HASH = 'pod-template-hash'
const MAX_REV_HISTORY_CHARS = 2000
const MAX_INT32 = 2147483647

export const NewRSAvailableReason = 'NewReplicaSetAvailable'
export const TimedOutReason = 'ProgressDeadlineExceeded'
export const PausedDeployReason = 'DeploymentPaused'
export const ResumedDeployReason = 'DeploymentResumed'

export const replicasOf = (x: KubeObject | undefined): number => x?.spec?.replicas ?? 0
export const desired = (d: KubeObject): number => d.spec?.replicas ?? 1

export function isRollingUpdate(d: KubeObject): boolean {
  return (d.spec?.strategy?.type ?? 'RollingUpdate') === 'RollingUpdate'
}

/** ResolveFenceposts → [surge, unavailable]. */
export function resolveFenceposts(d: KubeObject): [number, number] {
  const ru = d.spec?.strategy?.rollingUpdate ?? {}
  const n = desired(d)
  const surge = scaledValue(ru.maxSurge ?? '25%', n, true)
  let unavailable = scaledValue(ru.maxUnavailable ?? '25%', n, false)
  if (surge === 0 && unavailable === 0) unavailable = 1
  return [surge, unavailable]
}

export function maxSurge(d: KubeObject): number {
  return isRollingUpdate(d) ? resolveFenceposts(d)[0] : 0
}

export function maxUnavailable(d: KubeObject): number {
  if (!isRollingUpdate(d) || desired(d) === 0) return 0
  return Math.min(resolveFenceposts(d)[1], desired(d))
}

export function revisionOf(rs: KubeObject): number {
  const v = rs.metadata.annotations?.[REVISION]
  const n = v === undefined ? 0 : Number.parseInt(v, 10)
  return Number.isFinite(n) ? n : 0
}

export function maxRevision(sets: KubeObject[]): number {
  let m = 0
  for (const rs of sets) m = Math.max(m, revisionOf(rs))
  return m
}

function skipCopyAnnotation(k: string): boolean {
  return k === LAST_APPLIED || k === REVISION || k === REVISION_HISTORY || k === DESIRED_REPLICAS || k === MAX_REPLICAS
}

/** SetNewReplicaSetAnnotations (mutates rs). */
export function setNewReplicaSetAnnotations(d: KubeObject, rs: KubeObject, newRevision: string, exists: boolean): boolean {
  const a = (rs.metadata.annotations ??= {})
  let changed = false
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) {
    if (skipCopyAnnotation(k) || a[k] === v) continue
    a[k] = v
    changed = true
  }
  const oldRevision = a[REVISION]
  const oldInt = oldRevision ? Number.parseInt(oldRevision, 10) : 0
  const newInt = Number.parseInt(newRevision, 10)
  if (oldInt < newInt) {
    a[REVISION] = newRevision
    changed = true
  }
  if (oldRevision && oldInt < newInt) {
    const history = a[REVISION_HISTORY] ?? ''
    const olds = history.split(',')
    if (olds[0].length === 0) a[REVISION_HISTORY] = oldRevision
    else {
      let total = history.length + oldRevision.length + 1
      let start = 0
      while (total > MAX_REV_HISTORY_CHARS && start < olds.length) total -= olds[start++].length + 1
      a[REVISION_HISTORY] = total <= MAX_REV_HISTORY_CHARS ? `${olds.slice(start).join(',')},${oldRevision}` : oldRevision
    }
  }
  if (!exists && setReplicasAnnotations(rs, desired(d), desired(d) + maxSurge(d))) changed = true
  return changed
}

export function setReplicasAnnotations(rs: KubeObject, want: number, max: number): boolean {
  const a = (rs.metadata.annotations ??= {})
  let changed = false
  if (a[DESIRED_REPLICAS] !== String(want)) {
    a[DESIRED_REPLICAS] = String(want)
    changed = true
  }
  if (a[MAX_REPLICAS] !== String(max)) {
    a[MAX_REPLICAS] = String(max)
    changed = true
  }
  return changed
}

function intAnnotation(rs: KubeObject, k: string): number | undefined {
  const v = rs.metadata.annotations?.[k]
  if (v === undefined) return undefined
  const n = Number.parseInt(v, 10)
  return Number.isFinite(n) ? n : undefined
}

export const desiredReplicasAnnotation = (rs: KubeObject) => intAnnotation(rs, DESIRED_REPLICAS)
export const maxReplicasAnnotation = (rs: KubeObject) => intAnnotation(rs, MAX_REPLICAS)

/** The template without the pod-template-hash label, for EqualIgnoreHash. */
export function templateIgnoringHash(t: any): string {
  const c = deepCopy(t ?? {})
  if (c.metadata?.labels) {
    delete c.metadata.labels[POD_TEMPLATE_HASH]
    if (Object.keys(c.metadata.labels).length === 0) delete c.metadata.labels
  }
  return canonical(c)
}

function canonical(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null'
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`
  const o = v as Record<string, unknown>
  return `{${Object.keys(o).filter((k) => o[k] !== undefined).sort().map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`).join(',')}}`
}

/** ReplicaSetsByCreationTimestamp: older first, then by name. */
export function byCreation(a: KubeObject, b: KubeObject): number {
  const d = ms(a.metadata.creationTimestamp) - ms(b.metadata.creationTimestamp)
  if (d !== 0) return d
  return (a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : (a.metadata.name ?? '') > (b.metadata.name ?? '') ? 1 : 0
}

export function bySizeNewer(a: KubeObject, b: KubeObject): number {
  if (replicasOf(a) === replicasOf(b)) return byCreation(b, a)
  return replicasOf(b) - replicasOf(a)
}

export function bySizeOlder(a: KubeObject, b: KubeObject): number {
  if (replicasOf(a) === replicasOf(b)) return byCreation(a, b)
  return replicasOf(b) - replicasOf(a)
}

export function byRevision(a: KubeObject, b: KubeObject): number {
  const d = revisionOf(a) - revisionOf(b)
  return d !== 0 ? d : byCreation(a, b)
}

export const activeSets = (sets: (KubeObject | undefined)[]): KubeObject[] =>
  sets.filter((rs): rs is KubeObject => !!rs && replicasOf(rs) > 0)

export const sumSpec = (sets: (KubeObject | undefined)[]) => sets.reduce((n, rs) => n + (rs ? replicasOf(rs) : 0), 0)
export const sumStatus = (sets: (KubeObject | undefined)[], f: string) => sets.reduce((n, rs) => n + (rs?.status?.[f] ?? 0), 0)

export function hasProgressDeadline(d: KubeObject): boolean {
  const p = d.spec?.progressDeadlineSeconds
  return p !== undefined && p !== null && p !== MAX_INT32
}

export interface Condition {
  type: string
  status: string
  lastUpdateTime: string
  lastTransitionTime: string
  reason: string
  message: string
}

export function newCondition(type: string, status: string, reason: string, message: string, now: number): Condition {
  const t = toRFC3339(now)
  return {type, status, lastUpdateTime: t, lastTransitionTime: t, reason, message}
}

export function getCondition(status: any, type: string): Condition | undefined {
  return (status?.conditions ?? []).find((c: Condition) => c.type === type)
}

/** SetDeploymentCondition: same status and reason → unchanged; otherwise replace (moving it last). */
export function setCondition(status: any, c: Condition): void {
  const cur = getCondition(status, c.type)
  if (cur && cur.status === c.status && cur.reason === c.reason) return
  if (cur && cur.status === c.status) c.lastTransitionTime = cur.lastTransitionTime
  status.conditions = [...(status.conditions ?? []).filter((x: Condition) => x.type !== c.type), c]
}

export function removeCondition(status: any, type: string): void {
  if (!status.conditions) return
  status.conditions = status.conditions.filter((x: Condition) => x.type !== type)
  if (status.conditions.length === 0) delete status.conditions
}

export function deploymentComplete(d: KubeObject, s: any): boolean {
  const n = desired(d)
  return (s.updatedReplicas ?? 0) === n && (s.replicas ?? 0) === n && (s.availableReplicas ?? 0) === n &&
    (s.observedGeneration ?? 0) >= (d.metadata.generation ?? 0)
}

export function deploymentProgressing(d: KubeObject, s: any): boolean {
  const o = d.status ?? {}
  const oldOld = (o.replicas ?? 0) - (o.updatedReplicas ?? 0)
  const newOld = (s.replicas ?? 0) - (s.updatedReplicas ?? 0)
  return (s.updatedReplicas ?? 0) > (o.updatedReplicas ?? 0) || newOld < oldOld ||
    (s.readyReplicas ?? 0) > (o.readyReplicas ?? 0) || (s.availableReplicas ?? 0) > (o.availableReplicas ?? 0)
}

export function deploymentTimedOut(d: KubeObject, s: any, now: number): boolean {
  if (!hasProgressDeadline(d)) return false
  const c = getCondition(s, 'Progressing')
  if (!c) return false
  if (c.reason === NewRSAvailableReason) return false
  if (c.reason === TimedOutReason) return true
  return ms(c.lastUpdateTime) + d.spec.progressDeadlineSeconds * 1000 < now
}
