// The kubelet's own admission (pkg/kubelet/lifecycle/predicate.go): a pod that names a node directly skipped the
// scheduler, so the kubelet checks it fits the node's allocatable resources next to the pods already admitted.
// The first insufficient resource wins, in NodeResourcesFit's order: pods, cpu, memory, ephemeral-storage, others.
import {milliValue, value} from '../api/quantity.js'
import type {KubeObject} from '../api/types.js'

export interface Rejection {
  reason: string // OutOfcpu, OutOfmemory, OutOfpods ...
  message: string // Node didn't have enough resource: ...
}

function amount(resource: string, q: string | number | undefined): number {
  if (q === undefined) return 0
  return resource === 'cpu' ? milliValue(q) : value(q)
}

/** Effective pod request per resource: max(sum of containers + sidecars, largest init container) + overhead. */
export function podRequests(pod: KubeObject): Map<string, number> {
  const sum = new Map<string, number>()
  const add = (m: Map<string, number>, c: any) => {
    for (const [r, q] of Object.entries<any>(c.resources?.requests ?? {})) m.set(r, (m.get(r) ?? 0) + amount(r, q))
  }
  for (const c of pod.spec?.containers ?? []) add(sum, c)
  for (const c of pod.spec?.initContainers ?? []) if (c.restartPolicy === 'Always') add(sum, c)
  for (const c of pod.spec?.initContainers ?? []) {
    if (c.restartPolicy === 'Always') continue
    for (const [r, q] of Object.entries<any>(c.resources?.requests ?? {})) sum.set(r, Math.max(sum.get(r) ?? 0, amount(r, q)))
  }
  for (const [r, q] of Object.entries<any>(pod.spec?.overhead ?? {})) sum.set(r, (sum.get(r) ?? 0) + amount(r, q))
  return sum
}

/** Check `pod` against `node` given the pods already admitted there (their count and summed requests). */
export function admitPod(pod: KubeObject, node: KubeObject, admitted: {count: number; used: Map<string, number>}): Rejection | undefined {
  const alloc: Record<string, any> = node.status?.allocatable ?? node.status?.capacity ?? {}
  const want = podRequests(pod)
  const check = (r: string, req: number): Rejection | undefined => {
    if (alloc[r] === undefined && r !== 'pods') return undefined
    const cap = amount(r, alloc[r])
    const u = r === 'pods' ? admitted.count : (admitted.used.get(r) ?? 0)
    if (u + req <= cap) return undefined
    return {reason: `OutOf${r}`, message: `Node didn't have enough resource: ${r}, requested: ${req}, used: ${u}, capacity: ${cap}`}
  }
  if (alloc.pods !== undefined) {
    const r = check('pods', 1)
    if (r) return r
  }
  const order = ['cpu', 'memory', 'ephemeral-storage', ...[...want.keys()].filter((r) => !['cpu', 'memory', 'ephemeral-storage'].includes(r)).sort()]
  for (const r of order) {
    const req = want.get(r) ?? 0
    if (req === 0) continue
    const rej = check(r, req)
    if (rej) return rej
  }
  return undefined
}
