// The validation conformance cases' `serverExpect`: what a real API server says about the same file, which
// `k8sim apply --dry-run` must agree with (conformance/README.md). Verdicts must match; where the case quotes the
// API server's own wording for a rule beyond the schema, the error must contain it too.
import {existsSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {k8simInProcess} from '../helpers/in-process.js'
import {tempHome} from '../helpers/cli.js'

const dir = join(process.env.K8SIM_CONFORMANCE_DIR ?? join(import.meta.dirname, '..', '..', '..', 'shared', 'conformance'), 'validation')
const cases: any[] = existsSync(join(dir, 'expected.json')) ? JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) : []
const inScope = (c: any) =>
  c.serverExpect && typeof c.file === 'string' && !c.fileAbsent && (c.input ?? 'file') === 'file' && !c.flags &&
  (c.kubernetesVersion === null || c.kubernetesVersion === undefined || /^1\.(29|3\d)/.test(c.kubernetesVersion))

// wording that the API server itself uses for rules beyond the OpenAPI schema (k8sim reproduces these exactly)
const apiServerWording = /Required value|RFC 1123|must be no more than|does not match template|Unsupported value|name or generateName|a valid label|Duplicate value|unknown field/

describe('validation conformance: apply --dry-run agrees with a real API server', () => {
  const home = tempHome()
  it('has cases', () => {
    expect(cases.filter(inScope).length).toBeGreaterThan(10)
  })
  for (const c of cases.filter(inScope)) {
    it(`${c.id}: ${c.serverExpect}`, async () => {
      const r = await k8simInProcess(['apply', '--dry-run', '-f', join(dir, 'cases', c.file)], {home})
      if (c.serverExpect === 'valid') {
        expect(r.stderr).toBe('')
        expect(r.status).toBe(0)
      } else {
        expect(r.status).toBe(1)
        expect(r.stdout).toBe('')
        expect(r.stderr).toMatch(/^error: /)
        if (c.serverMessageContains && apiServerWording.test(c.serverMessageContains)) expect(r.stderr).toContain(c.serverMessageContains)
      }
    })
  }
})
