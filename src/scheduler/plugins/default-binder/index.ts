// DefaultBinder (Bind): what POST pods/<name>/binding does — set spec.nodeName and PodScheduled=True.
import type {BindPlugin, Handle} from '../../framework/interfaces.js'
import {Status} from '../../framework/status.js'

export const NAME = 'DefaultBinder'

export function newDefaultBinder(_args: unknown, handle: Handle): BindPlugin {
  return {
    name: NAME,
    bind(_state, pod, nodeName) {
      const key = `/Pod/${pod.namespace}/${pod.pod.metadata.name}`
      const current = handle.store.get(key)
      if (!current) return Status.error(`pods "${pod.pod.metadata.name}" not found`)
      if (current.spec?.nodeName) return Status.error(`pod ${pod.key} is already assigned to node "${current.spec.nodeName}"`)
      // stored objects are replaced, never changed in place: a shallow copy of the changed parts is enough
      const status = {...(current.status ?? {})}
      const conditions: any[] = (status.conditions = [...(status.conditions ?? [])])
      const updated = {...current, metadata: {...current.metadata}, spec: {...current.spec, nodeName}, status}
      const now = handle.clock.nowRFC3339()
      const i = conditions.findIndex((c) => c.type === 'PodScheduled')
      const cond = {type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: now}
      if (i >= 0) {
        if (conditions[i].status !== 'True') conditions[i] = cond
      } else {
        conditions.push(cond)
      }
      handle.writeBinding(updated)
      return null
    },
  }
}
