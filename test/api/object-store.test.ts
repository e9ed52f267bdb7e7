import {describe, expect, it} from 'vitest'
import {ObjectStore} from '../../src/api/store/store.js'
import type {KubeObject} from '../../src/api/types.js'
import {InformerHub} from '../../src/controllers/runtime/informer.js'

const obj = (apiVersion: string, kind: string, name: string, namespace?: string, owner?: string): KubeObject => ({
  apiVersion, kind, metadata: {name, namespace, ...(owner ? {ownerReferences: [{apiVersion: 'v1', kind: 'X', name: 'o', uid: owner}]} : {})},
})

describe('ObjectStore', () => {
  it('finds, lists, updates and deletes Events as other objects (Events are kept apart)', () => {
    const s = new ObjectStore()
    s.create(obj('v1', 'Pod', 'p', 'default'))
    s.create(obj('v1', 'Event', 'p.1', 'default'))
    s.create(obj('events.k8s.io/v1', 'Event', 'p.2', 'default'))
    s.create(obj('v1', 'Event', 'p.3', 'default'))
    expect(s.size()).toBe(4)
    expect(s.get('/Event/default/p.1')?.metadata.name).toBe('p.1')
    expect(s.get('events.k8s.io/Event/default/p.2')?.metadata.name).toBe('p.2')
    expect(s.get('/Pod/default/p')?.kind).toBe('Pod')
    expect(s.get('/Event/default/nope')).toBeUndefined()
    expect(s.list('/Event').map((e) => e.metadata.name)).toEqual(['p.1', 'p.3'])
    expect(() => s.create(obj('v1', 'Event', 'p.1', 'default'))).toThrow(/already exists/)
    s.update({...obj('v1', 'Event', 'p.1', 'default'), count: 2})
    expect(s.get('/Event/default/p.1')?.count).toBe(2)
    expect(s.list('/Event').map((e) => e.metadata.name)).toEqual(['p.1', 'p.3'])
    s.delete('/Event/default/p.1')
    expect(s.get('/Event/default/p.1')).toBeUndefined()
    expect(s.list('/Event').map((e) => e.metadata.name)).toEqual(['p.3'])
    expect(s.size()).toBe(3)
    const changes = s.takeChanges()
    expect(changes.deletes).toEqual(['/Event/default/p.1'])
    expect(changes.upserts.map((o) => o.metadata.name).sort()).toEqual(['p', 'p.2', 'p.3'])
  })
})

describe('InformerHub indexes', () => {
  it('lists a kind by namespace in creation order, also when first asked after the objects came', () => {
    const s = new ObjectStore()
    const hub = new InformerHub(s)
    s.create(obj('v1', 'Service', 'a', 'ns1'))
    s.create(obj('v1', 'Service', 'b', 'ns2'))
    s.create(obj('v1', 'Service', 'c', 'ns1'))
    expect(hub.inNamespace('/Service', 'ns1').map((o) => o.metadata.name)).toEqual(['a', 'c'])
    s.create(obj('v1', 'Service', 'd', 'ns1'))
    s.update({...obj('v1', 'Service', 'a', 'ns1'), spec: {}})
    s.delete('/Service/ns1/c')
    s.create(obj('v1', 'Service', 'c', 'ns1'))
    expect(hub.inNamespace('/Service', 'ns1').map((o) => o.metadata.name)).toEqual(['a', 'd', 'c'])
    expect(hub.inNamespace('/Service', 'ns2').map((o) => o.metadata.name)).toEqual(['b'])
    expect(hub.inNamespace('/Service', 'ns3')).toEqual([])
  })

  it('keeps dependents by owner across updates, owner changes and deletes', () => {
    const s = new ObjectStore()
    const hub = new InformerHub(s)
    s.create(obj('v1', 'Pod', 'p1', 'default', 'u1'))
    s.create(obj('v1', 'Pod', 'p2', 'default', 'u1'))
    s.update({...obj('v1', 'Pod', 'p1', 'default', 'u1'), status: {phase: 'Running'}})
    expect(hub.dependents('u1').map((o) => o.metadata.name)).toEqual(['p1', 'p2'])
    s.update(obj('v1', 'Pod', 'p2', 'default', 'u2'))
    expect(hub.dependents('u1').map((o) => o.metadata.name)).toEqual(['p1'])
    expect(hub.dependents('u2').map((o) => o.metadata.name)).toEqual(['p2'])
    s.update(obj('v1', 'Pod', 'p1', 'default'))
    expect(hub.dependents('u1')).toEqual([])
    s.delete('/Pod/default/p2')
    expect(hub.dependents('u2')).toEqual([])
  })

  it('indexes objects loaded before the hub', () => {
    const s = new ObjectStore()
    s.load([obj('v1', 'Pod', 'p1', 'default', 'u1'), obj('v1', 'Service', 'a', 'ns1')])
    const hub = new InformerHub(s)
    expect(hub.dependents('u1').map((o) => o.metadata.name)).toEqual(['p1'])
    expect(hub.inNamespace('/Service', 'ns1').map((o) => o.metadata.name)).toEqual(['a'])
  })
})
