// ObjectMeta validation (apimachinery/pkg/api/validation/objectmeta.go, metav1 validation, and core's
// validateKubeFinalizerName), label selectors, and the generic immutable-field check.

import type {ObjectMeta} from '../api/types.js'
import {FieldPath, fieldErrors, type FieldError} from './field-errors.js'
import {goStringSlice} from './go-format.js'
import {byteLen, isDNS1123Label, isQualifiedName, isValidLabelValue, type NameValidator} from './names.js'
import {asArray, isObject, semanticEqual, str} from './util.js'

export const FIELD_IMMUTABLE = 'field is immutable'
export const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * (1 << 10)

/** Kubernetes reports map errors at the map's path; the source position can still point at the entry. */
function atKey(p: FieldPath, key: string): (e: FieldError) => FieldError {
  return (e) => ({...e, path: [...p.segments(), key]})
}

export function validateLabelName(key: string, p: FieldPath): FieldError[] {
  return isQualifiedName(key).map((m) => fieldErrors.invalid(p, key, m))
}

export function validateLabels(labels: unknown, p: FieldPath): FieldError[] {
  const errs: FieldError[] = []
  if (!isObject(labels)) return errs
  for (const [k, v] of Object.entries(labels)) {
    const at = atKey(p, k)
    errs.push(...validateLabelName(k, p).map(at))
    for (const m of isValidLabelValue(str(v))) errs.push(at(fieldErrors.invalid(p, str(v), m)))
  }
  return errs
}

export function validateAnnotations(annotations: unknown, p: FieldPath): FieldError[] {
  const errs: FieldError[] = []
  if (!isObject(annotations)) return errs
  let size = 0
  for (const [k, v] of Object.entries(annotations)) {
    // QualifiedName, except that case does not matter
    for (const m of isQualifiedName(k.toLowerCase())) errs.push(atKey(p, k)(fieldErrors.invalid(p, k, m)))
    size += byteLen(k) + byteLen(str(v))
  }
  if (size > TOTAL_ANNOTATION_SIZE_LIMIT) errs.push(fieldErrors.tooLong(p, TOTAL_ANNOTATION_SIZE_LIMIT))
  return errs
}

function validateOwnerReferences(refs: unknown, p: FieldPath): FieldError[] {
  const errs: FieldError[] = []
  let controllerName = ''
  const controllers: string[] = []
  asArray(refs).forEach((r: any) => {
    const apiVersion = str(r?.apiVersion)
    const version = apiVersion.includes('/') ? apiVersion.slice(apiVersion.indexOf('/') + 1) : apiVersion
    if (!version) errs.push(fieldErrors.invalid(p.child('apiVersion'), apiVersion, 'version must not be empty'))
    if (!str(r?.kind)) errs.push(fieldErrors.invalid(p.child('kind'), str(r?.kind), 'must not be empty'))
    if (!str(r?.name)) errs.push(fieldErrors.invalid(p.child('name'), str(r?.name), 'must not be empty'))
    if (!str(r?.uid)) errs.push(fieldErrors.invalid(p.child('uid'), str(r?.uid), 'must not be empty'))
    if (r?.controller === true) {
      controllers.push(`${str(r?.kind)}/${str(r?.name)}`)
      controllerName = controllerName || str(r?.name)
    }
  })
  if (controllers.length > 1) {
    errs.push(
      fieldErrors.invalid(p, refs, `Only one reference can have Controller set to true. Found "true" in references for ${controllers.join(' and ')}`),
    )
  }
  return errs
}

function validateFinalizers(finalizers: unknown, p: FieldPath): FieldError[] {
  const errs: FieldError[] = []
  const list = asArray(finalizers).map(str)
  for (const f of list) for (const m of isQualifiedName(f)) errs.push(fieldErrors.invalid(p, f, m))
  if (list.includes('orphan') && list.includes('foregroundDeletion')) {
    errs.push(fieldErrors.invalid(p, goStringSlice(list), 'finalizer orphan and foregroundDeletion cannot be both set'))
  }
  return errs
}

/**
 * ValidateObjectMeta for create. A name generated from generateName is checked through the prefix; a missing
 * namespace is the caller's to fill (kubectl/request namespace), so it is only checked when present.
 */
