// PodTopologySpread's pod-driven counts stay equal to a recount (countPodsMatchSelector) whatever happens to pods
// and nodes: pods added, moved, relabelled, terminating or deleted, nodes added, relabelled or removed. The nodes'
// topology domains stay equal to their labels.
import {describe, expect, it} from 'vitest'
import type {KubeObject} from '../../src/api/types.js'
import {SchedulerCache} from '../../src/scheduler/framework/cache.js'
import {labelSelectorAsSelector, type Selector} from '../../src/scheduler/framework/labels.js'
import {PodInfo} from '../../src/scheduler/framework/pod-info.js'
import {countPodsMatchSelector} from '../../src/scheduler/plugins/pod-topology-spread/common.js'
import {SpreadCounts} from '../../src/scheduler/plugins/pod-topology-spread/counts.js'
import {SeededRandom} from '../../src/clock/random.js'
import {node, pod} from './harness.js'

const ZONE = 'topology.kubernetes.io/zone'

const SELECTORS: Array<[string, Selector]> = [
  ['app=web', labelSelectorAsSelector({matchLabels: {app: 'web'}})],
  ['app=web,tier=front', labelSelectorAsSelector({matchLabels: {app: 'web', tier: 'front'}})],
  ['app in (web,db)', labelSelectorAsSelector({matchExpressions: [{key: 'app', operator: 'In', values: ['web', 'db']}]})],
  ['tier exists', labelSelectorAsSelector({matchExpressions: [{key: 'tier', operator: 'Exists'}]})],
  ['app notin (web)', labelSelectorAsSelector({matchExpressions: [{key: 'app', operator: 'NotIn', values: ['web']}]})],
]

function zoned(name: string, zone: string | undefined): KubeObject {
  return node(name, {labels: zone ? {[ZONE]: zone} : {}})
}

/** what the counts must be: a recount of every cache node's pods */
function expectCurrent(cache: SchedulerCache, counts: SpreadCounts, ns: string): void {
  const domains = counts.topologyDomains(ZONE)
  for (const n of cache.list()) {
    const id = domains.of(n)
    expect(id < 0 ? undefined : domains.values[id], `zone of ${n.name}`).toBe(n.labels[ZONE])
  }
  for (const [what, sel] of SELECTORS) {
    const ci = counts.index(sel, ns)
    const zones = new Map<string, number>()
    for (const n of cache.list()) {
      const c = countPodsMatchSelector(n.pods, sel, ns)
      expect(ci.countOn(n), `${what} on ${n.name}`).toBe(c)
      const z = n.labels[ZONE]
      if (z !== undefined) zones.set(z, (zones.get(z) ?? 0) + c)
    }
    const totals = ci.domainTotals(ZONE, [ZONE])
    for (const [z, c] of zones) expect(totals.get(z) ?? 0, `${what} in ${z}`).toBe(c)
    for (const [z, c] of totals) expect(c, `${what} in ${z}`).toBe(zones.get(z) ?? 0)
  }
}

describe('PodTopologySpread counts', () => {
  it('follow pods and nodes through random changes', () => {
    const rng = new SeededRandom('spread-counts')
    const cache = new SchedulerCache()
    for (let i = 0; i < 6; i++) cache.addNode(zoned(`n${i}`, `z${i % 3}`))
    // one pod placed before the counts exist: picked up at construction
    cache.addPod('n0', new PodInfo(pod('early', {labels: {app: 'web', tier: 'front'}}), 0))
    const counts = new SpreadCounts(cache)
    const apps = ['web', 'db', 'cache']
    const live = new Map<string, KubeObject>()
    for (let step = 0; step < 400; step++) {
      const r = rng.intn(10)
      const names = [...live.keys()]
      if (r < 4 || names.length === 0) {
        const name = `p${step}`
        const labels: Record<string, string> = {app: apps[rng.intn(3)]}
        if (rng.intn(2) === 0) labels.tier = 'front'
        const p = pod(name, {labels, ns: rng.intn(4) === 0 ? 'other' : 'default'})
        live.set(name, p)
        const nodes = cache.list()
        cache.addPod(nodes[rng.intn(nodes.length)].name, new PodInfo(p, 0))
      } else if (r < 5) {
        // relabelled, or terminating: the cache replaces the pod
        const name = names[rng.intn(names.length)]
        const p = structuredClone(live.get(name)!)
        if (rng.intn(2) === 0) p.metadata.labels = {app: apps[rng.intn(3)]}
        else p.metadata.deletionTimestamp = '2026-01-01T00:00:00Z'
        live.set(name, p)
        cache.addPod(cache.podNodeName(`${p.metadata.namespace}/${name}`)!, new PodInfo(p, 0))
      } else if (r < 7) {
        const name = names[rng.intn(names.length)]
        const p = live.get(name)!
        live.delete(name)
        cache.removePod(`${p.metadata.namespace}/${name}`)
      } else if (r < 8) {
        const n = cache.list()[rng.intn(cache.numNodes())]
        cache.updateNode(zoned(n.name, rng.intn(3) === 0 ? undefined : `z${rng.intn(4)}`))
      } else if (r < 9) {
        cache.addNode(zoned(`n${6 + step}`, `z${rng.intn(3)}`))
      } else if (cache.numNodes() > 2) {
        // a removed node keeps its pods in the cache until they go, but is no longer counted
        cache.removeNode(cache.list()[rng.intn(cache.numNodes())].name)
      }
      if (step % 7 === 0) expectCurrent(cache, counts, 'default')
      if (step % 11 === 0) expectCurrent(cache, counts, 'other')
    }
    expectCurrent(cache, counts, 'default')
    expectCurrent(cache, counts, 'other')
  })

  it('do not count a node outside the cache (a copy for a dry run)', () => {
    const cache = new SchedulerCache()
    cache.addNode(zoned('n0', 'z0'))
    cache.addPod('n0', new PodInfo(pod('a', {labels: {app: 'web'}}), 0))
    const counts = new SpreadCounts(cache)
    const ci = counts.index(SELECTORS[0][1], 'default')
    expect(ci.countOn(cache.list()[0])).toBe(1)
    expect(ci.countOn(cache.list()[0].clone())).toBeUndefined()
  })
})
