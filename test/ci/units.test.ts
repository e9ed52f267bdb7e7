import {describe, expect, it} from 'vitest'
import {formatJunit, xmlEscape} from '../../src/printers/reports/junit.js'
import {formatGithub} from '../../src/printers/reports/github.js'
import {neverAllowsDisruption} from '../../src/apply/problems/pdb.js'
import {rejectionCode, rejectionProblems} from '../../src/apply/problems/rejections.js'
import {unschedulableCode} from '../../src/apply/problems/pods.js'
import {checkJunitStructure, xsdErrors} from './helpers.js'

describe('report formats', () => {
  it('junit escapes text and drops characters XML forbids', async () => {
    expect(xmlEscape('a<b & "c"\u0007')).toBe('a&lt;b &amp; &quot;c&quot;')
    const xml = formatJunit({suites: [{name: 's<1>', cases: [{name: 'x', classname: 'c', failures: [{message: 'm & n', type: 't'}]}, {name: 'y', classname: 'c', failures: [], skipped: 'later'}]}], annotations: []})
    expect(checkJunitStructure(xml)).toEqual({suites: 1, cases: 2, failures: 1})
    expect(xml).toContain('<failure message="m &amp; n" type="t">m &amp; n</failure>')
    expect(await xsdErrors(xml)).toBeUndefined()
  })
  it('github escapes properties and data', () => {
    expect(formatGithub({suites: [], annotations: [{level: 'warning', file: 'a,b.yaml', line: 3, title: 'x: y', message: '50%\nnext'}]})).toBe('::warning file=a%2Cb.yaml,line=3,title=x%3A y::50%25%0Anext\n')
  })
})

describe('problem classification', () => {
  it('codes rejections by their message', () => {
    expect(rejectionCode('namespaces "monitoring" not found')).toBe('missing-namespace')
    expect(rejectionCode('pods "two" is forbidden: exceeded quota: small, requested: pods=1, used: pods=1, limited: pods=1')).toBe('quota-exceeded')
    expect(rejectionCode('no matches for kind "X" in version "a/v1"; ensure CRDs are installed first')).toBe('unknown-kind')
    expect(rejectionCode('no matches for kind "CronJob" in version "batch/v1beta1" (batch/v1beta1 CronJob was removed in 1.25: use batch/v1)')).toBe('removed-api')
    expect(rejectionProblems(['error: a.yaml:14:7 (document 2, Deployment/web): spec.replicas: Invalid value: -1'])).toEqual([
      {code: 'invalid', severity: 'error', object: 'Deployment/web', file: 'a.yaml', line: 14, message: 'spec.replicas: Invalid value: -1'},
    ])
  })
  it('codes FailedScheduling messages', () => {
    expect(unschedulableCode("0/3 nodes are available: 3 node(s) didn't have free ports for the requested pod ports.")).toBe('hostport')
    expect(unschedulableCode('0/3 nodes are available: persistentvolumeclaim "data" not found.')).toBe('missing-pvc')
    expect(unschedulableCode('0/3 nodes are available: 3 Insufficient cpu.')).toBe('unschedulable')
  })
  it('knows budgets that never allow a disruption', () => {
    expect(neverAllowsDisruption({minAvailable: 2}, 2)).toBe(true)
    expect(neverAllowsDisruption({minAvailable: 1}, 2)).toBe(false)
    expect(neverAllowsDisruption({minAvailable: '100%'}, 3)).toBe(true)
    expect(neverAllowsDisruption({minAvailable: '50%'}, 3)).toBe(false)
    expect(neverAllowsDisruption({maxUnavailable: 0}, 3)).toBe(true)
    expect(neverAllowsDisruption({maxUnavailable: '0%'}, 3)).toBe(true)
    expect(neverAllowsDisruption({maxUnavailable: 1}, 3)).toBe(false)
  })
})
