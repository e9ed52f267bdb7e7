// `k8sim validate`: kubeconform's model (one result per resource: valid, invalid, error, skipped) over k8sim's
// loader and schemas. CRDs found among the inputs register their schemas first, so their custom resources in
// the same run validate too. Returns data; printers/validate turns it into text, json, junit or tap.

import {CustomSchemas} from '../schema/crd.js'
import {SchemaLocations, expandSchemaLocation} from '../schema/locations.js'
import {normalizeKubernetesVersion, validateSchema} from '../schema/validator.js'
import {loadManifests, STDIN_NAME} from './load.js'
import type {ManifestDoc, ManifestIssue} from './types.js'

export type ValidateStatus = 'statusValid' | 'statusInvalid' | 'statusError' | 'statusSkipped'

export interface ValidateResource {
  filename: string
  kind: string
  name: string
  namespace: string
  /** the apiVersion (kubeconform calls it version) */
  version: string
  status: ValidateStatus
  msg: string
  validationErrors?: {path: string; msg: string}[]
  /** k8sim's detail: where, and the k8sim-worded errors */
  docIndex?: number
  line?: number
  col?: number
  errors?: {fieldPath: string; message: string; line?: number; col?: number}[]
  /** what the API server's own validation (beyond the schema) would reject; reported, not counted */
  serverErrors?: {fieldPath: string; message: string; line?: number; col?: number}[]
}

export interface ValidateRunOptions {
  files: string[]
  kubernetesVersion?: string
  strict?: boolean
  /** kinds or apiVersion/Kind to skip */
  skip?: string[]
  /** kinds or apiVersion/Kind to reject */
  reject?: string[]
  ignoreMissingSchemas?: boolean
  ignoreFilenamePattern?: RegExp[]
  schemaLocations?: string[]
  /** resolves relative --schema-location paths (the current directory) */
  baseDir?: string
  readStdin?: () => Promise<string>
  /** also run the API server's validation on schema-valid objects (reported in serverErrors) */
  serverChecks?: boolean
}

type ServerValidate = (obj: any) => {field: string; path: (string | number)[]; message: string}[]

/** The API server's validation (src/validation), loaded only when asked for. */
async function loadServerValidation(): Promise<ServerValidate | undefined> {
  try {
    const mod: any = await import('../validation/index.js')
    return typeof mod.validateCreate === 'function' ? mod.validateCreate : undefined
  } catch {
    return undefined
  }
}

function positionFor(doc: ManifestDoc, segs: (string | number)[]): {line?: number; col?: number} {
  let s = segs.slice()
  let pos = doc.positionOf(s)
  while (!pos && s.length > 0) {
    s = s.slice(0, -1)
    pos = doc.positionOf(s)
  }
  return {line: pos?.line, col: pos?.col}
}

export interface ValidateReport {
  kubernetesVersion: string
  resources: ValidateResource[]
  summary: {resources: number; files: number; valid: number; invalid: number; errors: number; skipped: number}
  /** every input was stdin (kubeconform's "parsing stdin" summary) */
  stdin: boolean
}

function displayName(md: any): string {
  if (!md || typeof md !== 'object') return ''
  if (typeof md.generateName === 'string' && md.generateName !== '') return `${md.generateName}{{ generateName }}`
  return typeof md.name === 'string' ? md.name : ''
}

function shownFile(file: string): string {
  return file === STDIN_NAME ? 'stdin' : file
}

function issueMessage(i: ManifestIssue): string {
  switch (i.code) {
    case 'io':
      return i.errno === 'ENOENT' ? `open ${i.file}: no such file or directory` : i.message
    case 'yaml':
    case 'duplicate-key':
      return `error unmarshalling resource: line ${i.line ?? 1}${i.col !== undefined ? `, column ${i.col}` : ''}: ${i.fieldPath && i.code === 'duplicate-key' ? `${i.fieldPath}: ` : ''}${i.message}`
    default:
      return i.message
  }
}

