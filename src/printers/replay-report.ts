// Text for `k8sim replay`: each step with what it did, each expectation ✓/✗ (plain `ok`/`FAIL` without colour).
import type {ReplayReport} from '../replay/types.js'

export function formatReplayReport(r: ReplayReport, o: {color?: (s: string, ok: boolean) => string} = {}): string {
  const paint = o.color ?? ((s: string) => s)
  let out = `Scenario ${r.scenario} (${r.file})\n`
  for (const s of r.steps) {
    if (s.action === 'expect') {
      for (const x of r.expectations.filter((e) => e.step === s.index)) {
        out += `  ${paint(x.passed ? 'ok  ' : 'FAIL', x.passed)} ${x.description}${x.passed ? '' : `: ${x.message}`}\n`
      }
      continue
    }
    out += `[${s.time}] ${s.description}\n`
    for (const l of s.output) out += `    ${l}\n`
    if (s.error) out += `    ${paint(s.error.startsWith('skipped:') ? 'skipped' : 'error', false)}: ${s.error.replace(/^skipped: /, '').replace(/^error: /, '').replace(/\n/g, '\n    ')}\n`
  }
  const passed = r.expectations.filter((x) => x.passed).length
  out += `\n${r.passed ? 'PASS' : 'FAIL'} ${r.scenario}: ${passed}/${r.expectations.length} expectations passed, ${r.simulatedSeconds}s simulated\n`
  return out
}
