// `-o json|junit|tap|github` for apply and replay.
import type {ApplyReport} from '../../apply/types.js'
import {applyToCi} from './apply-ci.js'
import {formatGithub} from './github.js'
import {formatJunit} from './junit.js'
import type {CiReport} from './model.js'
import {formatTap} from './tap.js'

export type CiFormat = 'json' | 'junit' | 'tap' | 'github'

export function formatCi(ci: CiReport, format: Exclude<CiFormat, 'json'>, name: string): string {
  if (format === 'junit') return formatJunit(ci, name)
  if (format === 'tap') return formatTap(ci)
  return formatGithub(ci)
}

export function formatApplyOutput(report: ApplyReport, format: string): string {
  if (format === 'json') return JSON.stringify(report, null, 2) + '\n'
  return formatCi(applyToCi(report), format as Exclude<CiFormat, 'json'>, 'k8sim apply')
}

export async function formatReplayOutput(report: import('../../replay/types.js').ReplayReport, format: string): Promise<string> {
  if (format === 'json') return JSON.stringify(report, null, 2) + '\n'
  const {replayToCi} = await import('./replay-ci.js')
  return formatCi(replayToCi(report), format as Exclude<CiFormat, 'json'>, 'k8sim replay')
}
