// Runs every case of <conformance>/validation/expected.json through k8sim validate's core (in-process), from
// the cases/ folder as the suite asks. serverExpect (what a real API server says) is checked by the apply suite.
import {readFileSync, existsSync} from 'node:fs'
import {resolve, join} from 'node:path'
import {beforeAll, afterAll, describe, expect, it} from 'vitest'
import {runValidate, type ValidateReport} from '../../src/manifest/run-validate.js'
import {printValidateText, printValidateJson} from '../../src/printers/validate/index.js'
import {normalizeKubernetesVersion} from '../../src/schema/validator.js'

const conformanceDir = resolve(process.env.K8SIM_CONFORMANCE_DIR ?? resolve(__dirname, '../../../shared/conformance'))
const validationDir = join(conformanceDir, 'validation')
const casesDir = join(validationDir, 'cases')
const expectedFile = join(validationDir, 'expected.json')
const cases: any[] = existsSync(expectedFile) ? JSON.parse(readFileSync(expectedFile, 'utf8')) : []

/** kubeconform's tests ran from a folder where the cases were under fixtures/ */
const local = (line: string) => line.replace(/^fixtures\//, '')
/** the schema a message names differs between tools: compare around it */
const withoutSchemaRef = (line: string) => line.replace(/validation failed with '[^']*'/, "validation failed with '<schema>'")

async function run(c: any): Promise<{report: ValidateReport; exitCode: number}> {
  const files: string[] = c.input === 'stdin' ? ['-'] : Array.isArray(c.file) ? c.file : [c.file]
  const f = c.flags ?? {}
  const report = await runValidate({
    files,
    kubernetesVersion: c.kubernetesVersion ?? undefined,
    strict: c.strict,
    skip: f.skip,
    reject: f.reject,
    ignoreMissingSchemas: f.ignoreMissingSchemas,
    ignoreFilenamePattern: (f.ignoreFilenamePattern ?? []).map((p: string) => new RegExp(p)),
    schemaLocations: f.schemaLocation,
    baseDir: casesDir,
    readStdin: async () => readFileSync(join(casesDir, c.file), 'utf8'),
  })
  const exitCode = report.summary.invalid > 0 || report.summary.errors > 0 ? 1 : 0
  return {report, exitCode}
}

describe.skipIf(cases.length === 0)('validation conformance', () => {
  const cwd = process.cwd()
  beforeAll(() => process.chdir(casesDir))
  afterAll(() => process.chdir(cwd))

  const inScope = cases.filter((c) => c.kubernetesVersion === null || c.kubernetesVersion === undefined || normalizeKubernetesVersion(c.kubernetesVersion))
  const outOfScope = cases.filter((c) => !inScope.includes(c))

  it('has cases pinned to unsupported versions only before 1.29', () => {
    for (const c of outOfScope) expect(Number(String(c.kubernetesVersion).split('.')[1])).toBeLessThan(29)
  })

  for (const c of inScope) {
    it(`${c.id}${c.serverExpect ? ' (serverExpect left to apply --dry-run)' : ''}`, async () => {
      const {report, exitCode} = await run(c)
      const statuses = report.resources.map((r) => r.status)
      const detail = JSON.stringify(report.resources.map((r) => [r.filename, r.kind, r.name, r.status, r.msg]), null, 1)

      const wantExit = c.exitCode ?? (c.expect === 'valid' || c.expect === 'skipped' ? 0 : 1)
      expect(exitCode, detail).toBe(wantExit)
      if (c.expect === 'valid') expect(statuses.every((s) => s === 'statusValid' || s === 'statusSkipped'), detail).toBe(true)
      if (c.expect === 'skipped') {
        expect(statuses.length).toBeGreaterThan(0)
        expect(statuses.every((s) => s === 'statusSkipped'), detail).toBe(true)
      }
      if (c.expect === 'invalid') expect(statuses, detail).toContain('statusInvalid')
      if (c.expect === 'error') expect(statuses, detail).toContain('statusError')

      if (c.messageContains) {
        const texts = report.resources.flatMap((r) => [r.msg, ...(r.validationErrors ?? []).map((e) => `${e.path}: ${e.msg}`)])
        expect(texts.some((t) => t.includes(c.messageContains)), `${c.messageContains} not in ${detail}`).toBe(true)
      }
      if (c.counts) {
        const s = report.summary
        const got: Record<string, number> = {files: s.files, resources: s.resources, valid: s.valid, invalid: s.invalid, errors: s.errors, skipped: s.skipped}
        for (const [k, v] of Object.entries<number>(c.counts)) expect(got[k], `${k} in ${detail}`).toBe(v)
      }
      if (c.verboseOutput) {
        const text = printValidateText(report, {summary: false, verbose: true}).split('\n')
        expect(text).toContain(local(c.verboseOutput))
      }
      if (c.summaryOutput) {
        const text = printValidateText(report, {summary: true, verbose: false}).split('\n')
        expect(text).toContain(c.summaryOutput)
      }
      if (c.kubeconformOutput) {
        const text = printValidateText(report, {summary: false, verbose: false}).split('\n').map(withoutSchemaRef)
        expect(text).toContain(withoutSchemaRef(local(c.kubeconformOutput)))
      }
      // the json output is kubeconform's shape and parses back to the same statuses
      const json = JSON.parse(printValidateJson(report, {summary: true, verbose: true}))
      expect(json.resources.map((r: any) => r.status)).toEqual(statuses)
      expect(Object.keys(json.summary)).toEqual(['valid', 'invalid', 'errors', 'skipped'])
    })
  }
})
