import {describe, expect, it} from 'vitest'
import {ObjectStore} from '../../src/api/store/store.js'
import type {KubeObject} from '../../src/api/types.js'
import {VirtualClock} from '../../src/clock/clock.js'
import {SeededRandom} from '../../src/clock/random.js'
import {StoreEventRecorder} from '../../src/engine/events.js'

function setup() {
  const store = new ObjectStore()
  const clock = new VirtualClock(Date.UTC(2026, 0, 1))
  const rec = new StoreEventRecorder(store, clock, new SeededRandom(1))
  const events = () => store.list('/Event')
  const advance = (ms: number) => {
    const until = clock.now() + ms
    for (;;) {
      const t = clock.peek()
      if (!t || t.due > until) break
      clock.runNext(until)
    }
    clock.advanceTo(until)
  }
  return {store, clock, rec, events, advance}
}

const pod = (name: string, uid = `uid-${name}`): KubeObject => ({apiVersion: 'v1', kind: 'Pod', metadata: {name, namespace: 'default', uid}})
const kubelet = {component: 'kubelet', host: 'node-1'}

describe('StoreEventRecorder', () => {
  it('bumps count and lastTimestamp of an identical event, per source and object', () => {
    const {rec, events, advance} = setup()
    rec.event(pod('a'), 'Normal', 'Pulled', 'present', kubelet, 'spec.containers{app}')
    advance(5000)
    rec.event(pod('a'), 'Normal', 'Pulled', 'present', kubelet, 'spec.containers{app}')
    rec.event(pod('a'), 'Normal', 'Pulled', 'present', {component: 'kubelet', host: 'node-2'}, 'spec.containers{app}')
    rec.event(pod('b'), 'Normal', 'Pulled', 'present', kubelet, 'spec.containers{app}')
    rec.event(pod('a'), 'Normal', 'Pulled', 'present', kubelet) // another fieldPath
    const evs = events()
    expect(evs.map((e) => [e.involvedObject.name, e.source.host, e.count])).toEqual([
      ['a', 'node-1', 2], ['a', 'node-2', 1], ['b', 'node-1', 1], ['a', 'node-1', 1],
    ])
    expect(evs[0].firstTimestamp).toBe('2026-01-01T00:00:00Z')
    expect(evs[0].lastTimestamp).toBe('2026-01-01T00:00:05Z')
  })

  it('lets 25 events of one source and object through, then one more per 5 minutes', () => {
    const {rec, events, advance} = setup()
    for (let i = 0; i < 30; i++) rec.event(pod('a'), 'Normal', 'R', `m${i % 5}`, kubelet)
    rec.event(pod('b'), 'Normal', 'R', 'other object', kubelet)
    const count = () => events().reduce((n, e) => n + (e.involvedObject.name === 'a' ? e.count : 0), 0)
    expect(count()).toBe(25)
    expect(events().filter((e) => e.involvedObject.name === 'b')).toHaveLength(1)
    advance(300_000)
    rec.event(pod('a'), 'Normal', 'R', 'm0', kubelet)
    rec.event(pod('a'), 'Normal', 'R', 'm0', kubelet)
    expect(count()).toBe(26)
  })

  it('combines the 10th distinct message of a source, object, type and reason within 10 minutes', () => {
    const {rec, events} = setup()
    for (let i = 0; i < 12; i++) rec.event(pod('a'), 'Warning', 'FailedCreate', `error ${i}`, {component: 'replicaset-controller'})
    const evs = events()
    expect(evs).toHaveLength(10)
    const combined = evs.filter((e) => e.message.startsWith('(combined from similar events): '))
    expect(combined).toHaveLength(1)
    expect(combined[0].message).toBe('(combined from similar events): error 11')
    expect(combined[0].count).toBe(3)
  })

  it('deletes an event an hour after its last write, and forgets it', () => {
    const {rec, events, advance} = setup()
    rec.event(pod('a'), 'Normal', 'Started', 'started', kubelet)
    rec.event(pod('b'), 'Normal', 'Started', 'started', kubelet)
    advance(1_800_000)
    rec.event(pod('a'), 'Normal', 'Started', 'started', kubelet) // rewritten: its hour starts again
    advance(1_800_000)
    expect(events().map((e) => e.involvedObject.name)).toEqual(['a'])
    advance(1_800_000)
    expect(events()).toHaveLength(0)
    rec.event(pod('a'), 'Normal', 'Started', 'started', kubelet)
    expect(events().map((e) => e.count)).toEqual([1])
  })

  it('skips names taken by Events it did not write (loaded, or created by others), also after they come', () => {
    const {store, clock, rec, events} = setup()
    const nano = (n: number) => (BigInt(clock.now()) * 1_000_000n + BigInt(n)).toString(16)
    store.create({apiVersion: 'v1', kind: 'Event', metadata: {name: `a.${nano(0)}`, namespace: 'default'}, message: 'loaded'})
    rec.event(pod('a'), 'Normal', 'Created', 'one', kubelet)
    // created after the recorder's first event, at the name it would use next
    store.create({apiVersion: 'v1', kind: 'Event', metadata: {name: `a.${nano(2)}`, namespace: 'default'}, message: 'applied'})
    rec.event(pod('a'), 'Normal', 'Created', 'two', kubelet)
    store.delete(`/Event/default/a.${nano(0)}`)
    rec.event(pod('a'), 'Normal', 'Created', 'three', kubelet)
    expect(events().map((e) => [e.metadata.name, e.message])).toEqual([
      [`a.${nano(1)}`, 'one'], [`a.${nano(2)}`, 'applied'], [`a.${nano(3)}`, 'two'], [`a.${nano(4)}`, 'three'],
    ])
  })

  it('after restore, an identical event bumps the stored one', () => {
    const {store, clock, rec, events, advance} = setup()
    rec.event(pod('a'), 'Normal', 'Created', 'created', kubelet, 'spec.containers{app}')
    advance(1000)
    const again = new StoreEventRecorder(store, clock, new SeededRandom(2))
    again.restore()
    again.event(pod('a'), 'Normal', 'Created', 'created', kubelet, 'spec.containers{app}')
    again.event(pod('a'), 'Normal', 'Created', 'created again', kubelet, 'spec.containers{app}')
    expect(events().map((e) => [e.message, e.count])).toEqual([['created', 2], ['created again', 1]])
    void rec
  })
})
