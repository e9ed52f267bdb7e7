import {describe, expect, it} from 'vitest'
import {ResourceRegistry} from '../../../src/api/resources.js'
import {ObjectStore} from '../../../src/api/store/store.js'
import type {KubeObject} from '../../../src/api/types.js'
import {VirtualClock} from '../../../src/clock/clock.js'
import {SeededRandom} from '../../../src/clock/random.js'
import {createPersistentVolumeController, standardStorageClass} from '../../../src/controllers/persistentvolume/index.js'

function setup() {
  const store = new ObjectStore()
  const clock = new VirtualClock(Date.parse('2026-01-01T00:00:00Z'))
  const events: string[] = []
  const recorder = {
    event(o: KubeObject, type: string, reason: string, message: string, source: {component: string}) {
      events.push(`${o.kind}/${o.metadata.name} ${type} ${reason} [${source.component.split('_')[0]}] ${message}`)
    },
  }
  store.create(standardStorageClass({uid: 'sc-1', creationTimestamp: '2026-01-01T00:00:00Z'}))
  store.create({apiVersion: 'v1', kind: 'Node', metadata: {name: 'node-1', labels: {'kubernetes.io/hostname': 'node-1'}}})
  const c = createPersistentVolumeController()
  c.start({store, clock, rng: new SeededRandom('pv'), events: recorder as any, registry: new ResourceRegistry()})
  const run = () => {
    while (clock.runNext(clock.now())) {}
  }
  const pvc = (name: string, spec: any = {}, annotations?: Record<string, string>): KubeObject =>
    store.create({apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: {name, namespace: 'default', uid: `uid-${name}`, annotations},
      spec: {accessModes: ['ReadWriteOnce'], resources: {requests: {storage: '1Gi'}}, volumeMode: 'Filesystem', storageClassName: 'standard', ...spec}})
  const pv = (name: string, spec: any = {}): KubeObject =>
    store.create({apiVersion: 'v1', kind: 'PersistentVolume', metadata: {name, uid: `uid-${name}`},
      spec: {accessModes: ['ReadWriteOnce'], capacity: {storage: '5Gi'}, hostPath: {path: '/data'}, persistentVolumeReclaimPolicy: 'Retain', ...spec}})
  return {store, clock, events, run, pvc, pv, get: (k: string) => store.get(k)!}
}

