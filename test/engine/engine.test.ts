import {describe, expect, it} from 'vitest'
import {deployment, eventLines, makeRealCluster} from '../controllers/harness.js'

describe('engine with the kubelet', () => {
  it('runs a Deployment to Running pods with kubelet events, and a rolling update', () => {
    const c = makeRealCluster()
    c.engine.api.create(deployment('web', 3, 'nginx:1.27'))
    const r = c.engine.runUntilSettled({timeoutMs: 300_000})
    expect(r.settled).toBe(true)
    const pods = c.store.list('/Pod')
    expect(pods.map((p) => p.status.phase)).toEqual(['Running', 'Running', 'Running'])
    const reasons = new Set(c.store.list('/Event').map((e) => e.reason))
    for (const x of ['Scheduled', 'Pulling', 'Pulled', 'Created', 'Started', 'SuccessfulCreate', 'ScalingReplicaSet']) expect(reasons).toContain(x)
    const oldName = c.store.list('apps/ReplicaSet')[0].metadata.name
    const d = structuredClone(c.store.get('apps/Deployment/default/web')!)
    d.spec.template.spec.containers[0].image = 'nginx:1.28'
    c.engine.api.update(d)
    expect(c.engine.runUntilSettled({timeoutMs: 300_000}).settled).toBe(true)
    const newName = c.store.list('apps/ReplicaSet').find((x) => x.metadata.name !== oldName)!.metadata.name
    expect(eventLines(c.store, 'deployment-controller')).toEqual([
      `Deployment/web ScalingReplicaSet: Scaled up replica set ${oldName} to 3`,
      `Deployment/web ScalingReplicaSet: Scaled up replica set ${newName} to 1`,
      `Deployment/web ScalingReplicaSet: Scaled down replica set ${oldName} to 2 from 3`,
      `Deployment/web ScalingReplicaSet: Scaled up replica set ${newName} to 2 from 1`,
      `Deployment/web ScalingReplicaSet: Scaled down replica set ${oldName} to 1 from 2`,
      `Deployment/web ScalingReplicaSet: Scaled up replica set ${newName} to 3 from 2`,
      `Deployment/web ScalingReplicaSet: Scaled down replica set ${oldName} to 0 from 1`,
    ])
    expect(c.store.list('/Pod').filter((p) => p.status.phase === 'Running')).toHaveLength(3)
    expect(c.store.list('/Pod')).toHaveLength(3)
  })

  it('advance(ms) moves the clock by exactly ms', () => {
    const c = makeRealCluster()
    const t0 = c.clock.now()
    c.engine.advance(30_000)
    expect(c.clock.now()).toBe(t0 + 30_000)
  })
})

describe('livelock guard', () => {
  it('stops a controller that keeps requeueing at one instant, naming it', async () => {
    const {ObjectStore} = await import('../../src/api/store/store.js')
    const {VirtualClock} = await import('../../src/clock/clock.js')
    const {SeededRandom} = await import('../../src/clock/random.js')
    const {ResourceRegistry} = await import('../../src/api/resources.js')
    const {Engine} = await import('../../src/engine/engine.js')
    const {WorkQueue} = await import('../../src/controllers/runtime/workqueue.js')
    let q: InstanceType<typeof WorkQueue>
    const spinner = {
      name: 'spinner',
      start(ctx: any) {
        q = new WorkQueue(ctx.clock, 'spinner', (k) => q.add(k + 'x'.repeat(0)) as any)
        q.add('a')
      },
      hasPendingWork: () => q.hasPendingWork(),
    }
    const e = new Engine({store: new ObjectStore(), clock: new VirtualClock(0), rng: new SeededRandom(1), registry: new ResourceRegistry()},
      {controllers: [spinner], withoutScheduler: true, withoutKubelet: true})
    expect(() => e.runUntilSettled({timeoutMs: 1000})).toThrow('spinner keeps running at one instant (livelock)')
  })
})
