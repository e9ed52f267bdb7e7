// Registry metadata on create/update and kubectl's last-applied-configuration annotation.
import {describe, expect, it} from 'vitest'
import {lastAppliedAnnotation, prepareCreate, prepareUpdate, podQOSClass} from '../../src/admission/metadata.js'
import {applyDefaults} from '../../src/admission/defaults/index.js'
import type {KubeObject} from '../../src/api/types.js'

const ctx = {nowRFC3339: '2026-01-01T00:00:00Z', uid: '6f1c2d3e-0000-4000-8000-000000000001'}

describe('prepareCreate', () => {
  it('sets uid, creationTimestamp and generation for a Deployment', () => {
    const d: any = {apiVersion: 'apps/v1', kind: 'Deployment', metadata: {name: 'web', uid: 'client-sent'}, spec: {}, status: {replicas: 9}}
    prepareCreate(d, ctx)
    expect(d.metadata).toEqual({name: 'web', uid: ctx.uid, creationTimestamp: '2026-01-01T00:00:00Z', generation: 1})
    expect(d.status).toEqual({})
  })
  it('pods have no generation in v1.32 and start Pending with a QoS class', () => {
    const p: any = {apiVersion: 'v1', kind: 'Pod', metadata: {name: 'p'}, spec: {containers: [{name: 'c', image: 'x', resources: {limits: {cpu: '1', memory: '1Gi'}}}]}}
    applyDefaults(p)
    prepareCreate(p, ctx)
    expect(p.metadata.generation).toBeUndefined()
    expect(p.status).toEqual({phase: 'Pending', qosClass: 'Guaranteed'})
  })
  it('custom resources have a generation', () => {
    const cr: any = {apiVersion: 'example.com/v1', kind: 'Widget', metadata: {name: 'w'}}
    prepareCreate(cr, ctx)
    expect(cr.metadata.generation).toBe(1)
  })
  it('generates the Job selector and pod labels', () => {
    const j: any = {apiVersion: 'batch/v1', kind: 'Job', metadata: {name: 'pi'}, spec: {template: {spec: {containers: []}}}}
    prepareCreate(j, ctx)
    expect(j.spec.selector).toEqual({matchLabels: {'batch.kubernetes.io/controller-uid': ctx.uid}})
    expect(j.spec.template.metadata.labels).toEqual({
      'job-name': 'pi',
      'batch.kubernetes.io/job-name': 'pi',
      'controller-uid': ctx.uid,
      'batch.kubernetes.io/controller-uid': ctx.uid,
    })
    expect(j.metadata.labels).toEqual(j.spec.template.metadata.labels)
  })
  it('preserve keeps imported identity and status', () => {
    const p: any = {apiVersion: 'v1', kind: 'Pod', metadata: {name: 'p', uid: 'old', creationTimestamp: '2025-01-01T00:00:00Z'}, spec: {containers: []}, status: {phase: 'Running'}}
    prepareCreate(p, {...ctx, preserve: true})
    expect(p.metadata.uid).toBe('old')
    expect(p.status).toEqual({phase: 'Running', qosClass: 'BestEffort'})
  })
})

