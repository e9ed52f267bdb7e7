// NodePorts (PreFilter, Filter): a wanted (hostIP, protocol, hostPort) must be free on the node.
import type {FilterPlugin, PreFilterPlugin} from '../../framework/interfaces.js'
import {Status} from '../../framework/status.js'

export const NAME = 'NodePorts'
export const ERR_REASON = "node(s) didn't have free ports for the requested pod ports"

export function newNodePorts(): PreFilterPlugin & FilterPlugin {
  return {
    name: NAME,
    preFilter(_state, pod) {
      if (pod.hostPorts.length === 0) return {status: Status.skip()}
      return {status: null}
    },
    filter(_state, pod, node) {
      for (const p of pod.hostPorts) {
        if (node.usedPorts.checkConflict(p.ip, p.protocol, p.port)) return Status.unschedulable(ERR_REASON)
      }
      return null
    },
  }
}
