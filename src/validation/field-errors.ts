// field.Error and field.Path (k8s.io/apimachinery/pkg/util/validation/field) and the API server's Invalid status
// (apierrors.NewInvalid) with kubectl's rendering of it. Each error keeps its path as segments too, so the CLI can
// point at file:line:col.

import {formatBadValue, goQuote} from './go-format.js'

export type FieldErrorType =
  | 'FieldValueNotFound'
  | 'FieldValueRequired'
  | 'FieldValueDuplicate'
  | 'FieldValueInvalid'
  | 'FieldValueNotSupported'
  | 'FieldValueForbidden'
  | 'FieldValueTooLong'
  | 'FieldValueTooMany'
  | 'InternalError'
  | 'FieldValueTypeInvalid'

const TYPE_TEXT: Record<FieldErrorType, string> = {
  FieldValueNotFound: 'Not found',
  FieldValueRequired: 'Required value',
  FieldValueDuplicate: 'Duplicate value',
  FieldValueInvalid: 'Invalid value',
  FieldValueNotSupported: 'Unsupported value',
  FieldValueForbidden: 'Forbidden',
  FieldValueTooLong: 'Too long',
  FieldValueTooMany: 'Too many',
  InternalError: 'Internal error',
  FieldValueTypeInvalid: 'Invalid value',
}

export type PathSegment = string | number

/** field.Path: `spec.containers[0].image`, `metadata.annotations[key]`. */
export class FieldPath {
  private constructor(
    private readonly parent: FieldPath | undefined,
    private readonly kind: 'name' | 'index' | 'key',
    private readonly value: string | number,
  ) {}

  static root(name: string, ...more: string[]): FieldPath {
    let p = new FieldPath(undefined, 'name', name)
    for (const m of more) p = p.child(m)
    return p
  }

  child(name: string, ...more: string[]): FieldPath {
    let p = new FieldPath(this, 'name', name)
    for (const m of more) p = new FieldPath(p, 'name', m)
    return p
  }

  index(i: number): FieldPath {
    return new FieldPath(this, 'index', i)
  }

  key(k: string): FieldPath {
    return new FieldPath(this, 'key', k)
  }

  toString(): string {
    const parts: string[] = []
    for (let p: FieldPath | undefined = this; p; p = p.parent) {
      parts.push(p.kind === 'name' ? (p.parent ? '.' : '') + String(p.value) : `[${p.value}]`)
    }
    return parts.reverse().join('')
  }

  /** Segments for locating the value in the source document (`key` segments are map keys). */
  segments(): PathSegment[] {
    const out: PathSegment[] = []
    for (let p: FieldPath | undefined = this; p; p = p.parent) out.push(p.value)
    return out.reverse()
  }
}

export type FieldError = {
  type: FieldErrorType
  /** the path as Kubernetes prints it */
  field: string
  /** path segments into the object, for source positions */
  path: PathSegment[]
  badValue?: unknown
  detail: string
  /** ErrorBody(): what follows `<field>: ` */
  message: string
  /** set when the real API server rejects this while decoding the request (BadRequest), not in validation */
  decode?: boolean
}

const OMIT = Symbol('omit')

function make(type: FieldErrorType, path: FieldPath, badValue: unknown, detail: string): FieldError {
  const e: FieldError = {type, field: path.toString(), path: path.segments(), detail, message: ''}
  if (badValue !== OMIT) e.badValue = badValue
  e.message = errorBody(e)
  return e
}

/** field.Error.ErrorBody */
export function errorBody(e: Pick<FieldError, 'type' | 'badValue' | 'detail'> & {badValue?: unknown}): string {
  let s: string
  if (
    e.type === 'FieldValueRequired' ||
    e.type === 'FieldValueForbidden' ||
    e.type === 'FieldValueTooLong' ||
    e.type === 'InternalError' ||
    !('badValue' in e)
  ) {
    s = TYPE_TEXT[e.type]
  } else {
    s = `${TYPE_TEXT[e.type]}: ${formatBadValue(e.badValue)}`
  }
  if (e.detail) s += `: ${e.detail}`
  return s
}

