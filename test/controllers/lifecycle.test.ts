import {describe, expect, it} from 'vitest'
import {deployment, eventLines, makeCluster} from './harness.js'

describe('garbage collector', () => {
  it('background delete of a Deployment removes its ReplicaSet and pods', () => {
    const c = makeCluster()
    c.engine.api.create(deployment('web', 3, 'nginx:1.27'))
    c.engine.runUntilSettled({timeoutMs: 300_000})
    c.engine.api.delete('apps/Deployment/default/web')
    expect(c.store.get('apps/Deployment/default/web')).toBeUndefined()
    const r = c.engine.runUntilSettled({timeoutMs: 300_000})
    expect(r.settled).toBe(true)
    expect(c.store.list('apps/ReplicaSet')).toHaveLength(0)
    expect(c.store.list('/Pod')).toHaveLength(0)
  })

  it('foreground delete keeps the owner until dependents are gone', () => {
    const c = makeCluster()
    c.engine.api.create(deployment('web', 2, 'nginx:1.27'))
    c.engine.runUntilSettled({timeoutMs: 300_000})
    const d = c.engine.api.delete('apps/Deployment/default/web', {propagationPolicy: 'Foreground'})!
    expect(d.metadata.finalizers).toEqual(['foregroundDeletion'])
    expect(d.metadata.deletionTimestamp).toBe('2026-01-01T00:00:02Z')
    c.engine.runUntilSettled({timeoutMs: 300_000})
    expect(c.store.get('apps/Deployment/default/web')).toBeUndefined()
    expect(c.store.list('apps/ReplicaSet')).toHaveLength(0)
    expect(c.store.list('/Pod')).toHaveLength(0)
  })

  it('orphan delete leaves the ReplicaSet without its owner reference', () => {
    const c = makeCluster()
    c.engine.api.create(deployment('web', 2, 'nginx:1.27'))
    c.engine.runUntilSettled({timeoutMs: 300_000})
    c.engine.api.delete('apps/Deployment/default/web', {propagationPolicy: 'Orphan'})
    c.engine.runUntilSettled({timeoutMs: 300_000})
    expect(c.store.get('apps/Deployment/default/web')).toBeUndefined()
    const rs = c.store.list('apps/ReplicaSet')
    expect(rs).toHaveLength(1)
    expect(rs[0].metadata.ownerReferences).toBeUndefined()
    expect(c.store.list('/Pod')).toHaveLength(2)
  })
})

describe('namespaces and service accounts', () => {
  it('creates the default ServiceAccount and kube-root-ca.crt in a new namespace', () => {
    const c = makeCluster()
    c.engine.api.create({apiVersion: 'v1', kind: 'Namespace', metadata: {name: 'shop'}})
    c.engine.runUntilSettled({timeoutMs: 1000})
    expect(c.store.get('/ServiceAccount/shop/default')).toBeDefined()
    expect(c.store.get('/ConfigMap/shop/kube-root-ca.crt')?.data['ca.crt']).toContain('BEGIN CERTIFICATE')
  })

  it('deleting a namespace deletes its content, then the namespace', () => {
    const c = makeCluster()
    c.engine.api.create({apiVersion: 'v1', kind: 'Namespace', metadata: {name: 'shop'}, status: {phase: 'Active'}})
    c.engine.api.create({...deployment('web', 2, 'nginx:1.27'), metadata: {name: 'web', namespace: 'shop'}})
    c.engine.runUntilSettled({timeoutMs: 300_000})
    const ns = c.engine.api.delete('/Namespace//shop')!
    expect(ns.status.phase).toBe('Terminating')
    c.engine.runUntilSettled({timeoutMs: 300_000})
    expect(c.store.get('/Namespace//shop')).toBeUndefined()
    expect(c.store.list('/Pod', 'shop')).toHaveLength(0)
  })

  it('refuses to delete the default namespace', () => {
    const c = makeCluster()
    expect(() => c.engine.api.delete('/Namespace//default')).toThrow('namespaces "default" is forbidden: this namespace may not be deleted')
  })
})

describe('endpoints', () => {
  it('lists ready pod IPs with named target ports, and a slice per service', () => {
    const c = makeCluster()
    const dep = deployment('web', 2, 'nginx:1.27')
    dep.spec.template.spec.containers[0].ports = [{name: 'http', containerPort: 8080}]
    c.engine.api.create(dep)
    c.engine.api.create({apiVersion: 'v1', kind: 'Service', metadata: {name: 'web', namespace: 'default'},
      spec: {selector: {app: 'web'}, ports: [{port: 80, targetPort: 'http', protocol: 'TCP'}]}})
    c.engine.runUntilSettled({timeoutMs: 300_000})
    const ep = c.store.get('/Endpoints/default/web')!
    expect(ep.subsets).toHaveLength(1)
    expect(ep.subsets[0].addresses).toHaveLength(2)
    expect(ep.subsets[0].ports).toEqual([{port: 8080, protocol: 'TCP'}])
    const slices = c.store.list('discovery.k8s.io/EndpointSlice')
    expect(slices).toHaveLength(1)
    expect(slices[0].metadata.name).toMatch(/^web-[a-z0-9]{5}$/)
    expect(slices[0].endpoints).toHaveLength(2)
    expect(slices[0].ports).toEqual([{name: '', port: 8080, protocol: 'TCP'}])
    expect(slices[0].metadata.labels['kubernetes.io/service-name']).toBe('web')
  })
})

