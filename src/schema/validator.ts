// Schema validation of one object against the JSON Schemas built from Kubernetes' OpenAPI (schemas/k8s/<v>/),
// plus schemas registered at run time (CRDs, --schema-location files). Validators are compiled lazily, on the
// first object of each (version, GVK, strict), and cached: loading only what an object needs keeps
// `k8sim validate` of one Deployment fast.

import {readFileSync, existsSync} from 'node:fs'
import {fileURLToPath} from 'node:url'
import {Ajv, type ErrorObject, type ValidateFunction} from 'ajv'
import {addKubernetesFormats} from './formats.js'
import {gvkKey} from './openapi-to-jsonschema.js'
import {removedApiHint} from './removed-apis.js'
import {DEFAULT_KUBERNETES_VERSION, SUPPORTED_KUBERNETES_VERSIONS} from '../version.js'
import {parseApiVersion} from '../api/types.js'

export interface SchemaError {
  /** JSON pointer of the offending field, e.g. /spec/replicas (for a missing or unknown field: that field) */
  path: string
  /** the same as a Kubernetes field path: spec.replicas, spec.containers[0].image */
  fieldPath: string
  /** k8sim's wording: `must be integer, got string "3"`, `Required value`, `unknown field` */
  message: string
  /** kubeconform's wording and path (the parent object for missing/unknown properties) */
  kubeconform: {path: string; msg: string}
}

export interface SchemaResult {
  status: 'valid' | 'invalid' | 'missing-schema'
  errors: SchemaError[]
  /** for missing-schema: `could not find schema for Deployment: <hint>` (kubeconform's wording first) */
  message?: string
  /** for missing-schema: why, and what to use (`extensions/v1beta1 Deployment was removed in 1.16: use apps/v1`) */
  hint?: string
  /** where the schema came from (`k8s/1.32/apps/v1/Deployment`, a CRD, a file) */
  schemaId?: string
}

export interface CompiledSchema {
  validate: ValidateFunction
  id: string
}

/** Somewhere else to look for a schema: registered CRDs, --schema-location templates. */
export interface SchemaSource {
  find(apiVersion: string, kind: string, kubernetesVersion: string, strict: boolean): CompiledSchema | undefined
}

export interface ValidateSchemaOptions {
  /** '1.32', '1.32.0', 'v1.32'; default 1.32 */
  kubernetesVersion?: string
  strict?: boolean
  sources?: SchemaSource[]
}

const DEFAULT_SCHEMA_DIR = fileURLToPath(new URL('../../schemas/k8s/', import.meta.url))

function schemaDir(): string {
  return process.env.K8SIM_SCHEMA_DIR ?? DEFAULT_SCHEMA_DIR
}

/** '1.32.0' / 'v1.32' / '1.32' → '1.32'; undefined when k8sim ships no schemas for it. */
export function normalizeKubernetesVersion(v: string | undefined): string | undefined {
  if (v === undefined || v === '') return DEFAULT_KUBERNETES_VERSION
  if (v === 'master' || v === 'latest') return SUPPORTED_KUBERNETES_VERSIONS[SUPPORTED_KUBERNETES_VERSIONS.length - 1]
  const m = /^v?(\d+)\.(\d+)(?:\.\d+)?$/.exec(v.trim())
  if (!m) return undefined
  const minor = `${m[1]}.${m[2]}`
  return SUPPORTED_KUBERNETES_VERSIONS.includes(minor) ? minor : undefined
}

let ajvInstance: Ajv | undefined

/** The shared ajv instance (all k8s versions, CRDs and schema files share it; ids keep them apart). */
export function sharedAjv(): Ajv {
  if (!ajvInstance) {
    // inlineRefs/optimize off and no verbose: compiling a Deployment takes ~60 ms instead of ~180 ms, and
    // validation stays as fast (errors look their value up in the object instead)
    ajvInstance = new Ajv({allErrors: true, strict: false, verbose: false, logger: false, validateFormats: true, validateSchema: false, inlineRefs: false, code: {optimize: false}})
    addKubernetesFormats(ajvInstance)
  }
  return ajvInstance
}

interface VersionSchemas {
  index: Record<string, string>
  defsLoaded: {normal: boolean; strict: boolean}
  compiled: Map<string, CompiledSchema>
}