export const fieldErrors = {
  required: (p: FieldPath, detail = '') => make('FieldValueRequired', p, '', detail),
  invalid: (p: FieldPath, value: unknown, detail: string) => make('FieldValueInvalid', p, value, detail),
  notSupported: (p: FieldPath, value: unknown, valid: string[]) =>
    make('FieldValueNotSupported', p, value, valid.length ? 'supported values: ' + valid.map((v) => goQuote(v)).join(', ') : ''),
  duplicate: (p: FieldPath, value: unknown) => make('FieldValueDuplicate', p, value, ''),
  forbidden: (p: FieldPath, detail: string) => make('FieldValueForbidden', p, '', detail),
  tooLong: (p: FieldPath, maxBytes: number) => make('FieldValueTooLong', p, '', `must have at most ${maxBytes} bytes`),
  tooLongMaxLength: (p: FieldPath, maxLength: number) =>
    make('FieldValueTooLong', p, '', maxLength >= 0 ? `may not be longer than ${maxLength}` : 'value is too long'),
  tooMany: (p: FieldPath, actual: number, max: number) =>
    make('FieldValueTooMany', p, actual >= 0 ? actual : OMIT, max >= 0 ? `must have at most ${max} items` : 'has too many items'),
  notFound: (p: FieldPath, value: unknown) => make('FieldValueNotFound', p, value, ''),
  typeInvalid: (p: FieldPath, value: unknown, detail: string) => make('FieldValueTypeInvalid', p, value, detail),
}

/** `spec.selector: Required value` */
export function formatFieldError(e: Pick<FieldError, 'field' | 'message'>): string {
  return `${e.field}: ${e.message}`
}

/** ErrorList.ToAggregate: drops errors whose full message repeats an earlier one. */
export function toAggregate<T extends Pick<FieldError, 'field' | 'message'>>(errs: T[]): T[] {
  const seen = new Set<string>()
  const out: T[] = []
  for (const e of errs) {
    const msg = formatFieldError(e)
    if (seen.has(msg)) continue
    seen.add(msg)
    out.push(e)
  }
  return out
}

/** GroupKind.String(): `Deployment.apps`, `Pod` for the core group. */
export function qualifiedKindOf(group: string, kind: string): string {
  return group ? `${kind}.${group}` : kind
}

/** The Status message of apierrors.NewInvalid: `Deployment.apps "web" is invalid: e1` or `...: [e1, e2]`. */
export function invalidStatusMessage(qualifiedKind: string, name: string, errs: FieldError[]): string {
  const msgs = toAggregate(errs).map(formatFieldError)
  const agg = msgs.length === 1 ? msgs[0] : `[${msgs.join(', ')}]`
  return `${qualifiedKind} ${goQuote(name)} is invalid: ${agg}`
}

/**
 * What kubectl prints for an Invalid status (cmdutil.CheckErr → MultilineError), without the final newline:
 * `The Deployment "web" is invalid: spec.selector: Required value`, or for several causes
 * `The Deployment "web" is invalid: ` followed by one `* <cause>` line each.
 */
export function kubectlInvalidMessage(kind: string, name: string, errs: FieldError[]): string {
  const msgs = toAggregate(errs).map(formatFieldError)
  const prefix = `The ${kind} ${goQuote(name)} is invalid: `
  if (msgs.length === 1) return prefix + msgs[0]
  return [prefix, ...msgs.map((m) => `* ${m}`)].join('\n')
}

/** The BadRequest message when the request body cannot be decoded (e.g. a malformed quantity). */
export function decodeErrorMessage(kind: string, apiVersion: string, detail: string): string {
  const version = apiVersion.includes('/') ? apiVersion.slice(apiVersion.indexOf('/') + 1) : apiVersion
  return `${kind} in version ${JSON.stringify(version)} cannot be handled as a ${kind}: ${detail}`
}
