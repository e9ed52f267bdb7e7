// Which plugins a cluster event can help (a coarse form of v1.32's EventsToRegister + queueing hints): an
// unschedulable pod is retried only when an event may help one of the plugins that rejected it.

export const POD_DELETED_HELPS = new Set([
  'NodeResourcesFit',
  'NodePorts',
  'InterPodAffinity',
  'PodTopologySpread',
  'VolumeRestrictions',
  'NodeVolumeLimits',
  'DefaultPreemption',
])
export const POD_ADDED_HELPS = new Set(['InterPodAffinity', 'PodTopologySpread'])
export const STORAGE_HELPS = new Set(['VolumeBinding', 'VolumeZone', 'VolumeRestrictions', 'NodeVolumeLimits'])
export const NAMESPACE_HELPS = new Set(['InterPodAffinity'])

/** Node fields whose change can make a pod schedulable (heartbeats and conditions cannot). */
export function nodeSchedulingFieldsChanged(a: any, b: any): boolean {
  return (
    JSON.stringify(a.metadata?.labels ?? {}) !== JSON.stringify(b.metadata?.labels ?? {}) ||
    JSON.stringify(a.spec?.taints ?? []) !== JSON.stringify(b.spec?.taints ?? []) ||
    !!a.spec?.unschedulable !== !!b.spec?.unschedulable ||
    JSON.stringify(a.status?.allocatable ?? {}) !== JSON.stringify(b.status?.allocatable ?? {}) ||
    JSON.stringify(a.status?.images ?? []) !== JSON.stringify(b.status?.images ?? [])
  )
}
