// autoscaling/v2, networking, scheduling and storage defaulting.

import {each, isObj, objAt, setIfEmpty, setIfNil} from './util.js'

function scalingRules(user: unknown, defaults: Record<string, any>): Record<string, any> {
  const u = isObj(user) ? user : {}
  return {
    ...u,
    stabilizationWindowSeconds: u.stabilizationWindowSeconds ?? defaults.stabilizationWindowSeconds,
    selectPolicy: u.selectPolicy ?? defaults.selectPolicy,
    policies: Array.isArray(u.policies) && u.policies.length > 0 ? u.policies : defaults.policies,
  }
}

/** HPA scale-up/down rules used when behavior (or part of it) is unset. */
export const HPA_SCALE_UP_DEFAULTS = {
  stabilizationWindowSeconds: 0,
  selectPolicy: 'Max',
  policies: [
    {type: 'Pods', value: 4, periodSeconds: 15},
    {type: 'Percent', value: 100, periodSeconds: 15},
  ],
}
export const HPA_SCALE_DOWN_DEFAULTS = {
  stabilizationWindowSeconds: 300,
  selectPolicy: 'Max',
  policies: [{type: 'Percent', value: 100, periodSeconds: 15}],
}

export function defaultHorizontalPodAutoscaler(obj: Record<string, any>): void {
  const spec = objAt(obj, 'spec')
  setIfNil(spec, 'minReplicas', 1)
  if (obj.apiVersion === 'autoscaling/v1') return
  if (!Array.isArray(spec.metrics) || spec.metrics.length === 0) {
    spec.metrics = [{type: 'Resource', resource: {name: 'cpu', target: {type: 'Utilization', averageUtilization: 80}}}]
  }
  if (isObj(spec.behavior)) {
    spec.behavior.scaleUp = scalingRules(spec.behavior.scaleUp, HPA_SCALE_UP_DEFAULTS)
    spec.behavior.scaleDown = scalingRules(spec.behavior.scaleDown, HPA_SCALE_DOWN_DEFAULTS)
  }
}

export function defaultNetworkPolicy(obj: Record<string, any>): void {
  const spec = objAt(obj, 'spec')
  for (const dir of ['ingress', 'egress']) each(spec[dir], (r) => each(r.ports, (p) => setIfEmpty(p, 'protocol', 'TCP')))
  if (!Array.isArray(spec.policyTypes) || spec.policyTypes.length === 0) {
    spec.policyTypes = Array.isArray(spec.egress) && spec.egress.length > 0 ? ['Ingress', 'Egress'] : ['Ingress']
  }
}

export function defaultPriorityClass(obj: Record<string, any>): void {
  setIfNil(obj, 'preemptionPolicy', 'PreemptLowerPriority')
}

export function defaultStorageClass(obj: Record<string, any>): void {
  setIfEmpty(obj, 'reclaimPolicy', 'Delete')
  setIfEmpty(obj, 'volumeBindingMode', 'Immediate')
}

/** rbac/v1: role references and User/Group subjects default to the RBAC API group. */
export function defaultRoleBinding(obj: Record<string, any>): void {
  if (isObj(obj.roleRef)) setIfEmpty(obj.roleRef, 'apiGroup', 'rbac.authorization.k8s.io')
  each(obj.subjects, (s) => {
    if (s.apiGroup !== undefined && s.apiGroup !== null && s.apiGroup !== '') return
    if (s.kind === 'ServiceAccount') s.apiGroup = ''
    else if (s.kind === 'User' || s.kind === 'Group') s.apiGroup = 'rbac.authorization.k8s.io'
  })
}
