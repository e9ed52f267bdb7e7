// NodeResourcesBalancedAllocation (PreScore, Score): prefers nodes whose resource fractions stay balanced.
// Uses actual requests (no non-zero defaults); v1.32 also scores best-effort pods.
import type {PreScorePlugin, ScorePlugin} from '../../framework/interfaces.js'
import {podRequestList, ResourceAllocationScorer, type ResourceSpec} from '../../framework/resource-allocation.js'

export const NAME = 'NodeResourcesBalancedAllocation'
const PRESCORE_KEY = 'PreScore' + NAME

function fraction(requested: number[], allocatable: number[], i: number): number {
  const f = requested[i] / allocatable[i]
  return f > 1 ? 1 : f
}

export function balancedResourceScorer(requested: number[], allocatable: number[]): number {
  let count = 0
  let total = 0
  let f0 = 0
  let f1 = 0
  for (let i = 0; i < requested.length; i++) {
    if (allocatable[i] === 0) continue
    const f = fraction(requested, allocatable, i)
    if (count === 0) f0 = f
    else if (count === 1) f1 = f
    total += f
    count++
  }
  let std = 0
  if (count === 2) {
    std = Math.abs((f0 - f1) / 2)
  } else if (count > 2) {
    const mean = total / count
    let sum = 0
    for (let i = 0; i < requested.length; i++) {
      if (allocatable[i] === 0) continue
      const f = fraction(requested, allocatable, i)
      sum += (f - mean) * (f - mean)
    }
    std = Math.sqrt(sum / count)
  }
  return Math.trunc((1 - std) * 100)
}

export function newBalancedAllocation(args: {resources?: ResourceSpec[]} = {}): PreScorePlugin & ScorePlugin {
  const resources = (args.resources ?? [
    {name: 'cpu', weight: 1},
    {name: 'memory', weight: 1},
  ]).map((r) => ({name: r.name, weight: r.weight || 1}))
  const allocationScorer = new ResourceAllocationScorer(resources, true, balancedResourceScorer)
  let lastState: object | undefined
  let lastReqs: number[] = []
  return {
    name: NAME,
    preScore(state, pod) {
      state.write(PRESCORE_KEY, podRequestList(pod.pod, resources, true))
      return null
    },
    score(state, pod, node) {
      if (state !== lastState) {
        lastState = state
        lastReqs = state.read<number[]>(PRESCORE_KEY) ?? podRequestList(pod.pod, resources, true)
      }
      const reqs = lastReqs
      return allocationScorer.score(node, reqs)
    },
  }
}
