// batch/v1 validation (pkg/apis/batch/validation/validation.go): Job and CronJob.

import {FieldPath, fieldErrors, type FieldError} from './field-errors.js'
import {goLabelSelector, goStringMap, GoRepr} from './go-format.js'
import {isDNS1123Label, nameIsDNSSubdomain} from './names.js'
import {validateImmutableField, validateLabelSelector, validateNonnegative, validateObjectMeta, validateObjectMetaUpdate} from './meta.js'
import {validatePodTemplateSpec} from './pod.js'
import {labelSelectorMatcher} from './selector.js'
import {cronParseError} from './cron.js'
import {asObject, isObject, str} from './util.js'

const spec = FieldPath.root('spec')
const tplMeta = FieldPath.root('spec', 'template', 'metadata')

function validateHasLabel(labels: Record<string, string> | undefined, key: string, expected: string): FieldError[] {
  const l = labels ?? {}
  if (!(key in l)) return [fieldErrors.required(tplMeta.child('labels').key(key), expected)]
  if (l[key] !== expected) return [fieldErrors.invalid(tplMeta.child('labels').key(key), goStringMap(labels), `must be '${expected}'`)]
  return []
}

function validateGeneratedSelector(job: any): FieldError[] {
  const s = asObject(job.spec)
  if (s.manualSelector === true || !isObject(s.selector)) return []
  const errs: FieldError[] = []
  const uid = str(job.metadata?.uid)
  const name = str(job.metadata?.name)
  if (!uid) errs.push(fieldErrors.required(FieldPath.root('metadata', 'uid')))
  const labels = asObject(s.template?.metadata).labels
  errs.push(...validateHasLabel(labels, 'controller-uid', uid))
  errs.push(...validateHasLabel(labels, 'job-name', name))
  errs.push(...validateHasLabel(labels, 'batch.kubernetes.io/controller-uid', uid))
  errs.push(...validateHasLabel(labels, 'batch.kubernetes.io/job-name', name))
  const expected = {'batch.kubernetes.io/controller-uid': uid, 'batch.kubernetes.io/job-name': name, 'controller-uid': uid, 'job-name': name}
  const match = labelSelectorMatcher(s.selector)
  if (match && !match(expected)) errs.push(fieldErrors.invalid(spec.child('selector'), goLabelSelector(s.selector), '`selector` not auto-generated'))
  return errs
}

/** validateJobSpec: the checks shared by Job and a CronJob's jobTemplate. */
function validateJobSpecCommon(s: any, p: FieldPath): FieldError[] {
  const errs: FieldError[] = []
  for (const f of ['parallelism', 'completions', 'activeDeadlineSeconds', 'backoffLimit', 'ttlSecondsAfterFinished', 'backoffLimitPerIndex']) {
    errs.push(...validateNonnegative(s[f], p.child(f)))
  }
  if (s.maxFailedIndexes !== undefined && s.maxFailedIndexes !== null) {
    errs.push(...validateNonnegative(s.maxFailedIndexes, p.child('maxFailedIndexes')))
    if (s.backoffLimitPerIndex === undefined || s.backoffLimitPerIndex === null) {
      errs.push(fieldErrors.required(p.child('backoffLimitPerIndex'), 'when maxFailedIndexes is specified'))
    }
  }
  const mode = s.completionMode
  if (mode !== undefined && mode !== null) {
    if (mode !== 'NonIndexed' && mode !== 'Indexed') errs.push(fieldErrors.notSupported(p.child('completionMode'), mode, ['NonIndexed', 'Indexed']))
    if (mode === 'Indexed') {
      if (s.completions === undefined || s.completions === null) errs.push(fieldErrors.required(p.child('completions'), 'when completion mode is Indexed'))
      if (typeof s.parallelism === 'number' && s.parallelism > 100000) {
        errs.push(fieldErrors.invalid(p.child('parallelism'), s.parallelism, 'must be less than or equal to 100000 when completion mode is Indexed'))
      }
    }
  }
  if (mode === undefined || mode === null || mode === 'NonIndexed') {
    if (typeof s.backoffLimitPerIndex === 'number') errs.push(fieldErrors.invalid(p.child('backoffLimitPerIndex'), s.backoffLimitPerIndex, 'requires indexed completion mode'))
    if (typeof s.maxFailedIndexes === 'number') errs.push(fieldErrors.invalid(p.child('maxFailedIndexes'), s.maxFailedIndexes, 'requires indexed completion mode'))
  }
  const prp = s.podReplacementPolicy
  if (prp !== undefined && prp !== null) {
    if (isObject(s.podFailurePolicy)) {
      if (prp !== 'Failed') errs.push(fieldErrors.notSupported(p.child('podReplacementPolicy'), prp, ['Failed']))
    } else if (prp !== 'Failed' && prp !== 'TerminatingOrFailed') {
      errs.push(fieldErrors.notSupported(p.child('podReplacementPolicy'), prp, ['Failed', 'TerminatingOrFailed']))
    }
  }
  errs.push(...validatePodTemplateSpec(s.template, p.child('template')))
  const rp = str(asObject(asObject(s.template).spec).restartPolicy)
  const rpPath = p.child('template', 'spec', 'restartPolicy')
  if (rp === 'Always' || rp === '') errs.push(fieldErrors.required(rpPath, 'valid values: "OnFailure", "Never"'))
  else if (rp !== 'OnFailure' && rp !== 'Never') errs.push(fieldErrors.notSupported(rpPath, rp, ['OnFailure', 'Never']))
  else if (isObject(s.podFailurePolicy) && rp !== 'Never') errs.push(fieldErrors.invalid(rpPath, rp, 'only "Never" is supported when podFailurePolicy is specified'))
  return errs
}

