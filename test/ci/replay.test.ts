import fs from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {k8simInProcess} from '../helpers/in-process.js'
import {FIXTURES, checkJunitStructure, schemaErrors, tmpHome, xsdErrors} from './helpers.js'

const home = tmpHome()
const scenarios = fs.readdirSync(path.join(FIXTURES, 'scenarios')).filter((f) => f.endsWith('.yaml')).sort()

describe('fixtures/scenarios pass under replay', () => {
  it('has at least 8 scenarios', () => expect(scenarios.length).toBeGreaterThanOrEqual(8))
  for (const f of scenarios) {
    it(f, async () => {
      const file = path.join('fixtures/scenarios', f)
      const r = await k8simInProcess(['replay', file, '-o', 'junit'], {home})
      expect(r.status, r.stdout).toBe(0)
      const s = checkJunitStructure(r.stdout)
      expect(s.suites).toBe(1)
      expect(s.failures).toBe(0)
      expect(s.cases).toBeGreaterThan(0)
      expect(await xsdErrors(r.stdout)).toBeUndefined()
    })
  }
})

describe('replay failures', () => {
  const dir = fs.mkdtempSync(path.join(home, 'sc-'))
  const file = path.join(dir, 'failing.yaml')
  fs.writeFileSync(
    file,
    `apiVersion: k8sim.io/v1alpha1
kind: Scenario
metadata:
  name: failing
spec:
  steps:
  - apply: ${path.join(FIXTURES, 'broken/unschedulable')}
  - expect:
    - noUnschedulablePods: true
    - problem: unschedulable
`,
  )
  it('exits 3 and reports the failed expectation in every format', async () => {
    const text = await k8simInProcess(['replay', file], {home})
    expect(text.status).toBe(3)
    expect(text.stdout).toMatch(/ {2}FAIL no unschedulable pods: unschedulable: default\/big-/)
    expect(text.stdout).toContain('  ok   problem unschedulable reported\n')
    expect(text.stdout).toContain('FAIL failing: 1/2 expectations passed')
    const json = JSON.parse((await k8simInProcess(['replay', file, '-o', 'json'], {home})).stdout)
    expect(json.kind).toBe('ReplayReport')
    expect(await schemaErrors('replay-report', json)).toBeUndefined()
    expect(json.passed).toBe(false)
    expect(json.expectations.map((x: any) => [x.type, x.passed, x.line])).toEqual([['noUnschedulablePods', false, 8], ['problem', true, 8]])
    const tap = (await k8simInProcess(['replay', file, '-o', 'tap'], {home})).stdout
    expect(tap).toMatch(/^TAP version 13\n1\.\.2\nnot ok 1 - failing: step 2: no unschedulable pods\n/)
    const gh = (await k8simInProcess(['replay', file, '-o', 'github'], {home})).stdout
    expect(gh).toMatch(new RegExp(`^::error file=${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')},line=8,title=failing%3A noUnschedulablePods::expected no unschedulable pods`))
    const junit = (await k8simInProcess(['replay', file, '-o', 'junit'], {home})).stdout
    expect(checkJunitStructure(junit).failures).toBe(1)
    expect(await xsdErrors(junit)).toBeUndefined()
  })
  it('a scenario that breaks its schema is a user error naming the line', async () => {
    const bad = path.join(dir, 'bad.yaml')
    fs.writeFileSync(bad, 'apiVersion: k8sim.io/v1alpha1\nkind: Scenario\nspec:\n  steps:\n  - jump: 5m\n')
    const r = await k8simInProcess(['replay', bad], {home})
    expect(r.status).toBe(1)
    expect(r.stderr).toContain(`${bad}:5: spec.steps[0]:`)
  })
  it('is deterministic: the same scenario gives byte-identical reports', async () => {
    const a = await k8simInProcess(['replay', 'fixtures/scenarios/drain-with-pdb.yaml', '-o', 'json'], {home})
    const b = await k8simInProcess(['replay', 'fixtures/scenarios/drain-with-pdb.yaml', '-o', 'json'], {home})
    expect(a.stdout).toBe(b.stdout)
    expect(JSON.parse(a.stdout).startTime).toBe('2025-01-01T00:00:00Z')
  })
  it('a missing scenario file exits 1', async () => {
    const r = await k8simInProcess(['replay', 'nope.yaml'], {home})
    expect(r.status).toBe(1)
    expect(r.stderr).toBe('error: the path "nope.yaml" does not exist\n')
  })
})
