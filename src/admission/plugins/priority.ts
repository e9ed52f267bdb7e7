// Priority (plugin/pkg/admission/priority): resolve a pod's priorityClassName (or the global default class) to
// spec.priority and spec.preemptionPolicy.
import {objectKey} from '../../api/store/keys.js'
import type {ObjectStore} from '../../api/store/store.js'
import type {KubeObject} from '../../api/types.js'
import {forbidden} from './errors.js'

/** Classes every cluster has even when no object was stored for them. */
const SYSTEM_CLASSES: Record<string, number> = {'system-node-critical': 2000001000, 'system-cluster-critical': 2000000000}

export function priority(op: 'CREATE' | 'UPDATE', pod: KubeObject, store: ObjectStore): void {
  if (op !== 'CREATE' || pod.kind !== 'Pod') return
  const spec = (pod.spec ??= {})
  let name: string | undefined = spec.priorityClassName || undefined
  let value = 0
  let policy: string | undefined
  if (name) {
    const pc = store.get(objectKey('scheduling.k8s.io', 'PriorityClass', undefined, name))
    if (pc) {
      value = pc.value ?? 0
      policy = pc.preemptionPolicy
    } else if (name in SYSTEM_CLASSES) value = SYSTEM_CLASSES[name]
    else throw forbidden(pod, `no PriorityClass with name ${name} was found`)
  } else {
    let best: KubeObject | undefined
    for (const pc of store.list('scheduling.k8s.io/PriorityClass')) {
      if (pc.globalDefault && (!best || (pc.value ?? 0) > (best.value ?? 0))) best = pc
    }
    if (best) {
      name = best.metadata.name
      value = best.value ?? 0
      policy = best.preemptionPolicy
      spec.priorityClassName = name
    }
  }
  if (spec.priority !== undefined && spec.priority !== null && spec.priority !== value) {
    throw forbidden(pod, `the integer value of priority (${spec.priority}) must not be provided in pod spec; priority admission controller computed ${value} from the given PriorityClass name`)
  }
  spec.priority = value
  spec.preemptionPolicy = policy ?? spec.preemptionPolicy ?? 'PreemptLowerPriority'
}