const versions = new Map<string, VersionSchemas | null>()

function loadVersion(v: string): VersionSchemas | null {
  let vs = versions.get(v)
  if (vs !== undefined) return vs
  const file = `${schemaDir()}${v}/index.json`
  vs = existsSync(file) ? {index: JSON.parse(readFileSync(file, 'utf8')), defsLoaded: {normal: false, strict: false}, compiled: new Map()} : null
  versions.set(v, vs)
  return vs
}

function defsId(v: string, strict: boolean): string {
  return `k8s-${v}${strict ? '-strict' : ''}.json`
}

/** The built-in schema for a GVK, compiled on first use; undefined when Kubernetes `v` has no such kind. */
export function builtinSchema(v: string, apiVersion: string, kind: string, strict: boolean): CompiledSchema | undefined {
  const vs = loadVersion(v)
  if (!vs) return undefined
  const {group, version} = parseApiVersion(apiVersion)
  const key = gvkKey(group, version, kind)
  const def = vs.index[key]
  if (!def) return undefined
  const cacheKey = `${key}|${strict}`
  let c = vs.compiled.get(cacheKey)
  if (c) return c
  const ajv = sharedAjv()
  const id = defsId(v, strict)
  const loadedKey = strict ? 'strict' : 'normal'
  if (!vs.defsLoaded[loadedKey]) {
    const defs = JSON.parse(readFileSync(`${schemaDir()}${v}/${strict ? 'defs-strict' : 'defs'}.json`, 'utf8'))
    ajv.addSchema({...defs, $id: id})
    vs.defsLoaded[loadedKey] = true
  }
  c = {validate: ajv.compile({$ref: `${id}#/definitions/${def}`}), id: `k8s/${v}/${key}`}
  vs.compiled.set(cacheKey, c)
  return c
}

/** The GVK keys (`apps/v1/Deployment`) Kubernetes `v` serves, for hints. */
export function builtinKinds(v: string): string[] {
  return Object.keys(loadVersion(v)?.index ?? {})
}

/** Validate one object (already known to have apiVersion and kind) against its schema. */
export function validateSchema(obj: {apiVersion: string; kind: string; [k: string]: any}, opts: ValidateSchemaOptions = {}): SchemaResult {
  const v = normalizeKubernetesVersion(opts.kubernetesVersion)
  const strict = opts.strict ?? false
  const schema = v ? findSchema(v, obj.apiVersion, obj.kind, strict, opts.sources) : undefined
  if (!schema) {
    const hint = missingSchemaHint(obj.apiVersion, obj.kind, v ?? opts.kubernetesVersion ?? '')
    return {status: 'missing-schema', errors: [], message: `could not find schema for ${obj.kind}: ${hint}`, hint}
  }
  if (schema.validate(obj)) return {status: 'valid', errors: [], schemaId: schema.id}
  return {status: 'invalid', errors: convertErrors(schema.validate.errors ?? [], obj), schemaId: schema.id}
}

function findSchema(v: string, apiVersion: string, kind: string, strict: boolean, sources: SchemaSource[] | undefined): CompiledSchema | undefined {
  const b = builtinSchema(v, apiVersion, kind, strict)
  if (b) return b
  for (const s of sources ?? []) {
    const found = s.find(apiVersion, kind, v, strict)
    if (found) return found
  }
  return undefined
}

/** `could not find schema for Deployment`, then why: a removed API, another version that exists, or a CRD. */
export function missingSchemaMessage(apiVersion: string, kind: string, v: string): string {
  return `could not find schema for ${kind}: ${missingSchemaHint(apiVersion, kind, v)}`
}

