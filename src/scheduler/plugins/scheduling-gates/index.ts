// SchedulingGates (PreEnqueue): a pod with spec.schedulingGates stays out of the active queue.
import type {KubeObject} from '../../../api/types.js'
import type {PreEnqueuePlugin} from '../../framework/interfaces.js'
import {Status} from '../../framework/status.js'

export const NAME = 'SchedulingGates'

export function newSchedulingGates(): PreEnqueuePlugin {
  return {
    name: NAME,
    preEnqueue(pod: KubeObject) {
      const gates: any[] = pod.spec?.schedulingGates ?? []
      if (gates.length === 0) return null
      return Status.unresolvable(`waiting for scheduling gates: [${gates.map((g) => g.name).join(' ')}]`)
    },
  }
}
