// NodeName (Filter): a pod naming a node fits only there.
import type {FilterPlugin} from '../../framework/interfaces.js'
import {Status} from '../../framework/status.js'

export const NAME = 'NodeName'
export const ERR_REASON = "node(s) didn't match the requested node name"

export function newNodeName(): FilterPlugin {
  return {
    name: NAME,
    filter(_state, pod, node) {
      const want = pod.pod.spec?.nodeName
      if (!want || want === node.name) return null
      return Status.unresolvable(ERR_REASON)
    },
  }
}
