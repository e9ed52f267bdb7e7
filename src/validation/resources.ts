// Container resource requirements (ValidateContainerResourceRequirements, ValidateResourceQuantityValue) and
// the decode-time quantity check.

import {compareQuantity, canonicalQuantity, milliValue} from '../api/quantity.js'
import {FieldPath, fieldErrors, type FieldError} from './field-errors.js'
import {isQualifiedName} from './names.js'
import {quantityParseError} from './quantity.js'
import {isObject} from './util.js'

const STANDARD_CONTAINER_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage'])
const OVERCOMMIT_FORBIDDEN_PREFIX = 'hugepages-'

function isHugePages(name: string): boolean {
  return name.startsWith(OVERCOMMIT_FORBIDDEN_PREFIX)
}

/** helper.IsOvercommitAllowed: native resources (no domain, or kubernetes.io/) except hugepages. */
function isOvercommitAllowed(name: string): boolean {
  const native = !name.includes('/') || name.includes('kubernetes.io/')
  return native && !isHugePages(name)
}

/** Integer resources: hugepages-* are not; extended (domain-prefixed, non kubernetes.io) resources are. */
function isIntegerResourceName(name: string): boolean {
  return name.includes('/') && !name.includes('kubernetes.io/')
}

function validateContainerResourceName(name: string, p: FieldPath): FieldError[] {
  const errs = isQualifiedName(name).map((m) => fieldErrors.invalid(p, name, m))
  if (errs.length) return errs
  if (!name.includes('/') && !STANDARD_CONTAINER_RESOURCES.has(name) && !isHugePages(name)) {
    return [fieldErrors.invalid(p, name, 'must be a standard resource for containers')]
  }
  return []
}

function validateQuantityValue(name: string, q: unknown, p: FieldPath): FieldError[] {
  if (typeof q !== 'string' && typeof q !== 'number') return [] // a type error is the schema's to report
  const s = canonicalQuantity(q as string | number) ?? String(q)
  if (typeof q === 'string' && q.trim().startsWith('-')) return [fieldErrors.invalid(p, s, 'must be greater than or equal to 0')]
  if (typeof q === 'number' && q < 0) return [fieldErrors.invalid(p, s, 'must be greater than or equal to 0')]
  if (isIntegerResourceName(name) && milliValue(q as string) % 1000 !== 0) return [fieldErrors.invalid(p, s, 'must be an integer')]
  return []
}

export function validateResourceRequirements(res: unknown, p: FieldPath): FieldError[] {
  const errs: FieldError[] = []
  if (!isObject(res)) return errs
  const limits = isObject(res.limits) ? res.limits : {}
  const requests = isObject(res.requests) ? res.requests : {}
  const limPath = p.child('limits')
  const reqPath = p.child('requests')
  for (const [name, q] of Object.entries(limits)) {
    const fp = limPath.key(name)
    errs.push(...validateContainerResourceName(name, fp))
    errs.push(...validateQuantityValue(name, q, fp))
  }
  for (const [name, q] of Object.entries(requests)) {
    const fp = reqPath.key(name)
    errs.push(...validateContainerResourceName(name, fp))
    errs.push(...validateQuantityValue(name, q, fp))
    if (typeof q !== 'string' && typeof q !== 'number') continue
    const reqStr = canonicalQuantity(q) ?? String(q)
    if (name in limits && (typeof limits[name] === 'string' || typeof limits[name] === 'number')) {
      const lim = limits[name]
      const limStr = canonicalQuantity(lim as string) ?? String(lim)
      const cmp = compareQuantity(q as string, lim as string)
      if (cmp !== 0 && !isOvercommitAllowed(name)) {
        errs.push(fieldErrors.invalid(reqPath, reqStr, `must be equal to ${name} limit of ${limStr}`))
      } else if (cmp > 0) {
        errs.push(fieldErrors.invalid(reqPath, reqStr, `must be less than or equal to ${name} limit of ${limStr}`))
      }
    } else if (!isOvercommitAllowed(name)) {
      errs.push(fieldErrors.required(limPath, 'Limit must be set for non overcommitable resources'))
    }
  }
  return errs
}

/** The first malformed quantity in a resource map (decoding stops at the first error). */
export function quantityMapDecodeError(m: unknown, p: FieldPath): FieldError | undefined {
  if (!isObject(m)) return undefined
  for (const [name, q] of Object.entries(m)) {
    const err = quantityParseError(q)
    if (err) return {...fieldErrors.invalid(p.key(name), q, err), decode: true}
  }
  return undefined
}

export function quantityDecodeError(q: unknown, p: FieldPath): FieldError | undefined {
  const err = quantityParseError(q)
  return err ? {...fieldErrors.invalid(p, q, err), decode: true} : undefined
}
