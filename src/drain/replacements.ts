// Beyond kubectl: where each evicted pod's replacement went. A replacement is a pod of the same controller that did
// not exist before the drain (a StatefulSet's has the same name and a new uid); it is Running on a node, still
// Pending (with the scheduler's reason), or missing (a pod without a controller is not recreated).

import type {KubeObject} from '../api/types.js'
import type {ObjectStore} from '../api/store/store.js'
import type {EvictedPod} from './drain.js'

export interface ReplacementRow {
  evicted: string
  replacement?: string
  node?: string
  status: string
}

function podStatus(pod: KubeObject): string {
  if (pod.metadata.deletionTimestamp) return 'Terminating'
  const phase = pod.status?.phase ?? 'Pending'
  if (phase === 'Pending' && !pod.spec?.nodeName) {
    const sched = (pod.status?.conditions ?? []).find((c: any) => c.type === 'PodScheduled')
    if (sched?.status === 'False' && sched.message) return `Pending: ${sched.message}`
  }
  return phase
}

export function findReplacements(store: ObjectStore, evicted: EvictedPod[], existedBefore: Set<string>): ReplacementRow[] {
  const taken = new Set<string>()
  const owned = new Map<string, KubeObject[]>()
  const ownedBy = (ownerUid: string): KubeObject[] => {
    let list = owned.get(ownerUid)
    if (!list) {
      list = store.list('/Pod')
        .filter((p) => p.metadata.ownerReferences?.some((r) => r.controller && r.uid === ownerUid))
        .sort((a, b) => (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? '') || (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''))
      owned.set(ownerUid, list)
    }
    return list
  }
  return evicted.map((e) => {
    const row: ReplacementRow = {evicted: `${e.namespace}/${e.name}`, status: ''}
    if (!e.owner) return {...row, status: 'not recreated: no controller'}
    // new since the drain, or (for a pod already terminating, e.g. on a failed node) since it began terminating
    const isNew = (p: KubeObject) => !existedBefore.has(p.metadata.uid ?? '') ||
      (e.terminatingSince !== undefined && Date.parse(p.metadata.creationTimestamp ?? '') >= e.terminatingSince)
    const list = ownedBy(e.owner.uid).filter((p) => p.metadata.uid !== e.uid && !taken.has(p.metadata.uid ?? '') && isNew(p))
    // a StatefulSet recreates the same name; other controllers any new pod
    const pick = list.find((p) => p.metadata.name === e.name) ?? (e.owner.kind === 'StatefulSet' ? undefined : list[0])
    if (!pick) return {...row, status: 'not recreated'}
    taken.add(pick.metadata.uid ?? '')
    return {...row, replacement: `${pick.metadata.namespace}/${pick.metadata.name}`, node: pick.spec?.nodeName, status: podStatus(pick)}
  })
}
