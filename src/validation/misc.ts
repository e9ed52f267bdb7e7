// Smaller kinds: PriorityClass (pkg/apis/scheduling/validation) and ResourceQuota (core validation).

import {canonicalQuantity, milliValue} from '../api/quantity.js'
import {FieldPath, fieldErrors, type FieldError} from './field-errors.js'
import {isQualifiedName, nameIsDNSSubdomain} from './names.js'
import {validateObjectMeta, validateObjectMetaUpdate} from './meta.js'
import {asObject, str} from './util.js'

const HIGHEST_USER_PRIORITY = 1000000000
const SYSTEM_CLASSES: Record<string, number> = {'system-node-critical': 2000001000, 'system-cluster-critical': 2000000000}

export function validatePriorityClass(pc: any): FieldError[] {
  const errs = validateObjectMeta(pc.metadata, false, nameIsDNSSubdomain)
  const name = str(pc.metadata?.name)
  const value = typeof pc.value === 'number' ? pc.value : 0
  if (name.startsWith('system-')) {
    let err = ''
    if (!(name in SYSTEM_CLASSES)) err = `${name} is not a known system priority class`
    else if (SYSTEM_CLASSES[name] !== value) err = `value of ${name} PriorityClass must be ${SYSTEM_CLASSES[name]}`
    else if (pc.globalDefault === true) err = `globalDefault of ${name} PriorityClass must be false`
    if (err) {
      errs.push(fieldErrors.forbidden(FieldPath.root('metadata', 'name'), `priority class names with 'system-' prefix are reserved for system use only. error: ${err}`))
    }
  } else if (value > HIGHEST_USER_PRIORITY) {
    errs.push(fieldErrors.forbidden(FieldPath.root('value'), `maximum allowed value of a user defined priority is ${HIGHEST_USER_PRIORITY}`))
  }
  if (pc.preemptionPolicy !== undefined && pc.preemptionPolicy !== null && !['Never', 'PreemptLowerPriority'].includes(pc.preemptionPolicy)) {
    errs.push(fieldErrors.notSupported(FieldPath.root('preemptionPolicy'), str(pc.preemptionPolicy), ['Never', 'PreemptLowerPriority']))
  }
  return errs
}

export function validatePriorityClassUpdate(pc: any, old: any): FieldError[] {
  const errs = validateObjectMetaUpdate(pc.metadata, old.metadata)
  if (pc.value !== old.value) errs.push(fieldErrors.forbidden(FieldPath.root('value'), 'may not be changed in an update.'))
  if ((pc.preemptionPolicy ?? null) !== (old.preemptionPolicy ?? null)) {
    errs.push(fieldErrors.invalid(FieldPath.root('preemptionPolicy'), str(pc.preemptionPolicy), 'field is immutable'))
  }
  return errs
}

const STANDARD_QUOTA = new Set([
  'pods', 'services', 'replicationcontrollers', 'resourcequotas', 'secrets', 'configmaps', 'persistentvolumeclaims',
  'services.nodeports', 'services.loadbalancers', 'cpu', 'memory', 'ephemeral-storage', 'requests.cpu', 'requests.memory',
  'requests.storage', 'requests.ephemeral-storage', 'limits.cpu', 'limits.memory', 'limits.ephemeral-storage',
])
const INTEGER_QUOTA = new Set([
  'pods', 'services', 'replicationcontrollers', 'resourcequotas', 'secrets', 'configmaps', 'persistentvolumeclaims',
  'services.nodeports', 'services.loadbalancers',
])

export function validateResourceQuota(rq: any): FieldError[] {
  const errs = validateObjectMeta(rq.metadata, true, nameIsDNSSubdomain)
  const hard = asObject(rq.spec?.hard)
  for (const [name, q] of Object.entries(hard)) {
    const p = FieldPath.root('spec', 'hard').key(name)
    for (const m of isQualifiedName(name)) errs.push(fieldErrors.invalid(p, name, m))
    const standard = STANDARD_QUOTA.has(name) || name.startsWith('hugepages-') || name.startsWith('requests.hugepages-') || name.includes('/')
    if (!standard) errs.push(fieldErrors.invalid(p, name, 'must be a standard resource for quota'))
    if (typeof q !== 'string' && typeof q !== 'number') continue
    const shown = canonicalQuantity(q) ?? String(q)
    if (String(q).trim().startsWith('-')) errs.push(fieldErrors.invalid(p, shown, 'must be greater than or equal to 0'))
    else if ((INTEGER_QUOTA.has(name) || name.startsWith('count/')) && milliValue(q) % 1000 !== 0) errs.push(fieldErrors.invalid(p, shown, 'must be an integer'))
  }
  return errs
}
