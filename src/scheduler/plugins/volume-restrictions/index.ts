// VolumeRestrictions (PreFilter, Filter): in-tree disks that cannot be shared (GCE PD, AWS EBS, RBD, iSCSI) and
// ReadWriteOncePod PVCs already used by another pod.
import type {KubeObject} from '../../../api/types.js'
import type {FilterPlugin, Handle, PreFilterPlugin} from '../../framework/interfaces.js'
import {Status} from '../../framework/status.js'
import {getPVC, podClaimNames} from '../../framework/volumes.js'

export const NAME = 'VolumeRestrictions'
export const ERR_REASON_DISK_CONFLICT = 'node(s) had no available disk'
export const ERR_REASON_RWOP_CONFLICT = 'node has pod using PersistentVolumeClaim with the same name and ReadWriteOncePod access mode'

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

export function newVolumeRestrictions(_args: unknown, handle: Handle): PreFilterPlugin & FilterPlugin {
  return {
    name: NAME,
    preFilter(_state, pod) {
      const volumes: any[] = pod.pod.spec?.volumes ?? []
      const needsDiskCheck = volumes.some((v) => v.gcePersistentDisk || v.awsElasticBlockStore || v.rbd || v.iscsi)
      const rwop: string[] = []
      for (const name of podClaimNames(pod.pod)) {
        const pvc = getPVC(handle.store, pod.namespace, name)
        if (pvc && (pvc.spec?.accessModes ?? []).includes('ReadWriteOncePod')) rwop.push(name)
      }
      if (!needsDiskCheck && rwop.length === 0) return {status: Status.skip()}
      if (rwop.length > 0) {
        for (const node of handle.cache.list()) {
          for (const p of node.pods) {
            if (p.namespace !== pod.namespace || p.key === pod.key) continue
            if (podClaimNames(p.pod).some((n) => rwop.includes(n))) return {status: Status.unresolvable(ERR_REASON_RWOP_CONFLICT)}
          }
        }
      }
      return {status: null}
    },
    filter(_state, pod, node) {
      for (const v of pod.pod.spec?.volumes ?? []) {
        if (!(v.gcePersistentDisk || v.awsElasticBlockStore || v.rbd || v.iscsi)) continue
        for (const p of node.pods) if (isVolumeConflict(v, p.pod)) return Status.unschedulable(ERR_REASON_DISK_CONFLICT)
      }
      return null
    },
  }
}
