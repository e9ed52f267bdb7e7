// NodeResourcesFit (PreFilter, Filter, PreScore, Score): the pod's requests must fit the node's free allocatable;
// scoring strategies LeastAllocated (default), MostAllocated, RequestedToCapacityRatio.
import type {FilterPlugin, PreFilterPlugin, PreScorePlugin, ScorePlugin} from '../../framework/interfaces.js'
import {podRequestList, ResourceAllocationScorer, type ResourceSpec} from '../../framework/resource-allocation.js'
import type {Resource} from '../../framework/resources.js'
import {isExtendedResourceName} from '../../framework/resources.js'
import {Status} from '../../framework/status.js'
import {leastResourceScorer, mostResourceScorer, requestedToCapacityRatioScorer} from './scorers.js'

export const NAME = 'NodeResourcesFit'
const PRESCORE_KEY = 'PreScore' + NAME

export interface FitArgs {
  ignoredResources?: string[]
  ignoredResourceGroups?: string[]
  scoringStrategy?: {
    type?: 'LeastAllocated' | 'MostAllocated' | 'RequestedToCapacityRatio'
    resources?: ResourceSpec[]
    requestedToCapacityRatio?: {shape?: Array<{utilization: number; score: number}>}
  }
}

export const DEFAULT_RESOURCES: ResourceSpec[] = [
  {name: 'cpu', weight: 1},
  {name: 'memory', weight: 1},
]

/** fitsRequest: every insufficient resource, in Kubernetes' order (pods, cpu, memory, ephemeral-storage, scalars). */
export function insufficientResources(req: Resource, node: {allocatable: Resource; requested: Resource; pods: unknown[]}, ignored: Set<string> = new Set(), ignoredGroups: Set<string> = new Set()): string[] {
  if (fits(req, node)) return NONE
  const out: string[] = []
  if (node.pods.length + 1 > node.allocatable.allowedPodNumber) out.push('Too many pods')
  const scalarNames = Object.keys(req.scalar)
  if (req.milliCPU === 0 && req.memory === 0 && req.ephemeralStorage === 0 && scalarNames.length === 0) return out
  if (req.milliCPU > 0 && req.milliCPU > node.allocatable.milliCPU - node.requested.milliCPU) out.push('Insufficient cpu')
  if (req.memory > 0 && req.memory > node.allocatable.memory - node.requested.memory) out.push('Insufficient memory')
  if (req.ephemeralStorage > 0 && req.ephemeralStorage > node.allocatable.ephemeralStorage - node.requested.ephemeralStorage) {
    out.push('Insufficient ephemeral-storage')
  }
  for (const name of scalarNames.sort()) {
    const q = req.scalar[name]
    if (q === 0) continue
    if (isExtendedResourceName(name)) {
      if (ignored.has(name)) continue
      const group = name.slice(0, name.indexOf('/'))
      if (ignoredGroups.has(group)) continue
    }
    if (q > (node.allocatable.scalar[name] ?? 0) - (node.requested.scalar[name] ?? 0)) out.push(`Insufficient ${name}`)
  }
  return out
}

const NONE: string[] = []

/** the allocation-free common case: everything fits */
function fits(req: Resource, node: {allocatable: Resource; requested: Resource; pods: unknown[]}): boolean {
  const a = node.allocatable
  const r = node.requested
  if (node.pods.length + 1 > a.allowedPodNumber) return false
  if (req.milliCPU > 0 && req.milliCPU > a.milliCPU - r.milliCPU) return false
  if (req.memory > 0 && req.memory > a.memory - r.memory) return false
  if (req.ephemeralStorage > 0 && req.ephemeralStorage > a.ephemeralStorage - r.ephemeralStorage) return false
  for (const name in req.scalar) {
    const q = req.scalar[name]
    if (q > 0 && q > (a.scalar[name] ?? 0) - (r.scalar[name] ?? 0)) return false
  }
  return true
}

export function newNodeResourcesFit(args: FitArgs = {}): PreFilterPlugin & FilterPlugin & PreScorePlugin & ScorePlugin {
  const strategy = args.scoringStrategy?.type ?? 'LeastAllocated'
  const resources = (args.scoringStrategy?.resources ?? DEFAULT_RESOURCES).map((r) => ({name: r.name, weight: r.weight || 1}))
  const ignored = new Set(args.ignoredResources ?? [])
  const ignoredGroups = new Set(args.ignoredResourceGroups ?? [])
  const scorer =
    strategy === 'MostAllocated'
      ? mostResourceScorer(resources)
      : strategy === 'RequestedToCapacityRatio'
        ? requestedToCapacityRatioScorer(resources, args.scoringStrategy?.requestedToCapacityRatio?.shape ?? [])
        : leastResourceScorer(resources)
  const allocationScorer = new ResourceAllocationScorer(resources, false, scorer)
  let lastState: object | undefined
  let lastReqs: number[] = []
  return {
    name: NAME,
    preFilter() {
      return {status: null} // requests are precomputed in PodInfo
    },
    filter(_state, pod, node) {
      const reasons = insufficientResources(pod.requests, node, ignored, ignoredGroups)
      return reasons.length === 0 ? null : Status.unschedulable(...reasons)
    },
    preScore(state, pod) {
      state.write(PRESCORE_KEY, podRequestList(pod.pod, resources, false))
      return null
    },
    score(state, pod, node) {
      // the cycle's requests, looked up once per cycle rather than per node
      if (state !== lastState) {
        lastState = state
        lastReqs = state.read<number[]>(PRESCORE_KEY) ?? podRequestList(pod.pod, resources, false)
      }
      const reqs = lastReqs
      return allocationScorer.score(node, reqs)
    },
  }
}
