// Checks the API server makes while decoding a request body, before any validation: malformed quantities.
// Go's decoder stops at the first error, so at most one error is returned.

import {FieldPath, type FieldError} from './field-errors.js'
import {quantityDecodeError, quantityMapDecodeError} from './resources.js'
import {asArray, isObject} from './util.js'
import {base64ErrorOffset} from './base64.js'
import {fieldErrors} from './field-errors.js'

function podSpecQuantities(spec: unknown, p: FieldPath): FieldError | undefined {
  if (!isObject(spec)) return undefined
  for (const list of ['initContainers', 'containers', 'ephemeralContainers']) {
    const items = asArray(spec[list])
    for (let i = 0; i < items.length; i++) {
      const res = items[i]?.resources
      if (!isObject(res)) continue
      const rp = p.child(list).index(i).child('resources')
      const e = quantityMapDecodeError(res.limits, rp.child('limits')) ?? quantityMapDecodeError(res.requests, rp.child('requests'))
      if (e) return e
    }
  }
  const vols = asArray(spec.volumes)
  for (let i = 0; i < vols.length; i++) {
    const sl = vols[i]?.emptyDir?.sizeLimit
    if (sl !== undefined && sl !== null) {
      const e = quantityDecodeError(sl, p.child('volumes').index(i).child('emptyDir', 'sizeLimit'))
      if (e) return e
    }
  }
  return quantityMapDecodeError(spec.overhead, p.child('overhead'))
}

function resourceRequirements(res: unknown, p: FieldPath): FieldError | undefined {
  if (!isObject(res)) return undefined
  return quantityMapDecodeError(res.limits, p.child('limits')) ?? quantityMapDecodeError(res.requests, p.child('requests'))
}

function base64MapError(m: unknown, p: FieldPath): FieldError | undefined {
  if (!isObject(m)) return undefined
  for (const [k, v] of Object.entries(m)) {
    if (typeof v !== 'string') continue
    const at = base64ErrorOffset(v)
    if (at !== undefined) return {...fieldErrors.invalid(p.key(k), v, `illegal base64 data at input byte ${at}`), decode: true}
  }
  return undefined
}

/** The first value the API server could not decode, as a FieldError with `decode: true`. */
export function decodeErrors(obj: any): FieldError[] {
  const group = typeof obj?.apiVersion === 'string' && obj.apiVersion.includes('/') ? obj.apiVersion.split('/')[0] : ''
  const gk = `${group}/${obj?.kind}`
  const spec = FieldPath.root('spec')
  let e: FieldError | undefined
  switch (gk) {
    case '/Pod':
      e = podSpecQuantities(obj.spec, spec)
      break
    case '/PodTemplate':
      e = podSpecQuantities(obj.template?.spec, FieldPath.root('template', 'spec'))
      break
    case 'apps/Deployment':
    case 'apps/ReplicaSet':
    case 'apps/DaemonSet':
    case '/ReplicationController':
    case 'batch/Job':
      e = podSpecQuantities(obj.spec?.template?.spec, spec.child('template', 'spec'))
      break
    case 'apps/StatefulSet': {
      e = podSpecQuantities(obj.spec?.template?.spec, spec.child('template', 'spec'))
      const vcts = asArray(obj.spec?.volumeClaimTemplates)
      for (let i = 0; !e && i < vcts.length; i++) {
        e = resourceRequirements(vcts[i]?.spec?.resources, spec.child('volumeClaimTemplates').index(i).child('spec', 'resources'))
      }
      break
    }
    case 'batch/CronJob':
      e = podSpecQuantities(obj.spec?.jobTemplate?.spec?.template?.spec, spec.child('jobTemplate', 'spec', 'template', 'spec'))
      break
    case '/PersistentVolumeClaim':
      e = resourceRequirements(obj.spec?.resources, spec.child('resources'))
      break
    case '/PersistentVolume':
      e = quantityMapDecodeError(obj.spec?.capacity, spec.child('capacity'))
      break
    case '/ResourceQuota':
      e = quantityMapDecodeError(obj.spec?.hard, spec.child('hard'))
      break
    case '/Secret':
      e = base64MapError(obj.data, FieldPath.root('data'))
      break
    case '/ConfigMap':
      e = base64MapError(obj.binaryData, FieldPath.root('binaryData'))
      break
    case '/LimitRange': {
      const limits = asArray(obj.spec?.limits)
      for (let i = 0; !e && i < limits.length; i++) {
        for (const f of ['max', 'min', 'default', 'defaultRequest', 'maxLimitRequestRatio']) {
          e = e ?? quantityMapDecodeError(limits[i]?.[f], spec.child('limits').index(i).child(f))
        }
      }
      break
    }
  }
  return e ? [e] : []
}
