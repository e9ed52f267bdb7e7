// VolumeZone (PreFilter, Filter): a bound PV's zone/region labels must match the node's.
import type {FilterPlugin, Handle, PreFilterPlugin} from '../../framework/interfaces.js'
import {Status} from '../../framework/status.js'
import {getPV, getPVC, podClaimNames} from '../../framework/volumes.js'

export const NAME = 'VolumeZone'
export const ERR_REASON_CONFLICT = 'node(s) had no available volume zone'
const KEY = 'PreFilter' + NAME
const TOPOLOGY_LABELS = [
  'failure-domain.beta.kubernetes.io/zone',
  'failure-domain.beta.kubernetes.io/region',
  'topology.kubernetes.io/zone',
  'topology.kubernetes.io/region',
]
const GA: Record<string, string> = {
  'failure-domain.beta.kubernetes.io/zone': 'topology.kubernetes.io/zone',
  'failure-domain.beta.kubernetes.io/region': 'topology.kubernetes.io/region',
}

export function newVolumeZone(_args: unknown, handle: Handle): PreFilterPlugin & FilterPlugin {
  return {
    name: NAME,
    preFilter(state, pod) {
      const topologies: Array<{key: string; values: Set<string>}> = []
      for (const name of podClaimNames(pod.pod)) {
        const pvc = getPVC(handle.store, pod.namespace, name)
        const pvName = pvc?.spec?.volumeName
        if (!pvName) continue
        const pv = getPV(handle.store, pvName)
        if (!pv) continue
        for (const k of TOPOLOGY_LABELS) {
          const v = pv.metadata.labels?.[k]
          if (v !== undefined) topologies.push({key: k, values: new Set(v.split('__'))})
        }
      }
      if (topologies.length === 0) return {status: Status.skip()}
      state.write(KEY, topologies)
      return {status: null}
    },
    filter(state, _pod, node) {
      const topologies = state.read<Array<{key: string; values: Set<string>}>>(KEY)
      if (!topologies || topologies.length === 0) return null
      if (!TOPOLOGY_LABELS.some((k) => k in node.labels)) return null
      for (const t of topologies) {
        const v = node.labels[t.key] ?? (GA[t.key] ? node.labels[GA[t.key]] : undefined)
        if (v === undefined || !t.values.has(v)) return Status.unresolvable(ERR_REASON_CONFLICT)
      }
      return null
    },
  }
}
