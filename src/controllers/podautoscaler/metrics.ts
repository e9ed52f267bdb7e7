// Resource metrics as metrics-server would report them for simulated pods: a pod's usage comes from its
// `sim.k8sim.io/cpu-usage` / `sim.k8sim.io/memory-usage` annotations (per pod, as `kubectl top` shows it); a pod
// without one is idle (0).

import type {KubeObject} from '../../api/types.js'
import {milliValue} from '../../api/quantity.js'

const PREFIX = 'sim.k8sim.io/'

/** Usage in milli-units (millicores for cpu, milli-bytes for memory). */
export function podUsage(pod: KubeObject, resource: string): number {
  const v = pod.metadata.annotations?.[`${PREFIX}${resource}-usage`]
  if (!v) return 0
  const m = milliValue(v)
  return Number.isFinite(m) ? m : 0
}

/** Sum of the containers' requests in milli-units, or the first container without one. */
export function podRequest(pod: KubeObject, resource: string): {total: number; missing?: string} {
  let total = 0
  for (const c of pod.spec?.containers ?? []) {
    const r = c.resources?.requests?.[resource]
    if (r === undefined) return {total, missing: c.name}
    total += milliValue(r)
  }
  return {total}
}
