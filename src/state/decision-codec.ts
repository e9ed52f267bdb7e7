// A compact storage form for a decision's `nodes` list (the per-node filter and score table, CLI.md §6). A full
// record of a 100-node cluster is ~100 KB of JSON that repeats plugin names and codes on every node; stored as
// tables it is several times smaller and faster to write. Decoding rebuilds the identical objects (same keys, same
// order), so what `k8sim decisions` prints does not depend on the storage form. Anything not of the exact shape
// the scheduler records is stored as it is.

const MARK = '$k8simCompactNodes'
const COMPACT_NODES = Symbol.for('k8sim.compactNodes')
const NODE_KEYS = ['name', 'feasible', 'filters', 'scores', 'total']
const FILTER_KEYS = ['plugin', 'code', 'reasons']
const SCORE_KEYS = ['plugin', 'score', 'weighted']

interface Compact {
  [MARK]: 1
  strings: string[]
  /** per node: [name, feasible 0/1, [plugin, code, reasons (0 = none)]..., [plugin, score, weighted]..., total] */
  rows: unknown[][]
}

function hasKeys(o: unknown, keys: string[]): o is Record<string, unknown> {
  if (typeof o !== 'object' || o === null || Array.isArray(o)) return false
  let i = 0
  for (const k in o) if (k !== keys[i++]) return false
  return i === keys.length && Object.getPrototypeOf(o) === Object.prototype
}

function isStringArray(x: unknown): x is string[] {
  if (!Array.isArray(x)) return false
  for (const s of x) if (typeof s !== 'string') return false
  return true
}

/** The compact form of a `nodes` list, or undefined when it is not exactly the scheduler's shape. */
export function encodeNodes(nodes: unknown): Compact | undefined {
  if (!Array.isArray(nodes) || nodes.length === 0) return undefined
  const strings: string[] = []
  const index = new Map<string, number>()
  const str = (s: string): number => {
    let i = index.get(s)
    if (i === undefined) {
      i = strings.length
      strings.push(s)
      index.set(s, i)
    }
    return i
  }
  const rows: unknown[][] = []
  for (const n of nodes) {
    if (!hasKeys(n, NODE_KEYS)) return undefined
    const {name, feasible, filters, scores, total} = n
    if (typeof name !== 'string' || typeof feasible !== 'boolean' || typeof total !== 'number' || !Number.isFinite(total)) return undefined
    if (!Array.isArray(filters) || !Array.isArray(scores)) return undefined
    const f: unknown[] = []
    for (const v of filters) {
      if (!hasKeys(v, FILTER_KEYS) || typeof v.plugin !== 'string' || typeof v.code !== 'string' || !isStringArray(v.reasons)) return undefined
      f.push(str(v.plugin), str(v.code), v.reasons.length === 0 ? 0 : v.reasons)
    }
    const s: unknown[] = []
    for (const v of scores) {
      if (!hasKeys(v, SCORE_KEYS) || typeof v.plugin !== 'string' || !isFiniteNumber(v.score) || !isFiniteNumber(v.weighted)) return undefined
      s.push(str(v.plugin), v.score, v.weighted)
    }
    rows.push([name, feasible ? 1 : 0, f, s, total])
  }
  return {[MARK]: 1, strings, rows}
}

function isFiniteNumber(x: unknown): x is number {
  return typeof x === 'number' && Number.isFinite(x)
}

export function isCompactNodes(x: unknown): x is Compact {
  return typeof x === 'object' && x !== null && (x as Record<string, unknown>)[MARK] === 1
}

export function decodeNodes(c: Compact): unknown[] {
  const t = c.strings
  return c.rows.map(([name, feasible, f, s, total]) => {
    const fl = f as unknown[]
    const sl = s as unknown[]
    const filters = []
    for (let i = 0; i < fl.length; i += 3) filters.push({plugin: t[fl[i] as number], code: t[fl[i + 1] as number], reasons: fl[i + 2] === 0 ? [] : fl[i + 2]})
    const scores = []
    for (let i = 0; i < sl.length; i += 3) scores.push({plugin: t[sl[i] as number], score: sl[i + 1], weighted: sl[i + 2]})
    return {name, feasible: feasible === 1, filters, scores, total}
  })
}

/** JSON text of a decision record with its `nodes` list in compact form (same key position). */
export function stringifyDecision(data: unknown): string {
  if (typeof data !== 'object' || data === null || Array.isArray(data) || Object.getPrototypeOf(data) !== Object.prototype || 'toJSON' in data) return JSON.stringify(data)
  // a live scheduler record makes its compact form from its own tables; anything else is encoded from `nodes`
  const own = (data as Record<symbol, unknown>)[COMPACT_NODES]
  const fromRecord = typeof own === 'function' ? (own() as Omit<Compact, typeof MARK> | undefined) : undefined
  const compact: Compact | undefined = fromRecord ? {[MARK]: 1, ...fromRecord} : encodeNodes((data as Record<string, unknown>).nodes)
  if (!compact) return JSON.stringify(data)
  const out: Record<string, unknown> = {}
  for (const k of Object.keys(data)) out[k] = k === 'nodes' ? compact : (data as Record<string, unknown>)[k]
  return JSON.stringify(out)
}

/** Parse what stringifyDecision wrote (or a plain record). */
export function parseDecision(text: string): unknown {
  const data = JSON.parse(text)
  if (typeof data === 'object' && data !== null && isCompactNodes(data.nodes)) data.nodes = decodeNodes(data.nodes)
  return data
}
