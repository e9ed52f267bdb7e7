// ConfigMaps and Secrets a container needs before it can be created (pkg/kubelet/kubelet_pods.go
// makeEnvironmentVariables) and volumes need before they can be mounted (configmap/secret volume plugins).
// The messages are the kubelet's.
import type {ObjectStore} from '../api/store/store.js'
import {objectKey} from '../api/store/keys.js'
import type {KubeObject} from '../api/types.js'

function lookup(store: ObjectStore, kind: 'ConfigMap' | 'Secret', ns: string, name: string): KubeObject | undefined {
  return store.get(objectKey('', kind, ns, name))
}

function hasKey(obj: KubeObject, key: string): boolean {
  return (obj.data && key in obj.data) || (obj.binaryData && key in obj.binaryData) || (obj.stringData && key in obj.stringData)
}

/** The CreateContainerConfigError message for a container, or undefined when its env can be built. */
export function containerConfigError(store: ObjectStore, pod: KubeObject, container: any): string | undefined {
  const ns = pod.metadata.namespace ?? 'default'
  for (const from of container.envFrom ?? []) {
    if (from.configMapRef?.name && !lookup(store, 'ConfigMap', ns, from.configMapRef.name) && !from.configMapRef.optional)
      return `configmap "${from.configMapRef.name}" not found`
    if (from.secretRef?.name && !lookup(store, 'Secret', ns, from.secretRef.name) && !from.secretRef.optional)
      return `secret "${from.secretRef.name}" not found`
  }
  for (const env of container.env ?? []) {
    const cm = env.valueFrom?.configMapKeyRef
    if (cm?.name) {
      const obj = lookup(store, 'ConfigMap', ns, cm.name)
      if (!obj) {
        if (!cm.optional) return `configmap "${cm.name}" not found`
      } else if (!hasKey(obj, cm.key) && !cm.optional) return `couldn't find key ${cm.key} in ConfigMap ${ns}/${cm.name}`
    }
    const sec = env.valueFrom?.secretKeyRef
    if (sec?.name) {
      const obj = lookup(store, 'Secret', ns, sec.name)
      if (!obj) {
        if (!sec.optional) return `secret "${sec.name}" not found`
      } else if (!hasKey(obj, sec.key) && !sec.optional) return `couldn't find key ${sec.key} in Secret ${ns}/${sec.name}`
    }
  }
  return undefined
}

function volumeSourceError(store: ObjectStore, ns: string, src: any): string | undefined {
  const cm = src.configMap
  // kube-root-ca.crt is published into every namespace by the root-ca-cert-publisher as soon as it exists
  if (cm?.name && cm.name !== 'kube-root-ca.crt') {
    const obj = lookup(store, 'ConfigMap', ns, cm.name)
    if (!obj) return cm.optional ? undefined : `configmap "${cm.name}" not found`
    for (const it of cm.items ?? []) if (!hasKey(obj, it.key) && !cm.optional) return `configmap references non-existent config key: ${it.key}`
  }
  const sec = src.secret
  const secName = sec?.secretName ?? sec?.name
  if (secName) {
    const obj = lookup(store, 'Secret', ns, secName)
    if (!obj) return sec.optional ? undefined : `secret "${secName}" not found`
    for (const it of sec.items ?? []) if (!hasKey(obj, it.key) && !sec.optional) return `references non-existent secret key: ${it.key}`
  }
  return undefined
}

/** Whether every PersistentVolumeClaim the pod mounts is Bound (the volume manager waits for it otherwise). */
export function claimsBound(store: ObjectStore, pod: KubeObject): boolean {
  const ns = pod.metadata.namespace ?? 'default'
  return (pod.spec?.volumes ?? []).every((v: any) => {
    const claim = v.persistentVolumeClaim?.claimName
    return !claim || store.get(objectKey('', 'PersistentVolumeClaim', ns, claim))?.status?.phase === 'Bound'
  })
}

/** The first volume that cannot be set up: the FailedMount event's `MountVolume.SetUp failed ...` message. */
export function volumeMountError(store: ObjectStore, pod: KubeObject): string | undefined {
  const ns = pod.metadata.namespace ?? 'default'
  for (const v of pod.spec?.volumes ?? []) {
    let err = volumeSourceError(store, ns, v)
    for (const s of v.projected?.sources ?? []) {
      if (err) break
      err = volumeSourceError(store, ns, {configMap: s.configMap, secret: s.secret})
    }
    if (err) return `MountVolume.SetUp failed for volume "${v.name}" : ${err}`
  }
  return undefined
}
