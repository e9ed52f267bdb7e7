// The table k8sim prints after kubectl's drain lines: where each evicted pod's replacement landed.
import type {ReplacementRow} from '../drain/replacements.js'
import {columns} from './columns.js'

export function formatReplacements(rows: ReplacementRow[]): string {
  if (rows.length === 0) return ''
  const table = [['EVICTED POD', 'REPLACEMENT', 'NODE', 'STATUS'], ...rows.map((r) => [r.evicted, r.replacement ?? '<none>', r.node ?? '<none>', r.status])]
  return columns(table)
}
