// Admission plugins in the API server's order (kube-apiserver's recommended plugin order, the ones k8sim runs):
// NamespaceLifecycle, LimitRanger, ServiceAccount, Priority, DefaultTolerationSeconds, DefaultStorageClass,
// the Service registry's IP/port allocation, and ResourceQuota last. A rejection throws AdmissionError.
import type {ObjectStore} from '../../api/store/store.js'
import type {KubeObject} from '../../api/types.js'
import type {SeededRandom} from '../../clock/random.js'
import {defaultStorageClass} from './default-storage-class.js'
import {defaultTolerationSeconds} from './default-toleration-seconds.js'
import {limitRanger} from './limit-ranger.js'
import {namespaceLifecycle} from './namespace-lifecycle.js'
import {priority} from './priority.js'
import {resourceQuota} from './resource-quota.js'
import {serviceAccount} from './service-account.js'
import {serviceAllocation} from './service-ip.js'

export {AdmissionError} from './errors.js'
export {calculateUsage, objectUsage, quotaMatches} from './quota-usage.js'
export {defaultStorageClassOf, IS_DEFAULT_CLASS} from './default-storage-class.js'

export interface AdmissionContext {
  store: ObjectStore
  /** when given, random names (kube-api-access-xxxxx) come from it; else from a hash of the pod's identity */
  rng?: SeededRandom
}

export function runAdmission(op: 'CREATE' | 'UPDATE', obj: KubeObject, old: KubeObject | undefined, ctx: AdmissionContext): void {
  const {store} = ctx
  namespaceLifecycle(op, obj, store)
  limitRanger(op, obj, store)
  serviceAccount(op, obj, store, ctx.rng)
  priority(op, obj, store)
  defaultTolerationSeconds(op, obj)
  defaultStorageClass(op, obj, store)
  serviceAllocation(op, obj, old, store)
  resourceQuota(op, obj, old, store)
}
