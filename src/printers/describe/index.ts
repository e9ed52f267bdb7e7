// Picks the describer for an object and gathers what it needs from the store (events, pods, ReplicaSets...).

import type {ObjectStore} from '../../api/store/store.js'
import {matchesLabelSelector} from '../../api/selectors.js'
import type {KubeObject} from '../../api/types.js'
import {eventsFor} from '../events.js'
import {describeGeneric} from './generic.js'
import {describeConfigMap, describeSecret, describeServiceAccount} from './config.js'
import {describePersistentVolume, describePriorityClass, describeStorageClass} from './cluster-scoped.js'
import {describeCronJob, describeIngress} from './cronjob-ingress.js'
import {describeLimitRange, describeResourceQuota} from './quota.js'
import {describeDaemonSet, describeJob, describeNamespace, describePVC, describeStatefulSet} from './more.js'
import {describeNode} from './node.js'
import {describeHPA, describePDB} from './policy.js'
import {describePod} from './pod.js'
import {describeService} from './service.js'
import {describeDeployment, describeReplicaSet} from './workloads.js'

export {describePod, type DescribePodContext} from './pod.js'
export {describeNode, type DescribeNodeContext} from './node.js'
export {describeDeployment, describeReplicaSet} from './workloads.js'
export {describeService} from './service.js'
export {describeHPA, describePDB} from './policy.js'
export {describeGeneric} from './generic.js'
export {describeConfigMap, describeSecret, describeServiceAccount} from './config.js'
export {describePersistentVolume, describePriorityClass, describeStorageClass} from './cluster-scoped.js'
export {describeCronJob, describeIngress} from './cronjob-ingress.js'
export {describeLimitRange, describeResourceQuota} from './quota.js'
export {describeDaemonSet, describeJob, describeNamespace, describePVC, describeStatefulSet} from './more.js'

export interface DescribeContext {
  store: ObjectStore
  now: number
  /** pre-rendered `Scheduling:` sections by pod key `namespace/name` */
  scheduling?: (pod: KubeObject) => string | undefined
  /** false: no Events block (kubectl describe --show-events=false) */
  showEvents?: boolean
}

const controlledByUid = (o: KubeObject, owner: KubeObject): boolean => (o.metadata.ownerReferences ?? []).some((r) => r.controller && (r.uid === owner.metadata.uid || (!r.uid && r.name === owner.metadata.name)))

/** kubectl describe for one object. */
export function describeObject(obj: KubeObject, ctx: DescribeContext): string {
  const events = ctx.showEvents === false ? undefined : eventsFor(obj, ctx.store.list('/Event'))
  const ns = obj.metadata.namespace
  switch (`${obj.apiVersion.includes('/') ? obj.apiVersion.split('/')[0] : ''}/${obj.kind}`) {
    case '/Pod':
      return describePod(obj, {events, now: ctx.now, scheduling: ctx.scheduling?.(obj)})
    case '/Node': {
      const pods = ctx.store.list('/Pod').filter((p) => p.spec?.nodeName === obj.metadata.name)
      const lease = ctx.store.get(`coordination.k8s.io/Lease/kube-node-lease/${obj.metadata.name}`)
      return describeNode(obj, {events, now: ctx.now, pods, lease})
    }
    case 'apps/Deployment':
      return describeDeployment(obj, {events, now: ctx.now, replicaSets: ctx.store.list('apps/ReplicaSet', ns)})
    case 'apps/ReplicaSet':
    case '/ReplicationController': {
      const pods = ctx.store.list('/Pod', ns).filter((p) => controlledByUid(p, obj) && (obj.kind === 'ReplicaSet' ? matchesLabelSelector(obj.spec?.selector, p.metadata.labels) : true))
      return describeReplicaSet(obj, {events, now: ctx.now, pods})
    }
    case '/Service': {
      const endpointSlices = ctx.store.list('discovery.k8s.io/EndpointSlice', ns).filter((s) => s.metadata.labels?.['kubernetes.io/service-name'] === obj.metadata.name)
      const endpoints = ctx.store.get(`/Endpoints/${ns ?? ''}/${obj.metadata.name}`)
      return describeService(obj, {events, now: ctx.now, endpointSlices, endpoints})
    }
    case 'apps/StatefulSet':
    case 'apps/DaemonSet': {
      const pods = ctx.store.list('/Pod', ns).filter((p) => controlledByUid(p, obj))
      return obj.kind === 'StatefulSet' ? describeStatefulSet(obj, {events, now: ctx.now, pods}) : describeDaemonSet(obj, {events, now: ctx.now, pods})
    }
    case 'policy/PodDisruptionBudget':
      return describePDB(obj, {events, now: ctx.now})
    case 'autoscaling/HorizontalPodAutoscaler':
      return describeHPA(obj, {events, now: ctx.now})
    case 'batch/Job':
      return describeJob(obj, {events, now: ctx.now})
    case '/PersistentVolumeClaim':
      return describePVC(obj, {events, now: ctx.now, pods: ctx.store.list('/Pod', ns)})
    case '/ConfigMap':
      return describeConfigMap(obj, {events, now: ctx.now})
    case '/Secret':
      return describeSecret(obj)
    case '/ServiceAccount':
      return describeServiceAccount(obj, {events, now: ctx.now, secrets: ctx.store.list('/Secret', ns)})
    case 'batch/CronJob':
      return describeCronJob(obj, {events, now: ctx.now})
    case 'networking.k8s.io/Ingress':
      return describeIngress(obj, {events, now: ctx.now, services: ctx.store.list('/Service', ns), endpointSlices: ctx.store.list('discovery.k8s.io/EndpointSlice', ns)})
    case '/ResourceQuota':
      return describeResourceQuota(obj)
    case '/LimitRange':
      return describeLimitRange(obj)
    case '/PersistentVolume':
      return describePersistentVolume(obj, {events, now: ctx.now}) ?? describeGeneric(obj, {events, now: ctx.now})
    case 'storage.k8s.io/StorageClass':
      return describeStorageClass(obj, {events, now: ctx.now})
    case 'scheduling.k8s.io/PriorityClass':
      return describePriorityClass(obj, {events, now: ctx.now})
    case '/Namespace':
      return describeNamespace(obj, {quotas: ctx.store.list('/ResourceQuota', obj.metadata.name), limitRanges: ctx.store.list('/LimitRange', obj.metadata.name)})
    default:
      return describeGeneric(obj, {events, now: ctx.now})
  }
}
