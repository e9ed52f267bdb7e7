// The API server's validation beyond the OpenAPI schema: validateCreate / validateUpdate per kind, run on the
// defaulted object (as the real API server validates after decoding and defaulting). Both work on a defaulted
// copy, so callers may validate before or after applyDefaults; the object passed in is never changed.
//
// A returned error with `decode: true` is a BadRequest the API server raises while decoding (e.g. a malformed
// quantity); it comes alone. Other errors form the 422 Invalid status (see field-errors.ts for the messages).

import {deepCopy} from '../api/deep-copy.js'
import type {KubeObject} from '../api/types.js'
import {applyDefaults, generateJobSelector} from '../admission/defaults/index.js'
import {validateDaemonSet, validateDaemonSetUpdate, validateDeployment, validateDeploymentUpdate, validateReplicaSet, validateReplicaSetUpdate, validateStatefulSet, validateStatefulSetUpdate} from './apps.js'
import {validateCronJob, validateCronJobUpdate, validateJob, validateJobUpdate} from './batch.js'
import {
  validateConfigMap,
  validateConfigMapUpdate,
  validateNamespace,
  validateNamespaceUpdate,
  validatePersistentVolume,
  validatePersistentVolumeClaim,
  validatePersistentVolumeClaimUpdate,
  validatePersistentVolumeUpdate,
  validateSecret,
  validateSecretUpdate,
  validateService,
  validateServiceAccount,
  validateServiceUpdate,
} from './core.js'
import {decodeErrors} from './decode.js'
import {validatePriorityClass, validatePriorityClassUpdate, validateResourceQuota} from './misc.js'
import type {FieldError} from './field-errors.js'
import {validateObjectMeta, validateObjectMetaUpdate} from './meta.js'
import {nameIsDNSSubdomain, validatePathSegmentName, type NameValidator} from './names.js'
import {validatePod, validatePodUpdate} from './pod.js'
import {validateHorizontalPodAutoscaler, validateHorizontalPodAutoscalerUpdate, validateIngress, validateIngressUpdate, validatePodDisruptionBudget, validatePodDisruptionBudgetUpdate} from './policy.js'

type CreateFn = (obj: any) => FieldError[]
type UpdateFn = (obj: any, old: any) => FieldError[]

const CREATE: Record<string, CreateFn> = {
  '/Pod': validatePod,
  '/Service': validateService,
  '/ConfigMap': validateConfigMap,
  '/Secret': validateSecret,
  '/Namespace': validateNamespace,
  '/PersistentVolumeClaim': validatePersistentVolumeClaim,
  '/PersistentVolume': validatePersistentVolume,
  '/ServiceAccount': validateServiceAccount,
  'apps/Deployment': validateDeployment,
  'apps/ReplicaSet': validateReplicaSet,
  'apps/StatefulSet': validateStatefulSet,
  'apps/DaemonSet': validateDaemonSet,
  'batch/Job': validateJob,
  'batch/CronJob': validateCronJob,
  'policy/PodDisruptionBudget': validatePodDisruptionBudget,
  'autoscaling/HorizontalPodAutoscaler': validateHorizontalPodAutoscaler,
  'networking.k8s.io/Ingress': validateIngress,
  'scheduling.k8s.io/PriorityClass': validatePriorityClass,
  '/ResourceQuota': validateResourceQuota,
}

const UPDATE: Record<string, UpdateFn> = {
  '/Pod': validatePodUpdate,
  '/Service': validateServiceUpdate,
  '/ConfigMap': validateConfigMapUpdate,
  '/Secret': validateSecretUpdate,
  '/Namespace': validateNamespaceUpdate,
  '/PersistentVolumeClaim': validatePersistentVolumeClaimUpdate,
  '/PersistentVolume': validatePersistentVolumeUpdate,
  'apps/Deployment': validateDeploymentUpdate,
  'apps/ReplicaSet': validateReplicaSetUpdate,
  'apps/StatefulSet': validateStatefulSetUpdate,
  'apps/DaemonSet': validateDaemonSetUpdate,
  'batch/Job': validateJobUpdate,
  'batch/CronJob': validateCronJobUpdate,
  'policy/PodDisruptionBudget': validatePodDisruptionBudgetUpdate,
  'autoscaling/HorizontalPodAutoscaler': validateHorizontalPodAutoscalerUpdate,
  'networking.k8s.io/Ingress': validateIngressUpdate,
  'scheduling.k8s.io/PriorityClass': validatePriorityClassUpdate,
}

