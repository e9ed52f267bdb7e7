// NodeVolumeLimits (PreFilter, Filter): CSI volumes per driver on a node must stay within the node's attach limit
// (nodevolumelimits/csi.go CSILimits, v1.32). In-tree volume migration is not modelled.
import {createHash} from 'node:crypto'
import type {KubeObject} from '../../../api/types.js'
import type {FilterPlugin, Handle, PreFilterPlugin} from '../../framework/interfaces.js'
import type {NodeInfo} from '../../framework/node-info.js'
import {Status} from '../../framework/status.js'
import {getPV, getPVC, getStorageClass, podClaimNames, pvcClassName} from '../../framework/volumes.js'

export const NAME = 'NodeVolumeLimits'
export const ERR_REASON_MAX_VOLUME_COUNT = 'node(s) exceed max volume count'

const CSI_ATTACH_LIMIT_PREFIX = 'attachable-volumes-csi-'
/** Stands in for CSILimits.randomVolumeIDPrefix: marks the placeholder handle of a claim that is not bound yet. */
const UNBOUND_VOLUME_ID_PREFIX = 'k8sim-unbound'

/** volumeutil.GetCSIAttachLimitKey: attachable-volumes-csi-<driver>, shortened with a sha1 past 63 characters. */
export function csiAttachLimitKey(driver: string): string {
  if (CSI_ATTACH_LIMIT_PREFIX.length + driver.length >= 63) {
    const hashed = createHash('sha1').update(driver).digest('hex').slice(0, 16)
    return CSI_ATTACH_LIMIT_PREFIX + driver.slice(0, 23) + hashed
  }
  return CSI_ATTACH_LIMIT_PREFIX + driver
}

export function newNodeVolumeLimits(_args: unknown, handle: Handle): PreFilterPlugin & FilterPlugin {
  /**
   * getCSIDriverInfoFromSC: a claim that is not bound yet (or whose PV is missing) counts against its StorageClass's
   * provisioner, under a placeholder handle per claim; no class or an unknown class -> not counted.
   */
  function driverInfoFromSC(pvc: KubeObject): [string, string] | undefined {
    const className = pvcClassName(pvc)
    if (!className) return undefined
    const sc = getStorageClass(handle.store, className)
    if (!sc?.provisioner) return undefined
    return [sc.provisioner, `${UNBOUND_VOLUME_ID_PREFIX}-${pvc.metadata.namespace}/${pvc.metadata.name}`]
  }

  /** getCSIDriverInfo: the bound PV's CSI driver and volume handle, else the StorageClass fallback. */
  function driverInfo(pvc: KubeObject): [string, string] | undefined {
    const pvName = pvc.spec?.volumeName
    if (!pvName) return driverInfoFromSC(pvc)
    const pv = getPV(handle.store, pvName)
    if (!pv) return driverInfoFromSC(pvc)
    const csi = pv.spec?.csi
    if (!csi) return undefined // non-CSI PV (in-tree migration is not modelled)
    return [csi.driver ?? '', csi.volumeHandle ?? '']
  }

  /**
   * filterAttachableVolumes: "<driver>/<handle>" → attach limit key for each CSI volume of the pod. A claim the new
   * pod needs but that does not exist is an error (UnschedulableAndUnresolvable); existing pods' are skipped.
   */
  function attachableVolumes(pod: KubeObject, newPod: boolean, into: Map<string, string>): Status | null {
    const ns = pod.metadata.namespace ?? 'default'
    for (const name of podClaimNames(pod)) {
      const pvc = getPVC(handle.store, ns, name)
      if (!pvc) {
        if (newPod) return Status.unresolvable(`looking up PVC ${ns}/${name}: persistentvolumeclaim "${name}" not found`)
        continue
      }
      const info = driverInfo(pvc)
      if (!info || !info[0] || !info[1]) continue
      into.set(`${info[0]}/${info[1]}`, csiAttachLimitKey(info[0]))
    }
    return null
  }

  /** getVolumeLimits: the node's attachable-volumes-* allocatable, overridden by the CSINode drivers' counts. */
  function volumeLimits(node: NodeInfo, csiNode: KubeObject | undefined): Map<string, number> {
    const limits = new Map<string, number>()
    for (const [k, v] of Object.entries(node.allocatable.scalar)) if (k.startsWith('attachable-volumes-')) limits.set(k, v)
    for (const d of csiNode?.spec?.drivers ?? []) {
      const count = d.allocatable?.count
      if (count !== undefined && count !== null) limits.set(csiAttachLimitKey(d.name), Number(count))
    }
    return limits
  }

  return {
    name: NAME,
    preFilter(_state, pod) {
      return {status: podClaimNames(pod.pod).length === 0 ? Status.skip() : null}
    },
    filter(_state, pod, node) {
      if ((pod.pod.spec?.volumes ?? []).length === 0) return null
      const csiNode = handle.store.get(`storage.k8s.io/CSINode//${node.name}`)
      const newVolumes = new Map<string, string>()
      const err = attachableVolumes(pod.pod, true, newVolumes)
      if (err) return err
      if (newVolumes.size === 0) return null
      const limits = volumeLimits(node, csiNode)
      if (limits.size === 0) return null
      const attached = new Map<string, string>()
      for (const p of node.pods) attachableVolumes(p.pod, false, attached)
      // a volume already attached for another pod on the node is not counted again
      const attachedCount = new Map<string, number>()
      for (const [unique, key] of attached) {
        newVolumes.delete(unique)
        attachedCount.set(key, (attachedCount.get(key) ?? 0) + 1)
      }
      const newCount = new Map<string, number>()
      for (const key of newVolumes.values()) newCount.set(key, (newCount.get(key) ?? 0) + 1)
      for (const [key, count] of newCount) {
        const max = limits.get(key)
        if (max !== undefined && (attachedCount.get(key) ?? 0) + count > max) return Status.unschedulable(ERR_REASON_MAX_VOLUME_COUNT)
      }
      return null
    },
  }
}
