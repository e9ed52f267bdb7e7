// Volumes that need an attach by a CSI driver that is not installed. Since 1.27 the in-tree block-storage plugins
// are gone and their sources are translated to CSI (k8s.io/csi-translation-lib): the attach/detach controller
// creates a VolumeAttachment that no external-attacher handles, so the kubelet waits for the attachment forever
// and the pod stays ContainerCreating. A driver counts as installed when a CSIDriver object names it.
import type {ObjectStore} from '../api/store/store.js'
import type {KubeObject} from '../api/types.js'
import {objectKey} from '../api/store/keys.js'

/** In-tree source → [CSI driver, volume handle, the id the translated inline PV is named after]
 * (csi-translation-lib plugins; attachable ones only). */
const MIGRATED: Record<string, [string, (s: any) => string, (s: any) => string]> = {
  awsElasticBlockStore: ['ebs.csi.aws.com', (s) => s.volumeID, (s) => s.volumeID],
  gcePersistentDisk: ['pd.csi.storage.gke.io', (s) => s.pdName, (s) => s.pdName],
  azureDisk: ['disk.csi.azure.com', (s) => s.diskURI, (s) => s.diskName],
  cinder: ['cinder.csi.openstack.org', (s) => s.volumeID, (s) => s.volumeID],
  vsphereVolume: ['csi.vsphere.vmware.com', (s) => s.volumePath, (s) => s.volumePath],
}

export interface UnattachedVolume {
  /** the pod's volume name */
  name: string
  driver: string
  handle: string
  /** the volume as the attach/detach controller names it: the PV, or the translated inline PV `<driver>-<id>` */
  specName: string
}

const MIGRATED_SOURCES = Object.entries(MIGRATED)

function attachSource(spec: any): {driver: string; handle: string; id: string} | undefined {
  for (const [field, [driver, handle, id]] of MIGRATED_SOURCES) {
    if (spec?.[field]) return {driver, handle: String(handle(spec[field]) ?? ''), id: String(id(spec[field]) ?? '')}
  }
  if (spec?.csi?.driver && spec.csi.volumeHandle !== undefined) return {driver: spec.csi.driver, handle: String(spec.csi.volumeHandle), id: String(spec.csi.volumeHandle)}
  return undefined
}

export function unattachedVolumes(store: ObjectStore, pod: KubeObject): UnattachedVolume[] {
  const ns = pod.metadata.namespace ?? 'default'
  const out: UnattachedVolume[] = []
  for (const v of pod.spec?.volumes ?? []) {
    const inline = attachSource(v)
    let found: UnattachedVolume | undefined = inline && {name: v.name, driver: inline.driver, handle: inline.handle, specName: `${inline.driver}-${inline.id}`}
    const claim = v.persistentVolumeClaim?.claimName
    if (!found && claim) {
      const pvc = store.get(objectKey('', 'PersistentVolumeClaim', ns, claim))
      const pv = pvc?.spec?.volumeName ? store.get(objectKey('', 'PersistentVolume', undefined, pvc.spec.volumeName)) : undefined
      const src = pv ? attachSource(pv.spec) : undefined
      if (src) found = {name: v.name, driver: src.driver, handle: src.handle, specName: pv!.metadata.name ?? ''}
    }
    if (found && !store.get(objectKey('storage.k8s.io', 'CSIDriver', undefined, found.driver))) out.push(found)
  }
  return out
}

/** The attach/detach controller's FailedAttachVolume message (csi_attacher.go waitForVolumeAttachment). */
export function failedAttachMessage(v: UnattachedVolume): string {
  return `AttachVolume.Attach failed for volume "${v.specName}" : timed out waiting for external-attacher of ${v.driver} CSI driver to attach volume ${v.handle}`
}

/** The kubelet's FailedMount message when volumes stay unattached (volume_manager.go WaitForAttachAndMount: the
 * volumes not mounted, the attachable ones not attached, sorted; the poll ends with the context's deadline). */
export function failedMountMessage(unattached: UnattachedVolume[]): string {
  const names = unattached.map((v) => v.name).sort().join(' ')
  return `Unable to attach or mount volumes: unmounted volumes=[${names}], unattached volumes=[${names}], failed to process volumes=[]: context deadline exceeded`
}

/** An inline (ephemeral) CSI volume whose driver has no CSIDriver object: csi_plugin.go NewMounter refuses it,
 * as only persistent volumes are assumed supported by an unknown driver. The FailedMount message, or undefined. */
export function inlineCSIMountError(store: ObjectStore, pod: KubeObject): string | undefined {
  for (const v of pod.spec?.volumes ?? []) {
    const driver = v.csi?.driver
    if (!driver || store.get(objectKey('storage.k8s.io', 'CSIDriver', undefined, driver))) continue
    return `MountVolume.NewMounter initialization failed for volume "${v.name}" : volume mode "Ephemeral" not supported by driver ${driver} (no CSIDriver object)`
  }
  return undefined
}

/** In-tree volume plugins removed from the kubelet by 1.32 without CSI migration (glusterfs 1.26, cephfs and
 * rbd 1.31, the others earlier): the API still accepts the fields, the kubelet has no plugin for them. */
const REMOVED_PLUGINS = ['glusterfs', 'cephfs', 'rbd', 'flocker', 'quobyte', 'storageos', 'scaleIO', 'photonPersistentDisk']

/** The volume manager's error for a volume no plugin handles (desired_state_of_world AddPodToVolume), as the
 * kubelet's FailedMount shows it; undefined when every volume has a plugin. */
export function removedPluginMountError(store: ObjectStore, pod: KubeObject): string | undefined {
  const ns = pod.metadata.namespace ?? 'default'
  const failed: {name: string; specName: string}[] = []
  for (const v of pod.spec?.volumes ?? []) {
    if (REMOVED_PLUGINS.some((f) => v[f])) failed.push({name: v.name, specName: v.name})
    else if (v.persistentVolumeClaim?.claimName) {
      const pvc = store.get(objectKey('', 'PersistentVolumeClaim', ns, v.persistentVolumeClaim.claimName))
      const pv = pvc?.spec?.volumeName ? store.get(objectKey('', 'PersistentVolume', undefined, pvc.spec.volumeName)) : undefined
      if (pv && REMOVED_PLUGINS.some((f) => pv.spec?.[f])) failed.push({name: v.name, specName: pv.metadata.name ?? ''})
    }
  }
  if (failed.length === 0) return undefined
  const names = failed.map((f) => f.name).sort().join(' ')
  const errs = failed.map((f) => `failed to get Plugin from volumeSpec for volume "${f.specName}" err=no volume plugin matched`).join('; ')
  return `Unable to attach or mount volumes: unmounted volumes=[${names}], unattached volumes=[], failed to process volumes=[${names}]: ${errs}`
}