/** Name rules of the kinds without a dedicated validator here. */
const NAME_RULES: Record<string, NameValidator> = {
  '/Node': nameIsDNSSubdomain,
  '/Endpoints': nameIsDNSSubdomain,
  '/LimitRange': nameIsDNSSubdomain,
  '/PodTemplate': nameIsDNSSubdomain,
  '/ReplicationController': nameIsDNSSubdomain,
  '/Event': nameIsDNSSubdomain,
  'apps/ControllerRevision': nameIsDNSSubdomain,
  'networking.k8s.io/NetworkPolicy': nameIsDNSSubdomain,
  'networking.k8s.io/IngressClass': nameIsDNSSubdomain,
  'discovery.k8s.io/EndpointSlice': nameIsDNSSubdomain,
  'storage.k8s.io/StorageClass': nameIsDNSSubdomain,
  'apiextensions.k8s.io/CustomResourceDefinition': nameIsDNSSubdomain,
  'coordination.k8s.io/Lease': nameIsDNSSubdomain,
  'rbac.authorization.k8s.io/Role': validatePathSegmentName,
  'rbac.authorization.k8s.io/RoleBinding': validatePathSegmentName,
  'rbac.authorization.k8s.io/ClusterRole': validatePathSegmentName,
  'rbac.authorization.k8s.io/ClusterRoleBinding': validatePathSegmentName,
}


function groupKindOf(obj: {apiVersion?: unknown; kind?: unknown}): string {
  const av = typeof obj.apiVersion === 'string' ? obj.apiVersion : ''
  const i = av.indexOf('/')
  return `${i < 0 ? '' : av.slice(0, i)}/${String(obj.kind ?? '')}`
}

/** A defaulted copy, with the Job selector generated as the Job strategy does before validating. */
function prepared(obj: KubeObject, old?: KubeObject): any {
  const copy = deepCopy(obj) as any
  copy.metadata = copy.metadata && typeof copy.metadata === 'object' ? copy.metadata : {}
  if (old?.metadata) {
    for (const f of ['name', 'namespace', 'uid', 'creationTimestamp'] as const) {
      if (copy.metadata[f] === undefined && old.metadata[f] !== undefined) copy.metadata[f] = old.metadata[f]
    }
  }
  applyDefaults(copy)
  if (groupKindOf(copy) === 'batch/Job' && copy.spec?.manualSelector !== true && !old) {
    // before prepareCreate the uid is not known yet: validate with a stand-in so the generated labels exist
    if (!copy.metadata.uid) copy.metadata.uid = '00000000-0000-0000-0000-000000000000'
    generateJobSelector(copy)
  }
  return copy
}

/** Validation of a create request. Unknown kinds get the generic ObjectMeta checks. */
export function validateCreate(obj: KubeObject): FieldError[] {
  const decode = decodeErrors(obj)
  if (decode.length) return decode
  const gk = groupKindOf(obj)
  const copy = prepared(obj)
  const fn = CREATE[gk]
  if (fn) return fn(copy)
  return validateObjectMeta(copy.metadata, true, NAME_RULES[gk] ?? validatePathSegmentName)
}

/**
 * Kinds whose create validation may read the API server's own object instead of a defaulted copy: defaulting an
 * object the server has already defaulted and prepared changes nothing (pod defaults only fill fields that are
 * missing, and touch neither status nor the affinity terms prepareCreate rewrites), and their validators only read.
 * Pods are the one kind created per replica, so the copy per pod is worth saving.
 */
const VALIDATED_IN_PLACE = new Set(['/Pod'])

/**
 * validateCreate for the API server's create request, after it has run applyDefaults and prepareCreate on `obj`:
 * the same errors, without the working copy for the kinds above. `obj` is not changed.
 */
export function validatePreparedCreate(obj: KubeObject): FieldError[] {
  const gk = groupKindOf(obj)
  if (!VALIDATED_IN_PLACE.has(gk)) return validateCreate(obj)
  const decode = decodeErrors(obj)
  if (decode.length) return decode
  return CREATE[gk]!(obj)
}

/** Validation of an update of `old` (as stored) to `obj`. */
export function validateUpdate(obj: KubeObject, old: KubeObject): FieldError[] {
  const decode = decodeErrors(obj)
  if (decode.length) return decode
  const gk = groupKindOf(obj)
  const copy = prepared(obj, old)
  const fn = UPDATE[gk]
  if (fn) return fn(copy, old)
  const errs = validateObjectMetaUpdate(copy.metadata, old.metadata)
  const create = CREATE[gk]
  if (create) errs.push(...create(copy).filter((e) => !e.field.startsWith('metadata.')))
  return errs
}

export {
  FieldPath,
  fieldErrors,
  formatFieldError,
  invalidStatusMessage,
  kubectlInvalidMessage,
  decodeErrorMessage,
  qualifiedKindOf,
  toAggregate,
  errorBody,
  type FieldError,
  type FieldErrorType,
  type PathSegment,
} from './field-errors.js'
