// The scheduler inside the real engine (API server, kubelets, PV controller) on the default cluster.
import {describe, expect, it} from 'vitest'
import {ResourceRegistry} from '../../src/api/resources.js'
import {ObjectStore} from '../../src/api/store/store.js'
import {VirtualClock} from '../../src/clock/clock.js'
import {SeededRandom} from '../../src/clock/random.js'
import {bootstrapCluster} from '../../src/cluster/bootstrap.js'
import {defaultClusterOptions} from '../../src/cluster/options.js'
import {Engine} from '../../src/engine/engine.js'

function cluster() {
  const start = Date.parse('2026-01-01T00:00:00Z')
  const store = new ObjectStore()
  const clock = new VirtualClock(start)
  const rng = new SeededRandom('default')
  bootstrapCluster(store, clock, rng, defaultClusterOptions('default', start))
  const engine = new Engine({store, clock, rng, registry: new ResourceRegistry()})
  return {store, engine}
}

function events(store: ObjectStore, name: string): string[] {
  return store
    .list('/Event')
    .filter((e) => e.involvedObject.name === name && e.source?.component === 'default-scheduler')
    .map((e) => `${e.reason}: ${e.message}`)
}

describe('scheduler in the engine', () => {
  it('schedules an applied pod, which then runs', () => {
    const {store, engine} = cluster()
    engine.api.create({apiVersion: 'v1', kind: 'Pod', metadata: {name: 'web', namespace: 'default'}, spec: {containers: [{name: 'nginx', image: 'nginx:1.27', resources: {requests: {cpu: '100m'}}}]}})
    expect(engine.runUntilSettled({timeoutMs: 300_000}).settled).toBe(true)
    const pod = store.get('/Pod/default/web')!
    expect(pod.status.phase).toBe('Running')
    expect(events(store, 'web')).toEqual([`Scheduled: Successfully assigned default/web to ${pod.spec.nodeName}`])
    const ds = engine.decisions() as any[]
    expect(ds).toHaveLength(1)
    expect(ds[0].nodes.map((n: any) => n.name)).toEqual(['node-1', 'node-2', 'node-3'])
  })

  it('a pod with a WaitForFirstConsumer claim is scheduled, its volume provisioned on that node', () => {
    const {store, engine} = cluster()
    engine.api.create({apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: {name: 'data', namespace: 'default'}, spec: {accessModes: ['ReadWriteOnce'], resources: {requests: {storage: '1Gi'}}}})
    engine.api.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {name: 'db', namespace: 'default'},
      spec: {containers: [{name: 'db', image: 'postgres:16'}], volumes: [{name: 'data', persistentVolumeClaim: {claimName: 'data'}}]},
    })
    engine.runUntilSettled({timeoutMs: 300_000})
    const pod = store.get('/Pod/default/db')!
    expect(pod.spec.nodeName).toMatch(/^node-/)
    expect(store.get('/PersistentVolumeClaim/default/data')!.status.phase).toBe('Bound')
  })

  it('a missing claim keeps the pod Pending with VolumeBinding\'s reason', () => {
    const {store, engine} = cluster()
    engine.api.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {name: 'db', namespace: 'default'},
      spec: {containers: [{name: 'db', image: 'postgres:16'}], volumes: [{name: 'data', persistentVolumeClaim: {claimName: 'nope'}}]},
    })
    expect(engine.runUntilSettled({timeoutMs: 300_000}).settled).toBe(true)
    expect(store.get('/Pod/default/db')!.status.phase).toBe('Pending')
    expect(events(store, 'db')).toEqual([
      'FailedScheduling: 0/3 nodes are available: persistentvolumeclaim "nope" not found. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling..',
    ])
  })

  it('preemption: the victim terminates gracefully, then the preemptor runs on the nominated node', () => {
    const {store, engine} = cluster()
    engine.api.create({apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: {name: 'high'}, value: 1000})
    for (const n of ['node-1', 'node-2', 'node-3']) {
      engine.api.create({apiVersion: 'v1', kind: 'Pod', metadata: {name: `filler-${n}`, namespace: 'default'}, spec: {nodeName: n, containers: [{name: 'c', image: 'busybox', resources: {requests: {cpu: '3'}}}]}})
    }
    engine.runUntilSettled({timeoutMs: 300_000})
    engine.api.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {name: 'important', namespace: 'default'},
      spec: {priorityClassName: 'high', containers: [{name: 'c', image: 'busybox', resources: {requests: {cpu: '2'}}}]},
    })
    engine.runUntilSettled({timeoutMs: 300_000})
    const pod = store.get('/Pod/default/important')!
    expect(pod.spec.nodeName).toBe(pod.status.nominatedNodeName)
    expect(pod.status.phase).toBe('Running')
    const fillers = ['node-1', 'node-2', 'node-3'].filter((n) => store.get(`/Pod/default/filler-${n}`))
    expect(fillers).toHaveLength(2)
    const evs = events(store, 'important')
    expect(evs[0]).toBe('FailedScheduling: 0/3 nodes are available: 3 Insufficient cpu.')
    expect(evs[evs.length - 1]).toBe(`Scheduled: Successfully assigned default/important to ${pod.spec.nodeName}`)
  })
})
