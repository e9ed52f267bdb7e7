// VolumeRestrictions (PreFilter, Filter): in-tree disks that cannot be shared (GCE PD, AWS EBS, RBD, iSCSI) and
// ReadWriteOncePod PVCs already used by another pod.
import type {KubeObject} from '../../../api/types.js'
import type {FilterPlugin, Handle, PreFilterPlugin} from '../../framework/interfaces.js'
import {Status} from '../../framework/status.js'
import {getPVC} from '../../framework/volumes.js'
import type {StateData} from '../../framework/cycle-state.js'
import type {PodInfo} from '../../framework/pod-info.js'

export const NAME = 'VolumeRestrictions'
export const ERR_REASON_DISK_CONFLICT = 'node(s) had no available disk'
export const ERR_REASON_RWOP_CONFLICT = 'node has pod using PersistentVolumeClaim with the same name and ReadWriteOncePod access mode'
const KEY = 'PreFilter' + NAME

function isVolumeConflict(v: any, pod: KubeObject): boolean {
  for (const ev of pod.spec?.volumes ?? []) {
    if (v.gcePersistentDisk && ev.gcePersistentDisk) {
      const a = v.gcePersistentDisk
      const b = ev.gcePersistentDisk
      if (a.pdName === b.pdName && !(a.readOnly && b.readOnly)) return true
    }
    if (v.awsElasticBlockStore && ev.awsElasticBlockStore && v.awsElasticBlockStore.volumeID === ev.awsElasticBlockStore.volumeID) return true
    if (v.iscsi && ev.iscsi && v.iscsi.iqn === ev.iscsi.iqn && !(v.iscsi.readOnly && ev.iscsi.readOnly)) return true
    if (v.rbd && ev.rbd) {
      const a = v.rbd
      const b = ev.rbd
      const monShared = (a.monitors ?? []).some((m: string) => (b.monitors ?? []).includes(m))
      if (monShared && (a.pool ?? 'rbd') === (b.pool ?? 'rbd') && a.image === b.image && !(a.readOnly && b.readOnly)) return true
    }
  }
  return false
}

class PreFilterState implements StateData {
  constructor(
    /** "ns/name" of the pod's ReadWriteOncePod claims */
    readonly rwopClaims: Set<string>,
    /** scheduled pods using one of them */
    public conflictingPVCRefCount: number,
  ) {}

  clone(): PreFilterState {
    return new PreFilterState(this.rwopClaims, this.conflictingPVCRefCount)
  }
}

function claimKeys(pod: PodInfo): string[] {
  return (pod.pod.spec?.volumes ?? []).filter((v: any) => v.persistentVolumeClaim?.claimName).map((v: any) => `${pod.namespace}/${v.persistentVolumeClaim.claimName}`)
}

export function newVolumeRestrictions(_args: unknown, handle: Handle): PreFilterPlugin & FilterPlugin {
  function refs(s: PreFilterState, other: PodInfo): number {
    let n = 0
    for (const k of claimKeys(other)) if (s.rwopClaims.has(k)) n++
    return n
  }
  return {
    name: NAME,
    preFilter(state, pod) {
      const volumes: any[] = pod.pod.spec?.volumes ?? []
      const needsDiskCheck = volumes.some((v) => v.gcePersistentDisk || v.awsElasticBlockStore || v.rbd || v.iscsi)
      // readWriteOncePodPVCsForPod: every persistentVolumeClaim volume must exist
      const rwop = new Set<string>()
      for (const v of volumes) {
        const name = v.persistentVolumeClaim?.claimName
        if (!name) continue
        const pvc = getPVC(handle.store, pod.namespace, name)
        if (!pvc) return {status: Status.unresolvable(`persistentvolumeclaim "${name}" not found`)}
        if ((pvc.spec?.accessModes ?? []).includes('ReadWriteOncePod')) rwop.add(`${pod.namespace}/${name}`)
      }
      const s = new PreFilterState(rwop, 0)
      if (rwop.size > 0) {
        for (const node of handle.cache.list()) for (const p of node.pods) if (p.key !== pod.key) s.conflictingPVCRefCount += refs(s, p)
      }
      if (!needsDiskCheck && s.conflictingPVCRefCount === 0) return {status: Status.skip()}
      state.write(KEY, s)
      return {status: null}
    },
    addPod(state, _pod, added) {
      const s = state.read<PreFilterState>(KEY)
      if (s) s.conflictingPVCRefCount += refs(s, added)
    },
    removePod(state, _pod, removed) {
      const s = state.read<PreFilterState>(KEY)
      if (s) s.conflictingPVCRefCount -= refs(s, removed)
    },
    filter(state, pod, node) {
      for (const v of pod.pod.spec?.volumes ?? []) {
        if (!(v.gcePersistentDisk || v.awsElasticBlockStore || v.rbd || v.iscsi)) continue
        for (const p of node.pods) if (isVolumeConflict(v, p.pod)) return Status.unschedulable(ERR_REASON_DISK_CONFLICT)
      }
      const s = state.read<PreFilterState>(KEY)
      if (s && s.conflictingPVCRefCount > 0) return Status.unschedulable(ERR_REASON_RWOP_CONFLICT)
      return null
    },
  }
}
