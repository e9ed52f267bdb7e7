import {describe, expect, it} from 'vitest'
import {eventLines, makeRealCluster} from './harness.js'

function job(name: string, spec: Record<string, any> = {}, annotations: Record<string, string> = {}) {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {name, namespace: 'default'},
    spec: {
      backoffLimit: 6,
      completions: 1,
      parallelism: 1,
      template: {metadata: {annotations}, spec: {restartPolicy: 'Never', containers: [{name: 'pi', image: 'perl:5.34'}]}},
      ...spec,
    },
  }
}

describe('job controller', () => {
  it('runs a pod to completion', () => {
    const c = makeRealCluster()
    c.engine.api.create(job('pi', {}, {'sim.k8sim.io/run-duration': '5s'}))
    const r = c.engine.runUntilSettled({timeoutMs: 300_000})
    expect(r.settled).toBe(true)
    const j = c.store.get('batch/Job/default/pi')!
    expect(j.spec.selector.matchLabels['batch.kubernetes.io/controller-uid']).toBe(j.metadata.uid)
    expect(j.status.succeeded).toBe(1)
    expect(j.status.conditions.map((x: any) => `${x.type}/${x.reason}`)).toEqual(['SuccessCriteriaMet/CompletionsReached', 'Complete/CompletionsReached'])
    expect(j.status.completionTime).toBeDefined()
    const ev = eventLines(c.store, 'job-controller')
    expect(ev[0]).toMatch(/^Job\/pi SuccessfulCreate: Created pod: pi-[a-z0-9]{5}$/)
    expect(ev[1]).toBe('Job/pi Completed: Job completed')
    const pod = c.store.list('/Pod')[0]
    expect(pod.status.phase).toBe('Succeeded')
    expect(pod.metadata.finalizers).toBeUndefined()
  })

  it('fails with BackoffLimitExceeded after backoffLimit failures, backing off 10s, 20s...', () => {
    const c = makeRealCluster()
    c.engine.api.create(job('bad', {backoffLimit: 2}, {'sim.k8sim.io/run-duration': '1s', 'sim.k8sim.io/exit-code': '1'}))
    c.engine.runUntilSettled({timeoutMs: 600_000})
    const j = c.store.get('batch/Job/default/bad')!
    expect(j.status.failed).toBe(3)
    expect(j.status.conditions.map((x: any) => `${x.type}/${x.reason}`)).toEqual(['FailureTarget/BackoffLimitExceeded', 'Failed/BackoffLimitExceeded'])
    const ev = eventLines(c.store, 'job-controller')
    expect(ev.filter((e) => e.includes('SuccessfulCreate'))).toHaveLength(3)
    expect(ev[ev.length - 1]).toBe('Job/bad BackoffLimitExceeded: Job has reached the specified backoff limit')
    const creates = c.store.list('/Event').filter((e) => e.reason === 'SuccessfulCreate').map((e) => Date.parse(e.firstTimestamp))
    expect(creates[2] - creates[1]).toBeGreaterThan(creates[1] - creates[0])
  })

  it('deletes a finished job after ttlSecondsAfterFinished', () => {
    const c = makeRealCluster()
    c.engine.api.create(job('short', {ttlSecondsAfterFinished: 30}, {'sim.k8sim.io/run-duration': '1s'}))
    c.engine.runUntilSettled({timeoutMs: 10_000})
    expect(c.store.get('batch/Job/default/short')).toBeDefined()
    c.engine.advance(60_000)
    expect(c.store.get('batch/Job/default/short')).toBeUndefined()
    expect(c.store.list('/Pod')).toHaveLength(0)
  })

  it('Indexed jobs name pods by index and record completedIndexes', () => {
    const c = makeRealCluster()
    c.engine.api.create(job('idx', {completionMode: 'Indexed', completions: 3, parallelism: 3}, {'sim.k8sim.io/run-duration': '2s'}))
    c.engine.runUntilSettled({timeoutMs: 300_000})
    const j = c.store.get('batch/Job/default/idx')!
    expect(j.status.completedIndexes).toBe('0-2')
    expect(c.store.list('/Pod').map((p) => p.metadata.name).sort().map((n) => n!.slice(0, 6))).toEqual(['idx-0-', 'idx-1-', 'idx-2-'])
  })
})

describe('job controller with restartPolicy OnFailure', () => {
  it('counts container restarts toward backoffLimit', () => {
    const c = makeRealCluster()
    const j = job('crash', {backoffLimit: 2}, {'sim.k8sim.io/run-duration': '1s', 'sim.k8sim.io/exit-code': '1'})
    j.spec.template.spec.restartPolicy = 'OnFailure'
    c.engine.api.create(j)
    c.engine.advance(600_000)
    const st = c.store.get('batch/Job/default/crash')!.status
    expect(st.conditions.map((x: any) => `${x.type}/${x.reason}`)).toEqual(['FailureTarget/BackoffLimitExceeded', 'Failed/BackoffLimitExceeded'])
    expect(c.store.list('/Pod').filter((p) => !p.metadata.deletionTimestamp && p.status.phase === 'Running')).toHaveLength(0)
  })
})

describe('job suspend', () => {
  it('a suspended job deletes its pods and resumes later', () => {
    const c = makeRealCluster()
    c.engine.api.create(job('s', {}, {'sim.k8sim.io/run-duration': '60s'}))
    c.engine.runUntilSettled({timeoutMs: 10_000})
    let j = structuredClone(c.store.get('batch/Job/default/s')!)
    j.spec.suspend = true
    c.engine.api.update(j)
    c.engine.runUntilSettled({timeoutMs: 60_000})
    expect(c.store.list('/Pod').filter((p) => !p.metadata.deletionTimestamp)).toHaveLength(0)
    let cond = c.store.get('batch/Job/default/s')!.status.conditions.find((x: any) => x.type === 'Suspended')
    expect([cond.status, cond.reason, cond.message]).toEqual(['True', 'JobSuspended', 'Job suspended'])
    j = structuredClone(c.store.get('batch/Job/default/s')!)
    j.spec.suspend = false
    c.engine.api.update(j)
    c.engine.runUntilSettled({timeoutMs: 300_000})
    cond = c.store.get('batch/Job/default/s')!.status.conditions.find((x: any) => x.type === 'Suspended')
    expect([cond.status, cond.reason]).toEqual(['False', 'JobResumed'])
    const ev = eventLines(c.store, 'job-controller')
    expect(ev).toContain('Job/s Suspended: Job suspended')
    expect(ev).toContain('Job/s Resumed: Job resumed')
  })
})
