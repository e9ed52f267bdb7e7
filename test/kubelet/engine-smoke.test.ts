// The kubelet, admission and the PV controller inside the real engine and a bootstrapped default cluster.
import {describe, expect, it} from 'vitest'
import {ResourceRegistry} from '../../src/api/resources.js'
import {ObjectStore} from '../../src/api/store/store.js'
import {VirtualClock} from '../../src/clock/clock.js'
import {SeededRandom} from '../../src/clock/random.js'
import {bootstrapCluster} from '../../src/cluster/bootstrap.js'
import {defaultClusterOptions} from '../../src/cluster/options.js'
import {Engine} from '../../src/engine/engine.js'

describe('engine smoke (kubelet + admission)', () => {
  it('a StatefulSet-style claim on the default class is provisioned once the node is chosen', () => {
    const start = Date.parse('2026-01-01T00:00:00Z')
    const store = new ObjectStore()
    const clock = new VirtualClock(start)
    const rng = new SeededRandom('default')
    bootstrapCluster(store, clock, rng, defaultClusterOptions('default', start))
    const engine = new Engine({store, clock, rng, registry: new ResourceRegistry()}, {withoutScheduler: true})
    engine.api.create({apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: {name: 'data', namespace: 'default'}, spec: {accessModes: ['ReadWriteOnce'], resources: {requests: {storage: '1Gi'}}}})
    engine.runUntilSettled({timeoutMs: 60_000})
    const pvc = store.get('/PersistentVolumeClaim/default/data')!
    expect(pvc.spec.storageClassName).toBe('standard')
    expect(pvc.status.phase).toBe('Pending')
    const c = structuredClone(pvc)
    c.metadata.annotations = {'volume.kubernetes.io/selected-node': 'node-1'}
    engine.api.update(c)
    engine.runUntilSettled({timeoutMs: 60_000})
    expect(store.get('/PersistentVolumeClaim/default/data')!.status.phase).toBe('Bound')
  })

  it('a pod bound by nodeName runs with kubelet events, tolerations and the token volume', () => {
    const start = Date.parse('2026-01-01T00:00:00Z')
    const store = new ObjectStore()
    const clock = new VirtualClock(start)
    const rng = new SeededRandom('default')
    bootstrapCluster(store, clock, rng, defaultClusterOptions('default', start))
    const engine = new Engine({store, clock, rng, registry: new ResourceRegistry()}, {withoutScheduler: true})
    engine.api.create({apiVersion: 'v1', kind: 'Pod', metadata: {name: 'web', namespace: 'default'}, spec: {nodeName: 'node-2', containers: [{name: 'nginx', image: 'nginx:1.27'}]}})
    const r = engine.runUntilSettled({timeoutMs: 300_000})
    expect(r.settled).toBe(true)
    const pod = store.get('/Pod/default/web')!
    expect(pod.status.phase).toBe('Running')
    expect(pod.status.podIP).toMatch(/^10\.244\./)
    expect(pod.spec.tolerations).toHaveLength(2)
    expect(pod.status.conditions.map((c: any) => `${c.type}=${c.status}`)).toEqual([
      'PodReadyToStartContainers=True', 'Initialized=True', 'Ready=True', 'ContainersReady=True', 'PodScheduled=True',
    ])
    expect(pod.spec.volumes[0].name).toMatch(/^kube-api-access-/)
    const evs = store.list('/Event').filter((e) => e.involvedObject.name === 'web').map((e) => `${e.reason}: ${e.message} (${e.source.component}/${e.source.host})`)
    expect(evs[0]).toBe('Pulling: Pulling image "nginx:1.27" (kubelet/node-2)')
    expect(evs.slice(2)).toEqual(['Created: Created container nginx (kubelet/node-2)', 'Started: Started container nginx (kubelet/node-2)'])
    expect(r.elapsedMs).toBeLessThan(10_000)
    // graceful delete through the API server: Terminating, Killing, then gone
    engine.api.delete('/Pod/default/web')
    expect(store.get('/Pod/default/web')!.metadata.deletionTimestamp).toBeDefined()
    engine.runUntilSettled({timeoutMs: 300_000})
    expect(store.get('/Pod/default/web')).toBeUndefined()
    expect(store.list('/Event').filter((e) => e.reason === 'Killing').map((e) => e.message)).toEqual(['Stopping container nginx'])
  })
})
