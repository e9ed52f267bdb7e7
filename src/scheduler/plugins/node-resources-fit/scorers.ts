// least_allocated.go, most_allocated.go, requested_to_capacity_ratio.go
import type {ResourceSpec} from '../../framework/resource-allocation.js'

const MAX = 100

export function leastResourceScorer(resources: ResourceSpec[]) {
  return (requested: number[], allocatable: number[]): number => {
    let nodeScore = 0
    let weightSum = 0
    for (let i = 0; i < requested.length; i++) {
      if (allocatable[i] === 0) continue
      const w = resources[i].weight
      const cap = allocatable[i]
      const req = requested[i]
      const s = req > cap ? 0 : Math.trunc(((cap - req) * MAX) / cap)
      nodeScore += s * w
      weightSum += w
    }
    return weightSum === 0 ? 0 : Math.trunc(nodeScore / weightSum)
  }
}

export function mostResourceScorer(resources: ResourceSpec[]) {
  return (requested: number[], allocatable: number[]): number => {
    let nodeScore = 0
    let weightSum = 0
    for (let i = 0; i < requested.length; i++) {
      if (allocatable[i] === 0) continue
      const w = resources[i].weight
      const cap = allocatable[i]
      const req = Math.min(requested[i], cap)
      nodeScore += Math.trunc((req * MAX) / cap) * w
      weightSum += w
    }
    return weightSum === 0 ? 0 : Math.trunc(nodeScore / weightSum)
  }
}

/** helper.BuildBrokenLinearFunction over shape points whose scores are already scaled to 0..100 */
function brokenLinear(shape: Array<{utilization: number; score: number}>) {
  return (p: number): number => {
    for (let i = 0; i < shape.length; i++) {
      if (p <= shape[i].utilization) {
        if (i === 0) return shape[0].score
        const a = shape[i - 1]
        const b = shape[i]
        return a.score + Math.trunc(((b.score - a.score) * (p - a.utilization)) / (b.utilization - a.utilization))
      }
    }
    return shape[shape.length - 1].score
  }
}

export function requestedToCapacityRatioScorer(resources: ResourceSpec[], shape: Array<{utilization: number; score: number}>) {
  // MaxCustomPriorityScore is 10: shape scores are scaled by 100/10
  const fn = brokenLinear(shape.map((p) => ({utilization: p.utilization, score: p.score * 10})))
  const resourceScore = (req: number, cap: number): number => (cap === 0 || req > cap ? fn(100) : fn(Math.trunc((req * 100) / cap)))
  return (requested: number[], allocatable: number[]): number => {
    let nodeScore = 0
    let weightSum = 0
    for (let i = 0; i < requested.length; i++) {
      if (allocatable[i] === 0) continue
      const w = resources[i].weight
      const s = resourceScore(requested[i], allocatable[i])
      if (s > 0) {
        nodeScore += s * w
        weightSum += w
      }
    }
    return weightSum === 0 ? 0 : Math.round(nodeScore / weightSum)
  }
}
