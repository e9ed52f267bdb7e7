// Which pods a ReplicaSet deletes first when scaling down (pkg/controller/controller_utils.go ActivePodsWithRanks,
// with the PodDeletionCost and LogarithmicScaleDown features on, as in v1.32).

import type {KubeObject} from '../../api/types.js'
import {isPodReady, ms, podReadyTime} from '../runtime/util.js'

const PHASE_ORDINAL: Record<string, number> = {Pending: 0, Unknown: 1, Running: 2}
const DELETION_COST = 'controller.kubernetes.io/pod-deletion-cost'

function deletionCost(p: KubeObject): number {
  const v = p.metadata.annotations?.[DELETION_COST]
  const n = v === undefined ? 0 : Number.parseInt(v, 10)
  return Number.isFinite(n) ? n : 0
}

function maxRestarts(p: KubeObject): number {
  let m = 0
  for (const s of p.status?.containerStatuses ?? []) m = Math.max(m, s.restartCount ?? 0)
  return m
}

/** logarithmicRankDiff: compare floor(log2(age in ns)) buckets. */
function logRankDiff(t1: number, t2: number, now: number): number {
  const d1 = (now - t1) * 1e6
  const d2 = (now - t2) * 1e6
  const r1 = d1 > 0 ? Math.floor(Math.log2(d1)) : -1
  const r2 = d2 > 0 ? Math.floor(Math.log2(d2)) : -1
  return r1 - r2
}

/** Negative when pod a should be deleted before pod b. */
function less(a: KubeObject, ra: number, b: KubeObject, rb: number, now: number): boolean {
  // 1. unassigned < assigned
  const na = a.spec?.nodeName ?? ''
  const nb = b.spec?.nodeName ?? ''
  if ((na === '') !== (nb === '')) return na === ''
  // 2. Pending < Unknown < Running
  const pa = PHASE_ORDINAL[a.status?.phase] ?? 0
  const pb = PHASE_ORDINAL[b.status?.phase] ?? 0
  if (pa !== pb) return pa < pb
  // 3. not ready < ready
  const ya = isPodReady(a)
  const yb = isPodReady(b)
  if (ya !== yb) return !ya
  // 4. lower pod-deletion-cost first
  const ca = deletionCost(a)
  const cb = deletionCost(b)
  if (ca !== cb) return ca < cb
  // 5. more related pods on the same node first
  if (ra !== rb) return ra > rb
  // 6. both ready: more recently ready first
  if (ya && yb) {
    const ta = podReadyTime(a) ?? 0
    const tb = podReadyTime(b) ?? 0
    if (ta !== tb) {
      if (!ta || !tb) return afterOrZero(ta, tb)
      const d = logRankDiff(ta, tb, now)
      if (d === 0) return (a.metadata.uid ?? '') < (b.metadata.uid ?? '')
      return d < 0
    }
  }
  // 7. more restarts first
  const xa = maxRestarts(a)
  const xb = maxRestarts(b)
  if (xa !== xb) return xa > xb
  // 8. newer first
  const ka = ms(a.metadata.creationTimestamp)
  const kb = ms(b.metadata.creationTimestamp)
  if (ka !== kb) {
    if (!ka || !kb) return afterOrZero(ka, kb)
    const d = logRankDiff(ka, kb, now)
    if (d === 0) return (a.metadata.uid ?? '') < (b.metadata.uid ?? '')
    return d < 0
  }
  return false
}

function afterOrZero(t1: number, t2: number): boolean {
  if (!t1 || !t2) return !t1
  return t1 > t2
}

/** The first `diff` pods to delete. relatedPods: active pods of every ReplicaSet with the same controller. */
export function podsToDelete(pods: KubeObject[], relatedPods: KubeObject[], diff: number, now: number): KubeObject[] {
  if (diff >= pods.length) return pods.slice()
  const onNode = new Map<string, number>()
  for (const p of relatedPods) {
    const n = p.spec?.nodeName ?? ''
    onNode.set(n, (onNode.get(n) ?? 0) + 1)
  }
  const ranked = pods.map((p) => ({p, r: onNode.get(p.spec?.nodeName ?? '') ?? 0}))
  ranked.sort((x, y) => (less(x.p, x.r, y.p, y.r, now) ? -1 : less(y.p, y.r, x.p, x.r, now) ? 1 : 0))
  return ranked.slice(0, diff).map((x) => x.p)
}
