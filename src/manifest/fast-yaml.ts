// The fast path of manifest parsing: js-yaml (about 7x faster than the `yaml` package on typical manifests)
// with a schema that resolves plain scalars as YAML 1.1 / sigs.k8s.io/yaml does. The `yaml` package stays
// the reference: documents that fail here, or that use anchors/aliases (alias bombs need its maxAliasCount),
// are parsed again by it, which also gives positions and precise messages.

import jsyaml from 'js-yaml'

const {Type, FAILSAFE_SCHEMA} = jsyaml

const NULL = /^(?:~|null|Null|NULL|)$/
const TRUE = /^(?:Y|y|[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$/
const FALSE = /^(?:N|n|[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF)$/
const INT_BIN = /^[-+]?0b[0-1_]+$/
const INT_OCT = /^[-+]?0[0-7_]+$/
const INT_DEC = /^[-+]?[0-9][0-9_]*$/
const INT_HEX = /^[-+]?0x[0-9a-fA-F_]+$/
// go-yaml's yamlStyleFloat (after dropping `_`): a digit must come before any exponent, so `e1` and `.` stay strings
const GO_YAML_FLOAT = /^[-+]?(?:\.[0-9_]*[0-9][0-9_]*|[0-9][0-9_]*(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?$/
const FLOAT_NAN = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/
const FLOAT_EXP = /^[-+]?(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?[eE][-+]?[0-9]+$/
const FLOAT = /^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*$/

function signed(s: string, parse: (digits: string) => number): number {
  const neg = s.startsWith('-')
  const digits = s.replace(/^[-+]/, '').replace(/_/g, '')
  const n = parse(digits)
  return neg ? -n : n
}

const nullType = new Type('tag:yaml.org,2002:null', {
  kind: 'scalar',
  resolve: (s: string) => NULL.test(s),
  construct: () => null,
  predicate: (v: unknown) => v === null,
})

const boolType = new Type('tag:yaml.org,2002:bool', {
  kind: 'scalar',
  resolve: (s: string) => TRUE.test(s) || FALSE.test(s),
  construct: (s: string) => TRUE.test(s),
  predicate: (v: unknown) => typeof v === 'boolean',
})

const intType = new Type('tag:yaml.org,2002:int', {
  kind: 'scalar',
  resolve: (s: string) => INT_DEC.test(s) || INT_HEX.test(s) || INT_BIN.test(s) || INT_OCT.test(s),
  construct: (s: string) => {
    if (INT_HEX.test(s)) return signed(s, (d) => parseInt(d.slice(2), 16))
    if (INT_BIN.test(s)) return signed(s, (d) => parseInt(d.slice(2), 2))
    if (INT_OCT.test(s)) return signed(s, (d) => parseInt(d, 8))
    return signed(s, (d) => Number(d))
  },
  predicate: (v: unknown) => typeof v === 'number' && Number.isInteger(v),
})

const floatType = new Type('tag:yaml.org,2002:float', {
  kind: 'scalar',
  resolve: (s: string) => FLOAT_NAN.test(s) || (GO_YAML_FLOAT.test(s) && (FLOAT_EXP.test(s) || FLOAT.test(s))),
  construct: (s: string) => {
    if (FLOAT_NAN.test(s)) return s.toLowerCase().endsWith('nan') ? NaN : s.startsWith('-') ? -Infinity : Infinity
    return Number(s.replace(/_/g, ''))
  },
  predicate: (v: unknown) => typeof v === 'number',
})

const KUBERNETES_SCHEMA = FAILSAFE_SCHEMA.extend({implicit: [nullType, boolType, intType, floatType]})

/** Parse one document's text; throws js-yaml's YAMLException on any problem (the caller falls back). */
export function fastLoad(text: string, strict: boolean): unknown {
  // json: true makes a repeated key override the earlier one (sigs.k8s.io/yaml's non-strict behaviour)
  return jsyaml.load(text, {schema: KUBERNETES_SCHEMA, json: !strict})
}

/** Anchors and aliases go to the careful parser (alias bombs); so do documents with `<<` merge keys. */
export function needsCarefulParse(text: string): boolean {
  // a flow collection right inside another (`{{x}}`, an unrendered template) may be a collection used as a map key
  return text.includes('&') || text.includes('*') || text.includes('<<') || /[{[]\s*[{[]/.test(text) || /^\s*\? /m.test(text)
}

export interface DocumentChunk {
  /** offset of the chunk in the file text */
  start: number
  end: number
  /** no content: only blank lines, comments, directives and markers */
  empty: boolean
  /** offset where the content starts (the first non-comment line) */
  contentStart: number
}

const MARKER = /^(?:---|\.\.\.)(?=[ \t\r]|$)/

/**
 * Split a YAML stream into documents at `---` / `...` lines (a document marker at column 0 cannot occur inside
 * content, per the YAML spec). The part before the first `---` counts as a document only if it has content.
 */
export function splitDocuments(text: string): DocumentChunk[] {
  const chunks: DocumentChunk[] = []
  let start = 0
  let explicitStart = false
  let contentStart = -1
  const close = (end: number) => {
    if (explicitStart || contentStart >= 0) chunks.push({start, end, empty: contentStart < 0, contentStart: contentStart < 0 ? start : contentStart})
  }
  let pos = 0
  for (;;) {
    let nl = text.indexOf('\n', pos)
    if (nl < 0) nl = text.length
    const line = text.slice(pos, nl)
    if (MARKER.test(line)) {
      if (line.startsWith('---')) {
        close(pos)
        start = pos
        explicitStart = true
        const rest = line.slice(3).trim()
        contentStart = rest !== '' && !rest.startsWith('#') ? pos : -1
      } else {
        close(nl)
        start = nl + 1
        explicitStart = false
        contentStart = -1
      }
    } else if (contentStart < 0) {
      const t = line.trim()
      // directives (%YAML) before a document's `---` are not content
      if (t !== '' && !t.startsWith('#') && !t.startsWith('%')) contentStart = pos
    }
    if (nl >= text.length) break
    pos = nl + 1
  }
  close(text.length)
  return chunks
}
