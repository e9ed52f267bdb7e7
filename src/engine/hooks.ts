// The API server's pluggable stages: defaulting and metadata (helper 2), validation (helper 2) and admission
// plugins (helper 7). Kept behind one interface so the ApiServer's request flow reads like the real one.
// Fallbacks below cover metadata only, for stores used without the full pipeline.

import type {KubeObject} from '../api/types.js'
import type {ObjectStore} from '../api/store/store.js'
import type {SeededRandom} from '../clock/random.js'

export interface FieldErrorLike {
  field?: string
  message?: string
  [k: string]: unknown
}

export interface ApiHooks {
  applyDefaults(obj: KubeObject): void
  prepareCreate(obj: KubeObject, ctx: {nowRFC3339: string; uid: string}): void
  prepareUpdate(obj: KubeObject, old: KubeObject): void
  /** called with the object after applyDefaults and prepareCreate; must not change it */
  validateCreate(obj: KubeObject): FieldErrorLike[]
  validateUpdate(obj: KubeObject, old: KubeObject): FieldErrorLike[]
  formatFieldError(e: FieldErrorLike): string
  /** the Status message of an Invalid error (`Deployment.apps "web" is invalid: ...`) */
  invalidMessage?(qualifiedKind: string, name: string, errs: FieldErrorLike[]): string
  /** the BadRequest message for a body that cannot be decoded */
  decodeMessage?(kind: string, apiVersion: string, detail: string): string
  runAdmission(op: 'CREATE' | 'UPDATE', obj: KubeObject, old: KubeObject | undefined, ctx: {store: ObjectStore; rng?: SeededRandom}): void
}

/** Kinds whose registry strategy sets metadata.generation (pods have none in v1.32). */
const GENERATION_KINDS = new Set([
  'apps/Deployment', 'apps/ReplicaSet', 'apps/StatefulSet', 'apps/DaemonSet', '/ReplicationController',
  'batch/Job', 'batch/CronJob', 'policy/PodDisruptionBudget', 'networking.k8s.io/Ingress',
  'networking.k8s.io/NetworkPolicy', 'scheduling.k8s.io/PriorityClass', 'apiextensions.k8s.io/CustomResourceDefinition',
])

function groupKind(obj: KubeObject): string {
  const i = obj.apiVersion.indexOf('/')
  return `${i < 0 ? '' : obj.apiVersion.slice(0, i)}/${obj.kind}`
}

function specOf(obj: KubeObject): string {
  const {apiVersion: _a, kind: _k, metadata: _m, status: _s, ...rest} = obj
  return JSON.stringify(rest)
}

export const fallbackHooks: ApiHooks = {
  applyDefaults() {},
  prepareCreate(obj, ctx) {
    obj.metadata.uid = ctx.uid
    obj.metadata.creationTimestamp = ctx.nowRFC3339
    if (GENERATION_KINDS.has(groupKind(obj))) obj.metadata.generation = 1
  },
  prepareUpdate(obj, old) {
    obj.metadata.uid = old.metadata.uid
    obj.metadata.creationTimestamp = old.metadata.creationTimestamp
    if (old.metadata.generation !== undefined) {
      obj.metadata.generation = old.metadata.generation
      if (specOf(obj) !== specOf(old)) obj.metadata.generation = old.metadata.generation + 1
    }
  },
  validateCreate: () => [],
  validateUpdate: () => [],
  formatFieldError: (e) => `${e.field ?? ''}: ${e.message ?? ''}`,
  runAdmission() {},
}
