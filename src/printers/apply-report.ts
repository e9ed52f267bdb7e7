// Text for `k8sim apply`: kubectl's lines, then the scheduling decisions this apply made, then the problems.
import type {ApplyReport} from '../apply/types.js'
import {columns} from './columns.js'

export function applyLines(report: ApplyReport): string {
  const suffix = report.dryRun ? ' (dry run)' : ''
  return report.objects.map((o) => `${o.line}${suffix}\n`).join('')
}

/** Colours the severity word only (tables and text never rely on colour); identity when colour is off. */
export type SeverityPainter = (severity: string) => string

/** Longer applies list the first rows only; `-o json` and `k8sim decisions` have them all. */
const MAX_DECISION_ROWS = 50

export function formatApplyReport(report: ApplyReport, paint: SeverityPainter = (s) => s): string {
  let out = applyLines(report)
  if (report.decisions.length > 0) {
    const rows = [['POD', 'NODE', 'SCORE', 'FEASIBLE', 'ATTEMPTS']]
    const shown = report.decisions.slice(0, MAX_DECISION_ROWS)
    for (const d of shown) {
      rows.push([d.pod, d.node ?? '<pending>', d.score === null ? '-' : String(d.score), `${d.feasibleNodes}/${d.totalNodes}`, String(d.attempts)])
    }
    out += `\nScheduling decisions:\n${columns(rows)}`
    const more = report.decisions.length - shown.length
    if (more > 0) out += `... and ${more} more (see \`k8sim decisions\`)\n`
  }
  if (report.problems.length > 0) {
    out += '\nProblems:\n'
    for (const p of report.problems) {
      const at = p.file ? ` (${p.file}${p.line ? `:${p.line}` : ''})` : ''
      out += `  ${paint(p.severity)} ${p.code}: ${p.object}${at}: ${p.message}\n`
      if (p.hint) out += `    hint: ${p.hint}\n`
    }
  }
  return out
}
