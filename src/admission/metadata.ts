// What the registry does to metadata around create and update (k8s.io/apiserver rest.BeforeCreate /
// BeforeUpdate and each kind's strategy PrepareForCreate / PrepareForUpdate), and kubectl apply's
// last-applied-configuration annotation.

import {parseQuantity} from '../api/quantity.js'
import type {KubeObject} from '../api/types.js'
import {generateJobSelector} from './defaults/workloads.js'

export const LAST_APPLIED_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration'

/** Built-in kinds whose strategy sets metadata.generation (pods have none in v1.32, nor HPAs before 1.35). */
const GENERATION_KINDS = new Set([
  'apps/Deployment', 'apps/ReplicaSet', 'apps/StatefulSet', 'apps/DaemonSet', '/ReplicationController', 'batch/Job',
  'batch/CronJob', 'policy/PodDisruptionBudget', 'networking.k8s.io/Ingress', 'networking.k8s.io/IngressClass',
  'networking.k8s.io/NetworkPolicy', 'discovery.k8s.io/EndpointSlice', 'scheduling.k8s.io/PriorityClass',
  'apiextensions.k8s.io/CustomResourceDefinition', 'admissionregistration.k8s.io/ValidatingWebhookConfiguration',
  'admissionregistration.k8s.io/MutatingWebhookConfiguration',
])

/** API groups served by Kubernetes itself; kinds of other groups are custom resources (which have generation). */
const BUILTIN_GROUPS = new Set([
  '', 'apps', 'batch', 'autoscaling', 'policy', 'networking.k8s.io', 'discovery.k8s.io', 'storage.k8s.io',
  'scheduling.k8s.io', 'rbac.authorization.k8s.io', 'apiextensions.k8s.io', 'coordination.k8s.io', 'events.k8s.io',
  'admissionregistration.k8s.io', 'node.k8s.io', 'certificates.k8s.io', 'flowcontrol.apiserver.k8s.io',
  'apiregistration.k8s.io', 'resource.k8s.io', 'storagemigration.k8s.io', 'authentication.k8s.io', 'authorization.k8s.io',
])

/** Kinds whose create request may not set status (the strategy resets it; controllers fill it). */
const STATUS_RESET_KINDS = new Set([
  'apps/Deployment', 'apps/ReplicaSet', 'apps/StatefulSet', 'apps/DaemonSet', '/ReplicationController', 'batch/Job',
  'batch/CronJob', 'policy/PodDisruptionBudget', 'autoscaling/HorizontalPodAutoscaler', 'networking.k8s.io/Ingress',
])

function groupKind(obj: KubeObject): string {
  const av = typeof obj.apiVersion === 'string' ? obj.apiVersion : ''
  const i = av.indexOf('/')
  return `${i < 0 ? '' : av.slice(0, i)}/${obj.kind}`
}

export function hasGeneration(obj: KubeObject): boolean {
  const gk = groupKind(obj)
  return GENERATION_KINDS.has(gk) || !BUILTIN_GROUPS.has(gk.slice(0, gk.lastIndexOf('/')))
}

/** qos.GetPodQOS: Guaranteed, Burstable or BestEffort from the cpu/memory requests and limits. */
export function podQOSClass(pod: KubeObject): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  const requests = new Map<string, bigint>()
  const limits = new Map<string, bigint>()
  let guaranteed = true
  const containers = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])]
  for (const c of containers) {
    const res = c?.resources ?? {}
    for (const [name, q] of Object.entries(res.requests ?? {})) {
      if (name !== 'cpu' && name !== 'memory') continue
      const n = (typeof q === 'string' || typeof q === 'number' ? parseQuantity(q)?.nanos : undefined) ?? 0n
      if (n !== 0n) requests.set(name, (requests.get(name) ?? 0n) + n)
    }
    const found = new Set<string>()
    for (const [name, q] of Object.entries(res.limits ?? {})) {
      if (name !== 'cpu' && name !== 'memory') continue
      const n = (typeof q === 'string' || typeof q === 'number' ? parseQuantity(q)?.nanos : undefined) ?? 0n
      if (n !== 0n) {
        found.add(name)
        limits.set(name, (limits.get(name) ?? 0n) + n)
      }
    }
    if (!(found.has('cpu') && found.has('memory'))) guaranteed = false
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort'
  if (guaranteed) {
    for (const [name, req] of requests) {
      if (limits.get(name) !== req) {
        guaranteed = false
        break
      }
    }
  }
  return guaranteed && requests.size === limits.size ? 'Guaranteed' : 'Burstable'
}

