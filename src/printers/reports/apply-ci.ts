// An ApplyReport as CI suites: one testsuite per manifest file, one testcase per object (a rejected bundle: one
// per refused document); error problems fail their object's case, warnings go to its output.
import type {ApplyReport, Problem} from '../../apply/types.js'
import type {CiAnnotation, CiCase, CiReport, CiSuite} from './model.js'

const LEVEL = {error: 'error', warning: 'warning', info: 'notice'} as const

export function problemAnnotation(p: Problem): CiAnnotation {
  const a: CiAnnotation = {level: LEVEL[p.severity], title: `${p.code}: ${p.object}`, message: p.hint ? `${p.message} (hint: ${p.hint})` : p.message}
  if (p.file) a.file = p.file
  if (p.line) a.line = p.line
  return a
}

function where(p: Problem): string {
  return p.file ? `${p.file}${p.line ? `:${p.line}` : ''}: ` : ''
}

function caseFor(name: string, classname: string, problems: Problem[]): CiCase {
  const c: CiCase = {name, classname, failures: []}
  for (const p of problems.filter((x) => x.severity === 'error')) {
    c.failures.push({message: `${p.code}: ${p.message}`, type: p.code, text: `${where(p)}${p.object}: ${p.message}${p.hint ? `\nhint: ${p.hint}` : ''}`})
  }
  const notes = problems.filter((x) => x.severity !== 'error').map((p) => `${p.severity} ${p.code}: ${p.message}${p.hint ? ` (hint: ${p.hint})` : ''}`)
  if (notes.length > 0) c.output = notes.join('\n')
  return c
}

export function applyToCi(report: ApplyReport): CiReport {
  const suites = new Map<string, CiSuite>()
  const suite = (file: string) => {
    let s = suites.get(file)
    if (!s) {
      s = {name: file, cases: [], properties: {cluster: report.cluster, dryRun: String(report.dryRun)}}
      if (report.endTime) s.timestamp = report.endTime.replace(/Z$/, '')
      suites.set(file, s)
    }
    return s
  }
  const used = new Set<Problem>()
  for (const o of report.objects) {
    const mine = report.problems.filter((p) => p.file === o.file && p.line === o.lineNo && p.object === `${o.kind}/${o.name}` && (p.namespace ?? '') === (o.namespace ?? ''))
    mine.forEach((p) => used.add(p))
    const name = o.namespace ? `${o.line.replace(/ \S+$/, '')} -n ${o.namespace}` : o.line.replace(/ \S+$/, '')
    suite(o.file).cases.push(caseFor(name, o.file, mine))
  }
  // rejections and anything not tied to an applied object: one case each
  for (const p of report.problems) {
    if (used.has(p)) continue
    const file = p.file ?? '(bundle)'
    suite(file).cases.push(caseFor(p.object || p.code, file, [p]))
  }
  const ordered = [...suites.keys()].sort().map((k) => suites.get(k)!)
  return {suites: ordered, annotations: report.problems.map(problemAnnotation)}
}
