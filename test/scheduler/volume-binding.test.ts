// VolumeBinding's handling of unbound WaitForFirstConsumer claims, as in binder.go (v1.32): findMatchingVolumes
// matches claims smallest request first (byPVCSize); checkVolumeProvisions uses MatchTopologySelectorTerms (an empty
// allowedTopologies term selects no node) and returns an error when the claim's StorageClass does not exist.
import {describe, expect, it} from 'vitest'
import type {KubeObject} from '../../src/api/types.js'
import {ObjectStore} from '../../src/api/store/store.js'
import {CycleState} from '../../src/scheduler/framework/cycle-state.js'
import type {Handle} from '../../src/scheduler/framework/interfaces.js'
import {NodeInfo} from '../../src/scheduler/framework/node-info.js'
import {newVolumeBinding} from '../../src/scheduler/plugins/volume-binding/index.js'
import {Harness, node, pod} from './harness.js'

function wffc(name: string, extra: Record<string, unknown> = {}): KubeObject {
  return {apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: {name}, provisioner: 'kubernetes.io/no-provisioner', volumeBindingMode: 'WaitForFirstConsumer', ...extra}
}

function pv(name: string, size: string, cls = 'local'): KubeObject {
  return {apiVersion: 'v1', kind: 'PersistentVolume', metadata: {name},
    spec: {capacity: {storage: size}, accessModes: ['ReadWriteOnce'], storageClassName: cls, local: {path: '/mnt/' + name}},
    status: {phase: 'Available'}}
}

function pvc(name: string, size: string, cls = 'local'): KubeObject {
  return {apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: {name, namespace: 'default'},
    spec: {accessModes: ['ReadWriteOnce'], resources: {requests: {storage: size}}, storageClassName: cls}, status: {phase: 'Pending'}}
}

function withClaims(p: KubeObject, ...claims: string[]): KubeObject {
  p.spec.volumes = claims.map((c, i) => ({name: `v${i}`, persistentVolumeClaim: {claimName: c}}))
  return p
}

const failures = (h: Harness) => h.events.filter((e) => e.reason === 'FailedScheduling').map((e) => e.message)

describe('VolumeBinding unbound claims', () => {
  it('matches the smaller claim first (byPVCSize), whatever the order of the pod\'s volumes', () => {
    const h = new Harness()
    h.create(node('n1'))
    h.create(wffc('local'))
    h.create(pv('pv-3g', '3Gi'))
    h.create(pv('pv-10g', '10Gi'))
    h.create(pvc('big', '3Gi'))
    h.create(pvc('small', '1Gi'))
    h.create(withClaims(pod('app'), 'big', 'small'))
    h.settle(5_000)
    // in the pod's order "big" would take pv-3g and leave pv-10g to "small"; sorted, "small" takes the 3Gi volume
    expect(h.store.get('/PersistentVolume//pv-3g')?.spec.claimRef?.name).toBe('small')
    expect(h.store.get('/PersistentVolume//pv-10g')?.spec.claimRef?.name).toBe('big')
  })

  it('an empty allowedTopologies term selects no node', () => {
    const h = new Harness()
    h.create(node('n1', {labels: {'topology.kubernetes.io/zone': 'a'}}))
    h.create(wffc('fast', {provisioner: 'ebs.csi.aws.com', allowedTopologies: [{}]}))
    h.create(pvc('data', '1Gi', 'fast'))
    h.create(withClaims(pod('app'), 'data'))
    h.settle(5_000)
    expect(h.pod('default', 'app')!.spec.nodeName).toBeUndefined()
    expect(failures(h)[0]).toBe(
      "0/1 nodes are available: 1 node(s) didn't find available persistent volumes to bind. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling..",
    )
  })

  it('a non-empty allowedTopologies term admits matching nodes only', () => {
    const h = new Harness()
    h.create(node('n1', {labels: {'topology.kubernetes.io/zone': 'a'}}))
    h.create(node('n2', {labels: {'topology.kubernetes.io/zone': 'b'}}))
    h.create(wffc('fast', {provisioner: 'ebs.csi.aws.com',
      allowedTopologies: [{}, {matchLabelExpressions: [{key: 'topology.kubernetes.io/zone', values: ['b']}]}]}))
    h.create(pvc('data', '1Gi', 'fast'))
    h.create(withClaims(pod('app'), 'data'))
    h.settle(5_000)
    expect(h.store.get('/PersistentVolumeClaim/default/data')?.metadata.annotations?.['volume.kubernetes.io/selected-node']).toBe('n2')
  })

  it('a StorageClass gone between PreFilter and Filter is an Error status ("failed to find storage class")', () => {
    const store = new ObjectStore()
    const handle = {store} as unknown as Handle
    store.create({...wffc('fast', {provisioner: 'ebs.csi.aws.com'}), metadata: {name: 'fast', uid: 'u1'}})
    store.create({...pvc('data', '1Gi', 'fast'), metadata: {name: 'data', namespace: 'default', uid: 'u2'}})
    const plugin = newVolumeBinding(undefined, handle)
    const state = new CycleState()
    const p = withClaims(pod('app'), 'data')
    const info = {pod: p, namespace: 'default'} as any
    expect(plugin.preFilter(state, info).status).toBeNull()
    store.delete('storage.k8s.io/StorageClass//fast')
    const status = plugin.filter(state, info, new NodeInfo(node('n1')))
    expect(status?.code).toBe('Error')
    expect(status?.reasons).toEqual(['failed to find storage class "fast"'])
  })

  it('a claim whose StorageClass does not exist at PreFilter is treated as Immediate (IsDelayBindingMode)', () => {
    const h = new Harness()
    h.create(node('n1'))
    h.create(pvc('data', '1Gi', 'missing'))
    h.create(withClaims(pod('app'), 'data'))
    h.settle(5_000)
    expect(failures(h)[0]).toBe(
      '0/1 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling..',
    )
  })
})
