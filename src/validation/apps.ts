// apps/v1 validation (pkg/apis/apps/validation/validation.go): Deployment, ReplicaSet, StatefulSet, DaemonSet.

import {FieldPath, fieldErrors, type FieldError} from './field-errors.js'
import {goLabelSelector, goStringMap, GoRepr} from './go-format.js'
import {isValidPercent, nameIsDNSSubdomain} from './names.js'
import {validateAnnotations, validateImmutableField, validateLabels, validateLabelSelector, validateNonnegative, validateObjectMeta, validateObjectMetaUpdate} from './meta.js'
import {validatePodTemplateSpec} from './pod.js'
import {isEmptySelector, labelSelectorMatcher} from './selector.js'
import {asObject, isObject, semanticEqual, str} from './util.js'

const spec = FieldPath.root('spec')

/** %#v of an intstr.IntOrString */
export function goIntOrString(v: unknown): GoRepr {
  if (typeof v === 'string') return new GoRepr(`intstr.IntOrString{Type:1, IntVal:0, StrVal:${JSON.stringify(v)}}`)
  return new GoRepr(`intstr.IntOrString{Type:0, IntVal:${typeof v === 'number' ? v : 0}, StrVal:""}`)
}

function intOrPercentValue(v: unknown): {value: number; percent: boolean} {
  if (typeof v === 'string') {
    const m = /^([0-9]+)%$/.exec(v)
    return m ? {value: Number(m[1]), percent: true} : {value: Number.parseInt(v, 10) || 0, percent: false}
  }
  return {value: typeof v === 'number' ? v : 0, percent: false}
}

export function validatePositiveIntOrPercent(v: unknown, p: FieldPath): FieldError[] {
  if (typeof v === 'string') return isValidPercent(v).map((m) => fieldErrors.invalid(p, goIntOrString(v), m))
  return validateNonnegative(v, p)
}

export function isNotMoreThan100Percent(v: unknown, p: FieldPath): FieldError[] {
  const {value, percent} = intOrPercentValue(v)
  return percent && value > 100 ? [fieldErrors.invalid(p, goIntOrString(v), 'must not be greater than 100%')] : []
}

/**
 * ValidatePodTemplateSpecForReplicaSet (also used by Deployment): the selector must match the template labels,
 * and the template's restartPolicy must be Always.
 */
function validateTemplateForReplicaSet(tpl: unknown, selector: unknown, replicas: number, p: FieldPath, kind: string): FieldError[] {
  const errs: FieldError[] = []
  const t = asObject(tpl)
  const labels = asObject(asObject(t.metadata).labels) as Record<string, string>
  const match = labelSelectorMatcher(selector)
  if (match && !isEmptySelector(selector) && !match(labels)) {
    errs.push(fieldErrors.invalid(p.child('metadata', 'labels'), goStringMap(asObject(t.metadata).labels), '`selector` does not match template `labels`'))
  }
  errs.push(...validatePodTemplateSpec(tpl, p))
  void replicas
  const rp = str(asObject(t.spec).restartPolicy)
  if (rp !== 'Always') errs.push(fieldErrors.notSupported(p.child('spec', 'restartPolicy'), rp, ['Always']))
  const ads = asObject(t.spec).activeDeadlineSeconds
  if (ads !== undefined && ads !== null) {
    errs.push(fieldErrors.invalid(p.child('spec', 'activeDeadlineSeconds'), ads, `activeDeadlineSeconds in ${kind} is not Supported`))
  }
  return errs
}

/** The shared selector checks of Deployment/ReplicaSet/StatefulSet: required, valid, non-empty. */
function validateWorkloadSelector(sel: unknown, p: FieldPath, what: string): FieldError[] {
  if (sel === undefined || sel === null) return [fieldErrors.required(p)]
  const errs = validateLabelSelector(sel, p)
  if (isEmptySelector(sel)) errs.push(fieldErrors.invalid(p, goLabelSelector(sel), `empty selector is invalid for ${what}`))
  return errs
}

