// PVC helpers shared by the volume plugins (volumebinding, volumezone, nodevolumelimits, volumerestrictions).
import type {ObjectStore} from '../../api/store/store.js'
import type {KubeObject} from '../../api/types.js'

/** The PVC names a pod uses: persistentVolumeClaim volumes and generic ephemeral volumes (<pod>-<volume>). */
export function podClaimNames(pod: KubeObject): string[] {
  const out: string[] = []
  for (const v of pod.spec?.volumes ?? []) {
    if (v.persistentVolumeClaim?.claimName) out.push(v.persistentVolumeClaim.claimName)
    else if (v.ephemeral) out.push(`${pod.metadata.name}-${v.name}`)
  }
  return out
}

export function getPVC(store: ObjectStore, ns: string, name: string): KubeObject | undefined {
  return store.get(`/PersistentVolumeClaim/${ns}/${name}`)
}

export function getPV(store: ObjectStore, name: string): KubeObject | undefined {
  return store.get(`/PersistentVolume//${name}`)
}

export function getStorageClass(store: ObjectStore, name: string): KubeObject | undefined {
  return store.get(`storage.k8s.io/StorageClass//${name}`)
}

/** storagehelpers.GetPersistentVolumeClaimClass: the beta annotation wins over spec.storageClassName */
export function pvcClassName(pvc: KubeObject): string {
  return pvc.metadata.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? pvc.spec?.storageClassName ?? ''
}

/** storagehelpers.GetPersistentVolumeClass: the beta annotation wins over spec.storageClassName */
export function pvClassName(pv: KubeObject): string {
  return pv.metadata.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? pv.spec?.storageClassName ?? ''
}