/** Why a GVK has no schema in Kubernetes `v`, and what to use instead. */
export function missingSchemaHint(apiVersion: string, kind: string, v: string): string {
  if (!normalizeKubernetesVersion(v)) return `k8sim has no schemas for Kubernetes ${v} (supported: ${SUPPORTED_KUBERNETES_VERSIONS[0]}–${SUPPORTED_KUBERNETES_VERSIONS[SUPPORTED_KUBERNETES_VERSIONS.length - 1]})`
  if (!loadVersion(normalizeKubernetesVersion(v)!)) return `k8sim's schemas for Kubernetes ${v} are not installed (${schemaDir()}${normalizeKubernetesVersion(v)}/index.json); run npm run build`
  const removed = removedApiHint(apiVersion, kind, v)
  if (removed) return removed
  const others = builtinKinds(v).filter((k) => k.endsWith('/' + kind)).map((k) => k.slice(0, -kind.length - 1))
  if (others.length > 0) return `Kubernetes ${v} has no ${apiVersion} ${kind}; use ${others.join(' or ')}`
  return `${apiVersion} ${kind} is not a Kubernetes ${v} API; apply its CustomResourceDefinition first, or pass --schema-location (or --ignore-missing-schemas)`
}

// ---- error conversion ----

function unescapePointer(seg: string): string {
  return seg.replace(/~1/g, '/').replace(/~0/g, '~')
}

function segmentsOf(pointer: string): string[] {
  return pointer === '' ? [] : pointer.slice(1).split('/').map(unescapePointer)
}

