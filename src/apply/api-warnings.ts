// The `Warning:` lines the API server returns with a create or update (pkg/api/pod/warnings.go,
// pkg/api/persistentvolumeclaim and persistentvolume util.go, pkg/api/node/util.go): deprecated node labels,
// annotations and volume plugins, fractional byte values, env entries that hide earlier ones.
import {canonicalQuantity, parseQuantity} from '../api/quantity.js'
import type {KubeObject} from '../api/types.js'

const DEPRECATED_NODE_LABELS: Record<string, string> = {
  'beta.kubernetes.io/arch': 'deprecated since v1.14; use "kubernetes.io/arch" instead',
  'beta.kubernetes.io/os': 'deprecated since v1.14; use "kubernetes.io/os" instead',
  'failure-domain.beta.kubernetes.io/region': 'deprecated since v1.17; use "topology.kubernetes.io/region" instead',
  'failure-domain.beta.kubernetes.io/zone': 'deprecated since v1.17; use "topology.kubernetes.io/zone" instead',
  'beta.kubernetes.io/instance-type': 'deprecated since v1.17; use "node.kubernetes.io/instance-type" instead',
}

const DEPRECATED_ANNOTATIONS: [string, string][] = [
  ['scheduler.alpha.kubernetes.io/critical-pod', 'non-functional in v1.16+; use the "priorityClassName" field instead'],
  ['security.alpha.kubernetes.io/sysctls', 'non-functional in v1.11+; use the "sysctls" field instead'],
  ['security.alpha.kubernetes.io/unsafe-sysctls', 'non-functional in v1.11+; use the "sysctls" field instead'],
]

const DEPRECATED_VOLUMES: [string, string][] = [
  ['photonPersistentDisk', 'deprecated in v1.11, non-functional in v1.16+'],
  ['gitRepo', 'deprecated in v1.11'],
  ['scaleIO', 'deprecated in v1.16, non-functional in v1.22+'],
  ['flocker', 'deprecated in v1.22, non-functional in v1.25+'],
  ['storageos', 'deprecated in v1.22, non-functional in v1.25+'],
  ['quobyte', 'deprecated in v1.22, non-functional in v1.25+'],
  ['glusterfs', 'deprecated in v1.25, non-functional in v1.26+'],
  ['cephfs', 'deprecated in v1.28, non-functional in v1.31+'],
  ['rbd', 'deprecated in v1.28, non-functional in v1.31+'],
]

const BETA_STORAGE_CLASS = 'volume.beta.kubernetes.io/storage-class'

const join = (prefix: string, path: string) => (prefix ? `${prefix}.${path}` : path)

function fractionalBytes(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined
  const q = parseQuantity(v as string)
  // milli-value not a multiple of 1000: a fraction of a byte (printed canonically, as Quantity.String())
  return q && q.nanos % 1_000_000_000n !== 0n ? (canonicalQuantity(v as string) ?? String(v)) : undefined
}

function nodeSelectorTermWarnings(term: any, path: string): string[] {
  const out: string[] = []
  ;(term?.matchExpressions ?? []).forEach((e: any, i: number) => {
    const msg = DEPRECATED_NODE_LABELS[e?.key]
    if (msg) out.push(`${path}.matchExpressions[${i}].key: ${e.key} is ${msg}`)
  })
  return out
}

