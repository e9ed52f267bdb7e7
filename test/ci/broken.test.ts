import fs from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {k8simInProcess} from '../helpers/in-process.js'
import {FIXTURES, dirs, schemaErrors, tmpHome} from './helpers.js'

const expected = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'broken/expected.json'), 'utf8'))
const home = tmpHome()

describe('fixtures/broken: each bundle reports exactly its problem', () => {
  it('has at least 20 bundles, each with an expectation', () => {
    expect(dirs('broken').length).toBeGreaterThanOrEqual(20)
    expect(Object.keys(expected).sort()).toEqual(dirs('broken'))
  })
  for (const code of dirs('broken')) {
    // a bundle whose behaviour the simulation does not have yet says why in expected.json
    const test = expected[code]?.skip ? it.skip : it
    test(code, async () => {
      const dir = path.join('fixtures/broken', code)
      const r = await k8simInProcess(['apply', '-f', dir, '--dry-run=client', '--wait', '-o', 'json'], {home})
      const want = expected[code]
      expect(r.status).toBe(want.exitCode)
      const report = JSON.parse(r.stdout)
      expect(await schemaErrors('apply-report', report)).toBeUndefined()
      expect(report.problems.map((p: any) => ({severity: p.severity, code: p.code, object: p.object, line: p.line}))).toEqual(want.problems)
      expect(report.problems.some((p: any) => p.code === code)).toBe(true)
      for (const p of report.problems) expect(p.file).toBe(path.join(dir, 'manifests.yaml'))
      if (want.exitCode === 1) expect(report.rejected).toBe(true)
    })
  }
})

describe('apply text output', () => {
  it('prints the problem with file:line and hint', async () => {
    const r = await k8simInProcess(['apply', '-f', 'fixtures/broken/missing-secret', '--dry-run=client', '--wait'], {home})
    expect(r.status).toBe(3)
    expect(r.stdout).toContain('Problems:\n  error missing-secret: Deployment/api (fixtures/broken/missing-secret/manifests.yaml:1): container app env TOKEN refers to Secret api-token, which does not exist in namespace default\n')
  })
  it('without --wait an unhealthy bundle exits 0', async () => {
    const r = await k8simInProcess(['apply', '-f', 'fixtures/broken/unschedulable', '--dry-run=client'], {home})
    expect(r.status).toBe(0)
    expect(r.stdout).toContain('error unschedulable: Deployment/big')
  })
})
