// The disruption controller's status arithmetic and the Eviction API's answers (kubectl.md §4.3, §5.8), on an
// in-memory cluster with the real engine.
import {describe, expect, it} from 'vitest'
import {openMemoryCluster, type ClusterSession} from '../../src/state/session.js'
import {defaultClusterOptions} from '../../src/cluster/options.js'
import {Engine} from '../../src/engine/engine.js'
import {evictPod} from '../../src/engine/eviction.js'
import {ApiError} from '../../src/engine/api-error.js'
import type {KubeObject} from '../../src/api/types.js'

const START = Date.parse('2026-01-01T00:00:00Z')

function deployment(name: string, replicas: number, annotations: Record<string, string> = {}): KubeObject {
  return {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: {name, namespace: 'default'},
    spec: {replicas, selector: {matchLabels: {app: name}},
      template: {metadata: {labels: {app: name}, annotations}, spec: {containers: [{name: 'c', image: 'nginx:1.27'}]}}},
  }
}

function pdb(name: string, app: string, spec: Record<string, unknown>): KubeObject {
  return {apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: {name, namespace: 'default'}, spec: {selector: {matchLabels: {app}}, ...spec}}
}

async function withEngine<T>(fn: (s: ClusterSession, e: Engine) => T): Promise<T> {
  const c = openMemoryCluster('t', defaultClusterOptions('t', START))
  try {
    return await c.session({write: true}, (s) => {
      const e = new Engine(s)
      e.start()
      return fn(s, e)
    })
  } finally {
    c.close()
  }
}

const status = (s: ClusterSession, name: string) => s.store.get(`policy/PodDisruptionBudget/default/${name}`)!.status
const pods = (s: ClusterSession, app: string) => s.store.list('/Pod', 'default').filter((p) => p.metadata.labels?.app === app)

function evictErr(s: ClusterSession, e: Engine, name: string): ApiError | undefined {
  try {
    evictPod({store: s.store, clock: s.clock, api: e.api}, 'default', name)
    return undefined
  } catch (err) {
    if (err instanceof ApiError) return err
    throw err
  }
}

describe('disruption controller', () => {
  it('computes status for minAvailable/maxUnavailable, integer and percent', async () => {
    await withEngine((s, e) => {
      e.api.create(deployment('a', 4))
      e.api.create(pdb('max25', 'a', {maxUnavailable: '25%'}))
      e.api.create(deployment('b', 3))
      e.api.create(pdb('min50', 'b', {minAvailable: '50%'}))
      e.api.create(deployment('c', 3))
      e.api.create(pdb('min3', 'c', {minAvailable: 3}))
      e.runUntilSettled({timeoutMs: 60_000})
      const pick = (n: string) => {
        const st = status(s, n)
        return [st.expectedPods, st.desiredHealthy, st.currentHealthy, st.disruptionsAllowed, st.conditions[0].reason]
      }
      expect(pick('max25')).toEqual([4, 3, 4, 1, 'SufficientPods'])
      expect(pick('min50')).toEqual([3, 2, 3, 1, 'SufficientPods'])
      expect(pick('min3')).toEqual([3, 3, 3, 0, 'InsufficientPods'])
      expect(status(s, 'min3').conditions[0]).toMatchObject({type: 'DisruptionAllowed', status: 'False', message: '', observedGeneration: 1})
    })
  })

  it('a budget without pods says NoPods', async () => {
    await withEngine((s, e) => {
      e.api.create(pdb('none', 'nothing', {minAvailable: 1}))
      e.runUntilSettled({timeoutMs: 10_000})
      expect(status(s, 'none')).toMatchObject({expectedPods: 0, currentHealthy: 0, desiredHealthy: 1, disruptionsAllowed: 0})
      const ev = s.store.list('/Event', 'default').find((x) => x.reason === 'NoPods')
      expect(ev?.message).toBe('No matching pods found')
    })
  })
})

describe('eviction API', () => {
  it('takes one disruption, records disruptedPods, then answers 429 with the budget cause', async () => {
    await withEngine((s, e) => {
      e.api.create(deployment('web', 3))
      e.api.create(pdb('web', 'web', {maxUnavailable: 1}))
      e.runUntilSettled({timeoutMs: 60_000})
      const [p1, p2] = pods(s, 'web')
      expect(evictErr(s, e, p1.metadata.name!)).toBeUndefined()
      const st = status(s, 'web')
      expect(st.disruptionsAllowed).toBe(0)
      expect(Object.keys(st.disruptedPods)).toEqual([p1.metadata.name])
      const evicted = s.store.get(`/Pod/default/${p1.metadata.name}`)!
      expect(evicted.status.conditions.find((c: any) => c.type === 'DisruptionTarget')).toMatchObject({reason: 'EvictionByEvictionAPI', message: 'Eviction API: evicting'})
      const err = evictErr(s, e, p2.metadata.name!) as any
      expect(err.status).toBe(429)
      expect(err.message).toBe("Cannot evict pod as it would violate the pod's disruption budget.")
      // the cause quotes the budget as stored: the controller has not yet seen the eviction
      expect(err.causes[0].message).toMatch(/^The disruption budget web needs 2 healthy pods and has 3 currently$/)
      expect(evictErr(s, e, 'nope')?.message).toBe('pods "nope" not found')
    })
  })

  it('refuses a pod covered by two budgets', async () => {
    await withEngine((s, e) => {
      e.api.create(deployment('web', 2))
      e.api.create(pdb('one', 'web', {maxUnavailable: 1}))
      e.api.create(pdb('two', 'web', {minAvailable: 1}))
      e.runUntilSettled({timeoutMs: 60_000})
      const err = evictErr(s, e, pods(s, 'web')[0].metadata.name!)
      expect(err?.status).toBe(500)
      expect(err?.message).toBe('This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.')
    })
  })

  it('unhealthyPodEvictionPolicy AlwaysAllow lets an unready pod go even when no disruption is allowed', async () => {
    await withEngine((s, e) => {
      e.api.create(deployment('crash', 1, {'sim.k8sim.io/crash-after': '1s'}))
      e.api.create(pdb('strict', 'crash', {minAvailable: 1}))
      e.runUntilSettled({timeoutMs: 60_000})
      const pod = pods(s, 'crash')[0]
      expect(pod.status.phase).toBe('Running')
      expect(evictErr(s, e, pod.metadata.name!)?.status).toBe(429)
      const cur = s.store.get('policy/PodDisruptionBudget/default/strict')!
      e.api.update({...cur, spec: {...cur.spec, unhealthyPodEvictionPolicy: 'AlwaysAllow'}})
      e.runUntilSettled({timeoutMs: 5_000})
      expect(evictErr(s, e, pod.metadata.name!)).toBeUndefined()
    })
  })
})
