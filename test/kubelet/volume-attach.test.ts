// In-tree block volumes are CSI-migrated in 1.32: without the CSI driver nothing attaches them.
import {describe, expect, it} from 'vitest'
import {ObjectStore} from '../../src/api/store/store.js'
import {failedAttachMessage, failedMountMessage, inlineCSIMountError, removedPluginMountError, unattachedVolumes} from '../../src/kubelet/volume-attach.js'

const pod = (volumes: any[]) => ({apiVersion: 'v1', kind: 'Pod', metadata: {name: 'p', namespace: 'default'}, spec: {containers: [], volumes}})

describe('unattachedVolumes', () => {
  it('names the CSI driver an inline cinder volume needs, and the kubelet message', () => {
    const store = new ObjectStore()
    const p = pod([{name: 'data', cinder: {volumeID: 'vol-1', fsType: 'ext4'}}, {name: 'kube-api-access-abcde', projected: {sources: []}}])
    const u = unattachedVolumes(store, p)
    expect(u).toEqual([{name: 'data', driver: 'cinder.csi.openstack.org', handle: 'vol-1', specName: 'cinder.csi.openstack.org-vol-1'}])
    expect(failedAttachMessage(u[0])).toBe('AttachVolume.Attach failed for volume "cinder.csi.openstack.org-vol-1" : timed out waiting for external-attacher of cinder.csi.openstack.org CSI driver to attach volume vol-1')
    expect(failedMountMessage(u)).toBe('Unable to attach or mount volumes: unmounted volumes=[data], unattached volumes=[data], failed to process volumes=[]: context deadline exceeded')
  })

  it('follows a bound claim to its volume; an installed CSIDriver attaches it', () => {
    const store = new ObjectStore()
    store.create({apiVersion: 'v1', kind: 'PersistentVolume', metadata: {name: 'pv'}, spec: {awsElasticBlockStore: {volumeID: 'vol-9'}}})
    store.create({apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: {name: 'c', namespace: 'default'}, spec: {volumeName: 'pv'}})
    const p = pod([{name: 'd', persistentVolumeClaim: {claimName: 'c'}}])
    expect(unattachedVolumes(store, p)).toEqual([{name: 'd', driver: 'ebs.csi.aws.com', handle: 'vol-9', specName: 'pv'}])
    store.create({apiVersion: 'storage.k8s.io/v1', kind: 'CSIDriver', metadata: {name: 'ebs.csi.aws.com'}, spec: {}})
    expect(unattachedVolumes(store, p)).toEqual([])
  })

  it('an inline CSI volume of a driver without CSIDriver object cannot be mounted', () => {
    const store = new ObjectStore()
    const p = pod([{name: 'secrets', csi: {driver: 'secrets-store.csi.k8s.io', readOnly: true}}])
    expect(unattachedVolumes(store, p)).toEqual([])
    expect(inlineCSIMountError(store, p)).toBe('MountVolume.NewMounter initialization failed for volume "secrets" : volume mode "Ephemeral" not supported by driver secrets-store.csi.k8s.io (no CSIDriver object)')
  })

  it('a volume type whose plugin was removed is never mounted', () => {
    const store = new ObjectStore()
    const p = pod([{name: 'gv', glusterfs: {endpoints: 'glusterfs-cluster', path: 'kube_vol'}}])
    expect(removedPluginMountError(store, p)).toBe('Unable to attach or mount volumes: unmounted volumes=[gv], unattached volumes=[], failed to process volumes=[gv]: failed to get Plugin from volumeSpec for volume "gv" err=no volume plugin matched')
  })
})
