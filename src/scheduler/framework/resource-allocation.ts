// noderesources/resource_allocation.go: the scorer shared by NodeResourcesFit's scoring strategies and
// NodeResourcesBalancedAllocation.
import type {NodeInfo} from './node-info.js'
import {isScalarResourceName, podRequestAmounts} from './resources.js'

export interface ResourceSpec {
  name: string
  weight: number
}

/** The pod's request per listed resource; useRequested=false applies the 100m/200Mi non-zero defaults. */
export function podRequestList(pod: any, resources: ResourceSpec[], useRequested: boolean): number[] {
  const amounts = podRequestAmounts(pod, !useRequested)
  return resources.map((r) => amounts.get(r.name) ?? 0)
}

// scratch arrays by length: scoring is single-threaded and scorers do not keep them
const scratch = new Map<number, [number[], number[]]>()

/**
 * calculateResourceAllocatableRequest for each resource, then the scorer. A resource with allocatable 0 (or an
 * extended resource the pod does not request) is left at 0/0, which scorers skip.
 */
export function scoreResources(
  node: NodeInfo,
  resources: ResourceSpec[],
  podRequests: number[],
  useRequested: boolean,
  scorer: (requested: number[], allocatable: number[]) => number,
): number {
  const n = resources.length
  let bufs = scratch.get(n)
  if (!bufs) scratch.set(n, (bufs = [new Array<number>(n).fill(0), new Array<number>(n).fill(0)]))
  const requested = bufs[0]
  const allocatable = bufs[1]
  for (let i = 0; i < n; i++) {
    const name = resources[i].name
    const podRequest = podRequests[i]
    let alloc = 0
    let req = 0
    if (name === 'cpu') {
      alloc = node.allocatable.milliCPU
      req = (useRequested ? node.requested.milliCPU : node.nonZeroCPU) + podRequest
    } else if (name === 'memory') {
      alloc = node.allocatable.memory
      req = (useRequested ? node.requested.memory : node.nonZeroMemory) + podRequest
    } else if (podRequest === 0 && isScalarResourceName(name)) {
      // not requested: bypass scoring on this resource
    } else if (name === 'ephemeral-storage') {
      alloc = node.allocatable.ephemeralStorage
      req = node.requested.ephemeralStorage + podRequest
    } else if (name in node.allocatable.scalar) {
      alloc = node.allocatable.scalar[name]
      req = (node.requested.scalar[name] ?? 0) + podRequest
    }
    if (alloc === 0) {
      requested[i] = allocatable[i] = 0
      continue
    }
    allocatable[i] = alloc
    requested[i] = req
  }
  return scorer(requested, allocatable)
}
