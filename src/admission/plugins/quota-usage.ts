// What an object costs against a ResourceQuota (pkg/quota/v1/evaluator/core: pods, services, PVCs, object
// counts) and which quotas it falls under (scopes). Shared by the ResourceQuota admission plugin and the quota
// controller that keeps status.used up to date.
import {formatQuantity, parseQuantity, type Quantity} from '../../api/quantity.js'
import {ResourceRegistry} from '../../api/resources.js'
import type {ObjectStore} from '../../api/store/store.js'
import {parseApiVersion, type KubeObject} from '../../api/types.js'

export type Usage = Map<string, Quantity>

const COMPUTE = ['cpu', 'memory', 'ephemeral-storage']
const LEGACY_COUNTS: Record<string, string> = {
  '/ConfigMap': 'configmaps',
  '/Secret': 'secrets',
  '/ReplicationController': 'replicationcontrollers',
  '/ResourceQuota': 'resourcequotas',
  '/Service': 'services',
  '/PersistentVolumeClaim': 'persistentvolumeclaims',
  '/Pod': 'pods',
}

let registry: ResourceRegistry | undefined
function reg(): ResourceRegistry {
  return (registry ??= new ResourceRegistry())
}

function one(): Quantity {
  return {nanos: 1_000_000_000n, format: 'DecimalSI'}
}

/** quota.Add: the first value's format is kept. */
export function addTo(u: Usage, key: string, v: Quantity): void {
  const cur = u.get(key)
  u.set(key, cur ? {nanos: cur.nanos + v.nanos, format: cur.format} : {...v})
}

export function formatUsage(v: Quantity | undefined): string {
  return v ? formatQuantity(v) : '0'
}

function isTerminalPod(pod: KubeObject): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed'
}

/** PodRequests / PodLimits: max(sum of containers, largest init container) + overhead, per resource. */
function podResources(pod: KubeObject, field: 'requests' | 'limits'): Usage {
  const sum: Usage = new Map()
  for (const c of pod.spec?.containers ?? []) {
    for (const [r, v] of Object.entries<any>(c.resources?.[field] ?? {})) {
      const x = parseQuantity(v)
      if (x) addTo(sum, r, x)
    }
  }
  for (const c of pod.spec?.initContainers ?? []) {
    for (const [r, v] of Object.entries<any>(c.resources?.[field] ?? {})) {
      const x = parseQuantity(v)
      if (!x) continue
      if (c.restartPolicy === 'Always') addTo(sum, r, x)
      else if (!sum.has(r) || sum.get(r)!.nanos < x.nanos) sum.set(r, x)
    }
  }
  for (const [r, v] of Object.entries<any>(pod.spec?.overhead ?? {})) {
    const x = parseQuantity(v)
    if (x) addTo(sum, r, x)
  }
  return sum
}

export function podUsage(pod: KubeObject): Usage {
  const u: Usage = new Map()
  if (isTerminalPod(pod)) return u
  u.set('pods', one())
  u.set('count/pods', one())
  for (const [r, v] of podResources(pod, 'requests')) {
    u.set(`requests.${r}`, v)
    if (COMPUTE.includes(r)) u.set(r, v)
  }
  for (const [r, v] of podResources(pod, 'limits')) u.set(`limits.${r}`, v)
  return u
}

export function countKey(obj: KubeObject): string {
  const {group} = parseApiVersion(obj.apiVersion)
  const info = reg().byGroupKind(group, obj.kind)
  const plural = info?.plural ?? obj.kind.toLowerCase() + 's'
  return group ? `count/${plural}.${group}` : `count/${plural}`
}

