// An apply the API server refused (exit 1, nothing stored) as problems, so `-o json` and the CI reports can
// carry the reasons: each CLI.md §5 error line becomes one error with a stable code.
import type {Problem} from '../types.js'

const LINE = /^error: (.+?):(\d+):(\d+) \(document (\d+), ([^)]*)\): (.*)$/

/** The code of a rejection message. */
export function rejectionCode(message: string): string {
  if (/ was removed in \d/.test(message)) return 'removed-api'
  if (/no matches for kind/.test(message)) return 'unknown-kind'
  if (/namespaces "[^"]*" not found/.test(message)) return 'missing-namespace'
  if (/exceeded quota/.test(message)) return 'quota-exceeded'
  if (/maximum (cpu|memory|storage) usage|minimum (cpu|memory|storage) usage|LimitRange/i.test(message)) return 'limit-range'
  if (/already exists/.test(message)) return 'duplicate-object'
  if (/may not change fields|field is immutable|Forbidden: updates to/.test(message)) return 'immutable-field'
  if (/yaml|YAML|parse|did not find expected|mapping values/.test(message) && !/Invalid value/.test(message)) return 'parse-error'
  return 'invalid'
}

export function rejectionProblems(lines: string[]): Problem[] {
  return lines.map((l): Problem => {
    const m = LINE.exec(l)
    if (!m) {
      const message = l.replace(/^error: /, '')
      return {code: rejectionCode(message), severity: 'error', object: '', message}
    }
    const [, file, line, , , object, message] = m
    const code = rejectionCode(message)
    const p: Problem = {code, severity: 'error', object, file, line: Number(line), message}
    if (code === 'missing-namespace') p.hint = 'add the Namespace to the bundle (it is applied first), or create it beforehand'
    else if (code === 'unknown-kind') p.hint = 'apply the CustomResourceDefinition first, or fix apiVersion/kind'
    else if (code === 'quota-exceeded') p.hint = 'lower the requests, or raise the ResourceQuota'
    return p
  })
}