export function validateJobSpec(s: any, p: FieldPath = spec): FieldError[] {
  const errs = validateJobSpecCommon(s, p)
  if (!isObject(s.selector)) errs.push(fieldErrors.required(p.child('selector')))
  else errs.push(...validateLabelSelector(s.selector, p.child('selector')))
  const match = isObject(s.selector) ? labelSelectorMatcher(s.selector) : labelSelectorMatcher(null)
  const labels = asObject(s.template?.metadata).labels
  if (match && !match(asObject(labels) as Record<string, string>)) {
    errs.push(fieldErrors.invalid(p.child('template', 'metadata', 'labels'), goStringMap(labels), '`selector` does not match template `labels`'))
  }
  return errs
}

export function validateJob(job: any): FieldError[] {
  const errs = validateObjectMeta(job.metadata, true, nameIsDNSSubdomain)
  errs.push(...validateGeneratedSelector(job))
  const s = asObject(job.spec)
  errs.push(...validateJobSpec(s))
  if (s.completionMode === 'Indexed' && typeof s.completions === 'number' && s.completions > 0) {
    const host = `${str(job.metadata?.name)}-${s.completions - 1}`
    if (isDNS1123Label(host).length > 0) {
      errs.push(fieldErrors.invalid(FieldPath.root('metadata', 'name'), str(job.metadata?.name), `will not able to create pod with invalid DNS label: ${host}`))
    }
  }
  return errs
}

/** What %#v prints for a PodTemplateSpec is pages long; this keeps its shape without the body. */
const POD_TEMPLATE_REPR = new GoRepr('core.PodTemplateSpec{...}')

export function validateJobUpdate(job: any, old: any): FieldError[] {
  const errs = validateObjectMetaUpdate(job.metadata, old.metadata)
  errs.push(...validateGeneratedSelector(job))
  const s = asObject(job.spec)
  const o = asObject(old.spec)
  errs.push(...validateJobSpec(s))
  if (s.completionMode !== 'Indexed') errs.push(...validateImmutableField(s.completions, o.completions, spec.child('completions')))
  errs.push(...validateImmutableField(s.selector, o.selector, spec.child('selector'), goLabelSelector(s.selector)))
  // a suspended Job that never started may change scheduling directives; everything else in the template is fixed
  const newTpl = structuredClone(asObject(s.template))
  const oldTpl = structuredClone(asObject(o.template))
  if (s.suspend === true && !old.status?.startTime) {
    for (const t of [newTpl, oldTpl]) {
      const ts = asObject(t.spec)
      delete ts.nodeSelector
      delete ts.tolerations
      delete ts.affinity
      delete ts.schedulingGates
      if (isObject(t.metadata)) {
        delete t.metadata.labels
        delete t.metadata.annotations
      }
    }
  }
  errs.push(...validateImmutableField(newTpl, oldTpl, spec.child('template'), POD_TEMPLATE_REPR))
  errs.push(...validateImmutableField(s.completionMode, o.completionMode, spec.child('completionMode')))
  errs.push(...validateImmutableField(s.podFailurePolicy, o.podFailurePolicy, spec.child('podFailurePolicy'), s.podFailurePolicy ? new GoRepr('&batch.PodFailurePolicy{...}') : null))
  errs.push(...validateImmutableField(s.backoffLimitPerIndex, o.backoffLimitPerIndex, spec.child('backoffLimitPerIndex')))
  return errs
}

