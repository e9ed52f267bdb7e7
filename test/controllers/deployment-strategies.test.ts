import {describe, expect, it} from 'vitest'
import {deployment, eventLines, makeCluster} from './harness.js'

function update(c: ReturnType<typeof makeCluster>, f: (d: any) => void) {
  const d = structuredClone(c.store.get('apps/Deployment/default/web')!)
  f(d)
  c.engine.api.update(d)
  return c.engine.runUntilSettled({timeoutMs: 300_000})
}

const rsNames = (c: ReturnType<typeof makeCluster>) => c.store.list('apps/ReplicaSet').map((r) => r.metadata.name!)

describe('deployment strategies', () => {
  it('Recreate scales the old ReplicaSet to 0 before creating the new one', () => {
    const c = makeCluster()
    c.engine.api.create(deployment('web', 3, 'nginx:1.27', {strategy: {type: 'Recreate'}}))
    c.engine.runUntilSettled({timeoutMs: 300_000})
    const [old] = rsNames(c)
    update(c, (d) => (d.spec.template.spec.containers[0].image = 'nginx:1.28'))
    const neu = rsNames(c).find((n) => n !== old)
    expect(eventLines(c.store, 'deployment-controller')).toEqual([
      `Deployment/web ScalingReplicaSet: Scaled up replica set ${old} to 3`,
      `Deployment/web ScalingReplicaSet: Scaled down replica set ${old} to 0 from 3`,
      `Deployment/web ScalingReplicaSet: Scaled up replica set ${neu} to 3`,
    ])
  })

  it('reverting the template reuses the old ReplicaSet with a new revision and revision-history', () => {
    const c = makeCluster()
    c.engine.api.create(deployment('web', 2, 'nginx:1.27'))
    c.engine.runUntilSettled({timeoutMs: 300_000})
    const [first] = rsNames(c)
    update(c, (d) => (d.spec.template.spec.containers[0].image = 'nginx:1.28'))
    update(c, (d) => (d.spec.template.spec.containers[0].image = 'nginx:1.27'))
    const rs = c.store.get(`apps/ReplicaSet/default/${first}`)!
    expect(rs.metadata.annotations!['deployment.kubernetes.io/revision']).toBe('3')
    expect(rs.metadata.annotations!['deployment.kubernetes.io/revision-history']).toBe('1')
    expect(rs.spec.replicas).toBe(2)
    expect(c.store.get('apps/Deployment/default/web')!.metadata.annotations!['deployment.kubernetes.io/revision']).toBe('3')
  })

  it('scaling changes only the replica count, with the desired-replicas annotation', () => {
    const c = makeCluster()
    c.engine.api.create(deployment('web', 2, 'nginx:1.27'))
    c.engine.runUntilSettled({timeoutMs: 300_000})
    update(c, (d) => (d.spec.replicas = 5))
    const [name] = rsNames(c)
    expect(eventLines(c.store, 'deployment-controller').at(-1)).toBe(`Deployment/web ScalingReplicaSet: Scaled up replica set ${name} to 5 from 2`)
    const rs = c.store.get(`apps/ReplicaSet/default/${name}`)!
    expect(rs.metadata.annotations).toMatchObject({'deployment.kubernetes.io/desired-replicas': '5', 'deployment.kubernetes.io/max-replicas': '7'})
    expect(c.store.list('/Pod')).toHaveLength(5)
  })

  it('a paused deployment does not roll out; resuming does', () => {
    const c = makeCluster()
    c.engine.api.create(deployment('web', 2, 'nginx:1.27'))
    c.engine.runUntilSettled({timeoutMs: 300_000})
    update(c, (d) => (d.spec.paused = true))
    let cond = c.store.get('apps/Deployment/default/web')!.status.conditions.find((x: any) => x.type === 'Progressing')
    expect([cond.status, cond.reason, cond.message]).toEqual(['Unknown', 'DeploymentPaused', 'Deployment is paused'])
    update(c, (d) => (d.spec.template.spec.containers[0].image = 'nginx:1.28'))
    expect(rsNames(c)).toHaveLength(1)
    update(c, (d) => (d.spec.paused = false))
    expect(rsNames(c)).toHaveLength(2)
    cond = c.store.get('apps/Deployment/default/web')!.status.conditions.find((x: any) => x.type === 'Progressing')
    expect(cond.reason).toBe('NewReplicaSetAvailable')
  })

  it('revisionHistoryLimit removes the oldest empty ReplicaSets', () => {
    const c = makeCluster()
    c.engine.api.create(deployment('web', 1, 'nginx:1', {revisionHistoryLimit: 1}))
    c.engine.runUntilSettled({timeoutMs: 300_000})
    for (const v of ['2', '3', '4']) update(c, (d) => (d.spec.template.spec.containers[0].image = `nginx:${v}`))
    const revs = c.store.list('apps/ReplicaSet').map((r) => r.metadata.annotations!['deployment.kubernetes.io/revision']).sort()
    expect(revs).toEqual(['3', '4'])
  })

  it('a ReplicationController keeps its pods like a ReplicaSet', () => {
    const c = makeCluster()
    c.engine.api.create({apiVersion: 'v1', kind: 'ReplicationController', metadata: {name: 'rc', namespace: 'default'},
      spec: {replicas: 2, selector: {app: 'rc'}, template: {metadata: {labels: {app: 'rc'}}, spec: {containers: [{name: 'a', image: 'nginx'}]}}}})
    c.engine.runUntilSettled({timeoutMs: 300_000})
    expect(c.store.list('/Pod').map((p) => p.metadata.name!.slice(0, 3))).toEqual(['rc-', 'rc-'])
    expect(eventLines(c.store, 'replication-controller')).toHaveLength(2)
    expect(c.store.get('/ReplicationController/default/rc')!.status).toMatchObject({replicas: 2, readyReplicas: 2, availableReplicas: 2})
  })
})

describe('rollout undo data', () => {
  it('rolls back to the previous revision and reports a skipped rollback', async () => {
    const {rollbackDeployment, deploymentRevisions} = await import('../../src/controllers/deployment/rollout.js')
    const c = makeCluster()
    c.engine.api.create(deployment('web', 2, 'nginx:1.27'))
    c.engine.runUntilSettled({timeoutMs: 300_000})
    update(c, (d) => (d.spec.template.spec.containers[0].image = 'nginx:1.28'))
    const d = c.store.get('apps/Deployment/default/web')!
    expect(deploymentRevisions(c.store, d).map((r) => r.revision)).toEqual([1, 2])
    const res = rollbackDeployment(c.store, d)
    expect(res.message).toBe('rolled back')
    expect(res.updated!.spec.template.spec.containers[0].image).toBe('nginx:1.27')
    expect(res.updated!.spec.template.metadata.labels['pod-template-hash']).toBeUndefined()
    c.engine.api.update(res.updated!)
    c.engine.runUntilSettled({timeoutMs: 300_000})
    const d2 = c.store.get('apps/Deployment/default/web')!
    expect(d2.metadata.annotations!['deployment.kubernetes.io/revision']).toBe('3')
    expect(rollbackDeployment(c.store, d2, 3).message).toBe('skipped rollback (current template already matches revision 3)')
    expect(() => rollbackDeployment(c.store, d2, 7)).toThrow('unable to find specified revision 7 in history')
  })
})
