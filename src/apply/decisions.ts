// The decisions the scheduler made during this apply, summarised for the report's table.
import type {DecisionSummary} from './types.js'

export function summarizeDecisions(rawDecisions: unknown[]): DecisionSummary[] {
  const raw = rawDecisions as any[]
  const latest = new Map<string, any>()
  for (const d of raw) latest.set(d.pod, d)
  return [...latest.values()].map((d) => {
    const feasible = (d.nodes ?? []).filter((n: any) => n.feasible)
    const chosen = (d.nodes ?? []).find((n: any) => n.name === d.node)
    return {
      pod: d.pod,
      node: d.node ?? null,
      score: d.score ?? chosen?.total ?? null,
      feasibleNodes: d.feasibleNodes ?? feasible.length,
      totalNodes: d.totalNodes ?? (d.nodes ?? []).length,
      attempts: d.attempts ?? 1,
      time: d.time,
      message: d.message ?? null,
    }
  })
}
