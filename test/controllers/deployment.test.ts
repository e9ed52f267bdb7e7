import {describe, expect, it} from 'vitest'
import {deployment, eventLines, makeCluster} from './harness.js'

describe('deployment controller', () => {
  it('creates a ReplicaSet and its pods', () => {
    const c = makeCluster()
    c.engine.api.create(deployment('web', 3, 'nginx:1.27'))
    const r = c.engine.runUntilSettled({timeoutMs: 300_000})
    expect(r.settled).toBe(true)
    const rs = c.store.list('apps/ReplicaSet')
    expect(rs).toHaveLength(1)
    const hash = rs[0].metadata.labels!['pod-template-hash']
    expect(rs[0].metadata.name).toBe(`web-${hash}`)
    expect(hash).toMatch(/^[4-9bcdf]{8,10}$/)
    const ev = eventLines(c.store, 'deployment-controller')
    expect(ev).toEqual([`Deployment/web ScalingReplicaSet: Scaled up replica set web-${hash} to 3`])
    const pods = c.store.list('/Pod')
    expect(pods).toHaveLength(3)
    for (const p of pods) expect(p.metadata.name).toMatch(new RegExp(`^web-${hash}-[bcdfghjklmnpqrstvwxz2456789]{5}$`))
    const d = c.store.get('apps/Deployment/default/web')!
    expect(d.status).toMatchObject({observedGeneration: 1, replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3})
    expect(d.status.conditions.map((x: any) => `${x.type}/${x.status}/${x.reason}`)).toEqual([
      'Available/True/MinimumReplicasAvailable',
      'Progressing/True/NewReplicaSetAvailable',
    ])
    expect(d.metadata.annotations['deployment.kubernetes.io/revision']).toBe('1')
  })

  it('rolls out an image change one pod at a time (maxSurge 1, maxUnavailable 0)', () => {
    const c = makeCluster()
    c.engine.api.create(deployment('web', 3, 'nginx:1.27'))
    c.engine.runUntilSettled({timeoutMs: 300_000})
    const oldName = c.store.list('apps/ReplicaSet')[0].metadata.name
    const d = structuredClone(c.store.get('apps/Deployment/default/web')!)
    d.spec.template.spec.containers[0].image = 'nginx:1.28'
    c.engine.api.update(d)
    const r = c.engine.runUntilSettled({timeoutMs: 300_000})
    expect(r.settled).toBe(true)
    const newName = c.store.list('apps/ReplicaSet').find((x) => x.metadata.name !== oldName)!.metadata.name
    expect(eventLines(c.store, 'deployment-controller').slice(1)).toEqual([
      `Deployment/web ScalingReplicaSet: Scaled up replica set ${newName} to 1`,
      `Deployment/web ScalingReplicaSet: Scaled down replica set ${oldName} to 2 from 3`,
      `Deployment/web ScalingReplicaSet: Scaled up replica set ${newName} to 2 from 1`,
      `Deployment/web ScalingReplicaSet: Scaled down replica set ${oldName} to 1 from 2`,
      `Deployment/web ScalingReplicaSet: Scaled up replica set ${newName} to 3 from 2`,
      `Deployment/web ScalingReplicaSet: Scaled down replica set ${oldName} to 0 from 1`,
    ])
    const dep = c.store.get('apps/Deployment/default/web')!
    expect(dep.metadata.annotations['deployment.kubernetes.io/revision']).toBe('2')
    expect(dep.status).toMatchObject({replicas: 3, updatedReplicas: 3, availableReplicas: 3})
    expect(c.store.list('/Pod').filter((p) => p.metadata.labels['pod-template-hash'] !== newName.slice(4))).toHaveLength(0)
  })

  it('is deterministic', () => {
    const run = () => {
      const c = makeCluster()
      c.engine.api.create(deployment('web', 5, 'nginx:1.27'))
      c.engine.runUntilSettled({timeoutMs: 300_000})
      return JSON.stringify(c.store.list('/Event').map((e) => [e.metadata.name, e.message]))
    }
    expect(run()).toBe(run())
  })
})
