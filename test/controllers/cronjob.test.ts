import {describe, expect, it} from 'vitest'
import {eventLines, makeRealCluster} from './harness.js'
import {formatRFC3339In, mostRecentScheduleTime, parseSchedule} from '../../src/controllers/cronjob/schedule.js'

function cronjob(extra: Record<string, any> = {}) {
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: {name: 'hello', namespace: 'default'},
    spec: {
      schedule: '*/10 * * * *',
      concurrencyPolicy: 'Allow',
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 1,
      jobTemplate: {spec: {backoffLimit: 6, template: {metadata: {annotations: {'sim.k8sim.io/run-duration': '5s'}}, spec: {restartPolicy: 'OnFailure', containers: [{name: 'hello', image: 'busybox:1.36'}]}}}},
      ...extra,
    },
  }
}

describe('cronjob controller', () => {
  it('creates a job per schedule over an hour and keeps 3 successful ones', () => {
    const c = makeRealCluster()
    c.engine.api.create(cronjob())
    expect(c.engine.runUntilSettled({timeoutMs: 300_000}).settled).toBe(true)
    c.engine.advance(3_601_000)
    const ev = eventLines(c.store, 'cronjob-controller')
    const created = ev.filter((e) => e.includes('SuccessfulCreate'))
    expect(created).toHaveLength(6)
    const first = Date.parse('2026-01-01T00:10:00Z') / 60000
    expect(created[0]).toBe(`CronJob/hello SuccessfulCreate: Created job hello-${first}`)
    expect(ev).toContain(`CronJob/hello SawCompletedJob: Saw completed job: hello-${first}, condition: Complete`)
    expect(ev).toContain(`CronJob/hello SuccessfulDelete: Deleted job hello-${first}`)
    // three finished jobs kept, plus the one started at 01:00
    expect(c.store.list('batch/Job')).toHaveLength(4)
    const cj = c.store.get('batch/CronJob/default/hello')!
    expect(cj.status.lastScheduleTime).toBe('2026-01-01T01:00:00Z')
    const job = c.store.get(`batch/Job/default/hello-${first + 50}`)!
    expect(job.metadata.annotations['batch.kubernetes.io/cronjob-scheduled-timestamp']).toBe('2026-01-01T01:00:00Z')
  })

  it('Forbid skips a run while one is active', () => {
    const c = makeRealCluster()
    const cj = cronjob({concurrencyPolicy: 'Forbid', schedule: '* * * * *'})
    cj.spec.jobTemplate.spec.template.metadata.annotations['sim.k8sim.io/run-duration'] = '90s'
    c.engine.api.create(cj)
    c.engine.advance(150_000)
    expect(eventLines(c.store, 'cronjob-controller')).toContain('CronJob/hello JobAlreadyActive: Not starting job because prior execution is running and concurrency policy is Forbid')
  })

  it('schedule helpers', () => {
    const s = parseSchedule('0 9 * * *', 'Asia/Tokyo')
    const t = s.next(Date.parse('2026-01-01T00:00:00Z'))
    expect(new Date(t).toISOString()).toBe('2026-01-02T00:00:00.000Z')
    expect(formatRFC3339In(Date.parse('2026-01-01T00:00:00Z'), 'Asia/Tokyo')).toBe('2026-01-01T09:00:00+09:00')
    const every = parseSchedule('*/5 * * * *')
    expect(mostRecentScheduleTime(every, Date.parse('2026-01-01T00:00:00Z'), Date.parse('2026-01-01T00:12:00Z'))).toEqual({time: Date.parse('2026-01-01T00:10:00Z'), missed: 2})
  })
})
