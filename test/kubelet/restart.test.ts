// A new process (the next command) rebuilds the kubelet's work from the stored statuses.
import {describe, expect, it} from 'vitest'
import {ResourceRegistry} from '../../src/api/resources.js'
import {ObjectStore} from '../../src/api/store/store.js'
import {VirtualClock} from '../../src/clock/clock.js'
import {SeededRandom} from '../../src/clock/random.js'
import {createKubelet} from '../../src/kubelet/index.js'
import {makeCluster, podStatusColumn, T0} from './harness.js'

function reload(h: ReturnType<typeof makeCluster>) {
  const store = new ObjectStore(h.store.resourceVersion())
  store.load(h.store.list('/Node').concat(h.store.list('/Pod')).map((o) => structuredClone(o)))
  const clock = new VirtualClock(h.clock.now())
  const events: string[] = []
  const k = createKubelet()
  k.start({store, clock, rng: new SeededRandom(2), registry: new ResourceRegistry(),
    events: {event: (_o: any, type: string, reason: string, message: string) => events.push(`${(clock.now() - T0) / 1000} ${type} ${reason} ${message}`)}})
  const run = (s: number) => {
    const until = clock.now() + s * 1000
    while (clock.runNext(until)) {}
    clock.advanceTo(until)
  }
  return {store, clock, events, run, kubelet: k}
}

describe('kubelet across commands', () => {
  it('a Running pod stays as it is, with no new events', () => {
    const h = makeCluster()
    h.pod('web')
    h.run(5)
    const r = reload(h)
    r.run(60)
    expect(r.events).toEqual([])
    expect(r.store.get('/Pod/default/web')).toEqual(h.get('web'))
  })

  it('a pod in CrashLoopBackOff restarts when its back-off ends', () => {
    const h = makeCluster()
    h.pod('web-x', {containers: [{name: 'app', image: 'nginx:1.27', imagePullPolicy: 'IfNotPresent'}]}, {'sim.k8sim.io/crash-after': '3s'})
    h.run(9) // second crash at 8 → back-off 10s until 18
    expect(podStatusColumn(h.get('web-x')!)).toBe('CrashLoopBackOff')
    const r = reload(h)
    r.run(8)
    expect(r.events).toEqual([])
    r.run(1)
    expect(r.events).toEqual(['18 Normal Pulled Container image "nginx:1.27" already present on machine', '18 Normal Created Created container app', '18 Normal Started Started container app'])
    expect(r.store.get('/Pod/default/web-x')!.status.containerStatuses[0].restartCount).toBe(2)
  })

  it('a Job pod finishes at startedAt + run-duration after a reload', () => {
    const h = makeCluster()
    h.pod('job-1', {restartPolicy: 'Never'}, {'sim.k8sim.io/run-duration': '30s'})
    h.run(10)
    const r = reload(h)
    r.run(21)
    expect(r.store.get('/Pod/default/job-1')!.status.phase).toBe('Running')
    r.run(1)
    expect(r.store.get('/Pod/default/job-1')!.status.phase).toBe('Succeeded')
    expect(r.store.get('/Pod/default/job-1')!.status.containerStatuses[0].state.terminated.finishedAt).toBe('2026-01-01T00:00:32Z')
  })
})
