// Scheduling-related PodSpec validation: node and pod (anti-)affinity, tolerations, topology spread constraints.

import {FieldPath, fieldErrors, type FieldError} from './field-errors.js'
import {goQuote, GoRepr} from './go-format.js'
import {isDNS1123Label, isValidLabelValue} from './names.js'
import {validateLabelName, validateLabelSelector as validateLabelSelectorStrict} from './meta.js'
import {asArray, isObject, str} from './util.js'

const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute']

/** %#v of a core.Toleration */
function goToleration(t: any): GoRepr {
  const secs = typeof t?.tolerationSeconds === 'number' ? '(*int64)(0xc000000000)' : '(*int64)(nil)'
  return new GoRepr(
    `core.Toleration{Key:${goQuote(str(t?.key))}, Operator:${goQuote(str(t?.operator))}, Value:${goQuote(str(t?.value))}, Effect:${goQuote(str(t?.effect))}, TolerationSeconds:${secs}}`,
  )
}

export function validateTolerations(tols: unknown, p: FieldPath): FieldError[] {
  const errs: FieldError[] = []
  asArray(tols).forEach((t: any, i) => {
    const ip = p.index(i)
    const key = str(t?.key)
    const op = str(t?.operator)
    const value = str(t?.value)
    if (key) errs.push(...validateLabelName(key, ip.child('key')))
    if (!key && op !== 'Exists') {
      errs.push(fieldErrors.invalid(ip.child('operator'), op, 'operator must be Exists when `key` is empty, which means "match all values and all keys"'))
    }
    if (t?.tolerationSeconds !== undefined && t?.tolerationSeconds !== null && str(t?.effect) !== 'NoExecute') {
      errs.push(fieldErrors.invalid(ip.child('effect'), str(t?.effect), "effect must be 'NoExecute' when `tolerationSeconds` is set"))
    }
    switch (op) {
      case 'Equal':
      case '':
        for (const m of isValidLabelValue(value)) errs.push(fieldErrors.invalid(ip.child('operator'), value, m))
        break
      case 'Exists':
        if (value) errs.push(fieldErrors.invalid(ip.child('operator'), goToleration(t), "value must be empty when `operator` is 'Exists'"))
        break
      default:
        errs.push(fieldErrors.notSupported(ip.child('operator'), op, ['Equal', 'Exists']))
    }
    const effect = str(t?.effect)
    if (effect && !TAINT_EFFECTS.includes(effect)) errs.push(fieldErrors.notSupported(ip.child('effect'), effect, TAINT_EFFECTS))
  })
  return errs
}

export function validateTopologySpread(tscs: unknown, p: FieldPath): FieldError[] {
  const errs: FieldError[] = []
  const seen = new Set<string>()
  asArray(tscs).forEach((c: any, i) => {
    const ip = p.index(i)
    if (typeof c?.maxSkew !== 'number' || c.maxSkew <= 0) errs.push(fieldErrors.invalid(ip.child('maxSkew'), c?.maxSkew ?? 0, 'must be greater than zero'))
    const key = str(c?.topologyKey)
    if (!key) errs.push(fieldErrors.required(ip.child('topologyKey'), 'can not be empty'))
    else errs.push(...validateLabelName(key, ip.child('topologyKey')))
    const wu = str(c?.whenUnsatisfiable)
    if (!['DoNotSchedule', 'ScheduleAnyway'].includes(wu)) {
      errs.push(fieldErrors.notSupported(ip.child('whenUnsatisfiable'), wu, ['DoNotSchedule', 'ScheduleAnyway']))
    }
    const pair = `${key}/${wu}`
    if (seen.has(pair)) errs.push(fieldErrors.duplicate(ip, new GoRepr(`{${key}, ${wu}}`)))
    seen.add(pair)
  })
  return errs
}

