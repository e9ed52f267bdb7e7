// Helpers shared by the controllers, after pkg/controller/controller_utils.go and k8s.io/kubectl's podutil:
// label selectors, owner references, pod readiness/availability, int-or-percent scaling.

import {matchesLabelSelector} from '../../api/selectors.js'
import type {KubeObject, OwnerReference} from '../../api/types.js'
import {deepCopy} from '../../api/deep-copy.js'

export type {LabelSelector} from '../../api/selectors.js'

/** metav1.LabelSelectorAsSelector semantics: an empty selector matches everything, a missing one nothing. */
export const selectorMatches = matchesLabelSelector

/** A plain map selector (ReplicationController, Service): empty or missing matches nothing. */
export function mapSelectorMatches(sel: Record<string, string> | undefined | null, labels: Record<string, string> | undefined): boolean {
  if (!sel || Object.keys(sel).length === 0) return false
  const l = labels ?? {}
  for (const [k, v] of Object.entries(sel)) if (l[k] !== v) return false
  return true
}

export function controllerRefOf(obj: KubeObject): OwnerReference | undefined {
  return obj.metadata.ownerReferences?.find((r) => r.controller === true)
}

export function newControllerRef(owner: KubeObject): OwnerReference {
  return {
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: owner.metadata.name ?? '',
    uid: owner.metadata.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  }
}

/** controller.IsPodActive: not Succeeded/Failed and not being deleted. */
export function isPodActive(pod: KubeObject): boolean {
  const phase = pod.status?.phase
  return phase !== 'Succeeded' && phase !== 'Failed' && !pod.metadata.deletionTimestamp
}

export function isPodTerminating(pod: KubeObject): boolean {
  return !!pod.metadata.deletionTimestamp
}

function readyCondition(pod: KubeObject): any {
  return (pod.status?.conditions ?? []).find((c: any) => c.type === 'Ready')
}

export function isPodReady(pod: KubeObject): boolean {
  return readyCondition(pod)?.status === 'True'
}

/** Milliseconds of the Ready condition's lastTransitionTime, if ready. */
export function podReadyTime(pod: KubeObject): number | undefined {
  const c = readyCondition(pod)
  if (c?.status !== 'True' || !c.lastTransitionTime) return undefined
  return Date.parse(c.lastTransitionTime)
}

/** podutil.IsPodAvailable: ready for at least minReadySeconds. */
export function isPodAvailable(pod: KubeObject, minReadySeconds: number, now: number): boolean {
  if (!isPodReady(pod)) return false
  if (!minReadySeconds) return true
  const t = podReadyTime(pod)
  return t !== undefined && t + minReadySeconds * 1000 <= now
}

/** intstr.GetScaledValueFromIntOrPercent. */
export function scaledValue(v: number | string | undefined, total: number, roundUp: boolean): number {
  if (v === undefined || v === null) return 0
  if (typeof v === 'number') return v
  const m = /^(\d+)%$/.exec(v)
  if (!m) {
    const n = Number(v)
    return Number.isFinite(n) ? n : 0
  }
  const x = (Number(m[1]) * total) / 100
  return roundUp ? Math.ceil(x) : Math.floor(x)
}

export function clone<T>(x: T): T {
  return deepCopy(x)
}

export function splitKey(key: string): {group: string; kind: string; namespace: string; name: string} {
  const [group, kind, namespace, ...rest] = key.split('/')
  return {group, kind, namespace, name: rest.join('/')}
}

export function ms(rfc3339: string | undefined): number {
  return rfc3339 ? Date.parse(rfc3339) : 0
}

/** time.RFC3339Nano in UTC: fractional seconds without trailing zeros (`2026-01-01T00:00:02.5Z`). */
export function rfc3339Nano(msValue: number): string {
  const iso = new Date(msValue).toISOString()
  return iso.replace(/\.(\d{3})Z$/, (_m, f: string) => (/^0+$/.test(f) ? 'Z' : `.${f.replace(/0+$/, '')}Z`))
}
