// Label and field selectors, as apimachinery's labels.Parse / metav1.LabelSelectorAsSelector / fields.ParseSelector
// define them. Used by `get -l`, `--field-selector`, and by the scheduler and controllers (matchesLabelSelector).

import {UserError} from '../errors.js'
import type {KubeObject} from './types.js'

export type Operator = 'in' | 'notin' | '=' | '==' | '!=' | 'exists' | '!' | 'gt' | 'lt'

export interface Requirement {
  key: string
  operator: Operator
  values: string[]
}

/** metav1.LabelSelector */
export interface LabelSelector {
  matchLabels?: Record<string, string> | null
  matchExpressions?: Array<{key: string; operator: string; values?: string[] | null}> | null
}

const specialChars = new Set([' ', '\t', '\n', '\r', ',', '=', '!', '(', ')', '<', '>'])

type Tok = {t: 'id' | 'op' | 'end'; v: string}

function lex(s: string): Tok[] {
  const out: Tok[] = []
  let i = 0
  while (i < s.length) {
    const c = s[i]
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++
      continue
    }
    const two = s.slice(i, i + 2)
    if (two === '==' || two === '!=') {
      out.push({t: 'op', v: two})
      i += 2
      continue
    }
    if (specialChars.has(c)) {
      out.push({t: 'op', v: c})
      i++
      continue
    }
    let j = i
    while (j < s.length && !specialChars.has(s[j])) j++
    out.push({t: 'id', v: s.slice(i, j)})
    i = j
  }
  out.push({t: 'end', v: ''})
  return out
}

const qualifiedNameRe = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/
const dns1123SubdomainRe = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/
const labelValueRe = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/

function validateKey(k: string): void {
  const slash = k.indexOf('/')
  const name = slash >= 0 ? k.slice(slash + 1) : k
  const prefix = slash >= 0 ? k.slice(0, slash) : ''
  const ok = name.length > 0 && name.length <= 63 && qualifiedNameRe.test(name) && (slash < 0 || (prefix.length > 0 && prefix.length <= 253 && dns1123SubdomainRe.test(prefix)))
  if (!ok) throw new UserError(`unable to parse requirement: invalid label key "${k}": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`)
}

function validateValue(v: string): void {
  if (v.length > 63 || !labelValueRe.test(v))
    throw new UserError(`unable to parse requirement: values[0][${v}]: Invalid value: "${v}": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`)
}

/** labels.Parse: `a=b,c!=d,e in (x,y),!f,g`. Throws UserError on a malformed selector. */
export function parseLabelSelectorString(s: string): Requirement[] {
  const toks = lex(s)
  let p = 0
  const reqs: Requirement[] = []
  const fail = (msg: string): never => {
    throw new UserError(`unable to parse requirement: ${msg}`)
  }
  if (toks[0].t === 'end') return []
  for (;;) {
    let tok = toks[p++]
    if (tok.t === 'op' && tok.v === '!') {
      const k = toks[p++]
      if (k.t !== 'id') fail(`found '${k.v}', expected: identifier after '!'`)
      validateKey(k.v)
      reqs.push({key: k.v, operator: '!', values: []})
    } else if (tok.t === 'id') {
      const key = tok.v
      validateKey(key)
      const op = toks[p]
      if (op.t === 'end' || (op.t === 'op' && op.v === ',')) {
        reqs.push({key, operator: 'exists', values: []})
      } else if (op.t === 'id' && (op.v === 'in' || op.v === 'notin')) {
        p++
        if (!(toks[p].t === 'op' && toks[p].v === '(')) fail(`found '${toks[p].v}', expected: '('`)
        p++
        if (toks[p].t === 'op' && toks[p].v === ')') fail(`for 'in', 'notin' operators, values set can't be empty`)
        const values: string[] = []
        let expectValue = true
        for (;;) {
          const t = toks[p]
          if (expectValue) {
            if (t.t === 'id') {
              validateValue(t.v)
              values.push(t.v)
              p++
            } else values.push('') // an empty value between separators
            expectValue = false
            continue
          }
          p++
          if (t.t === 'op' && t.v === ',') expectValue = true
          else if (t.t === 'op' && t.v === ')') break
          else fail(`found '${t.v}', expected: ',', or ')'`)
        }
        reqs.push({key, operator: op.v as 'in' | 'notin', values})
      } else if (op.t === 'op' && ['=', '==', '!=', '<', '>'].includes(op.v)) {
        p++
        const v = toks[p]
        let value = ''
        if (v.t === 'id') {
          value = v.v
          p++
        }
        if (op.v === '<' || op.v === '>') {
          if (!/^-?\d+$/.test(value)) fail(`for 'Gt', 'Lt' operators, the value must be an integer`)
          reqs.push({key, operator: op.v === '<' ? 'lt' : 'gt', values: [value]})
        } else {
          validateValue(value)
          reqs.push({key, operator: op.v as '=' | '==' | '!=', values: [value]})
        }
      } else {
        fail(`found '${op.v}', expected: '=', '!=', '==', 'in', notin'`)
      }
    } else {
      fail(`found '${tok.v}', expected: !, identifier, or 'end of string'`)
    }
    tok = toks[p++]
    if (tok.t === 'end') break
    if (!(tok.t === 'op' && tok.v === ',')) fail(`found '${tok.v}', expected: ',' or 'end of string'`)
  }
  return sortRequirements(reqs)
}