export async function runValidate(o: ValidateRunOptions): Promise<ValidateReport> {
  const version = normalizeKubernetesVersion(o.kubernetesVersion)
  if (!version) throw new Error(`unsupported Kubernetes version ${o.kubernetesVersion}`)
  const strict = o.strict ?? false
  const files = o.files.length > 0 ? o.files : ['-']
  const loaded = await loadManifests(files, {recursive: true, strict, readStdin: o.readStdin, ignoreFilenamePattern: o.ignoreFilenamePattern, allowEmptyDirectories: true})

  const custom = new CustomSchemas()
  for (const d of loaded.docs) if (d.obj.kind === 'CustomResourceDefinition' && d.obj.apiVersion === 'apiextensions.k8s.io/v1') custom.register(d.obj)
  const sources = [custom, new SchemaLocations(o.schemaLocations ?? [], o.baseDir ?? process.cwd())]
  const serverValidate = o.serverChecks ? await loadServerValidation() : undefined
  const skip = new Set(o.skip ?? [])
  const reject = new Set(o.reject ?? [])

  // one entry per document or issue, in file then document order
  const fileOrder = new Map<string, number>()
  loaded.files.forEach((f) => fileOrder.has(f) || fileOrder.set(f, fileOrder.size))
  type Entry = {file: string; docIndex: number; doc?: ManifestDoc; issue?: ManifestIssue}
  const entries: Entry[] = [
    ...loaded.docs.map((doc) => ({file: doc.file, docIndex: doc.docIndex, doc})),
    ...loaded.issues.map((issue) => ({file: issue.file, docIndex: issue.docIndex ?? 0, issue})),
  ]
  entries.sort((a, b) => (fileOrder.get(a.file) ?? 0) - (fileOrder.get(b.file) ?? 0) || a.docIndex - b.docIndex)

  const resources: ValidateResource[] = []
  for (const e of entries) {
    if (e.issue) {
      const i = e.issue
      resources.push({filename: shownFile(i.file), kind: i.kind ?? '', name: i.name ?? '', namespace: i.namespace ?? '', version: i.apiVersion ?? '',
        status: 'statusError', msg: issueMessage(i), docIndex: i.docIndex, line: i.line, col: i.col})
      continue
    }
    const doc = e.doc!
    const obj = doc.obj
    const r: ValidateResource = {filename: shownFile(doc.file), kind: obj.kind, name: displayName(obj.metadata), namespace: typeof obj.metadata?.namespace === 'string' ? obj.metadata.namespace : '',
      version: obj.apiVersion, status: 'statusValid', msg: '', docIndex: doc.docIndex, line: doc.line, col: doc.col}
    resources.push(r)
    if (skip.has(`${obj.apiVersion}/${obj.kind}`) || skip.has(obj.kind)) {
      r.status = 'statusSkipped'
      continue
    }
    if (reject.has(`${obj.apiVersion}/${obj.kind}`) || reject.has(obj.kind)) {
      r.status = 'statusError'
      r.msg = `prohibited resource kind ${obj.kind}`
      continue
    }
    const res = validateSchema(obj, {kubernetesVersion: version, strict, sources})
    if (res.status === 'missing-schema') {
      if (o.ignoreMissingSchemas) r.status = 'statusSkipped'
      else {
        r.status = 'statusError'
        r.msg = res.message ?? `could not find schema for ${obj.kind}`
      }
    } else if (res.status === 'invalid') {
      const schemaRef = res.schemaId?.startsWith('k8s/')
        ? expandSchemaLocation(`k8s/{{ .NormalizedKubernetesVersion }}-standalone{{ .StrictSuffix }}/{{ .ResourceKind }}{{ .KindSuffix }}.json`, obj.kind, obj.apiVersion, version, strict)
        : res.schemaId
      r.status = 'statusInvalid'
      r.validationErrors = res.errors.map((x) => ({path: x.kubeconform.path, msg: x.kubeconform.msg}))
      r.msg = `problem validating schema. Check JSON formatting: jsonschema validation failed with '${schemaRef}#' - ${r.validationErrors.map((x) => `at '${x.path}': ${x.msg}`).join(' - ')}`
      r.errors = res.errors.map((x) => {
        const segs = x.path === '' ? [] : x.path.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
        return {fieldPath: x.fieldPath, message: x.message, ...positionFor(doc, segs)}
      })
    } else if (serverValidate) {
      let found: ReturnType<ServerValidate> = []
      try {
        found = serverValidate(obj)
      } catch {
        found = [] // a bug there must not break schema validation
      }
      if (found.length > 0) r.serverErrors = found.map((x) => ({fieldPath: x.field, message: x.message, ...positionFor(doc, x.path ?? [])}))
    }
  }

  const count = (s: ValidateStatus) => resources.filter((r) => r.status === s).length
  const nonStdin = loaded.files.filter((f) => f !== STDIN_NAME)
  return {
    kubernetesVersion: version,
    resources,
    summary: {resources: resources.length, files: new Set(loaded.files).size,
      valid: count('statusValid'), invalid: count('statusInvalid'), errors: count('statusError'), skipped: count('statusSkipped')},
    stdin: nonStdin.length === 0 && loaded.files.length > 0,
  }
}
