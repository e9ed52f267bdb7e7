// Converts Kubernetes OpenAPI v3 schemas (the API server's discovery documents, and a CRD's openAPIV3Schema)
// into JSON Schemas that ajv compiles. Used at build time (scripts/build-schemas.js imports the compiled
// dist/schema/openapi-to-jsonschema.js) and at run time when a CRD is applied.
//
// What the conversion does, and why:
// - every `type` also accepts null: the API server treats `field: null` as "unset" (kubeconform's schemas do
//   the same, its messages say "want null or integer");
// - `oneOf` of plain types (IntOrString, Quantity) and `x-kubernetes-int-or-string` become a type union, which
//   is faster and gives one clear message instead of a oneOf failure;
// - `allOf: [{$ref}]` wrappers (OpenAPI v3 uses them to attach a description/default to a $ref) become the $ref;
// - descriptions, defaults, examples and the x-kubernetes-* annotations are dropped (output stays small);
// - strict variant: objects with `properties` get `additionalProperties: false`, except where
//   `x-kubernetes-preserve-unknown-fields` says otherwise (Kubernetes' own unknown-field check).

export type JsonSchema = {[k: string]: any}

export interface ConvertOptions {
  strict: boolean
  /** how a `#/components/schemas/X` reference is rewritten: refPrefix + X */
  refPrefix: string
}

/** Formats Kubernetes uses; everything else is dropped so ajv never rejects a schema for an unknown format. */
export const KNOWN_FORMATS = new Set(['int32', 'int64', 'byte', 'date-time', 'double', 'float'])

const COMPONENT_REF = '#/components/schemas/'
const DEFINITIONS_REF = '#/definitions/'

function nullable(type: string | string[]): string[] {
  const types = Array.isArray(type) ? [...type] : [type]
  if (!types.includes('null')) types.push('null')
  return types
}

/** oneOf/anyOf whose branches are only `{type: X}`: the union of those types, else undefined. */
function plainTypeUnion(branches: unknown): string[] | undefined {
  if (!Array.isArray(branches) || branches.length === 0) return undefined
  const types: string[] = []
  for (const b of branches) {
    if (!b || typeof b !== 'object') return undefined
    const keys = Object.keys(b).filter((k) => k !== 'description')
    if (keys.length !== 1 || keys[0] !== 'type' || typeof (b as any).type !== 'string') return undefined
    types.push((b as any).type)
  }
  return types
}

function rewriteRef(ref: string, opts: ConvertOptions): string {
  if (ref.startsWith(COMPONENT_REF)) return opts.refPrefix + ref.slice(COMPONENT_REF.length)
  if (ref.startsWith(DEFINITIONS_REF)) return opts.refPrefix + ref.slice(DEFINITIONS_REF.length)
  return ref
}

