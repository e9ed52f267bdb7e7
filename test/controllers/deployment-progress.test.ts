import {describe, expect, it} from 'vitest'
import {deployment, eventLines, makeRealCluster} from './harness.js'

describe('deployment progress', () => {
  it('reports ProgressDeadlineExceeded when the new pods never become available', () => {
    const c = makeRealCluster()
    const d = deployment('web', 2, 'nginx:nope', {progressDeadlineSeconds: 60})
    d.spec.template.metadata.annotations = {'sim.k8sim.io/image-pull': 'fail'}
    c.engine.api.create(d)
    c.engine.runUntilSettled({timeoutMs: 300_000})
    c.engine.advance(120_000)
    const conds = c.store.get('apps/Deployment/default/web')!.status.conditions
    const p = conds.find((x: any) => x.type === 'Progressing')
    expect([p.status, p.reason]).toEqual(['False', 'ProgressDeadlineExceeded'])
    expect(p.message).toMatch(/^ReplicaSet "web-[4-9bcdf]+" has timed out progressing\.$/)
    const a = conds.find((x: any) => x.type === 'Available')
    expect([a.status, a.reason, a.message]).toEqual(['False', 'MinimumReplicasUnavailable', 'Deployment does not have minimum availability.'])
  })

  it('counts pods available only after minReadySeconds', () => {
    const c = makeRealCluster()
    c.engine.api.create(deployment('web', 2, 'nginx:1.27', {minReadySeconds: 30}))
    const r = c.engine.runUntilSettled({timeoutMs: 300_000})
    expect(r.settled).toBe(true)
    const st = c.store.get('apps/Deployment/default/web')!.status
    expect(st.availableReplicas).toBe(2)
    expect(r.elapsedMs).toBeGreaterThanOrEqual(30_000)
  })

  it('two runs from the same seed give identical objects and events', () => {
    const run = () => {
      const c = makeRealCluster()
      c.engine.api.create(deployment('web', 4, 'nginx:1.27'))
      c.engine.runUntilSettled({timeoutMs: 300_000})
      const d = structuredClone(c.store.get('apps/Deployment/default/web')!)
      d.spec.template.spec.containers[0].image = 'nginx:1.28'
      c.engine.api.update(d)
      c.engine.runUntilSettled({timeoutMs: 300_000})
      return JSON.stringify([c.store.list('/Pod'), c.store.list('/Event'), c.clock.now()])
    }
    expect(run()).toBe(run())
  })
})

describe('proportional scaling', () => {
  it('spreads a scale-up across the ReplicaSets of a stuck rollout in proportion', () => {
    const c = makeRealCluster({nodes: 5})
    c.engine.api.create(deployment('web', 10, 'nginx:1.27'))
    c.engine.runUntilSettled({timeoutMs: 300_000})
    const [oldRS] = c.store.list('apps/ReplicaSet').map((r) => r.metadata.name!)
    let d = structuredClone(c.store.get('apps/Deployment/default/web')!)
    d.spec.template.spec.containers[0].image = 'nginx:bad'
    d.spec.template.metadata.annotations = {'sim.k8sim.io/image-pull': 'fail'}
    c.engine.api.update(d)
    c.engine.runUntilSettled({timeoutMs: 60_000})
    const newRS = c.store.list('apps/ReplicaSet').map((r) => r.metadata.name!).find((n) => n !== oldRS)!
    const size = (n: string) => c.store.get(`apps/ReplicaSet/default/${n}`)!.spec.replicas
    // 13 = 10 + maxSurge 3; the old set may only drop to minAvailable 8 while the new pods are unavailable
    expect([size(oldRS), size(newRS)]).toEqual([8, 5])
    d = structuredClone(c.store.get('apps/Deployment/default/web')!)
    d.spec.replicas = 20
    c.engine.api.update(d)
    c.engine.runUntilSettled({timeoutMs: 60_000})
    // 25 = 20 + maxSurge 5: old 8 → round(8*25/13) = 15, new 5 → round(5*25/13) = 10
    expect([size(oldRS), size(newRS)]).toEqual([15, 10])
    expect(eventLines(c.store, 'deployment-controller').slice(-2)).toEqual([
      `Deployment/web ScalingReplicaSet: Scaled up replica set ${oldRS} to 15 from 8`,
      `Deployment/web ScalingReplicaSet: Scaled up replica set ${newRS} to 10 from 5`,
    ])
  })
})
