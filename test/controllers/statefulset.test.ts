import {describe, expect, it} from 'vitest'
import {eventLines, makeRealCluster} from './harness.js'

function sts(replicas: number, image: string, extra: Record<string, any> = {}) {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: {name: 'web', namespace: 'default'},
    spec: {
      replicas,
      serviceName: 'web',
      selector: {matchLabels: {app: 'web'}},
      podManagementPolicy: 'OrderedReady',
      updateStrategy: {type: 'RollingUpdate', rollingUpdate: {partition: 0}},
      template: {metadata: {labels: {app: 'web'}}, spec: {containers: [{name: 'nginx', image}]}},
      ...extra,
    },
  }
}

describe('statefulset controller', () => {
  it('creates ordinals in order with their claims', () => {
    const c = makeRealCluster()
    c.engine.api.create(sts(3, 'nginx:1.27', {volumeClaimTemplates: [{metadata: {name: 'www'}, spec: {accessModes: ['ReadWriteOnce'], resources: {requests: {storage: '1Gi'}}}}]}))
    c.engine.runUntilSettled({timeoutMs: 300_000})
    expect(eventLines(c.store, 'statefulset-controller')).toEqual([
      'StatefulSet/web SuccessfulCreate: create Claim www-web-0 Pod web-0 in StatefulSet web success',
      'StatefulSet/web SuccessfulCreate: create Pod web-0 in StatefulSet web successful',
      'StatefulSet/web SuccessfulCreate: create Claim www-web-1 Pod web-1 in StatefulSet web success',
      'StatefulSet/web SuccessfulCreate: create Pod web-1 in StatefulSet web successful',
      'StatefulSet/web SuccessfulCreate: create Claim www-web-2 Pod web-2 in StatefulSet web success',
      'StatefulSet/web SuccessfulCreate: create Pod web-2 in StatefulSet web successful',
    ])
    const p0 = c.store.get('/Pod/default/web-0')!
    expect(p0.spec.hostname).toBe('web-0')
    expect(p0.spec.subdomain).toBe('web')
    expect(p0.metadata.labels['statefulset.kubernetes.io/pod-name']).toBe('web-0')
    expect(p0.metadata.labels['apps.kubernetes.io/pod-index']).toBe('0')
    expect(p0.spec.volumes).toContainEqual({name: 'www', persistentVolumeClaim: {claimName: 'www-web-0'}})
    const s = c.store.get('apps/StatefulSet/default/web')!
    expect(s.status).toMatchObject({replicas: 3, readyReplicas: 3, currentReplicas: 3, updatedReplicas: 3, availableReplicas: 3})
    expect(s.status.currentRevision).toMatch(/^web-[4-9bcdf]+$/)
    expect(p0.metadata.labels['controller-revision-hash']).toBe(s.status.currentRevision)
  })

  it('rolls an update from the highest ordinal down, and scales down from the top', () => {
    const c = makeRealCluster()
    c.engine.api.create(sts(3, 'nginx:1.27'))
    c.engine.runUntilSettled({timeoutMs: 300_000})
    const s = structuredClone(c.store.get('apps/StatefulSet/default/web')!)
    s.spec.template.spec.containers[0].image = 'nginx:1.28'
    c.engine.api.update(s)
    c.engine.runUntilSettled({timeoutMs: 300_000})
    const deletes = eventLines(c.store, 'statefulset-controller').filter((e) => e.includes('SuccessfulDelete'))
    expect(deletes).toEqual([
      'StatefulSet/web SuccessfulDelete: delete Pod web-2 in StatefulSet web successful',
      'StatefulSet/web SuccessfulDelete: delete Pod web-1 in StatefulSet web successful',
      'StatefulSet/web SuccessfulDelete: delete Pod web-0 in StatefulSet web successful',
    ])
    const st = c.store.get('apps/StatefulSet/default/web')!.status
    expect(st.currentRevision).toBe(st.updateRevision)
    expect(c.store.get('/Pod/default/web-0')!.spec.containers[0].image).toBe('nginx:1.28')
    const s2 = structuredClone(c.store.get('apps/StatefulSet/default/web')!)
    s2.spec.replicas = 1
    c.engine.api.update(s2)
    c.engine.runUntilSettled({timeoutMs: 300_000})
    expect(c.store.list('/Pod').map((p) => p.metadata.name)).toEqual(['web-0'])
  })
})