/** Everything the object adds to a namespace's usage. */
export function objectUsage(obj: KubeObject): Usage {
  if (obj.kind === 'Pod' && obj.apiVersion === 'v1') return podUsage(obj)
  const u: Usage = new Map()
  u.set(countKey(obj), one())
  const legacy = LEGACY_COUNTS[`${parseApiVersion(obj.apiVersion).group}/${obj.kind}`]
  if (legacy) u.set(legacy, one())
  if (obj.kind === 'Service' && obj.apiVersion === 'v1') {
    const type = obj.spec?.type ?? 'ClusterIP'
    if (type === 'LoadBalancer') u.set('services.loadbalancers', one())
    if (type === 'NodePort' || type === 'LoadBalancer') {
      const n = (obj.spec?.ports ?? []).filter((p: any) => p.nodePort !== undefined || type === 'NodePort' || obj.spec?.allocateLoadBalancerNodePorts !== false).length
      u.set('services.nodeports', {nanos: BigInt(n) * 1_000_000_000n, format: 'DecimalSI'})
    }
  }
  if (obj.kind === 'PersistentVolumeClaim' && obj.apiVersion === 'v1') {
    const storage = parseQuantity(obj.spec?.resources?.requests?.storage ?? 0)
    const sc: string | undefined = obj.spec?.storageClassName ?? obj.metadata.annotations?.['volume.beta.kubernetes.io/storage-class']
    if (storage) u.set('requests.storage', storage)
    if (sc) {
      u.set(`${sc}.storageclass.storage.k8s.io/persistentvolumeclaims`, one())
      if (storage) u.set(`${sc}.storageclass.storage.k8s.io/requests.storage`, storage)
    }
  }
  return u
}

function isBestEffort(pod: KubeObject): boolean {
  const all = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])]
  return all.every((c: any) => Object.keys(c.resources?.requests ?? {}).length === 0 && Object.keys(c.resources?.limits ?? {}).length === 0)
}

function scopeMatches(scope: string, pod: KubeObject, op = 'Exists', values: string[] = []): boolean {
  switch (scope) {
    case 'Terminating':
      return pod.spec?.activeDeadlineSeconds !== undefined
    case 'NotTerminating':
      return pod.spec?.activeDeadlineSeconds === undefined
    case 'BestEffort':
      return isBestEffort(pod)
    case 'NotBestEffort':
      return !isBestEffort(pod)
    case 'PriorityClass': {
      const pc: string | undefined = pod.spec?.priorityClassName || undefined
      if (op === 'Exists') return pc !== undefined
      if (op === 'DoesNotExist') return pc === undefined
      if (op === 'In') return pc !== undefined && values.includes(pc)
      if (op === 'NotIn') return pc === undefined || !values.includes(pc)
      return false
    }
    default:
      return true
  }
}

/** Whether the quota's scopes select this object (scopes only narrow pods). */
export function quotaMatches(quota: KubeObject, obj: KubeObject): boolean {
  const scopes: string[] = quota.spec?.scopes ?? []
  const exprs: any[] = quota.spec?.scopeSelector?.matchExpressions ?? []
  if (scopes.length === 0 && exprs.length === 0) return true
  if (obj.kind !== 'Pod') return false
  return scopes.every((s) => scopeMatches(s, obj)) && exprs.every((e) => scopeMatches(e.scopeName, obj, e.operator, e.values ?? []))
}

/** Kinds whose objects can count against a quota key. */
function kindsFor(key: string): string[] {
  if (key.startsWith('count/')) {
    const [plural, ...g] = key.slice(6).split('.')
    const group = g.join('.')
    const info = reg().all().find((r) => r.plural === plural && r.group === group)
    return info ? [`${info.group}/${info.kind}`] : []
  }
  for (const [gk, legacy] of Object.entries(LEGACY_COUNTS)) if (legacy === key) return [gk]
  if (key.startsWith('services.')) return ['/Service']
  if (key === 'requests.storage' || key.includes('.storageclass.storage.k8s.io/')) return ['/PersistentVolumeClaim']
  return ['/Pod']
}

/** The namespace's current usage for every resource the quota limits (the quota controller's recalculation). */
export function calculateUsage(store: ObjectStore, quota: KubeObject): Record<string, string> {
  const ns = quota.metadata.namespace
  const hard: Record<string, unknown> = quota.spec?.hard ?? {}
  const kinds = new Set(Object.keys(hard).flatMap(kindsFor))
  const total: Usage = new Map()
  for (const gk of kinds) {
    for (const o of store.list(gk, ns)) {
      if (!quotaMatches(quota, o)) continue
      for (const [k, v] of objectUsage(o)) if (k in hard) addTo(total, k, v)
    }
  }
  const used: Record<string, string> = {}
  for (const k of Object.keys(hard).sort()) used[k] = formatUsage(total.get(k))
  return used
}
