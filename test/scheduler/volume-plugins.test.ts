// Volume plugins through whole scheduling runs. NodeVolumeLimits (CSILimits): a claim that is not bound yet counts
// against its StorageClass provisioner's attach limit (getCSIDriverInfoFromSC); a volume already attached on the node
// counts once. VolumeBinding: bound local PVs pinned to hostnames give a PreFilterResult (GetEligibleNodes).
import {describe, expect, it} from 'vitest'
import type {KubeObject} from '../../src/api/types.js'
import {Harness, node, pod} from './harness.js'

const BOUND = {'pv.kubernetes.io/bind-completed': 'yes', 'pv.kubernetes.io/bound-by-controller': 'yes'}

function pv(name: string, handle: string, claim: string): KubeObject {
  return {apiVersion: 'v1', kind: 'PersistentVolume', metadata: {name},
    spec: {capacity: {storage: '10Gi'}, accessModes: ['ReadWriteOnce'], storageClassName: 'ebs-sc', csi: {driver: 'ebs.csi.aws.com', volumeHandle: handle},
      claimRef: {kind: 'PersistentVolumeClaim', namespace: 'default', name: claim}},
    status: {phase: 'Bound'}}
}

function pvc(name: string, volumeName?: string): KubeObject {
  return {apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: {name, namespace: 'default', ...(volumeName ? {annotations: BOUND} : {})},
    spec: {accessModes: ['ReadWriteOnce'], resources: {requests: {storage: '10Gi'}}, storageClassName: 'ebs-sc', ...(volumeName ? {volumeName} : {})},
    status: {phase: volumeName ? 'Bound' : 'Pending'}}
}

function withClaim(p: KubeObject, claim: string): KubeObject {
  p.spec.volumes = [{name: 'data', persistentVolumeClaim: {claimName: claim}}]
  return p
}

function cluster(limit: number): Harness {
  const h = new Harness()
  h.create(node('n1'))
  h.create({apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: {name: 'ebs-sc'}, provisioner: 'ebs.csi.aws.com', volumeBindingMode: 'WaitForFirstConsumer'})
  h.create({apiVersion: 'storage.k8s.io/v1', kind: 'CSINode', metadata: {name: 'n1'}, spec: {drivers: [{name: 'ebs.csi.aws.com', nodeID: 'i-1', allocatable: {count: limit}}]}})
  for (const x of ['a', 'b']) {
    h.create(pv(`pv-${x}`, `vol-${x}`, `data-${x}`))
    h.create(pvc(`data-${x}`, `pv-${x}`))
    h.create(withClaim(pod(`db-${x}`, {nodeName: 'n1'}), `data-${x}`))
  }
  return h
}

describe('NodeVolumeLimits', () => {
  it('counts an unbound WaitForFirstConsumer claim against the provisioner driver limit', () => {
    const h = cluster(2)
    h.create(pvc('data-new'))
    h.create(withClaim(pod('db-new'), 'data-new'))
    h.settle()
    expect(h.pod('default', 'db-new')!.spec.nodeName).toBeUndefined()
    expect(h.events.filter((e) => e.reason === 'FailedScheduling').map((e) => e.message)[0]).toBe(
      '0/1 nodes are available: 1 node(s) exceed max volume count. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod..',
    )
  })

  it('does not count a volume already attached on the node again', () => {
    const h = cluster(2)
    h.create(withClaim(pod('db-c'), 'data-b'))
    h.settle()
    expect(h.pod('default', 'db-c')!.spec.nodeName).toBe('n1')
  })
})

function localPV(name: string, host: string, claim: string): KubeObject {
  return {apiVersion: 'v1', kind: 'PersistentVolume', metadata: {name},
    spec: {capacity: {storage: '10Gi'}, accessModes: ['ReadWriteOnce'], storageClassName: 'local', local: {path: '/mnt/' + name},
      nodeAffinity: {required: {nodeSelectorTerms: [{matchExpressions: [{key: 'kubernetes.io/hostname', operator: 'In', values: [host]}]}]}},
      claimRef: {kind: 'PersistentVolumeClaim', namespace: 'default', name: claim}},
    status: {phase: 'Bound'}}
}

describe('VolumeBinding eligible nodes', () => {
  function setup(): Harness {
    const h = new Harness()
    for (const n of ['n1', 'n2', 'n3']) h.create(node(n))
    h.create({apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: {name: 'local'}, provisioner: 'kubernetes.io/no-provisioner', volumeBindingMode: 'WaitForFirstConsumer'})
    for (const [pvName, host, claim] of [['lpv-1', 'n1', 'c1'], ['lpv-2', 'n2', 'c2']]) {
      h.create(localPV(pvName, host, claim))
      const c = pvc(claim, pvName)
      c.spec.storageClassName = 'local'
      h.create(c)
    }
    return h
  }

  it('nodes outside the local PV\'s hostnames are not filtered but rejected by the PreFilterResult', () => {
    const h = setup()
    h.create(pod('hog', {nodeName: 'n2', cpu: '3500m'}))
    h.create(withClaim(pod('app', {cpu: '1'}), 'c2'))
    h.settle()
    expect(h.events.filter((e) => e.reason === 'FailedScheduling').map((e) => e.message)[0]).toBe(
      "0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't satisfy plugin(s) [VolumeBinding]. preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling..",
    )
  })

  it('claims pinned to different nodes leave no eligible node', () => {
    const h = setup()
    const p = pod('app')
    p.spec.volumes = [{name: 'a', persistentVolumeClaim: {claimName: 'c1'}}, {name: 'b', persistentVolumeClaim: {claimName: 'c2'}}]
    h.create(p)
    h.settle()
    expect(h.events.filter((e) => e.reason === 'FailedScheduling').map((e) => e.message)[0]).toBe(
      "0/3 nodes are available: node(s) didn't satisfy plugin VolumeBinding. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling..",
    )
  })
})

describe('VolumeBinding lost claims', () => {
  it('a claim whose volume is gone (phase Lost) fails PreFilter', () => {
    const h = new Harness()
    h.create(node('n1'))
    const c = pvc('orphan', 'pv-gone')
    c.status.phase = 'Lost'
    h.create(c)
    h.create(withClaim(pod('app'), 'orphan'))
    h.settle()
    expect(h.events.filter((e) => e.reason === 'FailedScheduling').map((e) => e.message)[0]).toBe(
      '0/1 nodes are available: persistentvolumeclaim "orphan" bound to non-existent persistentvolume "pv-gone". preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling..',
    )
  })
})