/**
 * The pod strategy's mutatePodAffinity (pkg/registry/core/pod/strategy.go, MatchLabelKeysInPodAffinity: beta and on
 * by default in v1.31+): every pod (anti-)affinity term, required or preferred, that has a labelSelector gets
 * `key In [value]` for each matchLabelKeys key and `key NotIn [value]` for each mismatchLabelKeys key the pod has as
 * a label, appended to labelSelector.matchExpressions at creation. The scheduler only reads the merged selector.
 */
function mutatePodAffinity(pod: KubeObject): void {
  const labels: Record<string, string> = pod.metadata?.labels ?? {}
  const apply = (term: any) => {
    if (!term || !term.labelSelector) return // a nil selector matches nothing; nothing to merge into
    const match: string[] = term.matchLabelKeys ?? []
    const mismatch: string[] = term.mismatchLabelKeys ?? []
    if (match.length === 0 && mismatch.length === 0) return
    const exprs: any[] = (term.labelSelector.matchExpressions ??= [])
    for (const key of match) if (key in labels) exprs.push({key, operator: 'In', values: [labels[key]]})
    for (const key of mismatch) if (key in labels) exprs.push({key, operator: 'NotIn', values: [labels[key]]})
  }
  for (const kind of ['podAffinity', 'podAntiAffinity']) {
    const a = pod.spec?.affinity?.[kind]
    if (!a) continue
    for (const t of a.requiredDuringSchedulingIgnoredDuringExecution ?? []) apply(t)
    for (const w of a.preferredDuringSchedulingIgnoredDuringExecution ?? []) apply(w?.podAffinityTerm)
  }
}

export interface PrepareCreateContext {
  nowRFC3339: string
  uid: string
  /** keep uid, creationTimestamp, generation and status already on the object (cluster import) */
  preserve?: boolean
}

/**
 * BeforeCreate + PrepareForCreate: uid, creationTimestamp, generation 1 for kinds that have one, fresh status
 * (pods: Pending with their QoS class), the Job's generated selector. Filling metadata.namespace is the caller's.
 */
export function prepareCreate(obj: KubeObject, ctx: PrepareCreateContext): void {
  const meta = (obj.metadata ??= {})
  const keep = ctx.preserve === true
  if (!keep || !meta.uid) meta.uid = ctx.uid
  if (!keep || !meta.creationTimestamp) meta.creationTimestamp = ctx.nowRFC3339
  if (!keep) {
    delete meta.deletionTimestamp
    delete meta.deletionGracePeriodSeconds
    delete meta.resourceVersion
  }
  if (hasGeneration(obj)) {
    if (!keep || typeof meta.generation !== 'number') meta.generation = 1
  } else if (!keep) {
    delete meta.generation
  }
  const gk = groupKind(obj)
  if (!keep) {
    if (STATUS_RESET_KINDS.has(gk)) obj.status = {}
    else if (gk === '/Service') obj.status = {loadBalancer: {}}
    else if (gk === '/Pod') {
      obj.status = {phase: 'Pending', qosClass: podQOSClass(obj)}
      mutatePodAffinity(obj)
    }
  } else if (gk === '/Pod') {
    obj.status ??= {phase: 'Pending'}
    obj.status.qosClass ??= podQOSClass(obj)
  }
  if (gk === 'batch/Job') {
    generateJobSelector(obj as Record<string, any>)
    // SetDefaults_Job runs again whenever the stored Job is decoded: a Job that still has no labels then takes
    // its template's labels, generated ones included (what `kubectl get job -o yaml` shows)
    const tplLabels = obj.spec?.template?.metadata?.labels
    if (tplLabels && Object.keys(meta.labels ?? {}).length === 0) meta.labels = {...tplLabels}
  }
}

