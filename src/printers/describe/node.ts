// kubectl describe node (describeNode, describeNodeResource).

import {formatQuantity, parseQuantity, type Quantity} from '../../api/quantity.js'
import type {KubeObject} from '../../api/types.js'
import {age} from '../age.js'
import {nodeRoles} from '../tables/nodes.js'
import {DescribeWriter, LEVEL_0, LEVEL_1, describeEvents, printAnnotationsMultiline, printLabelsMultiline, printTaintsMultiline, rfc1123z} from './common.js'

export interface DescribeNodeContext {
  /** undefined: no Events block (--show-events=false) */
  events?: KubeObject[]
  now: number
  /** pods with spec.nodeName = this node (any phase; terminated ones are left out here) */
  pods: KubeObject[]
  lease?: KubeObject
}

const zero = (): Quantity => ({nanos: 0n, format: 'DecimalSI'})

function add(a: Quantity, v: unknown): Quantity {
  const b = typeof v === 'string' || typeof v === 'number' ? parseQuantity(v) : undefined
  if (!b) return a
  return {nanos: a.nanos + b.nanos, format: a.nanos === 0n ? b.format : a.format}
}

function max(a: Quantity, b: Quantity): Quantity {
  return b.nanos > a.nanos ? b : a
}

/** resourcehelper.PodRequestsAndLimits: containers summed (sidecars included), then the max with init containers. */
export function podRequestsAndLimits(pod: KubeObject): {reqs: Map<string, Quantity>; limits: Map<string, Quantity>} {
  const reqs = new Map<string, Quantity>()
  const limits = new Map<string, Quantity>()
  const addAll = (m: Map<string, Quantity>, list: Record<string, unknown> | undefined) => {
    for (const [k, v] of Object.entries(list ?? {})) m.set(k, add(m.get(k) ?? zero(), v))
  }
  for (const c of pod.spec?.containers ?? []) {
    addAll(reqs, c.resources?.requests)
    addAll(limits, c.resources?.limits)
  }
  for (const c of pod.spec?.initContainers ?? []) {
    if (c.restartPolicy === 'Always') {
      addAll(reqs, c.resources?.requests)
      addAll(limits, c.resources?.limits)
      continue
    }
    for (const [m, list] of [[reqs, c.resources?.requests], [limits, c.resources?.limits]] as const)
      for (const [k, v] of Object.entries(list ?? {})) m.set(k, max(m.get(k) ?? zero(), add(zero(), v)))
  }
  addAll(reqs, pod.spec?.overhead)
  addAll(limits, pod.spec?.overhead)
  return {reqs, limits}
}

const qs = (q: Quantity | undefined): string => (q ? formatQuantity(q) : '0')

/** int64(req/allocatable*100), truncated; 0 when nothing is allocatable. */
function pct(q: Quantity | undefined, alloc: unknown): number {
  if (typeof alloc !== 'string' && typeof alloc !== 'number') return 0
  const a = parseQuantity(alloc)
  if (!a || a.nanos === 0n) return 0
  return Math.trunc((Number(q?.nanos ?? 0n) / Number(a.nanos)) * 100)
}

const standardResources = new Set(['cpu', 'memory', 'ephemeral-storage', 'storage', 'requests.cpu', 'requests.memory', 'limits.cpu', 'limits.memory', 'pods'])