describe('events', () => {
  it('aggregates identical events into one with a count', () => {
    const c = makeCluster()
    const pod = {apiVersion: 'v1', kind: 'Pod', metadata: {name: 'p', namespace: 'default', uid: 'u1'}}
    c.engine.events.event(pod, 'Warning', 'BackOff', 'Back-off', {component: 'kubelet', host: 'node-1'})
    c.clock.advanceTo(c.clock.now() + 10_000)
    c.engine.events.event(pod, 'Warning', 'BackOff', 'Back-off', {component: 'kubelet', host: 'node-1'})
    const evs = c.store.list('/Event')
    expect(evs).toHaveLength(1)
    expect(evs[0]).toMatchObject({count: 2, firstTimestamp: '2026-01-01T00:00:00Z', lastTimestamp: '2026-01-01T00:00:10Z',
      source: {component: 'kubelet', host: 'node-1'}, reportingComponent: 'kubelet', reportingInstance: 'node-1'})
    expect(evs[0].metadata.name).toBe(`p.${(BigInt(Date.parse('2026-01-01T00:00:00Z')) * 1000000n).toString(16)}`)
  })

  it('combines 10 similar events with different messages', () => {
    const c = makeCluster()
    const pod = {apiVersion: 'v1', kind: 'Pod', metadata: {name: 'p', namespace: 'default', uid: 'u1'}}
    for (let i = 0; i < 12; i++) c.engine.events.event(pod, 'Warning', 'Failed', `m${i}`, {component: 'kubelet'})
    const msgs = eventLines(c.store)
    expect(msgs).toHaveLength(10)
    expect(msgs[9]).toBe('Pod/p Failed: (combined from similar events): m11')
    expect(c.store.list('/Event')[9].count).toBe(3)
  })
})

describe('adoption', () => {
  it('a re-created Deployment adopts the ReplicaSet an orphan delete left behind', () => {
    const c = makeCluster()
    c.engine.api.create(deployment('web', 2, 'nginx:1.27'))
    c.engine.runUntilSettled({timeoutMs: 300_000})
    const podNames = c.store.list('/Pod').map((p) => p.metadata.name).sort()
    c.engine.api.delete('apps/Deployment/default/web', {propagationPolicy: 'Orphan'})
    c.engine.runUntilSettled({timeoutMs: 300_000})
    const d = c.engine.api.create(deployment('web', 2, 'nginx:1.27'))
    c.engine.runUntilSettled({timeoutMs: 300_000})
    const rs = c.store.list('apps/ReplicaSet')
    expect(rs).toHaveLength(1)
    expect(rs[0].metadata.ownerReferences?.[0].uid).toBe(d.metadata.uid)
    expect(c.store.list('/Pod').map((p) => p.metadata.name).sort()).toEqual(podNames)
  })

  it('a ReplicaSet releases a pod whose labels no longer match, and replaces it', () => {
    const c = makeCluster()
    c.engine.api.create(deployment('web', 2, 'nginx:1.27'))
    c.engine.runUntilSettled({timeoutMs: 300_000})
    const p = structuredClone(c.store.list('/Pod')[0])
    p.metadata.labels = {app: 'debug'}
    c.engine.api.update(p)
    c.engine.runUntilSettled({timeoutMs: 300_000})
    expect(c.store.get(`/Pod/default/${p.metadata.name}`)!.metadata.ownerReferences).toBeUndefined()
    expect(c.store.list('/Pod')).toHaveLength(3)
  })
})

describe('event recorder limits', () => {
  it('drops events beyond the spam filter burst of 25 per source and object', () => {
    const c = makeCluster()
    const pod = {apiVersion: 'v1', kind: 'Pod', metadata: {name: 'p', namespace: 'default', uid: 'u1'}}
    for (let i = 0; i < 30; i++) c.engine.events.event(pod, 'Normal', `R${i}`, 'x', {component: 'kubelet', host: 'node-1'})
    expect(c.store.list('/Event')).toHaveLength(25)
  })

  it('deletes events an hour after their last write (the API server event TTL)', () => {
    const c = makeCluster()
    const pod = {apiVersion: 'v1', kind: 'Pod', metadata: {name: 'p', namespace: 'default', uid: 'u1'}}
    c.engine.events.event(pod, 'Normal', 'Pulled', 'x', {component: 'kubelet'})
    c.engine.advance(1_800_000)
    c.engine.events.event(pod, 'Normal', 'Pulled', 'x', {component: 'kubelet'})
    c.engine.advance(1_800_000)
    expect(c.store.list('/Event')).toHaveLength(1)
    c.engine.advance(1_800_000)
    expect(c.store.list('/Event')).toHaveLength(0)
  })
})

describe('endpoint slices at scale', () => {
  it('splits 150 endpoints into slices of at most 100, and keeps endpoints in place on scale-down', () => {
    const c = makeCluster({nodes: 10})
    c.engine.api.create(deployment('web', 150, 'nginx:1.27'))
    c.engine.api.create({apiVersion: 'v1', kind: 'Service', metadata: {name: 'web', namespace: 'default'},
      spec: {selector: {app: 'web'}, ports: [{port: 80, protocol: 'TCP'}]}})
    c.engine.runUntilSettled({timeoutMs: 300_000})
    const sizes = () => c.store.list('discovery.k8s.io/EndpointSlice').map((s) => (s.endpoints ?? []).length).sort((a, b) => b - a)
    expect(sizes()).toEqual([100, 50])
    expect(c.store.get('/Endpoints/default/web')!.subsets[0].addresses).toHaveLength(150)
    const d = structuredClone(c.store.get('apps/Deployment/default/web')!)
    d.spec.replicas = 40
    c.engine.api.update(d)
    c.engine.runUntilSettled({timeoutMs: 300_000})
    expect(sizes().reduce((a, b) => a + b, 0)).toBe(40)
    expect(c.store.get('/Endpoints/default/web')!.subsets[0].addresses).toHaveLength(40)
  })
})
