// Parse one manifest file's text into objects, as kubectl's YAML-or-JSON decoder does: YAML 1.1 like
// sigs.k8s.io/yaml (unquoted yes/on are booleans, 0777 is octal, non-string keys become strings, timestamps and
// 1:30 stay strings), documents split on `---`, empty and comment-only documents skipped but counted,
// `kind: List` flattened. Hostile input (alias bombs, deep nesting, binary junk) gives issues, never a crash.
// Plain documents take the js-yaml fast path (fast-yaml.ts); the `yaml` package handles the rest and positions.

import {Composer, Parser, isMap, isSeq, isScalar, isAlias, isPair, type Document, type Node} from 'yaml'
import type {KubeObject} from '../api/types.js'
import type {ManifestDoc, ManifestIssue} from './types.js'
import {fastLoad, needsCarefulParse, splitDocuments} from './fast-yaml.js'

const MAX_ALIAS_COUNT = 100

// YAML 1.1 tags that sigs.k8s.io/yaml (go-yaml v2) does not apply to plain scalars decoded into interface{}
// go-yaml's float rule (resolve.go yamlStyleFloat) needs a digit before any exponent: `e1` stays a string.
const GO_YAML_FLOAT = String.raw`[-+]?(?:\.[0-9_]*[0-9][0-9_]*|[0-9][0-9_]*(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?$`

function kubernetesYamlTags(tags: any[]): any[] {
  return tags
    .filter((t) => t.format !== 'TIME' && t.tag !== 'tag:yaml.org,2002:timestamp')
    .map((t) =>
      t.tag === 'tag:yaml.org,2002:float' && t.test && !/inf|nan/i.test(t.test.source)
        ? {...t, test: new RegExp(`^(?=${GO_YAML_FLOAT})` + t.test.source.replace(/^\^/, ''))}
        : t,
    )
}

const composerOptions = {version: '1.1' as const, uniqueKeys: false, merge: true, customTags: kubernetesYamlTags, keepSourceTokens: false, logLevel: 'error' as const}

interface Located {
  line: number
  col: number
}

/** Offsets → 1-based line/col for one file's text (binary search over line starts). */
class Lines {
  constructor(private starts: number[]) {}
  at(offset: number): Located {
    let lo = 0
    let hi = this.starts.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if (this.starts[mid] <= offset) lo = mid
      else hi = mid - 1
    }
    return {line: lo + 1, col: offset - this.starts[lo] + 1}
  }
  lineStart(offset: number): number {
    return this.starts[this.at(offset).line - 1]
  }
}

function describe(obj: any): string | undefined {
  if (!obj || typeof obj !== 'object' || typeof obj.kind !== 'string' || !obj.kind) return undefined
  const name = obj.metadata?.name ?? obj.metadata?.generateName ?? ''
  return `${obj.kind}/${name}`
}

function identity(obj: any): Pick<ManifestIssue, 'apiVersion' | 'kind' | 'name' | 'namespace'> {
  if (!obj || typeof obj !== 'object' || Array.isArray(obj)) return {}
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined)
  const md = obj.metadata && typeof obj.metadata === 'object' ? obj.metadata : {}
  return {apiVersion: str(obj.apiVersion), kind: str(obj.kind), name: str(md.name) ?? (str(md.generateName) !== undefined ? `${md.generateName}` : undefined), namespace: str(md.namespace)}
}

/** Find where a field path is written inside a parsed document. */
function findPosition(doc: Document, path: (string | number)[]): number | undefined {
  let node: unknown = doc.contents
  let at: number | undefined = (node as Node | null)?.range?.[0]
  for (const seg of path) {
    if (isAlias(node)) node = node.resolve(doc)
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && String(isScalar(p.key) ? p.key.value : p.key) === String(seg))
      if (!pair) return undefined
      at = (pair.key as Node | null)?.range?.[0] ?? at
      node = pair.value
    } else if (isSeq(node)) {
      const item = node.items[Number(seg)]
      if (item === undefined) return undefined
      node = item
      at = (item as Node | null)?.range?.[0] ?? at
    } else {
      return undefined
    }
  }
  return at
}

/** Duplicate keys in any mapping of the document (strict mode), found without recursion. */
function duplicateKeys(doc: Document): {key: string; offset: number; path: string}[] {
  const found: {key: string; offset: number; path: string}[] = []
  const stack: {node: unknown; path: string}[] = [{node: doc.contents, path: ''}]
  while (stack.length > 0) {
    const {node, path} = stack.pop()!
    if (isMap(node)) {
      const seen = new Set<string>()
      for (const p of node.items) {
        const key = String(isScalar(p.key) ? p.key.value : p.key)
        const sub = path ? `${path}.${key}` : key
        if (seen.has(key)) found.push({key, offset: (p.key as Node | null)?.range?.[0] ?? 0, path: sub})
        seen.add(key)
        stack.push({node: p.value, path: sub})
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => stack.push({node: item, path: `${path}[${i}]`}))
    }
  }
  return found.sort((a, b) => a.offset - b.offset)
}