function sortRequirements(reqs: Requirement[]): Requirement[] {
  return [...reqs].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
}

export function matchesRequirement(r: Requirement, labels: Record<string, string> | undefined | null): boolean {
  const has = labels != null && Object.prototype.hasOwnProperty.call(labels, r.key)
  const v = has ? labels![r.key] : undefined
  switch (r.operator) {
    case 'in':
    case '=':
    case '==':
      return has && r.values.includes(v!)
    case 'notin':
    case '!=':
      return !has || !r.values.includes(v!)
    case 'exists':
      return has
    case '!':
      return !has
    case 'gt':
    case 'lt': {
      if (!has || !/^-?\d+$/.test(v!)) return false
      const n = Number(v)
      const ref = Number(r.values[0])
      return r.operator === 'gt' ? n > ref : n < ref
    }
  }
}

export function matchesRequirements(reqs: Requirement[], labels: Record<string, string> | undefined | null): boolean {
  return reqs.every((r) => matchesRequirement(r, labels))
}

/** Requirements of a metav1.LabelSelector (LabelSelectorAsSelector); undefined for a nil selector (matches nothing). */
export function labelSelectorRequirements(sel: LabelSelector | null | undefined): Requirement[] | undefined {
  if (sel == null) return undefined
  const reqs: Requirement[] = []
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) reqs.push({key: k, operator: '=', values: [v]})
  for (const e of sel.matchExpressions ?? []) {
    const op = e.operator
    if (op === 'In') reqs.push({key: e.key, operator: 'in', values: [...(e.values ?? [])]})
    else if (op === 'NotIn') reqs.push({key: e.key, operator: 'notin', values: [...(e.values ?? [])]})
    else if (op === 'Exists') reqs.push({key: e.key, operator: 'exists', values: []})
    else if (op === 'DoesNotExist') reqs.push({key: e.key, operator: '!', values: []})
    else throw new UserError(`"${op}" is not a valid label selector operator`)
  }
  return sortRequirements(reqs)
}

/**
 * Whether a metav1.LabelSelector selects these labels (LabelSelectorAsSelector semantics): nil selects nothing,
 * empty selects everything. Direct and allocation-free: controllers and the disruption budget call it per pod. An
 * operator the API server would have rejected selects nothing.
 */
export function matchesLabelSelector(sel: LabelSelector | null | undefined, labels: Record<string, string> | undefined | null): boolean {
  if (!sel) return false
  const l = labels ?? {}
  for (const k in sel.matchLabels ?? {}) if (l[k] !== sel.matchLabels![k]) return false
  for (const e of sel.matchExpressions ?? []) {
    const has = Object.prototype.hasOwnProperty.call(l, e.key)
    switch (e.operator) {
      case 'In':
        if (!has || !(e.values ?? []).includes(l[e.key])) return false
        break
      case 'NotIn':
        if (has && (e.values ?? []).includes(l[e.key])) return false
        break
      case 'Exists':
        if (!has) return false
        break
      case 'DoesNotExist':
        if (has) return false
        break
      default:
        return false
    }
  }
  return true
}

/** A plain map selector (Service.spec.selector, nodeSelector): every pair must match; empty matches everything. */
export function matchesMapSelector(sel: Record<string, string> | null | undefined, labels: Record<string, string> | undefined | null): boolean {
  for (const [k, v] of Object.entries(sel ?? {})) if (labels?.[k] !== v) return false
  return true
}

