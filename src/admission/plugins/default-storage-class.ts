// DefaultStorageClass (plugin/pkg/admission/storage/storageclass/setdefault): a claim that names no class gets
// the default one (annotation storageclass.kubernetes.io/is-default-class; the newest wins when several are).
import type {ObjectStore} from '../../api/store/store.js'
import type {KubeObject} from '../../api/types.js'

export const IS_DEFAULT_CLASS = 'storageclass.kubernetes.io/is-default-class'
const BETA_IS_DEFAULT_CLASS = 'storageclass.beta.kubernetes.io/is-default-class'

export function defaultStorageClassOf(store: ObjectStore): KubeObject | undefined {
  const defaults = store
    .list('storage.k8s.io/StorageClass')
    .filter((sc) => sc.metadata.annotations?.[IS_DEFAULT_CLASS] === 'true' || sc.metadata.annotations?.[BETA_IS_DEFAULT_CLASS] === 'true')
  defaults.sort((a, b) => {
    const t = (b.metadata.creationTimestamp ?? '').localeCompare(a.metadata.creationTimestamp ?? '')
    return t !== 0 ? t : (a.metadata.name ?? '').localeCompare(b.metadata.name ?? '')
  })
  return defaults[0]
}

export function defaultStorageClass(op: 'CREATE' | 'UPDATE', pvc: KubeObject, store: ObjectStore): void {
  if (op !== 'CREATE' || pvc.kind !== 'PersistentVolumeClaim') return
  if (pvc.spec?.storageClassName !== undefined && pvc.spec?.storageClassName !== null) return
  if (pvc.metadata.annotations?.['volume.beta.kubernetes.io/storage-class'] !== undefined) return
  const sc = defaultStorageClassOf(store)
  if (sc) pvc.spec = {...pvc.spec, storageClassName: sc.metadata.name}
}
