// Volumes that need an attach by a CSI driver that is not installed. Since 1.27 the in-tree block-storage plugins
// are gone and their sources are translated to CSI (k8s.io/csi-translation-lib): the attach/detach controller
// creates a VolumeAttachment that no external-attacher handles, so the kubelet waits for the attachment forever
// and the pod stays ContainerCreating. A driver counts as installed when a CSIDriver object names it.
import type {ObjectStore} from '../api/store/store.js'
import type {KubeObject} from '../api/types.js'
import {objectKey} from '../api/store/keys.js'

/** In-tree source → [CSI driver, volume handle] (csi-translation-lib plugins; attachable ones only). */
const MIGRATED: Record<string, [string, (s: any) => string]> = {
  awsElasticBlockStore: ['ebs.csi.aws.com', (s) => s.volumeID],
  gcePersistentDisk: ['pd.csi.storage.gke.io', (s) => s.pdName],
  azureDisk: ['disk.csi.azure.com', (s) => s.diskURI],
  cinder: ['cinder.csi.openstack.org', (s) => s.volumeID],
  vsphereVolume: ['csi.vsphere.vmware.com', (s) => s.volumePath],
}

export interface UnattachedVolume {
  /** the pod's volume name */
  name: string
  driver: string
  handle: string
}

function attachSource(spec: any): {driver: string; handle: string} | undefined {
  for (const [field, [driver, handle]] of Object.entries(MIGRATED)) if (spec?.[field]) return {driver, handle: String(handle(spec[field]) ?? '')}
  if (spec?.csi?.driver && spec.csi.volumeHandle !== undefined) return {driver: spec.csi.driver, handle: String(spec.csi.volumeHandle)}
  return undefined
}

export function unattachedVolumes(store: ObjectStore, pod: KubeObject): UnattachedVolume[] {
  const ns = pod.metadata.namespace ?? 'default'
  const out: UnattachedVolume[] = []
  for (const v of pod.spec?.volumes ?? []) {
    let src = attachSource(v)
    const claim = v.persistentVolumeClaim?.claimName
    if (!src && claim) {
      const pvc = store.get(objectKey('', 'PersistentVolumeClaim', ns, claim))
      const pv = pvc?.spec?.volumeName ? store.get(objectKey('', 'PersistentVolume', undefined, pvc.spec.volumeName)) : undefined
      src = pv ? attachSource(pv.spec) : undefined
    }
    if (src && !store.get(objectKey('storage.k8s.io', 'CSIDriver', undefined, src.driver))) out.push({name: v.name, ...src})
  }
  return out
}

/** The attach/detach controller's FailedAttachVolume message (csi_attacher.go waitForVolumeAttachment). */
export function failedAttachMessage(v: UnattachedVolume): string {
  return `AttachVolume.Attach failed for volume "${v.name}" : timed out waiting for external-attacher of ${v.driver} CSI driver to attach volume ${v.handle}`
}

/** The kubelet's FailedMount message when volumes stay unattached (volume_manager.go WaitForAttachAndMount). */
export function failedMountMessage(pod: KubeObject, unattached: UnattachedVolume[]): string {
  const names = unattached.map((v) => v.name)
  const all = (pod.spec?.volumes ?? []).map((v: any) => v.name)
  return `Unable to attach or mount volumes: unmounted volumes=[${names.join(' ')}], unattached volumes=[${all.join(' ')}]: timed out waiting for the condition`
}