/** The first map key that is itself a mapping or a sequence. */
function collectionKey(doc: Document): {key: unknown; offset: number} | undefined {
  const stack: unknown[] = [doc.contents]
  while (stack.length > 0) {
    const node = stack.pop()
    if (isMap(node)) {
      for (const p of node.items) {
        if (isMap(p.key) || isSeq(p.key)) return {key: (p.key as any).toJSON(), offset: (p.key as Node).range?.[0] ?? 0}
      }
      // depth-first in document order, as go-yaml meets them
      stack.push(...node.items.map((p) => p.value).reverse())
    } else if (isSeq(node)) stack.push(...[...node.items].reverse())
  }
  return undefined
}

/** Go's %#v of a value go-yaml decoded into interface{} (what kubectl prints in "invalid map key") */
function goValue(v: unknown): string {
  if (v === null || v === undefined) return 'interface {}(nil)'
  if (typeof v === 'string') return JSON.stringify(v)
  if (Array.isArray(v)) return `[]interface {}{${v.map(goValue).join(', ')}}`
  if (typeof v === 'object') return `map[interface {}]interface {}{${Object.entries(v as object).map(([k, x]) => `${JSON.stringify(k)}:${goValue(x)}`).join(', ')}}`
  return String(v)
}

function lineStartsOf(text: string): number[] {
  const starts = [0]
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1)
  return starts
}

/** A positionOf that re-parses only this document's text when first asked (keeps big files cheap). */
function lazyPositions(text: string, lines: Lines, start: number, end: number): ManifestDoc['positionOf'] {
  let parsed: Document | null | undefined
  const base = lines.lineStart(start)
  return (fieldPath) => {
    if (parsed === undefined) {
      try {
        const composer = new Composer(composerOptions)
        const docs = [...composer.compose(new Parser().parse(text.slice(base, end)), true)]
        parsed = docs.find((d) => d.contents !== null) ?? null
      } catch {
        parsed = null
      }
    }
    if (!parsed) return undefined
    const off = findPosition(parsed, fieldPath)
    return off === undefined ? undefined : lines.at(base + off)
  }
}

/** What JSON.parse gives for a `.json` file or text starting with `{`; undefined when it is not plain JSON. */
function tryJson(text: string): unknown[] | undefined {
  const t = text.trimStart()
  if (!t.startsWith('{')) return undefined
  try {
    return [JSON.parse(text)]
  } catch {
    return undefined
  }
}

export interface ParseResult {
  docs: ManifestDoc[]
  issues: ManifestIssue[]
}

/** Turn one parsed value (a document's content) into ManifestDocs, flattening `kind: List`. */
function emit(value: unknown, file: string, docIndex: number, pos: Located, rootPositionOf: ManifestDoc['positionOf'], prefix: (string | number)[], out: ParseResult): void {
  const positionOf: ManifestDoc['positionOf'] = prefix.length === 0 ? rootPositionOf : (fp) => rootPositionOf([...prefix, ...fp])
  if (value === null || value === undefined) return // empty document
  if (typeof value !== 'object' || Array.isArray(value)) {
    const what = Array.isArray(value) ? 'a list' : `a ${typeof value} (${JSON.stringify(value)?.slice(0, 40)})`
    out.issues.push({file, docIndex, ...pos, code: 'yaml', message: `expected a Kubernetes object (a mapping with apiVersion and kind), got ${what}`})
    return
  }
  const obj = value as Record<string, any>
  if (obj.kind === 'List' && Array.isArray(obj.items) && (obj.apiVersion === 'v1' || obj.apiVersion === undefined || typeof obj.apiVersion === 'string')) {
    obj.items.forEach((item: unknown, i: number) => {
      const ip = positionOf(['items', i]) ?? pos
      const single: ParseResult = {docs: [], issues: []}
      emit(item, file, docIndex, ip, rootPositionOf, [...prefix, 'items', i], single)
      for (const d of single.docs) d.listIndex = i
      for (const d of single.docs) out.docs.push(d)
      for (const x of single.issues) out.issues.push(x)
    })
    return
  }
  const object = describe(obj)
  if (obj.kind === undefined || obj.kind === null || obj.kind === '') {
    out.issues.push({file, docIndex, ...pos, object, code: 'missing-kind', message: "missing 'kind' key", ...identity(obj)})
    return
  }
  if (typeof obj.kind !== 'string') {
    out.issues.push({file, docIndex, ...pos, code: 'missing-kind', fieldPath: 'kind', message: `missing 'kind' key (kind must be a string, got ${JSON.stringify(obj.kind)})`})
    return
  }
  if (obj.apiVersion === undefined || obj.apiVersion === null || obj.apiVersion === '') {
    out.issues.push({file, docIndex, ...pos, object, code: 'missing-apiversion', message: "missing 'apiVersion' key", ...identity(obj)})
    return
  }
  if (typeof obj.apiVersion !== 'string') {
    out.issues.push({file, docIndex, ...pos, object, code: 'missing-apiversion', fieldPath: 'apiVersion', message: `missing 'apiVersion' key (apiVersion must be a string, got ${JSON.stringify(obj.apiVersion)})`, ...identity(obj)})
    return
  }
  if (obj.metadata === undefined || obj.metadata === null) obj.metadata = {}
  out.docs.push({obj: obj as KubeObject, file, docIndex, line: pos.line, col: pos.col, positionOf})
}

