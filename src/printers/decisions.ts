// `k8sim decisions`: the table of scheduling decisions, and one attempt's per-node, per-plugin breakdown.
import {columns} from './columns.js'
import {DEFAULT_MULTIPOINT} from '../scheduler/registry.js'

export interface DecisionListRow {
  namespace: string
  name: string
  node: string | null
  score: number | null
  feasibleNodes: number
  totalNodes: number
  attempts: number
  time: string
}

export function formatDecisionTable(rows: DecisionListRow[], allNamespaces: boolean): string {
  if (rows.length === 0) return ''
  const head = [...(allNamespaces ? ['NAMESPACE'] : []), 'POD', 'NODE', 'SCORE', 'FEASIBLE', 'ATTEMPTS', 'TIME']
  return columns([
    head,
    ...rows.map((r) => [
      ...(allNamespaces ? [r.namespace] : []),
      r.name,
      r.node ?? '<pending>',
      r.score === null ? '-' : String(r.score),
      `${r.feasibleNodes}/${r.totalNodes}`,
      String(r.attempts),
      r.time,
    ]),
  ])
}

interface FilterV {
  plugin: string
  code: string
  reasons: string[]
}
interface ScoreV {
  plugin: string
  score: number
  weighted: number
}
interface NodeV {
  name: string
  feasible: boolean
  filters: FilterV[]
  scores: ScoreV[]
  total: number
}

export function formatDecision(d: any): string {
  const lines: string[] = []
  lines.push(`Pod:             ${d.pod}`)
  lines.push(`Attempt:         ${d.attempt} of ${d.attempts} at ${d.time}`)
  lines.push(`Result:          ${d.result}${d.node ? ` on ${d.node}` : ''}${d.score !== null && d.score !== undefined && d.node ? ` (score ${d.score})` : ''}`)
  if (d.nominatedNode) lines.push(`Nominated node:  ${d.nominatedNode}`)
  if (d.victims?.length) lines.push(`Victims:         ${d.victims.join(', ')}`)
  if (d.message) lines.push(`Message:         ${d.message}`)
  const nodes: NodeV[] = d.nodes ?? []
  if (nodes.length > 0) {
    lines.push('', 'Filters:')
    const rows = [['NODE', 'FEASIBLE', 'REJECTED BY']]
    for (const n of nodes) {
      const failed = n.filters.filter((f) => f.code !== 'Success' && f.code !== 'Skip')
      rows.push([n.name, n.feasible ? 'yes' : 'no', failed.length ? failed.map((f) => `${f.plugin}: ${f.reasons.join(', ') || f.code}`).join('; ') : '<none>'])
    }
    lines.push(...indent(columns(rows)))
    const scored = nodes.filter((n) => n.feasible && n.scores.length > 0)
    if (scored.length > 0) {
      const plugins = [...new Set(scored.flatMap((n) => n.scores.map((s) => s.plugin)))]
      lines.push('', 'Scores (normalized × weight):')
      // the record keeps score and weighted score; a plugin that scored 0 everywhere shows the default weight
      const weights = new Map(plugins.map((p) => {
        const s = scored.flatMap((n) => n.scores).find((x) => x.plugin === p && x.score !== 0)
        return [p, s ? s.weighted / s.score : (DEFAULT_MULTIPOINT.find((r) => r.name === p)?.weight ?? 1)]
      }))
      const srows = [['NODE', ...plugins, 'TOTAL']]
      for (const n of [...scored].sort((a, b) => b.total - a.total || a.name.localeCompare(b.name))) {
        srows.push([n.name, ...plugins.map((p) => {
          const s = n.scores.find((x) => x.plugin === p)
          return s ? `${s.score}×${weights.get(p)}=${s.weighted}` : '-'
        }), String(n.total)])
      }
      lines.push(...indent(columns(srows)))
    }
  } else if (d.summary) {
    lines.push('', `Summary (full breakdown not kept for ${d.totalNodes} nodes; use apply --explain):`)
    for (const [reason, count] of Object.entries(d.summary.reasons ?? {})) lines.push(`  ${count} node(s): ${reason}`)
    for (const r of d.summary.runnerUps ?? []) lines.push(`  runner-up ${r.name}: ${r.total}`)
  }
  return lines.join('\n') + '\n'
}

function indent(text: string): string[] {
  return text.trimEnd().split('\n').map((l) => `  ${l}`)
}
