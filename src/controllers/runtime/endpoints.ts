// Shared by the Endpoints and EndpointSlice controllers: which pods back a Service and on which ports
// (pkg/controller/util/endpointslice: ShouldPodBeInEndpoints, podutil.FindPort).

import type {KubeObject} from '../../api/types.js'

/** ShouldPodBeInEndpoints */
export function shouldPodBeInEndpoints(pod: KubeObject, includeTerminating: boolean): boolean {
  const rp = pod.spec?.restartPolicy
  const phase = pod.status?.phase
  if (rp === 'Never' && (phase === 'Failed' || phase === 'Succeeded')) return false
  if (rp === 'OnFailure' && phase === 'Succeeded') return false
  if (phase === 'Failed' || phase === 'Succeeded') return false
  if (!pod.status?.podIP) return false
  if (!includeTerminating && pod.metadata.deletionTimestamp) return false
  return true
}

/** podutil.FindPort: a number is itself; a name is looked up in the pod's container ports of that protocol. */
export function findPort(pod: KubeObject, svcPort: any): number | undefined {
  const tp = svcPort.targetPort ?? svcPort.port
  if (typeof tp === 'number') return tp
  if (/^\d+$/.test(String(tp))) return Number(tp)
  const protocol = svcPort.protocol ?? 'TCP'
  for (const c of [...(pod.spec?.containers ?? [])]) {
    for (const p of c.ports ?? []) if (p.name === tp && (p.protocol ?? 'TCP') === protocol) return p.containerPort
  }
  return undefined
}

export function isReady(pod: KubeObject): boolean {
  return (pod.status?.conditions ?? []).some((c: any) => c.type === 'Ready' && c.status === 'True')
}
