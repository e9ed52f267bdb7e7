// The PV controller cases real-world manifests hit: a claim pre-bound to a volume of another class, claims waiting
// on a pod that is not scheduled, in-tree provisioners (migrated to CSI, or gone).
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
    event(o: KubeObject, type: string, reason: string, message: string) {
      events.push(`${o.kind}/${o.metadata.name} ${type} ${reason}: ${message}`)
    },
  }
  store.create(standardStorageClass({uid: 'sc-1', creationTimestamp: '2026-01-01T00:00:00Z'}))
  const c = createPersistentVolumeController()
  c.start({store, clock, rng: new SeededRandom('pv'), events: recorder as any, registry: new ResourceRegistry()})
  const run = () => {
    while (clock.runNext(clock.now())) {}
  }
  const pvc = (name: string, spec: any = {}, annotations?: Record<string, string>): KubeObject =>
    store.create({apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: {name, namespace: 'default', uid: `uid-${name}`, annotations},
      spec: {accessModes: ['ReadWriteOnce'], resources: {requests: {storage: '1Gi'}}, volumeMode: 'Filesystem', ...spec}})
  const sc = (name: string, provisioner: string) =>
    store.create({apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: {name, uid: `uid-${name}`}, provisioner})
  return {store, events, run, pvc, sc, get: (k: string) => store.get(k)!}
}

describe('persistentvolume controller: real-world cases', () => {
  it('a claim pre-bound to a volume of another class stays Pending with VolumeMismatch; the volume stays Available', () => {
    const h = setup()
    h.store.create({apiVersion: 'v1', kind: 'PersistentVolume', metadata: {name: 'my-pv', uid: 'uid-pv'},
      spec: {accessModes: ['ReadOnlyMany'], capacity: {storage: '1Gi'}, hostPath: {path: '/m'}, persistentVolumeReclaimPolicy: 'Retain'}})
    h.pvc('my-pvc', {accessModes: ['ReadOnlyMany'], storageClassName: 'standard', volumeName: 'my-pv'})
    h.run()
    expect(h.get('/PersistentVolumeClaim/default/my-pvc').status?.phase).toBe('Pending')
    expect(h.get('/PersistentVolume//my-pv').status?.phase).toBe('Available')
    expect(h.events).toContain('PersistentVolumeClaim/my-pvc Warning VolumeMismatch: Cannot bind to requested volume "my-pv": storageClassName does not match')
  })

  it('a WaitForFirstConsumer claim names the pod that waits for scheduling', () => {
    const h = setup()
    h.pvc('data', {storageClassName: 'standard'})
    h.run()
    h.store.create({apiVersion: 'v1', kind: 'Pod', metadata: {name: 'app-0', namespace: 'default', uid: 'uid-app-0'},
      spec: {containers: [{name: 'c', image: 'x'}], volumes: [{name: 'd', persistentVolumeClaim: {claimName: 'data'}}]}})
    h.run()
    expect(h.events).toEqual([
      'PersistentVolumeClaim/data Normal WaitForFirstConsumer: waiting for first consumer to be created before binding',
      'PersistentVolumeClaim/data Normal WaitForPodScheduled: waiting for pod app-0 to be scheduled',
    ])
  })

  it('an in-tree provisioner is handed to its CSI driver; one with no plugin left fails', () => {
    const h = setup()
    h.sc('gp2', 'kubernetes.io/aws-ebs')
    h.sc('gluster', 'kubernetes.io/glusterfs')
    h.pvc('a', {storageClassName: 'gp2'})
    h.pvc('b', {storageClassName: 'gluster'})
    h.run()
    expect(h.events).toContain("PersistentVolumeClaim/a Normal ExternalProvisioning: Waiting for a volume to be created either by the external provisioner 'ebs.csi.aws.com' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.")
    expect(h.get('/PersistentVolumeClaim/default/a').metadata.annotations?.['volume.kubernetes.io/storage-provisioner']).toBe('ebs.csi.aws.com')
    expect(h.events).toContain('PersistentVolumeClaim/b Warning ProvisioningFailed: no volume plugin matched name: kubernetes.io/glusterfs')
  })

  it('the beta storage-class annotation names the class even when storageClassName is set', () => {
    const h = setup()
    h.pvc('c', {storageClassName: 'standard'}, {'volume.beta.kubernetes.io/storage-class': 'fast'})
    h.run()
    expect(h.events).toEqual(['PersistentVolumeClaim/c Warning ProvisioningFailed: storageclass.storage.k8s.io "fast" not found'])
  })
})
