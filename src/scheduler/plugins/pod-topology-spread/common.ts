// podtopologyspread/common.go: constraints as the plugin evaluates them, and the default selector.
import type {ObjectStore} from '../../../api/store/store.js'
import type {KubeObject} from '../../../api/types.js'
import {labelSelectorAsSelector, setAsSelector, type Requirement, type Selector} from '../../framework/labels.js'
import type {NodeInfo} from '../../framework/node-info.js'
import type {PodInfo} from '../../framework/pod-info.js'
import {findUntoleratedTaint} from '../../framework/taints.js'
import {requiredNodeAffinityMatches} from '../../framework/labels.js'

export interface Constraint {
  maxSkew: number
  topologyKey: string
  selector: Selector
  minDomains: number
  nodeAffinityPolicy: 'Honor' | 'Ignore'
  nodeTaintsPolicy: 'Honor' | 'Ignore'
}

export const SYSTEM_DEFAULT_CONSTRAINTS = [
  {maxSkew: 3, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway'},
  {maxSkew: 5, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway'},
]

/** filterTopologySpreadConstraints: the constraints with this whenUnsatisfiable, matchLabelKeys merged. */
export function filterConstraints(constraints: any[], podLabels: Record<string, string> | undefined, action: string): Constraint[] {
  const out: Constraint[] = []
  for (const c of constraints) {
    if ((c.whenUnsatisfiable ?? 'DoNotSchedule') !== action) continue
    let selector = labelSelectorAsSelector(c.labelSelector)
    const keys: string[] = c.matchLabelKeys ?? []
    if (keys.length > 0) {
      const reqs: Requirement[] = []
      for (const k of keys) if (podLabels && k in podLabels) reqs.push({key: k, op: 'In', values: [podLabels[k]]})
      if (reqs.length > 0) selector = selector.add(reqs)
    }
    out.push({
      maxSkew: Number(c.maxSkew ?? 1),
      topologyKey: c.topologyKey ?? '',
      selector,
      minDomains: c.minDomains ?? 1,
      nodeAffinityPolicy: c.nodeAffinityPolicy ?? 'Honor',
      nodeTaintsPolicy: c.nodeTaintsPolicy ?? 'Ignore',
    })
  }
  return out
}

/** The Services whose selector selects the pod (in list order). */
export function servicesSelecting(pod: KubeObject, services: KubeObject[]): KubeObject[] {
  const labels = pod.metadata.labels ?? {}
  const out: KubeObject[] = []
  for (const svc of services) {
    const sel = svc.spec?.selector
    if (sel != null && setAsSelector(sel).matches(labels)) out.push(svc)
  }
  return out
}

/** The pod's controlling ReplicationController, ReplicaSet or StatefulSet (undefined: none, or not found). */
export function selectorController(pod: KubeObject, store: ObjectStore): KubeObject | undefined {
  const owner = (pod.metadata.ownerReferences ?? []).find((o) => o.controller)
  if (!owner) return undefined
  const ns = pod.metadata.namespace ?? 'default'
  const group = owner.apiVersion.includes('/') ? owner.apiVersion.split('/')[0] : ''
  if (group === '' && owner.kind === 'ReplicationController') return store.get(`/ReplicationController/${ns}/${owner.name}`)
  if (group === 'apps' && (owner.kind === 'ReplicaSet' || owner.kind === 'StatefulSet')) return store.get(`apps/${owner.kind}/${ns}/${owner.name}`)
  return undefined
}

/** helper.DefaultSelector: Services selecting the pod + its controlling RC/RS/StatefulSet selector. */
export function defaultSelector(pod: KubeObject, store: ObjectStore, services?: (ns: string) => KubeObject[]): Selector {
  const ns = pod.metadata.namespace ?? 'default'
  return defaultSelectorFrom(servicesSelecting(pod, services ? services(ns) : store.list('/Service', ns)), selectorController(pod, store))
}

/** DefaultSelector from the Services selecting the pod and its controller. */
export function defaultSelectorFrom(selecting: KubeObject[], controller: KubeObject | undefined): Selector {
  let set: Record<string, string> = {}
  for (const svc of selecting) set = {...set, ...svc.spec.selector}
  let selector = setAsSelector(set)
  if (!controller) return selector
  if (controller.kind === 'ReplicationController') {
    selector = setAsSelector({...set, ...(controller.spec?.selector ?? {})})
  } else {
    const other = labelSelectorAsSelector(controller.spec?.selector)
    if (!other.nothing) selector = selector.add(other.requirements)
  }
  return selector
}

export function nodeLabelsMatchSpreadConstraints(labels: Record<string, string>, constraints: Constraint[]): boolean {
  for (const c of constraints) if (!(c.topologyKey in labels)) return false
  return true
}

/** matchNodeInclusionPolicies */
export function matchNodeInclusionPolicies(c: Constraint, pod: PodInfo, node: NodeInfo): boolean {
  if (c.nodeAffinityPolicy === 'Honor' && !requiredNodeAffinityMatches(pod.pod, {name: node.name, labels: node.labels})) return false
  if (c.nodeTaintsPolicy === 'Honor' && findUntoleratedTaint(node.taints, pod.pod.spec?.tolerations)) return false
  return true
}

/** countPodsMatchSelector: same namespace, not terminating, selector matches; an empty selector counts nothing. */
export function countPodsMatchSelector(pods: PodInfo[], selector: Selector, ns: string): number {
  if (selector.empty) return 0
  let n = 0
  for (const p of pods) {
    if (p.terminating || p.namespace !== ns) continue
    if (selector.matches(p.labels)) n++
  }
  return n
}