function escapeSegment(seg: string): string {
  return seg.replace(/~/g, '~0').replace(/\//g, '~1')
}

/** /spec/containers/0/image → spec.containers[0].image; keys with dots or slashes in brackets. */
export function pointerToFieldPath(pointer: string): string {
  let out = ''
  for (const seg of segmentsOf(pointer)) {
    if (/^\d+$/.test(seg)) out += `[${seg}]`
    else if (/^[A-Za-z_$][\w$-]*$/.test(seg)) out += out ? `.${seg}` : seg
    else out += `[${seg}]`
  }
  return out
}

function jsonType(v: unknown): string {
  if (v === null) return 'null'
  if (Array.isArray(v)) return 'array'
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number'
  return typeof v
}

function preview(v: unknown): string {
  const t = jsonType(v)
  if (t === 'object' || t === 'array') return t
  let s = JSON.stringify(v) ?? String(v)
  if (s.length > 60) s = s.slice(0, 57) + '...'
  return `${t} ${s}`
}

function typesOf(param: unknown): string[] {
  return (Array.isArray(param) ? param : String(param).split(',')).map(String)
}

function quoteList(values: unknown[]): string {
  return values.filter((x) => x !== null).map((x) => JSON.stringify(x)).join(', ')
}

function valueAt(root: unknown, pointer: string): unknown {
  let v: any = root
  for (const seg of segmentsOf(pointer)) {
    if (v === null || typeof v !== 'object') return undefined
    v = v[seg]
  }
  return v
}

function convertError(e: ErrorObject, root: unknown): SchemaError | undefined {
  const p: any = e.params
  if (!('data' in e)) e.data = valueAt(root, e.instancePath)
  const at = e.instancePath
  const kc = (msg: string, path = at) => ({path, msg})
  switch (e.keyword) {
    case 'type': {
      const want = typesOf(p.type)
      const wanted = want.filter((t) => t !== 'null')
      return {path: at, fieldPath: pointerToFieldPath(at), message: `must be ${wanted.join(' or ')}, got ${preview(e.data)}`,
        kubeconform: kc(`got ${jsonType(e.data)}, want ${[...want.filter((t) => t === 'null'), ...wanted].join(' or ')}`)}
    }
    case 'required': {
      const path = `${at}/${escapeSegment(p.missingProperty)}`
      return {path, fieldPath: pointerToFieldPath(path), message: 'Required value', kubeconform: kc(`missing property '${p.missingProperty}'`)}
    }
    case 'additionalProperties': {
      const path = `${at}/${escapeSegment(p.additionalProperty)}`
      return {path, fieldPath: pointerToFieldPath(path), message: 'unknown field', kubeconform: kc(`additional properties '${p.additionalProperty}' not allowed`)}
    }
    case 'format':
      return {path: at, fieldPath: pointerToFieldPath(at), message: `invalid value ${JSON.stringify(e.data)}: must be a valid ${p.format}`,
        kubeconform: kc(`'${e.data}' is not valid '${p.format}'`)}
    case 'enum':
      return {path: at, fieldPath: pointerToFieldPath(at), message: `Unsupported value: ${JSON.stringify(e.data)}: supported values: ${quoteList(p.allowedValues)}`,
        kubeconform: kc(`value must be one of ${p.allowedValues.filter((x: unknown) => x !== null).map((x: unknown) => `'${x}'`).join(', ')}`)}
    case 'minimum': case 'maximum': case 'exclusiveMinimum': case 'exclusiveMaximum': {
      const words: Record<string, string> = {minimum: 'greater than or equal to', maximum: 'less than or equal to', exclusiveMinimum: 'greater than', exclusiveMaximum: 'less than'}
      const ops: Record<string, string> = {minimum: '>=', maximum: '<=', exclusiveMinimum: '>', exclusiveMaximum: '<'}
      return {path: at, fieldPath: pointerToFieldPath(at), message: `must be ${words[e.keyword]} ${p.limit}`, kubeconform: kc(`must be ${ops[e.keyword]} ${p.limit} but found ${e.data}`)}
    }
    case 'maxLength': case 'minLength': {
      const len = typeof e.data === 'string' ? [...e.data].length : 0
      const message = e.keyword === 'maxLength' ? `may not be longer than ${p.limit}` : `must be at least ${p.limit} characters long`
      return {path: at, fieldPath: pointerToFieldPath(at), message, kubeconform: kc(`length must be ${e.keyword === 'maxLength' ? '<=' : '>='} ${p.limit}, but got ${len}`)}
    }
    case 'maxItems': case 'minItems': case 'maxProperties': case 'minProperties': {
      const n = Array.isArray(e.data) ? e.data.length : e.data && typeof e.data === 'object' ? Object.keys(e.data).length : 0
      const what = e.keyword.endsWith('Items') ? 'items' : 'properties'
      const message = e.keyword.startsWith('max') ? `must have at most ${p.limit} ${what}` : `must have at least ${p.limit} ${what}`
      return {path: at, fieldPath: pointerToFieldPath(at), message, kubeconform: kc(`${e.keyword}: got ${n}, want ${p.limit}`)}
    }
    case 'pattern':
      return {path: at, fieldPath: pointerToFieldPath(at), message: `invalid value ${JSON.stringify(e.data)}: must match ${p.pattern}`, kubeconform: kc(`'${e.data}' does not match pattern '${p.pattern}'`)}
    case 'anyOf':
      return {path: at, fieldPath: pointerToFieldPath(at), message: 'must match at least one of the allowed forms', kubeconform: kc('anyOf failed')}
    case 'oneOf': {
      const passing = Array.isArray(p.passingSchemas) ? p.passingSchemas : undefined
      return {path: at, fieldPath: pointerToFieldPath(at), message: passing ? 'must match exactly one of the allowed forms, matches several' : 'must match exactly one of the allowed forms',
        kubeconform: kc(passing ? `oneOf failed, subschemas ${passing.join(', ')} matched` : 'oneOf failed, none matched')}
    }
    case 'const':
      return {path: at, fieldPath: pointerToFieldPath(at), message: `must be ${JSON.stringify(p.allowedValue)}`, kubeconform: kc(`value must be ${JSON.stringify(p.allowedValue)}`)}
    case 'uniqueItems':
      return {path: at, fieldPath: pointerToFieldPath(at), message: `Duplicate value: items ${p.j} and ${p.i} are equal`, kubeconform: kc(`items at ${p.j} and ${p.i} are equal`)}
    case 'multipleOf':
      return {path: at, fieldPath: pointerToFieldPath(at), message: `must be a multiple of ${p.multipleOf}`, kubeconform: kc(`${e.data} not multipleOf ${p.multipleOf}`)}
    case 'if': case 'then': case 'else':
      return undefined
    default:
      return {path: at, fieldPath: pointerToFieldPath(at), message: e.message ?? e.keyword, kubeconform: kc(e.message ?? e.keyword)}
  }
}

/** ajv errors → SchemaErrors, without duplicates (allErrors repeats a failure once per anyOf branch). */
export function convertErrors(errors: ErrorObject[], root: unknown): SchemaError[] {
  const out: SchemaError[] = []
  const seen = new Set<string>()
  for (const e of errors) {
    const c = convertError(e, root)
    if (!c) continue
    const key = `${c.path}\u0000${c.message}`
    if (seen.has(key)) continue
    seen.add(key)
    out.push(c)
  }
  return out
}
