// apps/v1 and batch/v1 defaulting (pkg/apis/apps/v1/defaults.go, pkg/apis/batch/v1/defaults.go) and the Job
// strategy's selector generation (pkg/registry/batch/job/strategy.go generateSelector).

import {defaultPodTemplate, embeddedObjectMeta} from './pod.js'
import {each, isObj, objAt, setIfEmpty, setIfNil} from './util.js'

export function defaultDeployment(obj: Record<string, any>): void {
  const spec = objAt(obj, 'spec')
  setIfNil(spec, 'replicas', 1)
  const strategy = objAt(spec, 'strategy')
  setIfEmpty(strategy, 'type', 'RollingUpdate')
  if (strategy.type === 'RollingUpdate') {
    const ru = objAt(strategy, 'rollingUpdate')
    setIfNil(ru, 'maxUnavailable', '25%')
    setIfNil(ru, 'maxSurge', '25%')
  }
  setIfNil(spec, 'revisionHistoryLimit', 10)
  setIfNil(spec, 'progressDeadlineSeconds', 600)
  defaultPodTemplate(spec.template)
}

export function defaultReplicaSet(obj: Record<string, any>): void {
  const spec = objAt(obj, 'spec')
  setIfNil(spec, 'replicas', 1)
  defaultPodTemplate(spec.template)
}

/** core/v1 ReplicationController: selector and labels default from the template's labels. */
export function defaultReplicationController(obj: Record<string, any>): void {
  const spec = objAt(obj, 'spec')
  const labels = isObj(spec.template?.metadata?.labels) ? spec.template.metadata.labels : undefined
  if (labels) {
    if (!isObj(spec.selector) || Object.keys(spec.selector).length === 0) spec.selector = {...labels}
    const meta = objAt(obj, 'metadata')
    if (!isObj(meta.labels) || Object.keys(meta.labels).length === 0) meta.labels = {...labels}
  }
  setIfNil(spec, 'replicas', 1)
  defaultPodTemplate(spec.template)
}

export function defaultPersistentVolumeClaimTemplate(pvc: Record<string, any>): void {
  setIfNil(pvc, 'apiVersion', 'v1')
  setIfNil(pvc, 'kind', 'PersistentVolumeClaim')
  embeddedObjectMeta(pvc)
  setIfNil(objAt(pvc, 'spec'), 'volumeMode', 'Filesystem')
  setIfEmpty(objAt(pvc, 'status'), 'phase', 'Pending')
}

export function defaultStatefulSet(obj: Record<string, any>): void {
  const spec = objAt(obj, 'spec')
  setIfEmpty(spec, 'podManagementPolicy', 'OrderedReady')
  const us = objAt(spec, 'updateStrategy')
  setIfEmpty(us, 'type', 'RollingUpdate')
  if (us.type === 'RollingUpdate') setIfNil(objAt(us, 'rollingUpdate'), 'partition', 0)
  const retention = objAt(spec, 'persistentVolumeClaimRetentionPolicy')
  setIfEmpty(retention, 'whenDeleted', 'Retain')
  setIfEmpty(retention, 'whenScaled', 'Retain')
  setIfNil(spec, 'replicas', 1)
  setIfNil(spec, 'revisionHistoryLimit', 10)
  defaultPodTemplate(spec.template)
  each(spec.volumeClaimTemplates, defaultPersistentVolumeClaimTemplate)
}

export function defaultDaemonSet(obj: Record<string, any>): void {
  const spec = objAt(obj, 'spec')
  const us = objAt(spec, 'updateStrategy')
  setIfEmpty(us, 'type', 'RollingUpdate')
  if (us.type === 'RollingUpdate') {
    const ru = objAt(us, 'rollingUpdate')
    setIfNil(ru, 'maxUnavailable', 1)
    setIfNil(ru, 'maxSurge', 0)
  }
  setIfNil(spec, 'revisionHistoryLimit', 10)
  defaultPodTemplate(spec.template)
}

export function defaultJob(obj: Record<string, any>): void {
  const spec = objAt(obj, 'spec')
  if ((spec.completions === undefined || spec.completions === null) && (spec.parallelism === undefined || spec.parallelism === null)) {
    spec.completions = 1
    spec.parallelism = 1
  }
  setIfNil(spec, 'parallelism', 1)
  if (spec.backoffLimit === undefined || spec.backoffLimit === null) {
    spec.backoffLimit = spec.backoffLimitPerIndex !== undefined && spec.backoffLimitPerIndex !== null ? 2147483647 : 6
  }
  // a Job without labels takes its pod template's labels
  const tplLabels = spec.template?.metadata?.labels
  const meta = objAt(obj, 'metadata')
  if (isObj(tplLabels) && (!isObj(meta.labels) || Object.keys(meta.labels).length === 0)) meta.labels = {...tplLabels}
  setIfNil(spec, 'completionMode', 'NonIndexed')
  setIfNil(spec, 'suspend', false)
  if (isObj(spec.podFailurePolicy)) {
    each(spec.podFailurePolicy.rules, (r) => each(r.onPodConditions, (c) => setIfEmpty(c, 'status', 'True')))
  }
  setIfNil(spec, 'podReplacementPolicy', isObj(spec.podFailurePolicy) ? 'Failed' : 'TerminatingOrFailed')
  defaultPodTemplate(spec.template)
}

export function defaultCronJob(obj: Record<string, any>): void {
  const spec = objAt(obj, 'spec')
  setIfEmpty(spec, 'concurrencyPolicy', 'Allow')
  setIfNil(spec, 'suspend', false)
  setIfNil(spec, 'successfulJobsHistoryLimit', 3)
  setIfNil(spec, 'failedJobsHistoryLimit', 1)
  const jt = objAt(spec, 'jobTemplate')
  embeddedObjectMeta(jt)
  defaultPodTemplate(objAt(objAt(jt, 'spec'), 'template'))
}

/**
 * The Job strategy's generateSelector: unless spec.manualSelector is true, add the job-name and controller-uid
 * labels (legacy and batch.kubernetes.io/ forms) to the pod template and select on the controller uid. Needs
 * metadata.uid and metadata.name.
 */
export function generateJobSelector(job: Record<string, any>): void {
  const spec = objAt(job, 'spec')
  if (spec.manualSelector === true) return
  const name = String(job.metadata?.name ?? '')
  const uid = String(job.metadata?.uid ?? '')
  const tplMeta = objAt(objAt(spec, 'template'), 'metadata')
  const labels = objAt(tplMeta, 'labels')
  for (const k of ['job-name', 'batch.kubernetes.io/job-name']) if (!(k in labels)) labels[k] = name
  for (const k of ['controller-uid', 'batch.kubernetes.io/controller-uid']) if (!(k in labels)) labels[k] = uid
  const sel = objAt(spec, 'selector')
  const ml = objAt(sel, 'matchLabels')
  if (!('batch.kubernetes.io/controller-uid' in ml)) ml['batch.kubernetes.io/controller-uid'] = uid
}