/** Selector.String(): requirements sorted by key, joined with ','. */
export function requirementsString(reqs: Requirement[]): string {
  return reqs
    .map((r) => {
      switch (r.operator) {
        case 'exists':
          return r.key
        case '!':
          return `!${r.key}`
        case 'in':
        case 'notin':
          return `${r.key} ${r.operator} (${[...r.values].sort().join(',')})`
        case 'gt':
          return `${r.key}>${r.values[0]}`
        case 'lt':
          return `${r.key}<${r.values[0]}`
        default:
          return `${r.key}${r.operator}${r.values[0]}`
      }
    })
    .join(',')
}

/** metav1.FormatLabelSelector: `app=web`, `<none>` for an empty or nil selector. */
export function formatLabelSelector(sel: LabelSelector | null | undefined): string {
  let s: string
  try {
    s = requirementsString(labelSelectorRequirements(sel) ?? [])
  } catch {
    return '<error>'
  }
  return s === '' ? '<none>' : s
}

// ---- field selectors ----

export interface FieldRequirement {
  field: string
  operator: '=' | '==' | '!='
  value: string
}

/** fields.ParseSelector: `a=b,c!=d`, with `\,` `\=` `\\` escapes in values. */
export function parseFieldSelectorString(s: string): FieldRequirement[] {
  const out: FieldRequirement[] = []
  if (s.trim() === '') return out
  // split on unescaped commas
  const parts: string[] = []
  let cur = ''
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '\\' && i + 1 < s.length) {
      cur += s[i] + s[i + 1]
      i++
    } else if (s[i] === ',') {
      parts.push(cur)
      cur = ''
    } else cur += s[i]
  }
  parts.push(cur)
  for (const part of parts) {
    const m = /^(.*?)(!=|==|=)(.*)$/.exec(part)
    if (!m) throw new UserError(`invalid selector: '${s}'; can't understand '${part}'`)
    out.push({field: m[1].trim(), operator: m[2] as '=' | '==' | '!=', value: m[3].replace(/\\(.)/g, '$1')})
  }
  return out
}

// The fields each kind's registry exposes to field selectors (pkg/registry/*/strategy.go ...ToSelectableFields).
const selectableFields: Record<string, string[]> = {
  Pod: ['spec.nodeName', 'spec.restartPolicy', 'spec.schedulerName', 'spec.serviceAccountName', 'spec.hostNetwork', 'status.phase', 'status.podIP', 'status.nominatedNodeName'],
  Event: ['involvedObject.kind', 'involvedObject.namespace', 'involvedObject.name', 'involvedObject.uid', 'involvedObject.apiVersion', 'involvedObject.resourceVersion', 'involvedObject.fieldPath', 'reason', 'reportingComponent', 'source', 'type'],
  Node: ['spec.unschedulable'],
  Namespace: ['status.phase'],
  Secret: ['type'],
  ReplicaSet: ['status.replicas'],
  ReplicationController: ['status.replicas'],
  Job: ['status.successful'],
  PersistentVolumeClaim: [],
  PersistentVolume: [],
}

function fieldValue(obj: KubeObject, field: string): string {
  if (field === 'metadata.name') return obj.metadata?.name ?? ''
  if (field === 'metadata.namespace') return obj.metadata?.namespace ?? ''
  if (field === 'source') return obj.source?.component ?? ''
  let v: any = obj
  for (const p of field.split('.')) v = v?.[p]
  if (v === undefined || v === null) return field === 'spec.hostNetwork' || field === 'spec.unschedulable' ? 'false' : ''
  return String(v)
}

/** Throws the API server's BadRequest when a field is not selectable for the kind. */
export function checkFieldSelector(kind: string, reqs: FieldRequirement[], resourceForError: string): void {
  for (const r of reqs) {
    if (r.field === 'metadata.name' || r.field === 'metadata.namespace') continue
    if (!(selectableFields[kind] ?? []).includes(r.field))
      throw new UserError(`Error from server (BadRequest): Unable to find "${resourceForError}" that match label selector "", field selector "${reqs.map((x) => `${x.field}${x.operator}${x.value}`).join(',')}": field label not supported: ${r.field}`)
  }
}

export function matchesFieldSelector(reqs: FieldRequirement[], obj: KubeObject): boolean {
  return reqs.every((r) => {
    const v = fieldValue(obj, r.field)
    return r.operator === '!=' ? v !== r.value : v === r.value
  })
}
