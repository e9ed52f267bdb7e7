// NodeUnschedulable (Filter): a cordoned node only takes pods tolerating node.kubernetes.io/unschedulable.
import type {FilterPlugin} from '../../framework/interfaces.js'
import {Status} from '../../framework/status.js'
import {tolerationsTolerateTaint} from '../../framework/taints.js'

export const NAME = 'NodeUnschedulable'
export const ERR_REASON_UNSCHEDULABLE = 'node(s) were unschedulable'

export function newNodeUnschedulable(): FilterPlugin {
  const taint = {key: 'node.kubernetes.io/unschedulable', value: '', effect: 'NoSchedule'}
  return {
    name: NAME,
    filter(_state, pod, node) {
      if (!node.unschedulable) return null
      if (tolerationsTolerateTaint(pod.pod.spec?.tolerations, taint)) return null
      return Status.unresolvable(ERR_REASON_UNSCHEDULABLE)
    },
  }
}