export function validateObjectMeta(meta: ObjectMeta | undefined, namespaced: boolean, nameFn: NameValidator, p = FieldPath.root('metadata')): FieldError[] {
  const m: ObjectMeta = isObject(meta) ? meta : {}
  const errs: FieldError[] = []
  const generateName = str(m.generateName)
  const name = str(m.name)
  if (generateName) for (const msg of nameFn(generateName, true)) errs.push(fieldErrors.invalid(p.child('generateName'), generateName, msg))
  if (!name) {
    if (!generateName) errs.push(fieldErrors.required(p.child('name'), 'name or generateName is required'))
  } else {
    for (const msg of nameFn(name, false)) errs.push(fieldErrors.invalid(p.child('name'), name, msg))
  }
  const ns = str(m.namespace)
  if (namespaced && ns) {
    for (const msg of isDNS1123Label(ns)) errs.push(fieldErrors.invalid(p.child('namespace'), ns, msg))
  }
  if (typeof m.generation === 'number' && m.generation < 0) {
    errs.push(fieldErrors.invalid(p.child('generation'), m.generation, 'must be greater than or equal to 0'))
  }
  errs.push(...validateLabels(m.labels, p.child('labels')))
  errs.push(...validateAnnotations(m.annotations, p.child('annotations')))
  errs.push(...validateOwnerReferences(m.ownerReferences, p.child('ownerReferences')))
  errs.push(...validateFinalizers(m.finalizers, p.child('finalizers')))
  return errs
}

/** ValidateObjectMetaUpdate: identity fields are immutable, labels/annotations re-validated. */
export function validateObjectMetaUpdate(meta: ObjectMeta | undefined, old: ObjectMeta | undefined, p = FieldPath.root('metadata')): FieldError[] {
  const m: ObjectMeta = isObject(meta) ? meta : {}
  const o: ObjectMeta = isObject(old) ? old : {}
  const errs: FieldError[] = []
  for (const f of ['name', 'namespace', 'uid', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds'] as const) {
    // unset identity fields on the new object are filled from the old one by the registry; only a change counts
    if (m[f] === undefined) continue
    errs.push(...validateImmutableField(m[f], o[f], p.child(f)))
  }
  errs.push(...validateLabels(m.labels, p.child('labels')))
  errs.push(...validateAnnotations(m.annotations, p.child('annotations')))
  errs.push(...validateOwnerReferences(m.ownerReferences, p.child('ownerReferences')))
  errs.push(...validateFinalizers(m.finalizers, p.child('finalizers')))
  return errs
}

export function validateImmutableField(newVal: unknown, oldVal: unknown, p: FieldPath, badValue: unknown = newVal): FieldError[] {
  return semanticEqual(newVal, oldVal) ? [] : [fieldErrors.invalid(p, badValue, FIELD_IMMUTABLE)]
}

/** metav1validation.ValidateLabelSelector (strict label values). */
export function validateLabelSelector(sel: unknown, p: FieldPath): FieldError[] {
  const errs: FieldError[] = []
  if (!isObject(sel)) return errs
  errs.push(...validateLabels(sel.matchLabels, p.child('matchLabels')))
  asArray(sel.matchExpressions).forEach((e: any, i) => {
    const ep = p.child('matchExpressions').index(i)
    const values = asArray(e?.values)
    switch (e?.operator) {
      case 'In':
      case 'NotIn':
        if (values.length === 0) errs.push(fieldErrors.required(ep.child('values'), "must be specified when `operator` is 'In' or 'NotIn'"))
        break
      case 'Exists':
      case 'DoesNotExist':
        if (values.length > 0) errs.push(fieldErrors.forbidden(ep.child('values'), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"))
        break
      default:
        errs.push(fieldErrors.invalid(ep.child('operator'), str(e?.operator), 'not a valid selector operator'))
    }
    errs.push(...validateLabelName(str(e?.key), ep.child('key')))
    values.forEach((v, vi) => {
      for (const msg of isValidLabelValue(str(v))) errs.push(fieldErrors.invalid(ep.child('values').index(vi), str(v), msg))
    })
  })
  return errs
}

/** ValidateNonnegativeField */
export function validateNonnegative(v: unknown, p: FieldPath): FieldError[] {
  return typeof v === 'number' && v < 0 ? [fieldErrors.invalid(p, v, 'must be greater than or equal to 0')] : []
}
