// `k8sim validate` output in kubeconform's formats (text, json, junit, tap), from the ValidateReport data.
import type {ValidateReport, ValidateResource} from '../../manifest/run-validate.js'

export interface ValidatePrintOptions {
  output: 'text' | 'json' | 'junit' | 'tap'
  summary: boolean
  verbose: boolean
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n > 1 ? 's' : ''}`
}

function textLine(r: ValidateResource, verbose: boolean): string | undefined {
  switch (r.status) {
    case 'statusValid':
      return verbose ? `${r.filename} - ${r.kind} ${r.name} is valid` : undefined
    case 'statusInvalid':
      return `${r.filename} - ${r.kind} ${r.name} is invalid: ${r.msg}`
    case 'statusError':
      return r.kind !== '' && r.name !== '' ? `${r.filename} - ${r.kind} ${r.name} failed validation: ${r.msg}` : `${r.filename} - failed validation: ${r.msg}`
    case 'statusSkipped':
      return verbose ? `${r.filename} - ${r.name} ${r.kind} skipped` : undefined
  }
}

export function printValidateText(report: ValidateReport, o: {summary: boolean; verbose: boolean}): string {
  const lines: string[] = []
  for (const r of report.resources) {
    const l = textLine(r, o.verbose)
    if (l !== undefined) lines.push(l)
  }
  if (o.summary) {
    const s = report.summary
    const counts = `Valid: ${s.valid}, Invalid: ${s.invalid}, Errors: ${s.errors}, Skipped: ${s.skipped}`
    lines.push(report.stdin
      ? `Summary: ${plural(s.resources, 'resource')} found parsing stdin - ${counts}`
      : `Summary: ${plural(s.resources, 'resource')} found in ${plural(s.files, 'file')} - ${counts}`)
  }
  return lines.length > 0 ? lines.join('\n') + '\n' : ''
}

export function printValidateJson(report: ValidateReport, o: {summary: boolean; verbose: boolean}): string {
  const resources = report.resources
    .filter((r) => o.verbose || (r.status !== 'statusValid' && r.status !== 'statusSkipped'))
    .map((r) => {
      const out: Record<string, unknown> = {filename: r.filename, kind: r.kind, name: r.name, version: r.version, status: r.status, msg: r.msg}
      if (r.validationErrors && r.validationErrors.length > 0) out.validationErrors = r.validationErrors
      return out
    })
  const s = report.summary
  const body: Record<string, unknown> = {resources}
  if (o.summary) body.summary = {valid: s.valid, invalid: s.invalid, errors: s.errors, skipped: s.skipped}
  return JSON.stringify(body, null, 2) + '\n'
}

function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;')
}

export function printValidateJunit(report: ValidateReport): string {
  const suites = new Map<string, ValidateResource[]>()
  for (const r of report.resources) {
    const list = suites.get(r.filename) ?? []
    list.push(r)
    suites.set(r.filename, list)
  }
  const s = report.summary
  const out: string[] = [`<testsuites name="k8sim" time="0" tests="${s.valid + s.invalid + s.errors + s.skipped}" failures="${s.invalid}" disabled="${s.skipped}" errors="${s.errors}">`]
  let id = 0
  for (const [file, rs] of suites) {
    id++
    const count = (st: string) => rs.filter((r) => r.status === st).length
    out.push(`  <testsuite name="${xmlEscape(file)}" id="${id}" tests="${rs.length}" failures="${count('statusInvalid')}" errors="${count('statusError')}" disabled="0" skipped="${count('statusSkipped')}">`)
    for (const r of rs) {
      const name = xmlEscape(r.namespace ? `${r.namespace}/${r.name}` : r.name)
      const cls = xmlEscape(`${r.kind}@${r.version}`)
      if (r.status === 'statusValid') out.push(`    <testcase name="${name}" classname="${cls}"></testcase>`)
      else if (r.status === 'statusSkipped') out.push(`    <testcase name="${name}" classname="${cls}">`, `      <skipped message=""></skipped>`, `    </testcase>`)
      else if (r.status === 'statusInvalid') out.push(`    <testcase name="${name}" classname="${cls}">`, `      <failure message="${xmlEscape(r.msg)}" type=""></failure>`, `    </testcase>`)
      else out.push(`    <testcase name="${name}" classname="${cls}">`, `      <error message="${xmlEscape(r.msg)}" type=""></error>`, `    </testcase>`)
    }
    out.push('  </testsuite>')
  }
  out.push('</testsuites>')
  return out.join('\n') + '\n'
}

export function printValidateTap(report: ValidateReport): string {
  const lines = ['TAP version 13']
  report.resources.forEach((r, i) => {
    const n = i + 1
    if (r.status === 'statusValid') lines.push(`ok ${n} - ${r.filename} (${r.kind})`)
    else if (r.status === 'statusInvalid') lines.push(`not ok ${n} - ${r.filename} (${r.kind}): ${r.msg}`)
    else if (r.status === 'statusError') lines.push(`not ok ${n} - ${r.filename}: ${r.msg}`)
    else lines.push(`ok ${n} #skip - ${r.filename}`)
  })
  lines.push(`1..${report.resources.length}`)
  return lines.join('\n') + '\n'
}

export function printValidateReport(report: ValidateReport, o: ValidatePrintOptions): string {
  switch (o.output) {
    case 'json': return printValidateJson(report, o)
    case 'junit': return printValidateJunit(report)
    case 'tap': return printValidateTap(report)
    default: return printValidateText(report, o)
  }
}
