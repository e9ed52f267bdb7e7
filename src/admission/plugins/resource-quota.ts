// ResourceQuota (staging/src/k8s.io/apiserver/pkg/admission/plugin/resourcequota/controller.go): the object's
// usage is added to each matching quota's status.used; a quota it would exceed rejects it with the API server's
// `exceeded quota: q, requested: ..., used: ..., limited: ...`. Runs last, so a rejection by an earlier plugin
// charges nothing.
import {formatQuantity, parseQuantity, type Quantity} from '../../api/quantity.js'
import type {ObjectStore} from '../../api/store/store.js'
import type {KubeObject} from '../../api/types.js'
import {forbidden} from './errors.js'
import {calculateUsage, objectUsage, quotaMatches, type Usage} from './quota-usage.js'

/** Resources every container must state when a quota limits them (the pod evaluator's validationSet). */
const VALIDATION_SET = ['cpu', 'memory', 'requests.cpu', 'requests.memory', 'limits.cpu', 'limits.memory']

function containerKeys(c: any): Set<string> {
  const keys = new Set<string>()
  for (const r of Object.keys(c.resources?.requests ?? {})) {
    keys.add(`requests.${r}`)
    keys.add(r)
  }
  for (const r of Object.keys(c.resources?.limits ?? {})) keys.add(`limits.${r}`)
  return keys
}

function missingRequired(pod: KubeObject, hardKeys: string[]): string[] {
  const required = hardKeys.filter((k) => VALIDATION_SET.includes(k))
  const missing = new Set<string>()
  for (const c of [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])]) {
    const have = containerKeys(c)
    for (const k of required) if (!have.has(k)) missing.add(k)
  }
  return [...missing].sort()
}

function prettyPrint(keys: string[], values: Record<string, Quantity | undefined>): string {
  return [...keys].sort().map((k) => `${k}=${values[k] ? formatQuantity(values[k]!) : '0'}`).join(',')
}

export function resourceQuota(op: 'CREATE' | 'UPDATE', obj: KubeObject, old: KubeObject | undefined, store: ObjectStore): void {
  const ns = obj.metadata.namespace
  if (!ns) return
  if (op === 'UPDATE' && !(obj.apiVersion === 'v1' && (obj.kind === 'Service' || obj.kind === 'PersistentVolumeClaim'))) return
  const quotas = store.list('/ResourceQuota', ns)
  if (quotas.length === 0) return
  const delta: Usage = objectUsage(obj)
  if (op === 'UPDATE' && old) {
    for (const [k, v] of objectUsage(old)) {
      const cur = delta.get(k)
      if (cur) delta.set(k, {nanos: cur.nanos > v.nanos ? cur.nanos - v.nanos : 0n, format: cur.format})
    }
  }
  const updates: KubeObject[] = []
  for (const quota of [...quotas].sort((a, b) => (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''))) {
    if (!quotaMatches(quota, obj)) continue
    const hard: Record<string, string> = quota.status?.hard ?? quota.spec?.hard ?? {}
    const hardKeys = Object.keys(hard)
    if (obj.kind === 'Pod' && op === 'CREATE') {
      const missing = missingRequired(obj, hardKeys)
      if (missing.length > 0) throw forbidden(obj, `failed quota: ${quota.metadata.name}: must specify ${missing.join(',')}`)
    }
    const requested: Record<string, Quantity> = {}
    for (const k of hardKeys) {
      const v = delta.get(k)
      if (v) requested[k] = v
    }
    if (Object.keys(requested).length === 0) continue
    // usage as the quota controller would compute it now (status.used may lag behind deletions)
    const usedStrings: Record<string, string> = calculateUsage(store, quota)
    const used: Record<string, Quantity | undefined> = {}
    for (const k of hardKeys) used[k] = parseQuantity(usedStrings[k] ?? '0')
    const limits: Record<string, Quantity | undefined> = {}
    for (const k of hardKeys) limits[k] = parseQuantity(hard[k])
    const exceeded: string[] = []
    const newUsed: Record<string, string> = {...usedStrings}
    for (const [k, v] of Object.entries(requested)) {
      const base = used[k]
      const total: Quantity = base ? {nanos: base.nanos + v.nanos, format: base.nanos === 0n ? v.format : base.format} : v
      if (limits[k] && total.nanos > limits[k]!.nanos) exceeded.push(k)
      newUsed[k] = formatQuantity(total)
    }
    if (exceeded.length > 0) {
      throw forbidden(
        obj,
        `exceeded quota: ${quota.metadata.name}, requested: ${prettyPrint(exceeded, requested)}, used: ${prettyPrint(exceeded, used)}, limited: ${prettyPrint(exceeded, limits)}`,
      )
    }
    const copy = structuredClone(quota)
    copy.status = {hard: {...(quota.spec?.hard ?? {})}, used: newUsed}
    updates.push(copy)
  }
  for (const q of updates) store.update(q)
}