/** Convert one OpenAPI v3 schema node (recursively). Never mutates its input. */
export function convertSchema(s: any, opts: ConvertOptions): JsonSchema {
  if (s === true || s === false) return s as any
  if (!s || typeof s !== 'object') return {}
  // `allOf: [{$ref}]` with only annotations beside it: the $ref itself
  if (Array.isArray(s.allOf) && s.allOf.length === 1 && s.allOf[0]?.$ref && !s.type && !s.properties) {
    return {$ref: rewriteRef(s.allOf[0].$ref, opts)}
  }
  if (typeof s.$ref === 'string') return {$ref: rewriteRef(s.$ref, opts)}

  const out: JsonSchema = {}
  const preserveUnknown = s['x-kubernetes-preserve-unknown-fields'] === true
  const intOrString = s['x-kubernetes-int-or-string'] === true || s.format === 'int-or-string'

  if (intOrString) {
    out.type = ['integer', 'string', 'null']
  } else {
    const union = plainTypeUnion(s.oneOf) ?? plainTypeUnion(s.anyOf)
    if (union && !s.type) out.type = nullable(union)
    else if (s.type !== undefined) out.type = nullable(s.type)
  }

  if (typeof s.format === 'string' && KNOWN_FORMATS.has(s.format) && !intOrString) out.format = s.format
  for (const k of ['enum', 'const', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf',
    'minLength', 'maxLength', 'pattern', 'minItems', 'maxItems', 'uniqueItems', 'minProperties', 'maxProperties']) {
    if (s[k] !== undefined) out[k] = s[k]
  }
  // OpenAPI v3.0 boolean exclusive bounds → JSON Schema draft 7 numbers
  if (out.exclusiveMinimum === true) { out.exclusiveMinimum = out.minimum; delete out.minimum }
  else if (out.exclusiveMinimum === false) delete out.exclusiveMinimum
  if (out.exclusiveMaximum === true) { out.exclusiveMaximum = out.maximum; delete out.maximum }
  else if (out.exclusiveMaximum === false) delete out.exclusiveMaximum
  if (Array.isArray(out.enum) && out.type && !out.enum.includes(null)) out.enum = [...out.enum, null]
  if (Array.isArray(s.required) && s.required.length > 0) out.required = s.required

  if (s.properties && typeof s.properties === 'object') {
    out.properties = {}
    for (const [name, sub] of Object.entries(s.properties)) out.properties[name] = convertSchema(sub, opts)
  }
  if (s['x-kubernetes-embedded-resource'] === true) {
    // an embedded object (RawExtension-like): apiVersion/kind/metadata are always allowed
    out.properties = {apiVersion: {type: ['string', 'null']}, kind: {type: ['string', 'null']}, metadata: {type: ['object', 'null']}, ...(out.properties ?? {})}
  }
  if (s.additionalProperties !== undefined) {
    out.additionalProperties = typeof s.additionalProperties === 'object' ? convertSchema(s.additionalProperties, opts) : s.additionalProperties
  } else if (opts.strict && out.properties && !preserveUnknown) {
    out.additionalProperties = false
  }
  if (s.items !== undefined) {
    out.items = Array.isArray(s.items) ? s.items.map((i: any) => convertSchema(i, opts)) : convertSchema(s.items, opts)
  }
  // structural combinators that are not a plain type union (CRD schemas): keep them, converted
  for (const k of ['allOf', 'anyOf', 'oneOf'] as const) {
    if (Array.isArray(s[k]) && !(out.type && plainTypeUnion(s[k]))) {
      if (k === 'allOf' && s[k].length === 1 && s[k][0]?.$ref) continue
      out[k] = s[k].map((b: any) => convertSchema(b, {...opts, strict: false}))
    }
  }
  if (s.not !== undefined) out.not = convertSchema(s.not, {...opts, strict: false})
  // a CRD's nested anyOf/oneOf branches may only name required fields; they are checked against this node
  return out
}

export interface GVKRef {
  group: string
  version: string
  kind: string
  /** the definition name, e.g. io.k8s.api.apps.v1.Deployment */
  definition: string
}

/** `apps/v1/Deployment`, `v1/Pod` (core group has no prefix): the key of the per-version index. */
export function gvkKey(group: string, version: string, kind: string): string {
  return group ? `${group}/${version}/${kind}` : `${version}/${kind}`
}

/**
 * Convert the `components.schemas` of one or more OpenAPI v3 documents into a definitions map (refs rewritten
 * to refPrefix) and the list of top-level kinds (from x-kubernetes-group-version-kind).
 */
export function convertOpenAPIDocuments(docs: any[], opts: ConvertOptions): {definitions: Record<string, JsonSchema>; kinds: GVKRef[]} {
  const definitions: Record<string, JsonSchema> = {}
  const kinds: GVKRef[] = []
  const seen = new Set<string>()
  for (const doc of docs) {
    const schemas = doc?.components?.schemas ?? doc?.definitions ?? {}
    for (const [name, schema] of Object.entries<any>(schemas)) {
      if (!(name in definitions)) definitions[name] = convertSchema(schema, opts)
      const gvks = schema?.['x-kubernetes-group-version-kind']
      if (!Array.isArray(gvks)) continue
      for (const g of gvks) {
        // WatchEvent/DeleteOptions carry every group's GVK; only a definition whose own kind matches is a resource
        if (!name.endsWith('.' + g.kind)) continue
        const key = gvkKey(g.group ?? '', g.version, g.kind)
        if (seen.has(key)) continue
        seen.add(key)
        kinds.push({group: g.group ?? '', version: g.version, kind: g.kind, definition: name})
      }
    }
  }
  return {definitions, kinds}
}

/** The JSON Schema of a CRD version's openAPIV3Schema (self-contained: CRD schemas have no $refs). */
export function convertCRDSchema(openAPIV3Schema: any, strict: boolean): JsonSchema {
  const root = convertSchema(openAPIV3Schema ?? {type: 'object', 'x-kubernetes-preserve-unknown-fields': true}, {strict, refPrefix: DEFINITIONS_REF})
  // apiVersion, kind and metadata are validated by the API server itself, not by the CRD's schema
  const props = root.properties ?? {}
  root.properties = {...props, apiVersion: {type: ['string', 'null']}, kind: {type: ['string', 'null']}, metadata: {type: ['object', 'null']}}
  if (!root.type) root.type = ['object', 'null']
  return root
}