function validateJobTemplateSpec(jt: any, p: FieldPath): FieldError[] {
  const s = asObject(jt?.spec)
  const errs = validateJobSpecCommon(s, p.child('spec'))
  if (s.selector !== undefined && s.selector !== null) {
    errs.push(fieldErrors.invalid(p.child('spec', 'selector'), goLabelSelector(s.selector), '`selector` will be auto-generated'))
  }
  if (s.manualSelector === true) errs.push(fieldErrors.notSupported(p.child('spec', 'manualSelector'), true, ['nil', 'false']))
  return errs
}

function validateCronJobSpec(s: any, old: any | undefined, p: FieldPath = spec): FieldError[] {
  const errs: FieldError[] = []
  const schedule = str(s.schedule)
  const sp = p.child('schedule')
  if (!schedule) errs.push(fieldErrors.required(sp))
  else {
    const err = cronParseError(schedule)
    if (err) errs.push(fieldErrors.invalid(sp, schedule, err))
    const allowTZ = old ? str(old.schedule).includes('TZ') : false
    if (allowTZ && schedule.includes('TZ') && s.timeZone) errs.push(fieldErrors.invalid(sp, schedule, 'cannot use both timeZone field and TZ or CRON_TZ in schedule'))
    else if (!allowTZ && schedule.includes('TZ')) errs.push(fieldErrors.invalid(sp, schedule, 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead'))
  }
  errs.push(...validateNonnegative(s.startingDeadlineSeconds, p.child('startingDeadlineSeconds')))
  if (typeof s.timeZone === 'string' && (!old || old.timeZone !== s.timeZone)) {
    const tz = s.timeZone
    let ok = tz.length > 0 && !tz.includes(' ')
    if (ok) {
      try {
        new Intl.DateTimeFormat('en-US', {timeZone: tz})
      } catch {
        ok = false
      }
    }
    if (!ok) errs.push(fieldErrors.invalid(p.child('timeZone'), tz, `unknown time zone ${tz}`))
  }
  const cp = str(s.concurrencyPolicy)
  if (!cp) errs.push(fieldErrors.required(p.child('concurrencyPolicy')))
  else if (!['Allow', 'Forbid', 'Replace'].includes(cp)) errs.push(fieldErrors.notSupported(p.child('concurrencyPolicy'), cp, ['Allow', 'Forbid', 'Replace']))
  errs.push(...validateJobTemplateSpec(s.jobTemplate, p.child('jobTemplate')))
  errs.push(...validateNonnegative(s.successfulJobsHistoryLimit, p.child('successfulJobsHistoryLimit')))
  errs.push(...validateNonnegative(s.failedJobsHistoryLimit, p.child('failedJobsHistoryLimit')))
  return errs
}

export function validateCronJob(cj: any): FieldError[] {
  const errs = validateObjectMeta(cj.metadata, true, nameIsDNSSubdomain)
  errs.push(...validateCronJobSpec(asObject(cj.spec), undefined))
  const name = str(cj.metadata?.name)
  if (Buffer.byteLength(name) > 52) errs.push(fieldErrors.invalid(FieldPath.root('metadata', 'name'), name, 'must be no more than 52 characters'))
  return errs
}

export function validateCronJobUpdate(cj: any, old: any): FieldError[] {
  const errs = validateObjectMetaUpdate(cj.metadata, old.metadata)
  errs.push(...validateCronJobSpec(asObject(cj.spec), asObject(old.spec)))
  return errs
}