describe('prepareCreate: matchLabelKeys / mismatchLabelKeys of pod (anti-)affinity', () => {
  it('merges the pod\'s label values into each term\'s labelSelector (In / NotIn), as the pod strategy does', () => {
    const term = (extra: any) => ({labelSelector: {matchLabels: {app: 'web'}}, topologyKey: 'kubernetes.io/hostname', ...extra})
    const p: any = {apiVersion: 'v1', kind: 'Pod', metadata: {name: 'p', labels: {app: 'web', version: 'v2'}}, spec: {containers: [{name: 'c', image: 'x'}],
      affinity: {
        podAffinity: {requiredDuringSchedulingIgnoredDuringExecution: [term({matchLabelKeys: ['version', 'absent']})],
          preferredDuringSchedulingIgnoredDuringExecution: [{weight: 1, podAffinityTerm: term({mismatchLabelKeys: ['version']})}]},
        podAntiAffinity: {requiredDuringSchedulingIgnoredDuringExecution: [term({mismatchLabelKeys: ['version']}), {topologyKey: 'zone', matchLabelKeys: ['version']}]},
      }}}
    prepareCreate(p, ctx)
    const a = p.spec.affinity
    expect(a.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].labelSelector.matchExpressions).toEqual([{key: 'version', operator: 'In', values: ['v2']}])
    expect(a.podAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm.labelSelector.matchExpressions).toEqual([{key: 'version', operator: 'NotIn', values: ['v2']}])
    expect(a.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].labelSelector.matchExpressions).toEqual([{key: 'version', operator: 'NotIn', values: ['v2']}])
    // a nil labelSelector matches nothing and is left alone
    expect(a.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[1].labelSelector).toBeUndefined()
  })
  it('leaves imported pods (preserve) as they are', () => {
    const p: any = {apiVersion: 'v1', kind: 'Pod', metadata: {name: 'p', labels: {v: '1'}}, spec: {containers: [{name: 'c', image: 'x'}],
      affinity: {podAffinity: {requiredDuringSchedulingIgnoredDuringExecution: [{labelSelector: {}, matchLabelKeys: ['v'], topologyKey: 'k'}]}}}}
    prepareCreate(p, {...ctx, preserve: true})
    expect(p.spec.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].labelSelector).toEqual({})
  })
})

describe('prepareUpdate', () => {
  const base = (): any => ({apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: {name: 'rs', uid: 'u', creationTimestamp: 't', generation: 3}, spec: {replicas: 1}, status: {replicas: 1}})
  it('bumps generation on spec change only', () => {
    const old = base()
    const same: any = {...base(), metadata: {name: 'rs'}, status: {replicas: 5}}
    prepareUpdate(same, old)
    expect(same.metadata).toEqual({name: 'rs', uid: 'u', creationTimestamp: 't', generation: 3})
    const changed: any = {...base(), spec: {replicas: 2}}
    prepareUpdate(changed, old)
    expect(changed.metadata.generation).toBe(4)
  })
  it('Deployments also bump on annotation changes', () => {
    const old: any = {apiVersion: 'apps/v1', kind: 'Deployment', metadata: {name: 'd', generation: 1}, spec: {}}
    const upd: any = {apiVersion: 'apps/v1', kind: 'Deployment', metadata: {name: 'd', annotations: {a: 'b'}}, spec: {}}
    prepareUpdate(upd, old)
    expect(upd.metadata.generation).toBe(2)
  })
})

describe('QoS', () => {
  it('classes', () => {
    const pod = (res: any): KubeObject => ({apiVersion: 'v1', kind: 'Pod', metadata: {}, spec: {containers: [{name: 'c', resources: res}]}})
    expect(podQOSClass(pod({}))).toBe('BestEffort')
    expect(podQOSClass(pod({requests: {cpu: '100m'}}))).toBe('Burstable')
    expect(podQOSClass(pod({requests: {cpu: '1', memory: '1Gi'}, limits: {cpu: '1', memory: '1Gi'}}))).toBe('Guaranteed')
  })
})

describe('lastAppliedAnnotation', () => {
  it('is the applied object as sorted JSON with a trailing newline and empty annotations', () => {
    const obj: any = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: {name: 'web', namespace: 'default'},
      spec: {replicas: 2, selector: {matchLabels: {app: 'web'}}, template: {metadata: {labels: {app: 'web'}}, spec: {containers: [{name: 'web', image: 'nginx:1.27', ports: [{containerPort: 80}]}]}}},
    }
    expect(lastAppliedAnnotation(obj)).toBe(
      '{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"annotations":{},"name":"web","namespace":"default"},"spec":{"replicas":2,"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"image":"nginx:1.27","name":"web","ports":[{"containerPort":80}]}]}}}}\n',
    )
    expect(obj.metadata.annotations).toBeUndefined()
  })
  it('drops its own annotation, keeps the others, escapes like Go', () => {
    const obj: any = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {name: 'c', annotations: {'kubectl.kubernetes.io/last-applied-configuration': '{}', note: 'a<b & c>d'}},
      data: {k: 'v'},
    }
    expect(lastAppliedAnnotation(obj)).toBe(
      '{"apiVersion":"v1","data":{"k":"v"},"kind":"ConfigMap","metadata":{"annotations":{"note":"a\\u003cb \\u0026 c\\u003ed"},"name":"c"}}\n',
    )
  })
})
