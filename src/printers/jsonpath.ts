// kubectl's JSONPath template dialect (client-go/util/jsonpath): text with {actions}; actions are paths
// (`.a.b`, `['a.b']`, `[0]`, `[-1:]`, `[*]`, `..name`, `[?(@.x=="y")]`, unions `[a,b]`), string literals
// (`{"\n"}`) and `{range EXPR}...{end}`. Missing keys print nothing (kubectl get sets AllowMissingKeys).

import {UserError} from '../errors.js'
import {goJSON} from './output-json.js'

type Step =
  | {t: 'field'; names: string[]}
  | {t: 'recursive'; name: string}
  | {t: 'wildcard'}
  | {t: 'index'; indexes: number[]}
  | {t: 'slice'; start?: number; end?: number; step?: number}
  | {t: 'filter'; left: Step[]; op?: string; right?: {path?: Step[]; lit?: unknown}}

type Node = {t: 'text'; s: string} | {t: 'path'; steps: Step[]} | {t: 'lit'; s: string} | {t: 'range'; steps: Step[]; body: Node[]}

function fail(tpl: string, msg: string): never {
  throw new UserError(`error parsing jsonpath ${tpl}, ${msg}`)
}

/** Parse a path like `.items[*].metadata.name` (leading `$` or `@` allowed). */
function parsePath(src: string, tpl: string): Step[] {
  const steps: Step[] = []
  let i = 0
  const s = src.trim()
  if (s[0] === '$' || s[0] === '@') i++
  const ident = (): string => {
    let id = ''
    while (i < s.length && !'.[]() =!<>"\''.includes(s[i])) {
      // `\.` keeps a dot inside a key: {.metadata.labels.app\.kubernetes\.io/name}
      if (s[i] === '\\' && i + 1 < s.length) i++
      id += s[i++]
    }
    return id
  }
  while (i < s.length) {
    const c = s[i]
    if (c === '.') {
      if (s[i + 1] === '.') {
        i += 2
        steps.push({t: 'recursive', name: ident()})
        continue
      }
      i++
      if (s[i] === '*') {
        i++
        steps.push({t: 'wildcard'})
        continue
      }
      const name = ident()
      if (name !== '') steps.push({t: 'field', names: [name]})
      continue
    }
    if (c === '[') {
      // find the matching ']' outside quotes and parentheses
      let depth = 0
      let j = i + 1
      let quote = ''
      for (; j < s.length; j++) {
        const d = s[j]
        if (quote) {
          if (d === '\\') j++
          else if (d === quote) quote = ''
        } else if (d === '"' || d === "'") quote = d
        else if (d === '(') depth++
        else if (d === ')') depth--
        else if (d === ']' && depth === 0) break
      }
      if (j >= s.length) fail(tpl, 'unterminated array')
      const inner = s.slice(i + 1, j).trim()
      i = j + 1
      if (inner === '*') steps.push({t: 'wildcard'})
      else if (inner.startsWith('?(') && inner.endsWith(')')) steps.push(parseFilter(inner.slice(2, -1), tpl))
      else if (/^['"]/.test(inner)) {
        const names = inner.split(/\s*,\s*/).map((x) => x.replace(/^['"]|['"]$/g, ''))
        steps.push({t: 'field', names})
      } else if (inner.includes(':')) {
        const [a, b, c2] = inner.split(':').map((x) => x.trim())
        const num = (x: string | undefined): number | undefined => (x === undefined || x === '' ? undefined : Number(x))
        steps.push({t: 'slice', start: num(a), end: num(b), step: num(c2)})
      } else if (/^-?\d+(\s*,\s*-?\d+)*$/.test(inner)) steps.push({t: 'index', indexes: inner.split(',').map((x) => Number(x.trim()))})
      else steps.push({t: 'field', names: inner.split(/\s*,\s*/)})
      continue
    }
    if (c === ' ') {
      i++
      continue
    }
    const name = ident()
    if (name === '') fail(tpl, `unrecognized character in action: ${JSON.stringify(c)}`)
    steps.push({t: 'field', names: [name]})
  }
  return steps
}

function parseLiteral(x: string): unknown {
  const t = x.trim()
  if (/^(['"]).*\1$/.test(t)) return t.slice(1, -1)
  if (t === 'true' || t === 'false') return t === 'true'
  if (t !== '' && !Number.isNaN(Number(t))) return Number(t)
  return t
}

function parseFilter(expr: string, tpl: string): Step {
  const m = /^(.*?)\s*(==|!=|<=|>=|<|>|=~)\s*(.*)$/.exec(expr)
  if (!m) return {t: 'filter', left: parsePath(expr, tpl)}
  const right = m[3].trim()
  return {t: 'filter', left: parsePath(m[1], tpl), op: m[2], right: right.startsWith('@') || right.startsWith('$') ? {path: parsePath(right, tpl)} : {lit: parseLiteral(right)}}
}

export function parseTemplate(tpl: string): Node[] {
  const root: Node[] = []
  const stack: Node[][] = [root]
  let i = 0
  while (i < tpl.length) {
    const open = tpl.indexOf('{', i)
    if (open < 0) {
      stack[stack.length - 1].push({t: 'text', s: tpl.slice(i)})
      break
    }
    if (open > i) stack[stack.length - 1].push({t: 'text', s: tpl.slice(i, open)})
    // find the closing brace outside quotes
    let j = open + 1
    let quote = ''
    for (; j < tpl.length; j++) {
      const d = tpl[j]
      if (quote) {
        if (d === '\\') j++
        else if (d === quote) quote = ''
      } else if (d === '"' || d === "'") quote = d
      else if (d === '}') break
    }
    if (j >= tpl.length) fail(tpl, 'unclosed action')
    const action = tpl.slice(open + 1, j).trim()
    i = j + 1
    const cur = stack[stack.length - 1]
    if (action === 'end') {
      if (stack.length === 1) fail(tpl, 'not in range, nothing to end')
      stack.pop()
    } else if (action.startsWith('range ')) {
      const node: Node = {t: 'range', steps: parsePath(action.slice(6), tpl), body: []}
      cur.push(node)
      stack.push(node.body)
    } else if (action.startsWith('"')) {
      try {
        cur.push({t: 'lit', s: JSON.parse(action)})
      } catch {
        fail(tpl, `invalid string literal ${action}`)
      }
    } else if (action.startsWith("'")) {
      cur.push({t: 'lit', s: action.slice(1, -1)})
    } else if (action !== '') {
      cur.push({t: 'path', steps: parsePath(action, tpl)})
    }
  }
  if (stack.length > 1) fail(tpl, 'unclosed range')
  return root
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

function recursive(v: unknown, name: string, out: unknown[]): void {
  if (Array.isArray(v)) for (const x of v) recursive(x, name, out)
  else if (isObj(v)) {
    if (name === '' || name === '*') out.push(...Object.values(v))
    else if (name in v) out.push(v[name])
    for (const x of Object.values(v)) recursive(x, name, out)
  }
}

function compare(a: unknown, op: string, b: unknown): boolean {
  switch (op) {
    case '==':
      return a === b || (typeof a === 'number' && Number(b) === a) || (typeof b === 'number' && Number(a) === b)
    case '!=':
      return !compare(a, '==', b)
    case '<':
      return (a as any) < (b as any)
    case '>':
      return (a as any) > (b as any)
    case '<=':
      return (a as any) <= (b as any)
    case '>=':
      return (a as any) >= (b as any)
    case '=~':
      return typeof a === 'string' && new RegExp(String(b)).test(a)
  }
  return false
}

export function evalPath(steps: Step[], root: unknown, current: unknown = root): unknown[] {
  let vals: unknown[] = [current]
  for (const st of steps) {
    const next: unknown[] = []
    for (const v of vals) {
      switch (st.t) {
        case 'field':
          for (const n of st.names) if (isObj(v) && n in v && v[n] !== undefined) next.push(v[n])
          break
        case 'recursive':
          recursive(v, st.name, next)
          break
        case 'wildcard':
          if (Array.isArray(v)) next.push(...v)
          else if (isObj(v)) for (const k of Object.keys(v).sort()) next.push(v[k])
          break
        case 'index':
          if (Array.isArray(v))
            for (const ix of st.indexes) {
              const k = ix < 0 ? v.length + ix : ix
              if (k >= 0 && k < v.length) next.push(v[k])
            }
          break
        case 'slice':
          if (Array.isArray(v)) {
            const n = v.length
            const norm = (x: number | undefined, d: number): number => (x === undefined ? d : x < 0 ? Math.max(0, n + x) : Math.min(n, x))
            const step = st.step ?? 1
            for (let k = norm(st.start, 0); k < norm(st.end, n); k += step > 0 ? step : 1) next.push(v[k])
          }
          break
        case 'filter': {
          const items = Array.isArray(v) ? v : isObj(v) ? [v] : []
          for (const item of items) {
            const left = evalPath(st.left, root, item)
            if (!st.op) {
              if (left.length > 0) next.push(item)
              continue
            }
            const right = st.right!.path ? evalPath(st.right!.path, root, item) : [st.right!.lit]
            if (left.length > 0 && right.length > 0 && compare(left[0], st.op, right[0])) next.push(item)
          }
          break
        }
      }
    }
    vals = next
  }
  return vals
}

function text(v: unknown): string {
  if (typeof v === 'string') return v
  if (v === null) return '<nil>'
  if (typeof v === 'object') return goJSON(v)
  return String(v)
}

function run(nodes: Node[], root: unknown, current: unknown, out: string[]): void {
  for (const n of nodes) {
    if (n.t === 'text' || n.t === 'lit') out.push(n.s)
    else if (n.t === 'path') out.push(evalPath(n.steps, root, current).map(text).join(' '))
    else {
      const results = evalPath(n.steps, root, current)
      const last = n.steps[n.steps.length - 1]
      const items = results.length === 1 && Array.isArray(results[0]) && last?.t !== 'wildcard' ? (results[0] as unknown[]) : results
      for (const item of items) run(n.body, root, item, out)
    }
  }
}

/** Execute a kubectl JSONPath template against data (an object or a List). */
export function executeJSONPath(template: string, data: unknown): string {
  const nodes = parseTemplate(template)
  const out: string[] = []
  run(nodes, data, data, out)
  return out.join('')
}

/** kubectl's --sort-by/-o custom-columns form: `.a.b` or `{.a.b}` → the values found. */
export function jsonPathValues(expr: string, data: unknown): unknown[] {
  let e = expr.trim()
  if (e.startsWith('{') && e.endsWith('}')) e = e.slice(1, -1)
  return evalPath(parsePath(e, expr), data, data)
}