export function describeNode(node: KubeObject, ctx: DescribeNodeContext): string {
  const w = new DescribeWriter()
  const st = node.status ?? {}
  w.write(LEVEL_0, `Name:\t${node.metadata.name}\n`)
  w.write(LEVEL_0, `Roles:\t${nodeRoles(node)}\n`)
  printLabelsMultiline(w, 'Labels', node.metadata.labels)
  printAnnotationsMultiline(w, 'Annotations', node.metadata.annotations)
  w.write(LEVEL_0, `CreationTimestamp:\t${rfc1123z(node.metadata.creationTimestamp)}\n`)
  printTaintsMultiline(w, 'Taints', node.spec?.taints)
  w.write(LEVEL_0, `Unschedulable:\t${node.spec?.unschedulable === true}\n`)
  const lease = ctx.lease?.spec
  w.write(LEVEL_0, 'Lease:\n')
  w.write(LEVEL_1, `HolderIdentity:\t${lease?.holderIdentity ?? '<unset>'}\n`)
  w.write(LEVEL_1, `AcquireTime:\t${lease?.acquireTime ? rfc1123z(lease.acquireTime) : '<unset>'}\n`)
  w.write(LEVEL_1, `RenewTime:\t${lease?.renewTime ? rfc1123z(lease.renewTime) : '<unset>'}\n`)
  if ((st.conditions ?? []).length > 0) {
    w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n')
    w.write(LEVEL_1, '----\t------\t-----------------\t------------------\t------\t-------\n')
    for (const c of st.conditions) w.write(LEVEL_1, `${c.type} \t${c.status} \t${rfc1123z(c.lastHeartbeatTime)} \t${rfc1123z(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`)
  }
  w.write(LEVEL_0, 'Addresses:\n')
  for (const a of st.addresses ?? []) w.write(LEVEL_1, `${a.type}:\t${a.address}\n`)
  for (const [title, list] of [['Capacity', st.capacity], ['Allocatable', st.allocatable]] as const) {
    const keys = Object.keys(list ?? {}).sort()
    if (keys.length === 0) continue
    w.write(LEVEL_0, `${title}:\n`)
    for (const k of keys) w.write(LEVEL_0, `  ${k}:\t${qs(typeof list[k] === 'string' || typeof list[k] === 'number' ? parseQuantity(list[k]) : undefined)}\n`)
  }
  const info = st.nodeInfo ?? {}
  w.write(LEVEL_0, 'System Info:\n')
  const sys: Array<[string, string]> = [
    ['Machine ID', 'machineID'],
    ['System UUID', 'systemUUID'],
    ['Boot ID', 'bootID'],
    ['Kernel Version', 'kernelVersion'],
    ['OS Image', 'osImage'],
    ['Operating System', 'operatingSystem'],
    ['Architecture', 'architecture'],
    ['Container Runtime Version', 'containerRuntimeVersion'],
    ['Kubelet Version', 'kubeletVersion'],
    ['Kube-Proxy Version', 'kubeProxyVersion'],
  ]
  for (const [label, key] of sys) w.write(LEVEL_0, `  ${label}:\t${info[key] ?? ''}\n`)
  if (node.spec?.podCIDR) w.write(LEVEL_0, `PodCIDR:\t${node.spec.podCIDR}\n`)
  if ((node.spec?.podCIDRs ?? []).length > 0) w.write(LEVEL_0, `PodCIDRs:\t${node.spec.podCIDRs.join(',')}\n`)
  if (node.spec?.providerID) w.write(LEVEL_0, `ProviderID:\t${node.spec.providerID}\n`)

  const pods = ctx.pods.filter((p) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed')
  const alloc = Object.keys(st.allocatable ?? {}).length > 0 ? st.allocatable : st.capacity ?? {}
  w.write(LEVEL_0, `Non-terminated Pods:\t(${pods.length} in total)\n`)
  w.write(LEVEL_1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n')
  w.write(LEVEL_1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n')
  const totalReqs = new Map<string, Quantity>()
  const totalLimits = new Map<string, Quantity>()
  for (const p of pods) {
    const {reqs, limits} = podRequestsAndLimits(p)
    for (const [m, src] of [[totalReqs, reqs], [totalLimits, limits]] as const)
      for (const [k, v] of src) m.set(k, {nanos: (m.get(k)?.nanos ?? 0n) + v.nanos, format: m.get(k)?.format ?? v.format})
    const cell = (m: Map<string, Quantity>, r: string) => `${qs(m.get(r))} (${pct(m.get(r), alloc[r])}%)`
    w.write(LEVEL_1, `${p.metadata.namespace ?? ''}\t${p.metadata.name}\t\t${cell(reqs, 'cpu')}\t${cell(limits, 'cpu')}\t${cell(reqs, 'memory')}\t${cell(limits, 'memory')}\t${age(ctx.now, p.metadata.creationTimestamp)}\n`)
  }
  w.write(LEVEL_0, 'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n')
  w.write(LEVEL_1, 'Resource\tRequests\tLimits\n')
  w.write(LEVEL_1, '--------\t--------\t------\n')
  for (const r of ['cpu', 'memory', 'ephemeral-storage'])
    w.write(LEVEL_1, `${r}\t${qs(totalReqs.get(r))} (${pct(totalReqs.get(r), alloc[r])}%)\t${qs(totalLimits.get(r))} (${pct(totalLimits.get(r), alloc[r])}%)\n`)
  const keys = Object.keys(alloc).sort()
  for (const r of keys.filter((k) => k.startsWith('hugepages-'))) w.write(LEVEL_1, `${r}\t${qs(totalReqs.get(r))} (${pct(totalReqs.get(r), alloc[r])}%)\t${qs(totalLimits.get(r))} (${pct(totalLimits.get(r), alloc[r])}%)\n`)
  for (const r of keys.filter((k) => !k.startsWith('hugepages-') && !standardResources.has(k))) w.write(LEVEL_1, `${r}\t${qs(totalReqs.get(r))}\t${qs(totalLimits.get(r))}\n`)
  describeEvents(w, ctx.events, ctx.now)
  return w.toString()
}