function validateNodeSelectorRequirements(reqs: unknown, p: FieldPath): FieldError[] {
  const errs: FieldError[] = []
  asArray(reqs).forEach((r: any, i) => {
    const rp = p.index(i)
    const values = asArray(r?.values)
    switch (r?.operator) {
      case 'In':
      case 'NotIn':
        if (values.length === 0) errs.push(fieldErrors.required(rp.child('values'), "must be specified when `operator` is 'In' or 'NotIn'"))
        break
      case 'Exists':
      case 'DoesNotExist':
        if (values.length > 0) errs.push(fieldErrors.forbidden(rp.child('values'), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"))
        break
      case 'Gt':
      case 'Lt':
        if (values.length !== 1) errs.push(fieldErrors.required(rp.child('values'), "must be specified single value when `operator` is 'Lt' or 'Gt'"))
        break
      default:
        errs.push(fieldErrors.invalid(rp.child('operator'), str(r?.operator), 'not a valid selector operator'))
    }
    errs.push(...validateLabelName(str(r?.key), rp.child('key')))
  })
  return errs
}

function validateNodeSelectorTerm(term: any, p: FieldPath): FieldError[] {
  return [
    ...validateNodeSelectorRequirements(term?.matchExpressions, p.child('matchExpressions')),
    ...asArray(term?.matchFields).flatMap((r: any, i) => {
      const rp = p.child('matchFields').index(i)
      const errs: FieldError[] = []
      if (str(r?.key) !== 'metadata.name') errs.push(fieldErrors.invalid(rp.child('key'), str(r?.key), 'not a valid field selector key'))
      if (!['In', 'NotIn'].includes(r?.operator)) errs.push(fieldErrors.invalid(rp.child('operator'), str(r?.operator), 'not a valid selector operator'))
      else if (asArray(r?.values).length !== 1) errs.push(fieldErrors.required(rp.child('values'), 'must be only one value when `operator` is \'In\' or \'NotIn\' for node field selector'))
      return errs
    }),
  ]
}

function validatePodAffinityTerm(term: any, p: FieldPath): FieldError[] {
  const errs: FieldError[] = []
  if (isObject(term?.labelSelector)) errs.push(...validateLabelSelectorStrict(term.labelSelector, p.child('labelSelector')))
  if (isObject(term?.namespaceSelector)) errs.push(...validateLabelSelectorStrict(term.namespaceSelector, p.child('namespaceSelector')))
  for (const ns of asArray(term?.namespaces).map(str)) {
    for (const m of isDNS1123Label(ns)) errs.push(fieldErrors.invalid(p.child('namespace'), ns, m))
  }
  const key = str(term?.topologyKey)
  if (!key) errs.push(fieldErrors.required(p.child('topologyKey'), 'can not be empty'))
  errs.push(...validateLabelName(key, p.child('topologyKey')))
  return errs
}

function validateWeight(w: unknown, p: FieldPath): FieldError[] {
  return typeof w === 'number' && w >= 1 && w <= 100 ? [] : [fieldErrors.invalid(p, typeof w === 'number' ? w : 0, 'must be in the range 1-100')]
}

export function validateAffinity(aff: unknown, p: FieldPath): FieldError[] {
  const errs: FieldError[] = []
  if (!isObject(aff)) return errs
  const na = aff.nodeAffinity
  if (isObject(na)) {
    const np = p.child('nodeAffinity')
    const req = na.requiredDuringSchedulingIgnoredDuringExecution
    if (isObject(req)) {
      const rp = np.child('requiredDuringSchedulingIgnoredDuringExecution')
      const terms = asArray(req.nodeSelectorTerms)
      if (terms.length === 0) errs.push(fieldErrors.required(rp.child('nodeSelectorTerms'), 'must have at least one node selector term'))
      terms.forEach((t, i) => errs.push(...validateNodeSelectorTerm(t, rp.child('nodeSelectorTerms').index(i))))
    }
    asArray(na.preferredDuringSchedulingIgnoredDuringExecution).forEach((t: any, i) => {
      const tp = np.child('preferredDuringSchedulingIgnoredDuringExecution').index(i)
      errs.push(...validateWeight(t?.weight, tp.child('weight')))
      errs.push(...validateNodeSelectorTerm(t?.preference, tp.child('preference')))
    })
  }
  for (const kind of ['podAffinity', 'podAntiAffinity']) {
    const pa = aff[kind]
    if (!isObject(pa)) continue
    const pp = p.child(kind)
    asArray(pa.requiredDuringSchedulingIgnoredDuringExecution).forEach((t, i) => {
      errs.push(...validatePodAffinityTerm(t, pp.child('requiredDuringSchedulingIgnoredDuringExecution').index(i)))
    })
    asArray(pa.preferredDuringSchedulingIgnoredDuringExecution).forEach((t: any, i) => {
      const tp = pp.child('preferredDuringSchedulingIgnoredDuringExecution').index(i)
      errs.push(...validateWeight(t?.weight, tp.child('weight')))
      errs.push(...validatePodAffinityTerm(t?.podAffinityTerm, tp.child('podAffinityTerm')))
    })
  }
  return errs
}