function semanticJSON(v: unknown): string {
  return JSON.stringify(v ?? null, (_k, x) => {
    if (x && typeof x === 'object' && !Array.isArray(x)) {
      const out: Record<string, unknown> = {}
      for (const k of Object.keys(x).sort()) {
        const y = x[k]
        // nil and empty compare equal (apiequality.Semantic)
        if (y === undefined || y === null || (Array.isArray(y) && y.length === 0) || (typeof y === 'object' && !Array.isArray(y) && Object.keys(y).length === 0)) continue
        out[k] = y
      }
      return out
    }
    return x
  })
}

/** The parts of an object a generation bump looks at: everything but metadata and status. */
function specPart(obj: KubeObject): string {
  const {apiVersion: _a, kind: _k, metadata: _m, status: _s, ...rest} = obj
  return semanticJSON(rest)
}

/**
 * BeforeUpdate + PrepareForUpdate: identity fields come from the stored object; generation is bumped when the
 * spec changed (Deployments also when annotations changed, as their strategy does).
 */
export function prepareUpdate(obj: KubeObject, old: KubeObject): void {
  const meta = (obj.metadata ??= {})
  const om = old.metadata ?? {}
  meta.uid = om.uid
  meta.creationTimestamp = om.creationTimestamp
  if (om.deletionTimestamp !== undefined) meta.deletionTimestamp = om.deletionTimestamp
  else delete meta.deletionTimestamp
  if (om.deletionGracePeriodSeconds !== undefined) meta.deletionGracePeriodSeconds = om.deletionGracePeriodSeconds
  if (!hasGeneration(obj)) {
    if (om.generation === undefined) delete meta.generation
    else meta.generation = om.generation
    return
  }
  const oldGen = typeof om.generation === 'number' ? om.generation : 1
  let changed = specPart(obj) !== specPart(old)
  if (groupKind(obj) === 'apps/Deployment' && semanticJSON(meta.annotations) !== semanticJSON(om.annotations)) changed = true
  meta.generation = changed ? oldGen + 1 : oldGen
}

/** encoding/json's string escaping (HTML-safe, like json.Marshal). */
function goJSONString(s: string): string {
  return JSON.stringify(s).replace(/[<>&\u2028\u2029]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'))
}

/** json.Marshal of a decoded YAML/JSON value: map keys sorted, HTML-escaped strings. */
export function goJSONMarshal(v: unknown): string {
  if (v === null || v === undefined) return 'null'
  if (typeof v === 'string') return goJSONString(v)
  if (typeof v === 'number') return Number.isFinite(v) ? JSON.stringify(v) : 'null'
  if (typeof v === 'boolean') return v ? 'true' : 'false'
  if (typeof v === 'bigint') return v.toString()
  if (Array.isArray(v)) return '[' + v.map(goJSONMarshal).join(',') + ']'
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>
    const keys = Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort((a, b) => (Buffer.compare(Buffer.from(a), Buffer.from(b))))
    return '{' + keys.map((k) => `${goJSONString(k)}:${goJSONMarshal(o[k])}`).join(',') + '}'
  }
  return 'null'
}

/**
 * The kubectl.kubernetes.io/last-applied-configuration value kubectl apply writes (GetModifiedConfiguration):
 * the applied object as JSON with sorted keys and a trailing newline, without its own last-applied annotation
 * and with `"annotations":{}` when it has no other annotations. Pass the object as kubectl sends it (namespace
 * filled for namespaced kinds, before any server-side defaulting).
 */
export function lastAppliedAnnotation(obj: KubeObject): string {
  const copy = structuredClone(obj) as KubeObject
  copy.metadata = copy.metadata && typeof copy.metadata === 'object' ? copy.metadata : {}
  const annotations = {...(copy.metadata.annotations ?? {})}
  delete annotations[LAST_APPLIED_ANNOTATION]
  copy.metadata.annotations = annotations
  return goJSONMarshal(copy) + '\n'
}
