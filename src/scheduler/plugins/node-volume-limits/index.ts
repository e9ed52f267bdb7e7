// NodeVolumeLimits (PreFilter, Filter): CSI volumes per driver on a node must stay within the CSINode's
// allocatable count.
import type {KubeObject} from '../../../api/types.js'
import type {FilterPlugin, Handle, PreFilterPlugin} from '../../framework/interfaces.js'
import {Status} from '../../framework/status.js'
import {getPV, getPVC, podClaimNames} from '../../framework/volumes.js'

export const NAME = 'NodeVolumeLimits'
export const ERR_REASON_MAX_VOLUME_COUNT = 'node(s) exceed max volume count'

export function newNodeVolumeLimits(_args: unknown, handle: Handle): PreFilterPlugin & FilterPlugin {
  /** driver → volume handles of the pod's CSI volumes (bound PVs only) */
  function csiVolumes(pod: KubeObject, into: Map<string, Set<string>>): void {
    const ns = pod.metadata.namespace ?? 'default'
    for (const name of podClaimNames(pod)) {
      const pvName = getPVC(handle.store, ns, name)?.spec?.volumeName
      const csi = pvName ? getPV(handle.store, pvName)?.spec?.csi : undefined
      if (!csi?.driver) continue
      let s = into.get(csi.driver)
      if (!s) into.set(csi.driver, (s = new Set()))
      s.add(csi.volumeHandle ?? pvName)
    }
  }
  return {
    name: NAME,
    preFilter(_state, pod) {
      return {status: podClaimNames(pod.pod).length === 0 ? Status.skip() : null}
    },
    filter(_state, pod, node) {
      const wanted = new Map<string, Set<string>>()
      csiVolumes(pod.pod, wanted)
      if (wanted.size === 0) return null
      const csiNode = handle.store.get(`storage.k8s.io/CSINode//${node.name}`)
      if (!csiNode) return null
      const attached = new Map<string, Set<string>>()
      for (const p of node.pods) csiVolumes(p.pod, attached)
      for (const d of csiNode.spec?.drivers ?? []) {
        const limit = d.allocatable?.count
        if (limit === undefined || limit === null) continue
        const want = wanted.get(d.name)
        if (!want) continue
        const have = attached.get(d.name) ?? new Set()
        let n = have.size
        for (const h of want) if (!have.has(h)) n++
        if (n > Number(limit)) return Status.unschedulable(ERR_REASON_MAX_VOLUME_COUNT)
      }
      return null
    },
  }
}