function validateDeploymentStrategy(strategy: unknown, p: FieldPath): FieldError[] {
  const s = asObject(strategy)
  const errs: FieldError[] = []
  switch (s.type) {
    case 'Recreate':
      if (s.rollingUpdate !== undefined && s.rollingUpdate !== null) {
        errs.push(fieldErrors.forbidden(p.child('rollingUpdate'), "may not be specified when strategy `type` is 'Recreate'"))
      }
      break
    case 'RollingUpdate': {
      if (!isObject(s.rollingUpdate)) {
        errs.push(fieldErrors.required(p.child('rollingUpdate'), 'this should be defaulted and never be nil'))
        break
      }
      const rp = p.child('rollingUpdate')
      const {maxUnavailable, maxSurge} = s.rollingUpdate
      errs.push(...validatePositiveIntOrPercent(maxUnavailable, rp.child('maxUnavailable')))
      errs.push(...validatePositiveIntOrPercent(maxSurge, rp.child('maxSurge')))
      if (intOrPercentValue(maxUnavailable).value === 0 && intOrPercentValue(maxSurge).value === 0) {
        errs.push(fieldErrors.invalid(rp.child('maxUnavailable'), goIntOrString(maxUnavailable), 'may not be 0 when `maxSurge` is 0'))
      }
      errs.push(...isNotMoreThan100Percent(maxUnavailable, rp.child('maxUnavailable')))
      break
    }
    default: {
      const ru = isObject(s.rollingUpdate) ? '(*apps.RollingUpdateDeployment)(0xc000000000)' : '(*apps.RollingUpdateDeployment)(nil)'
      errs.push(fieldErrors.notSupported(p, new GoRepr(`apps.DeploymentStrategy{Type:${JSON.stringify(str(s.type))}, RollingUpdate:${ru}}`), ['Recreate', 'RollingUpdate']))
    }
  }
  return errs
}

export function validateDeploymentSpec(s: any, p: FieldPath = spec): FieldError[] {
  const errs: FieldError[] = []
  errs.push(...validateNonnegative(s.replicas, p.child('replicas')))
  errs.push(...validateWorkloadSelector(s.selector, p.child('selector'), 'deployment'))
  if (labelSelectorMatcher(s.selector)) {
    errs.push(...validateTemplateForReplicaSet(s.template, s.selector, s.replicas ?? 1, p.child('template'), 'ReplicaSet'))
  } else {
    errs.push(fieldErrors.invalid(p.child('selector'), goLabelSelector(s.selector), 'invalid label selector'))
  }
  errs.push(...validateDeploymentStrategy(s.strategy, p.child('strategy')))
  errs.push(...validateNonnegative(s.minReadySeconds, p.child('minReadySeconds')))
  errs.push(...validateNonnegative(s.revisionHistoryLimit, p.child('revisionHistoryLimit')))
  if (typeof s.progressDeadlineSeconds === 'number') {
    errs.push(...validateNonnegative(s.progressDeadlineSeconds, p.child('progressDeadlineSeconds')))
    if (s.progressDeadlineSeconds <= (s.minReadySeconds ?? 0)) {
      errs.push(fieldErrors.invalid(p.child('progressDeadlineSeconds'), s.progressDeadlineSeconds, 'must be greater than minReadySeconds'))
    }
  }
  return errs
}

export function validateDeployment(obj: any): FieldError[] {
  return [...validateObjectMeta(obj.metadata, true, nameIsDNSSubdomain), ...validateDeploymentSpec(asObject(obj.spec))]
}

export function validateDeploymentUpdate(obj: any, old: any): FieldError[] {
  const errs = validateObjectMetaUpdate(obj.metadata, old.metadata)
  errs.push(...validateDeploymentSpec(asObject(obj.spec)))
  const sel = obj.spec?.selector
  errs.push(...validateImmutableField(sel, old.spec?.selector, spec.child('selector'), goLabelSelector(sel)))
  return errs
}

export function validateReplicaSetSpec(s: any, p: FieldPath = spec): FieldError[] {
  const errs: FieldError[] = []
  errs.push(...validateNonnegative(s.replicas, p.child('replicas')))
  errs.push(...validateNonnegative(s.minReadySeconds, p.child('minReadySeconds')))
  // sic: Kubernetes says "deployment" here too
  errs.push(...validateWorkloadSelector(s.selector, p.child('selector'), 'deployment'))
  if (labelSelectorMatcher(s.selector)) {
    errs.push(...validateTemplateForReplicaSet(s.template, s.selector, s.replicas ?? 1, p.child('template'), 'ReplicaSet'))
  } else {
    errs.push(fieldErrors.invalid(p.child('selector'), goLabelSelector(s.selector), 'invalid label selector'))
  }
  return errs
}

export function validateReplicaSet(obj: any): FieldError[] {
  return [...validateObjectMeta(obj.metadata, true, nameIsDNSSubdomain), ...validateReplicaSetSpec(asObject(obj.spec))]
}

export function validateReplicaSetUpdate(obj: any, old: any): FieldError[] {
  const errs = validateObjectMetaUpdate(obj.metadata, old.metadata)
  errs.push(...validateReplicaSetSpec(asObject(obj.spec)))
  const sel = obj.spec?.selector
  errs.push(...validateImmutableField(sel, old.spec?.selector, spec.child('selector'), goLabelSelector(sel)))
  return errs
}

