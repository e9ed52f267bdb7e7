// ServiceAccount (plugin/pkg/admission/serviceaccount): a pod runs as `default` unless it names an account, the
// account must exist, and (unless automount is off) the pod gets the kube-api-access-xxxxx projected volume
// mounted read-only in every container (kubectl.md §6.2).
import {objectKey} from '../../api/store/keys.js'
import type {ObjectStore} from '../../api/store/store.js'
import type {KubeObject} from '../../api/types.js'
import {hashString, SeededRandom} from '../../clock/random.js'
import {forbidden} from './errors.js'

export const TOKEN_MOUNT_PATH = '/var/run/secrets/kubernetes.io/serviceaccount'
export const TOKEN_VOLUME_PREFIX = 'kube-api-access-'

export function serviceAccount(op: 'CREATE' | 'UPDATE', pod: KubeObject, store: ObjectStore, rng?: SeededRandom): void {
  if (op !== 'CREATE' || pod.kind !== 'Pod') return
  // mirror pods (static pods) are left alone
  if (pod.metadata.annotations?.['kubernetes.io/config.mirror'] !== undefined) return
  const spec = (pod.spec ??= {})
  const ns = pod.metadata.namespace ?? 'default'
  const name: string = spec.serviceAccountName || spec.serviceAccount || 'default'
  spec.serviceAccountName = name
  spec.serviceAccount = name
  const sa = store.get(objectKey('', 'ServiceAccount', ns, name))
  // the serviceaccount controller creates `default` as soon as a namespace exists; do not fail on that race
  if (!sa && name !== 'default') {
    throw forbidden(pod, `error looking up service account ${ns}/${name}: serviceaccount "${name}" not found`)
  }
  if (!(spec.imagePullSecrets ?? []).length && (sa?.imagePullSecrets ?? []).length) {
    spec.imagePullSecrets = sa!.imagePullSecrets.map((s: any) => ({name: s.name}))
  }
  const automount = spec.automountServiceAccountToken ?? sa?.automountServiceAccountToken ?? true
  if (!automount) return
  const containers: any[] = [...(spec.initContainers ?? []), ...(spec.containers ?? [])]
  const needs = containers.filter((c) => !(c.volumeMounts ?? []).some((m: any) => m.mountPath === TOKEN_MOUNT_PATH))
  if (needs.length === 0) return
  let volName = (spec.volumes ?? []).find((v: any) => v.name?.startsWith(TOKEN_VOLUME_PREFIX))?.name
  if (!volName) {
    // names.SimpleNameGenerator: 5 random characters; drawn from the pod's seeded identity when no rng is given
    const r = rng ?? new SeededRandom(hashString(`${ns}/${pod.metadata.name}/${pod.metadata.uid ?? ''}`))
    volName = TOKEN_VOLUME_PREFIX + r.nameSuffix(5)
    spec.volumes = [...(spec.volumes ?? []), tokenVolume(volName)]
  }
  for (const c of needs) c.volumeMounts = [...(c.volumeMounts ?? []), {mountPath: TOKEN_MOUNT_PATH, name: volName, readOnly: true}]
}

function tokenVolume(name: string): any {
  return {
    name,
    projected: {
      defaultMode: 420,
      sources: [
        {serviceAccountToken: {expirationSeconds: 3607, path: 'token'}},
        {configMap: {items: [{key: 'ca.crt', path: 'ca.crt'}], name: 'kube-root-ca.crt'}},
        {downwardAPI: {items: [{fieldRef: {apiVersion: 'v1', fieldPath: 'metadata.namespace'}, path: 'namespace'}]}},
      ],
    },
  }
}