describe('persistentvolume controller', () => {
  it('WaitForFirstConsumer: waits, then provisions a local-path volume on the selected node', () => {
    const h = setup()
    h.pvc('data')
    h.run()
    expect(h.get('/PersistentVolumeClaim/default/data').status).toEqual({phase: 'Pending'})
    expect(h.events).toEqual(['PersistentVolumeClaim/data Normal WaitForFirstConsumer [persistentvolume-controller] waiting for first consumer to be created before binding'])
    // the scheduler picks node-1
    const c = structuredClone(h.get('/PersistentVolumeClaim/default/data'))
    c.metadata.annotations = {'volume.kubernetes.io/selected-node': 'node-1'}
    h.store.update(c)
    h.run()
    expect(h.events.slice(1)).toEqual([
      "PersistentVolumeClaim/data Normal ExternalProvisioning [persistentvolume-controller] Waiting for a volume to be created either by the external provisioner 'rancher.io/local-path' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.",
      'PersistentVolumeClaim/data Normal Provisioning [rancher.io/local-path] External provisioner is provisioning volume for claim "default/data"',
      'PersistentVolumeClaim/data Normal ProvisioningSucceeded [rancher.io/local-path] Successfully provisioned volume pvc-uid-data',
    ])
    const claim = h.get('/PersistentVolumeClaim/default/data')
    expect(claim.spec.volumeName).toBe('pvc-uid-data')
    expect(claim.status).toEqual({phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: {storage: '1Gi'}})
    expect(claim.metadata.annotations).toEqual({
      'volume.kubernetes.io/selected-node': 'node-1',
      'volume.beta.kubernetes.io/storage-provisioner': 'rancher.io/local-path',
      'volume.kubernetes.io/storage-provisioner': 'rancher.io/local-path',
      'pv.kubernetes.io/bind-completed': 'yes',
      'pv.kubernetes.io/bound-by-controller': 'yes',
    })
    const vol = h.get('/PersistentVolume//pvc-uid-data')
    expect(vol.status.phase).toBe('Bound')
    expect(vol.spec).toMatchObject({
      storageClassName: 'standard',
      persistentVolumeReclaimPolicy: 'Delete',
      capacity: {storage: '1Gi'},
      hostPath: {path: '/var/local-path-provisioner/pvc-uid-data_default_data', type: 'DirectoryOrCreate'},
      claimRef: {kind: 'PersistentVolumeClaim', name: 'data', namespace: 'default', uid: 'uid-data'},
    })
    expect(vol.spec.nodeAffinity.required.nodeSelectorTerms[0].matchExpressions[0]).toEqual({key: 'kubernetes.io/hostname', operator: 'In', values: ['node-1']})
    // deleting the claim deletes the volume (reclaimPolicy Delete)
    h.store.delete('/PersistentVolumeClaim/default/data')
    h.run()
    expect(h.store.get('/PersistentVolume//pvc-uid-data')).toBeUndefined()
  })

  it('Immediate binding picks the smallest static volume that fits class, size and access mode', () => {
    const h = setup()
    h.store.create({apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: {name: 'manual'}, provisioner: 'kubernetes.io/no-provisioner', volumeBindingMode: 'Immediate'})
    h.pv('big', {storageClassName: 'manual', capacity: {storage: '10Gi'}})
    h.pv('small', {storageClassName: 'manual', capacity: {storage: '2Gi'}})
    h.pv('tiny', {storageClassName: 'manual', capacity: {storage: '500Mi'}})
    h.pv('rox', {storageClassName: 'manual', capacity: {storage: '2Gi'}, accessModes: ['ReadOnlyMany']})
    h.pv('other', {storageClassName: 'fast', capacity: {storage: '1Gi'}})
    h.pvc('claim', {storageClassName: 'manual'})
    h.run()
    expect(h.get('/PersistentVolumeClaim/default/claim').spec.volumeName).toBe('small')
    expect(h.get('/PersistentVolumeClaim/default/claim').status).toEqual({phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: {storage: '2Gi'}})
    expect(h.get('/PersistentVolume//small').status.phase).toBe('Bound')
    expect(h.get('/PersistentVolume//small').metadata.annotations).toEqual({'pv.kubernetes.io/bound-by-controller': 'yes'})
    expect(h.get('/PersistentVolume//big').status.phase).toBe('Available')
    // Retain: the volume is Released when its claim goes
    h.store.delete('/PersistentVolumeClaim/default/claim')
    h.run()
    expect(h.get('/PersistentVolume//small').status.phase).toBe('Released')
  })

  it('binds a claim that names its volume (pre-bound), without bound-by-controller on the claim', () => {
    const h = setup()
    h.pv('mine', {storageClassName: ''})
    h.pvc('c', {storageClassName: '', volumeName: 'mine'})
    h.run()
    const claim = h.get('/PersistentVolumeClaim/default/c')
    expect(claim.status.phase).toBe('Bound')
    expect(claim.metadata.annotations).toEqual({'pv.kubernetes.io/bind-completed': 'yes'})
    expect(h.get('/PersistentVolume//mine').spec.claimRef).toMatchObject({name: 'c', uid: 'uid-c'})
  })

  it('a class whose provisioner does not run here leaves the claim Pending with ExternalProvisioning', () => {
    const h = setup()
    h.store.create({apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: {name: 'gp3'}, provisioner: 'ebs.csi.aws.com', volumeBindingMode: 'Immediate'})
    h.pvc('data', {storageClassName: 'gp3'})
    h.run()
    expect(h.get('/PersistentVolumeClaim/default/data').status.phase).toBe('Pending')
    expect(h.events).toEqual([
      "PersistentVolumeClaim/data Normal ExternalProvisioning [persistentvolume-controller] Waiting for a volume to be created either by the external provisioner 'ebs.csi.aws.com' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.",
    ])
  })

  it('a claim with no class and no volume reports FailedBinding; a new volume then binds', () => {
    const h = setup()
    h.pvc('c', {storageClassName: ''})
    h.run()
    expect(h.events).toEqual(['PersistentVolumeClaim/c Normal FailedBinding [persistentvolume-controller] no persistent volumes available for this claim and no storage class is set'])
    h.pv('late', {storageClassName: ''})
    h.run()
    expect(h.get('/PersistentVolumeClaim/default/c').spec.volumeName).toBe('late')
    expect(h.get('/PersistentVolume//late').status.phase).toBe('Bound')
  })
})