/** warningsForPodSpecAndMeta; `prefix` is the template's path ('' for a pod). */
export function podWarnings(spec: any, meta: any, prefix: string): string[] {
  const out: string[] = []
  const s = (p: string) => join(prefix, `spec.${p}`)
  for (const k of Object.keys(spec?.nodeSelector ?? {})) if (DEPRECATED_NODE_LABELS[k]) out.push(`${s(`nodeSelector[${k}]`)}: ${DEPRECATED_NODE_LABELS[k]}`)
  const na = spec?.affinity?.nodeAffinity
  ;(na?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? []).forEach((t: any, i: number) =>
    out.push(...nodeSelectorTermWarnings(t, s(`affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[${i}]`))))
  ;(na?.preferredDuringSchedulingIgnoredDuringExecution ?? []).forEach((t: any, i: number) =>
    out.push(...nodeSelectorTermWarnings(t?.preference, s(`affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[${i}].preference`))))
  ;(spec?.topologySpreadConstraints ?? []).forEach((t: any, i: number) => {
    const msg = DEPRECATED_NODE_LABELS[t?.topologyKey]
    if (msg) out.push(`${s(`topologySpreadConstraints[${i}].topologyKey`)}: ${t.topologyKey} is ${msg}`)
    if (!t?.labelSelector) out.push(`${s(`topologySpreadConstraints[${i}].labelSelector`)}: a null labelSelector results in matching no pod`)
  })
  const annotations = meta?.annotations ?? {}
  for (const [key, msg] of DEPRECATED_ANNOTATIONS) if (key in annotations) out.push(`${join(prefix, `metadata.annotations[${key}]`)}: ${msg}`)
  ;(spec?.volumes ?? []).forEach((v: any, i: number) => {
    for (const [field, msg] of DEPRECATED_VOLUMES) if (v?.[field]) out.push(`${s(`volumes[${i}].${field === 'storageos' ? 'storageOS' : field}`)}: ${msg}`)
  })
  if (!spec?.securityContext?.seccompProfile && 'seccomp.security.alpha.kubernetes.io/pod' in annotations) {
    out.push(`${join(prefix, 'metadata.annotations[seccomp.security.alpha.kubernetes.io/pod]')}: non-functional in v1.27+; use the "seccompProfile" field instead`)
  }
  const lists: [string, any[]][] = [['containers', spec?.containers ?? []], ['initContainers', spec?.initContainers ?? []], ['ephemeralContainers', spec?.ephemeralContainers ?? []]]
  for (const [list, containers] of lists) {
    containers.forEach((c: any, ci: number) => {
      const p = s(`${list}[${ci}]`)
      const key = `container.seccomp.security.alpha.kubernetes.io/${c?.name}`
      if (!c?.securityContext?.seccompProfile && key in annotations) out.push(`${join(prefix, `metadata.annotations[${key}]`)}: non-functional in v1.27+; use the "seccompProfile" field instead`)
      const aa = `container.apparmor.security.beta.kubernetes.io/${c?.name}`
      if (prefix && !spec?.securityContext?.appArmorProfile && !c?.securityContext?.appArmorProfile && aa in annotations) {
        out.push(`${join(prefix, `metadata.annotations[${aa}]`)}: deprecated since v1.30; use the "appArmorProfile" field instead`)
      }
      for (const [kind, res] of [['limits', 'memory'], ['requests', 'memory'], ['limits', 'ephemeral-storage'], ['requests', 'ephemeral-storage']]) {
        const v = fractionalBytes(c?.resources?.[kind]?.[res])
        if (v) out.push(`${p}.resources.${kind}[${res}]: fractional byte value "${v}" is invalid, must be an integer`)
      }
      const seen = new Set<string>()
      ;(c?.env ?? []).forEach((e: any, i: number) => {
        if (!seen.has(e?.name)) return void seen.add(e?.name)
        const ref = `$(${e.name})`
        const value = String(e.value ?? '')
        if (e.valueFrom || value === ref || !value.includes(ref)) out.push(`${p}.env[${i}]: hides previous definition of "${e.name}", which may be dropped when using apply`)
      })
    })
  }
  return out
}

function templateOf(o: KubeObject): [any, string] | undefined {
  switch (o.kind) {
    case 'Deployment': case 'ReplicaSet': case 'StatefulSet': case 'DaemonSet': case 'Job': case 'ReplicationController': case 'PodTemplate':
      return o.kind === 'PodTemplate' ? [(o as any).template, 'template'] : [o.spec?.template, 'spec.template']
    case 'CronJob':
      return [o.spec?.jobTemplate?.spec?.template, 'spec.jobTemplate.spec.template']
  }
  return undefined
}

/** The warnings the API server returns when this object is created or updated. */
export function apiWarnings(o: KubeObject): string[] {
  if (o.kind === 'Pod') return podWarnings(o.spec, o.metadata, '')
  const t = templateOf(o)
  if (t) return t[0] ? podWarnings(t[0].spec, t[0].metadata, t[1]) : []
  if (o.kind === 'PersistentVolumeClaim' || o.kind === 'PersistentVolume') {
    const out: string[] = []
    if (o.kind === 'PersistentVolumeClaim') {
      const v = fractionalBytes(o.spec?.resources?.requests?.storage)
      if (v) out.push(`spec.resources.requests[storage]: fractional byte value "${v}" is invalid, must be an integer`)
    }
    if (o.metadata?.annotations && BETA_STORAGE_CLASS in o.metadata.annotations) {
      out.push(`metadata.annotations[${BETA_STORAGE_CLASS}]: deprecated since v1.8; use "storageClassName" attribute instead`)
    }
    return out
  }
  return []
}
