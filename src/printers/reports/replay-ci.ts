// A ReplayReport as CI suites: one testsuite per scenario, one testcase per expectation (and per failed step).
import type {ReplayReport} from '../../replay/types.js'
import type {CiCase, CiReport} from './model.js'

export function replayToCi(r: ReplayReport): CiReport {
  const cases: CiCase[] = []
  const annotations: CiReport['annotations'] = []
  for (const s of r.steps) {
    if (s.action === 'expect') {
      for (const x of r.expectations.filter((e) => e.step === s.index)) {
        const c: CiCase = {name: `step ${s.index}: ${x.description}`, classname: r.scenario, failures: []}
        if (!x.passed) {
          c.failures.push({message: x.message, type: x.type, text: `${r.file}${x.line ? `:${x.line}` : ''}: expected ${x.description}, got: ${x.message}`})
          annotations.push({level: 'error', file: r.file, line: x.line, title: `${r.scenario}: ${x.type}`, message: `expected ${x.description}, got: ${x.message}`})
        } else c.output = x.message
        cases.push(c)
      }
    } else if (!s.ok) {
      const c: CiCase = {name: `step ${s.index}: ${s.description}`, classname: r.scenario, failures: []}
      if (s.error?.startsWith('skipped:')) c.skipped = s.error
      else {
        c.failures.push({message: (s.error ?? 'failed').split('\n')[0], type: s.action, text: s.error})
        annotations.push({level: 'error', file: r.file, line: s.line, title: `${r.scenario}: ${s.action}`, message: s.error ?? 'failed'})
      }
      cases.push(c)
    }
  }
  return {
    suites: [{name: r.scenario, time: r.simulatedSeconds, timestamp: r.startTime.replace(/Z$/, ''), properties: {file: r.file}, cases}],
    annotations: annotations.map((a) => (a.line === undefined ? {...a, line: undefined} : a)),
  }
}
