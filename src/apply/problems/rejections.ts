// An apply the API server refused (exit 1, nothing stored) as problems, so `-o json` and the CI reports can
// carry the reasons: each CLI.md §5 error line becomes one error with a stable code.
import type {Problem} from '../types.js'
import type {ManifestDocLike} from '../ports.js'

// `s`: a refusal may span lines (a pod update's diff follows its first line)
const LINE = /^error: (.+?):(\d+):(\d+) \(document (\d+), ([^)]*)\): (.*)$/s

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

/** The earlier document of the bundle that defines the same object as the refused one (kubectl then patches it). */
function earlierDefinition(docs: ManifestDocLike[], file: string, docIndex: number): ManifestDocLike | undefined {
  const self = docs.findIndex((d) => d.file === file && d.docIndex === docIndex)
  if (self < 0) return undefined
  const o = docs[self].obj
  const same = (d: ManifestDocLike) =>
    d.obj?.apiVersion === o.apiVersion && d.obj?.kind === o.kind && d.obj?.metadata?.name === o.metadata?.name && (d.obj?.metadata?.namespace ?? '') === (o.metadata?.namespace ?? '')
  return docs.slice(0, self).find(same)
}

/** `docs`: the bundle, when known: a refused update of an object an earlier document created is a duplicate. */
export function rejectionProblems(lines: string[], docs: ManifestDocLike[] = []): Problem[] {
  return lines.map((l): Problem => {
    const m = LINE.exec(l)
    if (!m) {
      const message = l.replace(/^error: /, '')
      return {code: rejectionCode(message), severity: 'error', object: '', message}
    }
    const [, file, line, , docIndex, object, message] = m
    let code = rejectionCode(message)
    const first = /error when applying patch/.test(message) ? earlierDefinition(docs, file, Number(docIndex)) : undefined
    if (first) code = 'duplicate-object'
    const p: Problem = {code, severity: 'error', object, file, line: Number(line), message}
    if (first) p.hint = `${first.file} (document ${first.docIndex}) already defines ${object}: keep one definition`
    else if (code === 'missing-namespace') p.hint = 'add the Namespace to the bundle (it is applied first), or create it beforehand'
    else if (code === 'unknown-kind') p.hint = 'apply the CustomResourceDefinition first, or fix apiVersion/kind'
    else if (code === 'quota-exceeded') p.hint = 'lower the requests, or raise the ResourceQuota'
    return p
  })
}