export function validateStatefulSetSpec(s: any, p: FieldPath = spec): FieldError[] {
  const errs: FieldError[] = []
  const pmp = str(s.podManagementPolicy)
  if (!pmp) errs.push(fieldErrors.required(p.child('podManagementPolicy')))
  else if (pmp !== 'OrderedReady' && pmp !== 'Parallel') {
    errs.push(fieldErrors.invalid(p.child('podManagementPolicy'), pmp, "must be 'OrderedReady' or 'Parallel'"))
  }
  const us = asObject(s.updateStrategy)
  switch (str(us.type)) {
    case '':
      errs.push(fieldErrors.required(p.child('updateStrategy')))
      break
    case 'OnDelete':
      if (isObject(us.rollingUpdate)) {
        errs.push(fieldErrors.invalid(p.child('updateStrategy', 'rollingUpdate'), new GoRepr('&apps.RollingUpdateStatefulSetStrategy{}'), "only allowed for updateStrategy 'RollingUpdate'"))
      }
      break
    case 'RollingUpdate':
      if (isObject(us.rollingUpdate)) {
        const rp = p.child('updateStrategy', 'rollingUpdate')
        errs.push(...validateNonnegative(us.rollingUpdate.partition, rp.child('partition')))
        if (us.rollingUpdate.maxUnavailable !== undefined) {
          errs.push(...validatePositiveIntOrPercent(us.rollingUpdate.maxUnavailable, rp.child('maxUnavailable')))
        }
      }
      break
    default:
      errs.push(fieldErrors.invalid(p.child('updateStrategy'), new GoRepr(`apps.StatefulSetUpdateStrategy{Type:${JSON.stringify(str(us.type))}}`), "must be 'RollingUpdate' or 'OnDelete'"))
  }
  const pvcrp = s.persistentVolumeClaimRetentionPolicy
  if (isObject(pvcrp)) {
    for (const f of ['whenDeleted', 'whenScaled']) {
      const v = str(pvcrp[f])
      if (v !== 'Retain' && v !== 'Delete') {
        errs.push(fieldErrors.notSupported(p.child('persistentVolumeClaimRetentionPolicy', f), v, ['Retain', 'Delete']))
      }
    }
  }
  if (isObject(s.ordinals)) errs.push(...validateNonnegative(s.ordinals.start, p.child('ordinals', 'start')))
  errs.push(...validateNonnegative(s.replicas, p.child('replicas')))
  errs.push(...validateNonnegative(s.minReadySeconds, p.child('minReadySeconds')))
  errs.push(...validateWorkloadSelector(s.selector, p.child('selector'), 'statefulset'))
  const tp = p.child('template')
  const t = asObject(s.template)
  if (labelSelectorMatcher(s.selector)) {
    const match = labelSelectorMatcher(s.selector)!
    if (!isEmptySelector(s.selector) && !match(asObject(asObject(t.metadata).labels) as Record<string, string>)) {
      errs.push(fieldErrors.invalid(tp.child('metadata', 'labels'), goStringMap(asObject(t.metadata).labels), '`selector` does not match template `labels`'))
    }
    errs.push(...validateLabels(asObject(t.metadata).labels, tp.child('labels')))
    errs.push(...validateAnnotations(asObject(t.metadata).annotations, tp.child('annotations')))
    // Kubernetes leaves the pod spec of a StatefulSet unvalidated here (a TODO in ValidatePodTemplateSpecForStatefulSet):
    // a bad template is accepted and its pods fail to create, which the controller reports as FailedCreate.
  } else {
    errs.push(fieldErrors.invalid(p.child('selector'), goLabelSelector(s.selector), ''))
  }
  const rp = str(asObject(t.spec).restartPolicy)
  if (rp !== 'Always') errs.push(fieldErrors.notSupported(tp.child('spec', 'restartPolicy'), rp, ['Always']))
  if (asObject(t.spec).activeDeadlineSeconds !== undefined) {
    errs.push(fieldErrors.forbidden(tp.child('spec', 'activeDeadlineSeconds'), 'activeDeadlineSeconds in StatefulSet is not Supported'))
  }
  return errs
}

export function validateStatefulSet(obj: any): FieldError[] {
  return [...validateObjectMeta(obj.metadata, true, nameIsDNSSubdomain), ...validateStatefulSetSpec(asObject(obj.spec))]
}

const STS_MUTABLE = ['replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy', 'minReadySeconds']

