// The API server's defaulting for every kind k8sim serves: applyDefaults(obj) mutates obj in place, as the
// generated SetDefaults_* functions do while the request is decoded. Idempotent.
//
// Key order: new keys are appended where they are set. kubectl -o yaml prints keys sorted and -o json in Go
// struct order; printers own that ordering, not defaulting.

import type {KubeObject} from '../../api/types.js'
import {defaultEndpoints, defaultLimitRange, defaultNode, defaultNamespace, defaultPersistentVolume, defaultPersistentVolumeClaim, defaultSecret, defaultService} from './core.js'
import {defaultHorizontalPodAutoscaler, defaultNetworkPolicy, defaultPriorityClass, defaultRoleBinding, defaultStorageClass} from './others.js'
import {defaultPod, defaultPodTemplate} from './pod.js'
import {defaultCronJob, defaultDaemonSet, defaultDeployment, defaultJob, defaultReplicaSet, defaultReplicationController, defaultStatefulSet} from './workloads.js'
import {isObj} from './util.js'

type Defaulter = (obj: Record<string, any>) => void

const DEFAULTERS: Record<string, Defaulter> = {
  '/Pod': defaultPod,
  '/PodTemplate': (o) => defaultPodTemplate(o.template),
  '/ReplicationController': defaultReplicationController,
  '/Service': defaultService,
  '/Namespace': defaultNamespace,
  '/Secret': defaultSecret,
  '/PersistentVolumeClaim': defaultPersistentVolumeClaim,
  '/PersistentVolume': defaultPersistentVolume,
  '/Endpoints': defaultEndpoints,
  '/LimitRange': defaultLimitRange,
  '/Node': defaultNode,
  'rbac.authorization.k8s.io/RoleBinding': defaultRoleBinding,
  'rbac.authorization.k8s.io/ClusterRoleBinding': defaultRoleBinding,
  'apps/Deployment': defaultDeployment,
  'apps/ReplicaSet': defaultReplicaSet,
  'apps/StatefulSet': defaultStatefulSet,
  'apps/DaemonSet': defaultDaemonSet,
  'batch/Job': defaultJob,
  'batch/CronJob': defaultCronJob,
  'autoscaling/HorizontalPodAutoscaler': defaultHorizontalPodAutoscaler,
  'networking.k8s.io/NetworkPolicy': defaultNetworkPolicy,
  'scheduling.k8s.io/PriorityClass': defaultPriorityClass,
  'storage.k8s.io/StorageClass': defaultStorageClass,
}

function groupOf(apiVersion: string): string {
  const i = apiVersion.indexOf('/')
  return i < 0 ? '' : apiVersion.slice(0, i)
}

/** Apply the API server's defaults for obj's kind (unknown kinds are left alone). */
export function applyDefaults(obj: KubeObject): void {
  if (!isObj(obj) || typeof obj.apiVersion !== 'string') return
  const fn = DEFAULTERS[`${groupOf(obj.apiVersion)}/${obj.kind}`]
  if (fn) fn(obj as Record<string, any>)
}

export {defaultPod, defaultPodTemplate} from './pod.js'
export {generateJobSelector} from './workloads.js'
export {HPA_SCALE_DOWN_DEFAULTS, HPA_SCALE_UP_DEFAULTS} from './others.js'
export {imageTag} from './pod.js'
