// The decisions the scheduler made during this apply, summarised for the report's table.
import type {DecisionSummary} from './types.js'

export function summarizeDecisions(rawDecisions: unknown[]): DecisionSummary[] {
  const raw = rawDecisions as any[]
  const latest = new Map<string, any>()
  for (const d of raw) latest.set(d.pod, d)
  return [...latest.values()].map((d) => {
    // the per-node list is built on first read: only read it when the record lacks the figure
    const nodes = (): any[] => d.nodes ?? []
    return {
      pod: d.pod,
      node: d.node ?? null,
      score: d.score ?? nodes().find((n: any) => n.name === d.node)?.total ?? null,
      feasibleNodes: d.feasibleNodes ?? nodes().filter((n: any) => n.feasible).length,
      totalNodes: d.totalNodes ?? nodes().length,
      attempts: d.attempts ?? 1,
      time: d.time,
      message: d.message ?? null,
    }
  })
}