export function validateStatefulSetUpdate(obj: any, old: any): FieldError[] {
  const errs = validateObjectMetaUpdate(obj.metadata, old.metadata)
  errs.push(...validateStatefulSetSpec(asObject(obj.spec)))
  const a = {...asObject(obj.spec)}
  const b = {...asObject(old.spec)}
  for (const f of STS_MUTABLE) {
    delete a[f]
    delete b[f]
  }
  if (!semanticEqual(a, b)) {
    errs.push(
      fieldErrors.forbidden(
        spec,
        "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
      ),
    )
  }
  return errs
}

function validateDaemonSetUpdateStrategy(strategy: unknown, p: FieldPath): FieldError[] {
  const s = asObject(strategy)
  const errs: FieldError[] = []
  switch (s.type) {
    case 'OnDelete':
      break
    case 'RollingUpdate': {
      if (!isObject(s.rollingUpdate)) return [fieldErrors.required(p.child('rollingUpdate'))]
      const rp = p.child('rollingUpdate')
      const {maxUnavailable, maxSurge} = s.rollingUpdate
      errs.push(...validatePositiveIntOrPercent(maxUnavailable, rp.child('maxUnavailable')))
      errs.push(...validatePositiveIntOrPercent(maxSurge, rp.child('maxSurge')))
      errs.push(...isNotMoreThan100Percent(maxUnavailable, rp.child('maxUnavailable')))
      errs.push(...isNotMoreThan100Percent(maxSurge, rp.child('maxSurge')))
      const hasUnavailable = intOrPercentValue(maxUnavailable).value !== 0
      const hasSurge = intOrPercentValue(maxSurge).value !== 0
      if (hasUnavailable && hasSurge) errs.push(fieldErrors.invalid(rp.child('maxSurge'), goIntOrString(maxSurge), 'may not be set when maxUnavailable is non-zero'))
      else if (!hasUnavailable && !hasSurge) errs.push(fieldErrors.required(rp.child('maxUnavailable'), 'cannot be 0 when maxSurge is 0'))
      break
    }
    default: {
      const ru = isObject(s.rollingUpdate) ? '(*apps.RollingUpdateDaemonSet)(0xc000000000)' : '(*apps.RollingUpdateDaemonSet)(nil)'
      errs.push(fieldErrors.notSupported(p, new GoRepr(`apps.DaemonSetUpdateStrategy{Type:${JSON.stringify(str(s.type))}, RollingUpdate:${ru}}`), ['RollingUpdate', 'OnDelete']))
    }
  }
  return errs
}

export function validateDaemonSetSpec(s: any, p: FieldPath = spec): FieldError[] {
  const errs: FieldError[] = []
  errs.push(...validateLabelSelector(s.selector, p.child('selector')))
  const match = labelSelectorMatcher(s.selector)
  const t = asObject(s.template)
  if (match && !match(asObject(asObject(t.metadata).labels) as Record<string, string>)) {
    errs.push(fieldErrors.invalid(p.child('template', 'metadata', 'labels'), goStringMap(asObject(t.metadata).labels), '`selector` does not match template `labels`'))
  }
  if (isObject(s.selector) && isEmptySelector(s.selector)) {
    errs.push(fieldErrors.invalid(p.child('selector'), goLabelSelector(s.selector), 'empty selector is invalid for daemonset'))
  }
  errs.push(...validatePodTemplateSpec(s.template, p.child('template')))
  const rp = str(asObject(t.spec).restartPolicy)
  if (rp !== 'Always') errs.push(fieldErrors.notSupported(p.child('template', 'spec', 'restartPolicy'), rp, ['Always']))
  const ads = asObject(t.spec).activeDeadlineSeconds
  if (ads !== undefined && ads !== null) {
    errs.push(fieldErrors.invalid(p.child('template', 'spec', 'activeDeadlineSeconds'), ads, 'activeDeadlineSeconds in DaemonSet is not Supported'))
  }
  errs.push(...validateNonnegative(s.minReadySeconds, p.child('minReadySeconds')))
  errs.push(...validateDaemonSetUpdateStrategy(s.updateStrategy, p.child('updateStrategy')))
  errs.push(...validateNonnegative(s.revisionHistoryLimit, p.child('revisionHistoryLimit')))
  return errs
}

export function validateDaemonSet(obj: any): FieldError[] {
  return [...validateObjectMeta(obj.metadata, true, nameIsDNSSubdomain), ...validateDaemonSetSpec(asObject(obj.spec))]
}

export function validateDaemonSetUpdate(obj: any, old: any): FieldError[] {
  const errs = validateObjectMetaUpdate(obj.metadata, old.metadata)
  errs.push(...validateDaemonSetSpec(asObject(obj.spec)))
  const sel = obj.spec?.selector
  errs.push(...validateImmutableField(sel, old.spec?.selector, spec.child('selector'), goLabelSelector(sel)))
  return errs
}
