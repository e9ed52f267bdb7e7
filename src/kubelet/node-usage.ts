// What the kubelet's admission and IP allocation need to know about the other pods of a node: how many pods are
// admitted there, the sum of their requests, and the pod IPs in use. Kept up to date from the pod watch (each pod's
// contribution is derived from its stored object alone, so replacing it on every event is exact) instead of
// rescanning the node's pods at every admission.
import type {KubeObject} from '../api/types.js'
import {podRequests} from './node-admission.js'

/** The admitted pods of a node as admission sees them. */
export interface AdmittedUsage {
  /** admitted pods (startTime set, not terminal) */
  count: number
  /** the sum of their effective requests per resource (milli-units for cpu, units otherwise) */
  used: Map<string, number>
}

interface Contribution {
  node: string
  /** the spec the requests were computed from (status writes keep the spec object) */
  spec: unknown
  /** the pod's requests when it counts as admitted */
  requests: Map<string, number> | undefined
  /** the pod IP it holds on the node */
  ip: string | undefined
}

interface NodeTotals extends AdmittedUsage {
  /** pod IP → how many pods hold it */
  ips: Map<string, number>
}

function isTerminal(pod: KubeObject): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed'
}

function contributionOf(pod: KubeObject, before: Contribution | undefined): Contribution | undefined {
  const node: string | undefined = pod.spec?.nodeName
  if (!node || isTerminal(pod)) return undefined
  const requests = !pod.status?.startTime ? undefined : before?.requests && before.spec === pod.spec ? before.requests : podRequests(pod)
  const ip: string | undefined = !pod.spec?.hostNetwork && pod.status?.podIP ? pod.status.podIP : undefined
  if (!requests && !ip) return undefined
  return {node, spec: pod.spec, requests, ip}
}

export class NodePodUsage {
  private byPod = new Map<string, Contribution>()
  private byNode = new Map<string, NodeTotals>()

  /** Record the pod stored under `key` as it is now (undefined: deleted). */
  set(key: string, pod: KubeObject | undefined): void {
    const before = this.byPod.get(key)
    const after = pod ? contributionOf(pod, before) : undefined
    if (before && after && sameContribution(before, after)) return
    if (before) {
      this.apply(before, -1)
      this.byPod.delete(key)
    }
    if (after) {
      this.apply(after, 1)
      this.byPod.set(key, after)
    }
  }

  /** Admitted pods of `node` other than `exceptKey`. */
  admitted(node: string, exceptKey: string): AdmittedUsage {
    const totals = this.byNode.get(node)
    const self = this.byPod.get(exceptKey)
    if (!totals) return {count: 0, used: new Map()}
    if (!self?.requests || self.node !== node) return {count: totals.count, used: totals.used}
    const used = new Map(totals.used)
    for (const [r, v] of self.requests) used.set(r, (used.get(r) ?? 0) - v)
    return {count: totals.count - 1, used}
  }

  /** Whether a pod on `node` holds this IP. */
  ipInUse(node: string, ip: string): boolean {
    return (this.byNode.get(node)?.ips.get(ip) ?? 0) > 0
  }

  private apply(c: Contribution, sign: 1 | -1): void {
    let t = this.byNode.get(c.node)
    if (!t) this.byNode.set(c.node, (t = {count: 0, used: new Map(), ips: new Map()}))
    if (c.requests) {
      t.count += sign
      for (const [r, v] of c.requests) t.used.set(r, (t.used.get(r) ?? 0) + sign * v)
    }
    if (c.ip) {
      const n = (t.ips.get(c.ip) ?? 0) + sign
      if (n > 0) t.ips.set(c.ip, n)
      else t.ips.delete(c.ip)
    }
  }
}

function sameContribution(a: Contribution, b: Contribution): boolean {
  return a.node === b.node && a.requests === b.requests && a.ip === b.ip
}
