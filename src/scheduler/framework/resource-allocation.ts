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

const CPU = 0
const MEMORY = 1
const EPHEMERAL_STORAGE = 2
const OTHER = 3

/**
 * calculateResourceAllocatableRequest for each resource, then the scorer. A resource with allocatable 0 (or an
 * extended resource the pod does not request) is left at 0/0, which scorers skip. One per plugin: the resources'
 * kinds are worked out once, and the per-node arrays handed to the scorer are reused (scorers do not keep them).
 */
export class ResourceAllocationScorer {
  private kinds: number[]
  private scalar: boolean[]
  private requested: number[]
  private allocatable: number[]

  constructor(
    private readonly resources: ResourceSpec[],
    private readonly useRequested: boolean,
    private readonly scorer: (requested: number[], allocatable: number[]) => number,
  ) {
    this.kinds = resources.map((r) => (r.name === 'cpu' ? CPU : r.name === 'memory' ? MEMORY : r.name === 'ephemeral-storage' ? EPHEMERAL_STORAGE : OTHER))
    this.scalar = resources.map((r) => isScalarResourceName(r.name))
    this.requested = new Array<number>(resources.length).fill(0)
    this.allocatable = new Array<number>(resources.length).fill(0)
  }

  score(node: NodeInfo, podRequests: number[]): number {
    const requested = this.requested
    const allocatable = this.allocatable
    for (let i = 0; i < this.kinds.length; i++) {
      const kind = this.kinds[i]
      const podRequest = podRequests[i]
      let alloc = 0
      let req = 0
      if (kind === CPU) {
        alloc = node.allocatable.milliCPU
        req = (this.useRequested ? node.requested.milliCPU : node.nonZeroCPU) + podRequest
      } else if (kind === MEMORY) {
        alloc = node.allocatable.memory
        req = (this.useRequested ? node.requested.memory : node.nonZeroMemory) + podRequest
      } else if (podRequest === 0 && this.scalar[i]) {
        // not requested: bypass scoring on this resource
      } else if (kind === EPHEMERAL_STORAGE) {
        alloc = node.allocatable.ephemeralStorage
        req = node.requested.ephemeralStorage + podRequest
      } else {
        const name = this.resources[i].name
        if (name in node.allocatable.scalar) {
          alloc = node.allocatable.scalar[name]
          req = (node.requested.scalar[name] ?? 0) + podRequest
        }
      }
      if (alloc === 0) {
        requested[i] = allocatable[i] = 0
        continue
      }
      allocatable[i] = alloc
      requested[i] = req
    }
    return this.scorer(requested, allocatable)
  }
}