/** Parse one file's text. `file` is used only for messages. */
export function parseManifestText(text: string, file: string, opts: {strict?: boolean} = {}): ParseResult {
  const out: ParseResult = {docs: [], issues: []}
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
  const lines = new Lines(lineStartsOf(text))
  const strict = opts.strict ?? false

  // strict mode reads JSON as YAML too, so that duplicate keys are caught
  const json = strict ? undefined : tryJson(text)
  if (json) {
    const start = text.length - text.trimStart().length
    emit(json[0], file, 1, lines.at(start), lazyPositions(text, lines, start, text.length), [], out)
    return out
  }

  let docIndex = 0
  for (const chunk of splitDocuments(text)) {
    docIndex++
    if (chunk.empty) continue
    const source = text.slice(chunk.start, chunk.end)
    if (!needsCarefulParse(source)) {
      let value: unknown
      let parsed = false
      try {
        value = fastLoad(source, strict)
        parsed = true
      } catch {
        // js-yaml refused it: the careful parser explains why, with the position
      }
      if (parsed) {
        const indent = /^[ \t]*/.exec(text.slice(chunk.contentStart, chunk.contentStart + 200))![0].length
        emit(value, file, docIndex, lines.at(chunk.contentStart + indent), lazyPositions(text, lines, chunk.contentStart, chunk.end), [], out)
        continue
      }
    }
    parseCarefully(text, chunk.start, chunk.end, file, docIndex, lines, strict, out)
  }
  return out
}

/** The first line of a YAML error, short and printable (junk input can put megabytes of garbage in it). */
function yamlMessage(message: string): string {
  if (message.includes('Maximum call stack')) return 'document is nested too deeply'
  // eslint-disable-next-line no-control-regex
  const line = message.split('\n')[0].replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
  return line.length > 160 ? line.slice(0, 157) + '...' : line
}

/** One document with the `yaml` package: positions, duplicate keys, alias limits, precise errors. */
function parseCarefully(text: string, from: number, to: number, file: string, docIndex: number, lines: Lines, strict: boolean, out: ParseResult): void {
  try {
    const composer = new Composer(composerOptions)
    for (const doc of composer.compose(new Parser().parse(text.slice(from, to)), true)) {
      const contents = doc.contents as Node | null
      const start = from + (contents?.range?.[0] ?? doc.range[0])
      const pos = lines.at(start)
      if (doc.errors.length > 0) {
        const e = doc.errors[0]
        out.issues.push({file, docIndex, ...lines.at(from + e.pos[0]), code: 'yaml', message: yamlMessage(e.message)})
        continue
      }
      const badKey = collectionKey(doc)
      if (badKey) {
        // sigs.k8s.io/yaml converts to JSON, whose keys are strings: a mapping or sequence used as a key is refused
        out.issues.push({file, docIndex, ...lines.at(from + badKey.offset), code: 'yaml', message: `error parsing ${file}: error converting YAML to JSON: yaml: invalid map key: ${goValue(badKey.key)}`})
        continue
      }
      if (strict) {
        const dups = duplicateKeys(doc)
        if (dups.length > 0) {
          const d = dups[0]
          let lenient: unknown
          try {
            lenient = doc.toJS({maxAliasCount: MAX_ALIAS_COUNT})
          } catch {
            lenient = undefined
          }
          out.issues.push({file, docIndex, ...lines.at(from + d.offset), object: describe(lenient), fieldPath: d.path, code: 'duplicate-key', message: `key "${d.key}" already set in map`, ...identity(lenient)})
          continue
        }
      }
      let value: unknown
      try {
        value = doc.toJS({maxAliasCount: MAX_ALIAS_COUNT})
      } catch (e) {
        const msg = e instanceof RangeError ? 'document is nested too deeply' : (e as Error).message.includes('alias') ? `too many aliases (more than ${MAX_ALIAS_COUNT}): possible YAML alias bomb` : (e as Error).message
        out.issues.push({file, docIndex, ...pos, code: 'yaml', message: msg})
        continue
      }
      emit(value, file, docIndex, pos, lazyPositions(text, lines, start, from + doc.range[2]), [], out)
    }
  } catch (e) {
    // the YAML library recursed too deep (thousands of nested collections) or failed on junk: report, go on
    const msg = e instanceof RangeError ? 'document is nested too deeply' : `cannot parse YAML: ${yamlMessage((e as Error).message)}`
    out.issues.push({file, docIndex, ...lines.at(from), code: 'yaml', message: msg})
  }
}
