// The default StorageClass of a k8sim cluster, as kind installs it (CLI.md §1): local-path volumes provisioned on
// demand once the scheduler picked a node.
import type {KubeObject} from '../../api/types.js'

export const LOCAL_PATH_PROVISIONER = 'rancher.io/local-path'

export function standardStorageClass(meta: {uid: string; creationTimestamp: string}): KubeObject {
  return {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: {
      annotations: {'storageclass.kubernetes.io/is-default-class': 'true'},
      name: 'standard',
      uid: meta.uid,
      creationTimestamp: meta.creationTimestamp,
    },
    provisioner: LOCAL_PATH_PROVISIONER,
    reclaimPolicy: 'Delete',
    volumeBindingMode: 'WaitForFirstConsumer',
  }
}
