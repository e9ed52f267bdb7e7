import {describe, expect, it} from 'vitest'
import {deployment, makeRealCluster} from '../controllers/harness.js'
import {ApiError} from '../../src/engine/api-error.js'

function thrown(f: () => unknown): ApiError {
  try {
    f()
  } catch (e) {
    return e as ApiError
  }
  throw new Error('did not throw')
}

describe('ApiServer', () => {
  it('creates with defaults, uid, creationTimestamp and generation', () => {
    const c = makeRealCluster()
    const d = c.engine.api.create(deployment('web', 1, 'nginx:1.27'))
    expect(d.metadata.uid).toMatch(/^[0-9a-f-]{36}$/)
    expect(d.metadata.creationTimestamp).toBe('2026-01-01T00:00:00Z')
    expect(d.metadata.generation).toBe(1)
    expect(d.metadata.resourceVersion).toMatch(/^\d+$/)
  })

  it('returns the API server errors', () => {
    const c = makeRealCluster()
    c.engine.api.create(deployment('web', 1, 'nginx:1.27'))
    const dup = thrown(() => c.engine.api.create(deployment('web', 1, 'nginx:1.27')))
    expect([dup.status, dup.reason, dup.message]).toEqual([409, 'AlreadyExists', 'deployments.apps "web" already exists'])
    const nf = thrown(() => c.engine.api.delete('apps/Deployment/default/nope'))
    expect([nf.status, nf.reason, nf.message]).toEqual([404, 'NotFound', 'deployments.apps "nope" not found'])
    const bad = deployment('bad', 1, 'nginx')
    bad.spec.selector = {matchLabels: {app: 'other'}}
    const inv = thrown(() => c.engine.api.create(bad))
    expect(inv.status).toBe(422)
    expect(inv.reason).toBe('Invalid')
    expect(inv.message).toMatch(/^Deployment\.apps "bad" is invalid: spec\.template\.metadata\.labels: Invalid value: /)
  })

  it('names objects from generateName', () => {
    const c = makeRealCluster()
    const p = c.engine.api.create({apiVersion: 'v1', kind: 'ConfigMap', metadata: {generateName: 'cfg-', namespace: 'default'}, data: {}})
    expect(p.metadata.name).toMatch(/^cfg-[bcdfghjklmnpqrstvwxz2456789]{5}$/)
  })

  it('deletes a running pod gracefully; the kubelet finishes it', () => {
    const c = makeRealCluster()
    c.engine.api.create({apiVersion: 'v1', kind: 'Pod', metadata: {name: 'p', namespace: 'default'}, spec: {containers: [{name: 'a', image: 'nginx:1.27'}]}})
    c.engine.runUntilSettled({timeoutMs: 60_000})
    const t = c.clock.now()
    const p = c.engine.api.delete('/Pod/default/p')!
    expect(p.metadata.deletionGracePeriodSeconds).toBe(30)
    expect(Date.parse(p.metadata.deletionTimestamp!)).toBe(Math.floor(t / 1000) * 1000 + 30_000)
    c.engine.runUntilSettled({timeoutMs: 60_000})
    expect(c.store.get('/Pod/default/p')).toBeUndefined()
  })

  it('an unschedulable pod does not keep the cluster from settling', () => {
    const c = makeRealCluster()
    c.engine.api.create({apiVersion: 'v1', kind: 'Pod', metadata: {name: 'big', namespace: 'default'},
      spec: {containers: [{name: 'a', image: 'nginx:1.27', resources: {requests: {cpu: '64'}}}]}})
    const r = c.engine.runUntilSettled({timeoutMs: 300_000})
    expect(r.settled).toBe(c.hasScheduler)
    expect(c.store.get('/Pod/default/big')!.spec.nodeName).toBeUndefined()
  })
})
