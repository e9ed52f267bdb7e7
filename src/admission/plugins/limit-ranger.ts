// LimitRanger (plugin/pkg/admission/limitranger): default requests and limits from the namespace's LimitRanges,
// then min / max / maxLimitRequestRatio per Container and per Pod, and min/max storage per PersistentVolumeClaim.
// Messages are the plugin's; several violations are aggregated as `[a, b]`.
import {canonicalQuantity, milliValue, value} from '../../api/quantity.js'
import type {ObjectStore} from '../../api/store/store.js'
import type {KubeObject} from '../../api/types.js'
import {aggregate, forbidden} from './errors.js'

export const LIMIT_RANGER_ANNOTATION = 'kubernetes.io/limit-ranger'

type ResourceList = Record<string, string | number>

function q(resource: string, v: string | number): number {
  // requestLimitEnforcedValues compares cpu in milli-units, everything else in units
  return resource === 'cpu' ? milliValue(v) : value(v)
}

function str(v: string | number): string {
  return canonicalQuantity(v) ?? String(v)
}

/** SetDefaults_LimitRangeItem: for Container items, default ← max, defaultRequest ← default, then ← min. */
function containerDefaults(item: any): {limits: ResourceList; requests: ResourceList} {
  const limits: ResourceList = {...(item.max ?? {}), ...(item.default ?? {})}
  const requests: ResourceList = {...(item.min ?? {}), ...limits, ...(item.defaultRequest ?? {})}
  return {limits, requests}
}

function mergeDefaults(pod: KubeObject, ranges: KubeObject[]): void {
  const limits: ResourceList = {}
  const requests: ResourceList = {}
  for (const lr of ranges) {
    for (const item of lr.spec?.limits ?? []) {
      if (item.type !== 'Container') continue
      const d = containerDefaults(item)
      Object.assign(limits, d.limits)
      Object.assign(requests, d.requests)
    }
  }
  const notes: string[] = []
  const apply = (c: any, type: string) => {
    const res = (c.resources ??= {})
    const setReq: string[] = []
    const setLim: string[] = []
    for (const [k, v] of Object.entries(limits)) {
      if (res.limits?.[k] === undefined) {
        res.limits = {...(res.limits ?? {}), [k]: str(v)}
        setLim.push(k)
      }
    }
    for (const [k, v] of Object.entries(requests)) {
      if (res.requests?.[k] === undefined) {
        res.requests = {...(res.requests ?? {}), [k]: str(v)}
        setReq.push(k)
      }
    }
    if (setReq.length) notes.push(`${setReq.sort().join(', ')} request for ${type} ${c.name}`)
    if (setLim.length) notes.push(`${setLim.sort().join(', ')} limit for ${type} ${c.name}`)
  }
  for (const c of pod.spec?.containers ?? []) apply(c, 'container')
  for (const c of pod.spec?.initContainers ?? []) apply(c, 'init container')
  if (notes.length) pod.metadata.annotations = {...(pod.metadata.annotations ?? {}), [LIMIT_RANGER_ANNOTATION]: `LimitRanger plugin set: ${notes.join('; ')}`}
}

function minConstraint(type: string, r: string, enforced: string | number, req: ResourceList, lim: ResourceList): string | undefined {
  const e = q(r, enforced)
  if (req[r] === undefined) return `minimum ${r} usage per ${type} is ${str(enforced)}.  No request is specified.`
  if (q(r, req[r]) < e) return `minimum ${r} usage per ${type} is ${str(enforced)}, but request is ${str(req[r])}.`
  if (lim[r] !== undefined && q(r, lim[r]) < e) return `minimum ${r} usage per ${type} is ${str(enforced)}, but limit is ${str(lim[r])}.`
  return undefined
}

function maxConstraint(type: string, r: string, enforced: string | number, req: ResourceList, lim: ResourceList): string | undefined {
  const e = q(r, enforced)
  if (lim[r] === undefined) return `maximum ${r} usage per ${type} is ${str(enforced)}.  No limit is specified.`
  if (q(r, lim[r]) > e) return `maximum ${r} usage per ${type} is ${str(enforced)}, but limit is ${str(lim[r])}.`
  if (req[r] !== undefined && q(r, req[r]) > e) return `maximum ${r} usage per ${type} is ${str(enforced)}, but request is ${str(req[r])}.`
  return undefined
}

