// k8sim's `Scheduling:` section of describe pod, from the scheduler's latest decision (CLI.md §6 shape):
// the result, the chosen node's score, the runner-ups and the per-plugin reasons for rejected nodes.

import {DescribeWriter, LEVEL_0, LEVEL_1} from './common.js'

const MAX_RUNNER_UPS = 3

/** Renders the section (ending in a newline); '' when there is no decision. */
export function formatSchedulingSection(d: any): string {
  if (!d) return ''
  const w = new DescribeWriter()
  w.write(LEVEL_0, 'Scheduling:\n')
  const when = d.time ? ` at ${d.time}` : ''
  const attempt = d.attempts ? ` (attempt ${d.attempt} of ${d.attempts}${when})` : ''
  if (d.node) w.write(LEVEL_1, `Result:\t${d.result ?? 'Scheduled'} on ${d.node}${attempt}\n`)
  else w.write(LEVEL_1, `Result:\t${d.result ?? 'Unschedulable'}${attempt}\n`)
  if (d.nominatedNode) w.write(LEVEL_1, `Nominated Node:\t${d.nominatedNode}\n`)
  if ((d.victims ?? []).length > 0) w.write(LEVEL_1, `Preempted:\t${d.victims.join(', ')}\n`)
  if (d.message) w.write(LEVEL_1, `Message:\t${d.message}\n`)
  const nodes: any[] = d.nodes ?? []
  if (nodes.length > 0) {
    const feasible = nodes.filter((n) => n.feasible)
    const chosen = nodes.find((n) => n.name === d.node)
    if (chosen) w.write(LEVEL_1, `Score:\t${chosen.total} (${feasible.length}/${nodes.length} nodes feasible)\n`)
    else w.write(LEVEL_1, `Feasible Nodes:\t${feasible.length}/${nodes.length}\n`)
    const others = feasible
      .filter((n) => n.name !== d.node)
      .sort((a, b) => b.total - a.total || (a.name < b.name ? -1 : 1))
      .slice(0, MAX_RUNNER_UPS)
    if (d.node) w.write(LEVEL_1, `Runner-ups:\t${others.length > 0 ? others.map((n) => `${n.name} (${n.total})`).join(', ') : '<none>'}\n`)
    const rejected = nodes.filter((n) => !n.feasible)
    if (rejected.length > 0) {
      w.write(LEVEL_1, 'Rejected:\n')
      for (const n of rejected) {
        const failed = (n.filters ?? []).filter((f: any) => f.code !== 'Success' && f.code !== 'Skip')
        const why = failed.map((f: any) => `${f.plugin}: ${(f.reasons ?? []).join(', ') || f.code}`).join('; ') || '<unknown>'
        w.write(LEVEL_1, `  ${n.name}\t${why}\n`)
      }
    }
  } else if (d.summary) {
    const s = d.summary
    if (s.score !== undefined) w.write(LEVEL_1, `Score:\t${s.score}\n`)
    if ((s.runnerUps ?? []).length > 0) w.write(LEVEL_1, `Runner-ups:\t${s.runnerUps.map((r: any) => (typeof r === 'string' ? r : `${r.name} (${r.total ?? r.score})`)).join(', ')}\n`)
  }
  return w.toString()
}
