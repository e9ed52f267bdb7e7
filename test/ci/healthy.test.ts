import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {k8simInProcess} from '../helpers/in-process.js'
import {dirs, schemaErrors, tmpHome} from './helpers.js'

const home = tmpHome()

describe('fixtures/healthy: realistic apps apply cleanly', () => {
  it('has at least 10 bundles', () => expect(dirs('healthy').length).toBeGreaterThanOrEqual(10))
  for (const app of dirs('healthy')) {
    it(app, async () => {
      const r = await k8simInProcess(['apply', '-f', path.join('fixtures/healthy', app), '--dry-run=client', '--wait', '-o', 'json'], {home})
      expect(r.stderr).toBe('')
      expect(r.status).toBe(0)
      const report = JSON.parse(r.stdout)
      expect(await schemaErrors('apply-report', report)).toBeUndefined()
      expect(report.problems).toEqual([])
      expect(report.healthy).toBe(true)
    })
  }
})