function ratioConstraint(type: string, r: string, enforced: string | number, req: ResourceList, lim: ResourceList): string | undefined {
  const rq = req[r] === undefined ? 0 : q(r, req[r])
  const lm = lim[r] === undefined ? 0 : q(r, lim[r])
  if (rq === 0) return `${r} max limit to request ratio per ${type} is ${str(enforced)}, but no request is specified or request is 0.`
  if (lm === 0) return `${r} max limit to request ratio per ${type} is ${str(enforced)}, but no limit is specified or limit is 0.`
  const ratio = lm / rq
  if (ratio * 1000 > milliValue(enforced)) return `${r} max limit to request ratio per ${type} is ${str(enforced)}, but provided ratio is ${ratio.toFixed(6)}.`
  return undefined
}

function sum(lists: ResourceList[]): ResourceList {
  // a resource missing from one container is missing from the sum (limitranger's sum)
  const keys = new Set(lists.flatMap((l) => Object.keys(l)))
  const out: ResourceList = {}
  for (const k of keys) {
    if (!lists.every((l) => l[k] !== undefined)) continue
    const total = lists.reduce((a, l) => a + q(k, l[k]), 0)
    out[k] = k === 'cpu' ? `${total}m` : total
  }
  return out
}

function check(type: string, item: any, req: ResourceList, lim: ResourceList, errs: string[]): void {
  for (const [r, v] of Object.entries<any>(item.min ?? {})) {
    const e = minConstraint(type, r, v, req, lim)
    if (e) errs.push(e)
  }
  for (const [r, v] of Object.entries<any>(item.max ?? {})) {
    const e = maxConstraint(type, r, v, req, lim)
    if (e) errs.push(e)
  }
  for (const [r, v] of Object.entries<any>(item.maxLimitRequestRatio ?? {})) {
    const e = ratioConstraint(type, r, v, req, lim)
    if (e) errs.push(e)
  }
}

export function limitRanger(op: 'CREATE' | 'UPDATE', obj: KubeObject, store: ObjectStore): void {
  if (obj.kind !== 'Pod' && obj.kind !== 'PersistentVolumeClaim') return
  if (op !== 'CREATE' && obj.kind === 'Pod') return
  const ranges = store.list('/LimitRange', obj.metadata.namespace)
  if (ranges.length === 0) return
  const errs: string[] = []
  if (obj.kind === 'Pod') {
    mergeDefaults(obj, ranges)
    const containers: any[] = obj.spec?.containers ?? []
    for (const lr of ranges) {
      for (const item of lr.spec?.limits ?? []) {
        if (item.type === 'Container') {
          for (const c of containers) check('Container', item, c.resources?.requests ?? {}, c.resources?.limits ?? {}, errs)
        } else if (item.type === 'Pod') {
          const req = sum(containers.map((c) => c.resources?.requests ?? {}))
          const lim = sum(containers.map((c) => c.resources?.limits ?? {}))
          check('Pod', item, req, lim, errs)
        }
      }
    }
  } else {
    for (const lr of ranges) {
      for (const item of lr.spec?.limits ?? []) {
        if (item.type !== 'PersistentVolumeClaim') continue
        const req = obj.spec?.resources?.requests ?? {}
        const lim = obj.spec?.resources?.limits ?? {}
        for (const [r, v] of Object.entries<any>(item.min ?? {})) {
          if (req[r] === undefined) errs.push(`minimum ${r} usage per PersistentVolumeClaim is ${str(v)}.  No request is specified.`)
          else if (q(r, req[r]) < q(r, v)) errs.push(`minimum ${r} usage per PersistentVolumeClaim is ${str(v)}, but request is ${str(req[r])}.`)
        }
        for (const [r, v] of Object.entries<any>(item.max ?? {})) {
          if (req[r] === undefined) errs.push(`maximum ${r} usage per PersistentVolumeClaim is ${str(v)}.  No request is specified.`)
          else if (q(r, req[r]) > q(r, v)) errs.push(`maximum ${r} usage per PersistentVolumeClaim is ${str(v)}, but request is ${str(req[r])}.`)
        }
        void lim
      }
    }
  }
  if (errs.length > 0) throw forbidden(obj, aggregate(errs))
}
