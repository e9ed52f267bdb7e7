// YAML as kubectl prints it (sigs.k8s.io/yaml → go-yaml v2 emitter): keys sorted, sequences not indented under
// their key, strings that would read back as another type double-quoted ("1", "true", "", timestamps), strings
// that cannot be plain single-quoted ('*'), multi-line strings as literal blocks (|, |-, |+), and long plain or
// single-quoted strings folded at a space once the line passes 80 columns (continuation indented 2 more).

const BEST_WIDTH = 80

const boolNull = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'n', 'N', 'no', 'No', 'NO', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE', 'on', 'On', 'ON', 'off', 'Off', 'OFF', '~', 'null', 'Null', 'NULL', ''])
const numberRes = [
  /^[-+]?(0|[1-9][0-9_]*)$/,
  /^[-+]?0x[0-9a-fA-F_]+$/,
  /^[-+]?0o?[0-7_]+$/,
  /^[-+]?0b[01_]+$/,
  /^[-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?$/,
  /^[-+]?\.(inf|Inf|INF)$/,
  /^\.(nan|NaN|NAN)$/,
  /^[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?$/, // base 60
  /^\d{4}-\d{1,2}-\d{1,2}([Tt ]\d{1,2}:\d{1,2}:\d{1,2}(\.\d*)?\s*(Z|[-+]\d{1,2}(:\d{2})?)?)?$/, // timestamp
]

/** Whether go-yaml would resolve the plain scalar to something other than a string. */
function resolvesToNonString(s: string): boolean {
  if (boolNull.has(s)) return true
  return numberRes.some((re) => re.test(s))
}

const isPrintable = (c: number): boolean => c === 0x0a || (c >= 0x20 && c <= 0x7e) || c === 0x85 || (c >= 0xa0 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd && c !== 0xfeff) || c >= 0x10000

interface Analysis {
  blockPlain: boolean
  singleQuoted: boolean
  block: boolean
  multiline: boolean
}

/** yaml_emitter_analyze_scalar, for block context. */
function analyze(s: string): Analysis {
  if (s.length === 0) return {blockPlain: false, singleQuoted: true, block: false, multiline: false}
  let blockIndicators = false
  let lineBreaks = false
  let special = false
  let leadingSpace = false
  let leadingBreak = false
  let trailingSpace = false
  let trailingBreak = false
  let breakSpace = false
  let spaceBreak = false
  let prevSpace = false
  let prevBreak = false
  if (s.startsWith('---') || s.startsWith('...')) blockIndicators = true
  const chars = [...s]
  let precededByWS = true
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]
    const code = ch.codePointAt(0)!
    const next = chars[i + 1]
    const followedByWS = next === undefined || next === ' ' || next === '\t' || next === '\n' || next === '\r'
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(ch)) blockIndicators = true
      if ((ch === '?' || ch === ':') && followedByWS) blockIndicators = true
      if (ch === '-' && followedByWS) blockIndicators = true
    } else {
      if (ch === ':' && followedByWS) blockIndicators = true
      if (ch === '#' && precededByWS) blockIndicators = true
    }
    if (!isPrintable(code)) special = true
    if (ch === '\n' || ch === '\r') lineBreaks = true
    if (ch === ' ') {
      if (i === 0) leadingSpace = true
      if (i === chars.length - 1) trailingSpace = true
      if (prevBreak) breakSpace = true
      prevSpace = true
      prevBreak = false
    } else if (ch === '\n' || ch === '\r') {
      if (i === 0) leadingBreak = true
      if (i === chars.length - 1) trailingBreak = true
      if (prevSpace) spaceBreak = true
      prevBreak = true
      prevSpace = false
    } else {
      prevSpace = false
      prevBreak = false
    }
    precededByWS = ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r'
  }
  let blockPlain = true
  let singleQuoted = true
  let block = true
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) blockPlain = false
  if (trailingSpace) block = false
  if (breakSpace) {
    blockPlain = false
    singleQuoted = false
  }
  if (spaceBreak || special) {
    blockPlain = false
    singleQuoted = false
    block = false
  }
  if (lineBreaks) blockPlain = false
  if (blockIndicators) blockPlain = false
  return {blockPlain, singleQuoted, block, multiline: lineBreaks}
}

/** Write text that may fold at spaces: returns the lines (first continues `prefix`). */
function folded(prefix: string, body: string, contIndent: number, allowBreaks: boolean, quoteEdges: boolean): string {
  let out = prefix
  let column = prefix.length - prefix.lastIndexOf('\n') - 1
  const chars = [...body]
  let spaces = false
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]
    if (ch === ' ') {
      const edgeOk = !quoteEdges || (i !== 0 && i !== chars.length - 1)
      if (allowBreaks && !spaces && column > BEST_WIDTH && edgeOk && chars[i + 1] !== ' ') {
        out += '\n' + ' '.repeat(contIndent)
        column = contIndent
      } else {
        out += ch
        column++
      }
      spaces = true
    } else {
      out += ch
      column++
      spaces = false
    }
  }
  return out
}

function doubleQuoted(s: string): string {
  let out = '"'
  for (const ch of s) {
    const c = ch.codePointAt(0)!
    if (ch === '"') out += '\\"'
    else if (ch === '\\') out += '\\\\'
    else if (ch === '\n') out += '\\n'
    else if (ch === '\t') out += '\\t'
    else if (ch === '\r') out += '\\r'
    else if (c === 0) out += '\\0'
    else if (!isPrintable(c)) out += c <= 0xff ? '\\x' + c.toString(16).toUpperCase().padStart(2, '0') : '\\u' + c.toString(16).toUpperCase().padStart(4, '0')
    else out += ch
  }
  return out + '"'
}

// common words (names, labels, images) that are always plain unless they read as another type
const SIMPLE = /^[A-Za-z0-9_/][A-Za-z0-9_./-]*$/

/** A scalar string after `prefix` (which already holds `key:` or `-`); indent = the scalar's block indent. */
function scalarString(prefix: string, s: string, indent: number, simpleKey: boolean): string {
  if (s.length < 60 && SIMPLE.test(s) && !resolvesToNonString(s)) return `${prefix} ${s}`
  const a = analyze(s)
  if (!simpleKey && a.multiline && a.block) {
    // literal block
    let hints = ''
    if (s[0] === ' ' || s[0] === '\n') hints += '2'
    if (!s.endsWith('\n')) hints += '-'
    else if (s.length === 1 || s[s.length - 2] === '\n') hints += '+'
    let out = `${prefix} |${hints}`
    const body = s.endsWith('\n') ? s.slice(0, -1) : s
    for (const line of body.split('\n')) out += line === '' ? '\n' : '\n' + ' '.repeat(indent) + line
    if (hints.includes('+') && s.endsWith('\n')) {
      /* keep: trailing empty lines are already represented by the split */
    }
    return out
  }
  const plainOk = !resolvesToNonString(s) && a.blockPlain && !a.multiline
  if (plainOk) return folded(prefix + ' ', s, indent, !simpleKey, false)
  if (!resolvesToNonString(s) && a.singleQuoted && !a.multiline) return folded(prefix + " '", s.replace(/'/g, "''"), indent, !simpleKey, true) + "'"
  return `${prefix} ${doubleQuoted(s)}`
}

function keyString(k: string): string {
  if (SIMPLE.test(k) && !resolvesToNonString(k)) return k
  const a = analyze(k)
  if (!resolvesToNonString(k) && a.blockPlain && !a.multiline) return k
  if (!resolvesToNonString(k) && a.singleQuoted && !a.multiline) return `'${k.replace(/'/g, "''")}'`
  return doubleQuoted(k)
}

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

function scalarValue(prefix: string, v: unknown, indent: number): string {
  if (v === null || v === undefined) return `${prefix} null`
  if (typeof v === 'boolean') return `${prefix} ${v}`
  if (typeof v === 'number') return `${prefix} ${Number.isFinite(v) ? String(v) : v > 0 ? '+.Inf' : v < 0 ? '-.Inf' : '.NaN'}`
  if (typeof v === 'bigint') return `${prefix} ${v.toString()}`
  return scalarString(prefix, String(v), indent, false)
}

function sortedKeys(m: Record<string, unknown>): string[] {
  return Object.keys(m)
    .filter((k) => m[k] !== undefined)
    .sort()
}

/** Lines of a mapping whose keys sit at column `indent`. The first line is not indented when inline (after "- "). */
function emitMap(m: Record<string, unknown>, indent: number, lines: string[], firstInline: boolean): void {
  const pad = ' '.repeat(indent)
  sortedKeys(m).forEach((k, i) => {
    const lead = i === 0 && firstInline ? '' : pad
    const key = `${lead}${keyString(k)}:`
    emitValue(key, m[k], indent, lines, true)
  })
}

/** `head` holds `key:` or `-` (already indented); indent = the column of that key or dash. */
function emitValue(head: string, v: unknown, indent: number, lines: string[], inMapping: boolean): void {
  if (Array.isArray(v)) {
    if (v.length === 0) {
      lines.push(`${head} []`)
      return
    }
    // a sequence under a mapping key is not indented (go-yaml v2); a nested sequence in a sequence is
    if (inMapping) {
      lines.push(head)
      emitSeq(v, indent, lines)
    } else {
      emitSeqInline(head, v, indent + 2, lines)
    }
    return
  }
  if (isMap(v)) {
    if (sortedKeys(v).length === 0) {
      lines.push(`${head} {}`)
      return
    }
    if (inMapping) {
      lines.push(head)
      emitMap(v, indent + 2, lines, false)
    } else {
      const sub: string[] = []
      emitMap(v, indent + 2, sub, true)
      sub[0] = `${head} ${sub[0]}`
      lines.push(...sub)
    }
    return
  }
  lines.push(scalarValue(head, v, indent + 2))
}

function emitSeq(items: unknown[], indent: number, lines: string[]): void {
  const pad = ' '.repeat(indent)
  for (const item of items) emitValue(`${pad}-`, item, indent, lines, false)
}

/** A sequence that starts on the line of a parent dash: `- - a`. */
function emitSeqInline(head: string, items: unknown[], indent: number, lines: string[]): void {
  items.forEach((item, i) => {
    const dash = i === 0 ? `${head} -` : `${' '.repeat(indent)}-`
    emitValue(dash, item, indent, lines, false)
  })
}

/** yaml.Marshal of one value (an object, usually), ending in a newline. */
export function toGoYAML(v: unknown): string {
  const lines: string[] = []
  if (isMap(v)) {
    if (sortedKeys(v).length === 0) return '{}\n'
    emitMap(v, 0, lines, false)
  } else if (Array.isArray(v)) {
    if (v.length === 0) return '[]\n'
    emitSeq(v, 0, lines)
  } else {
    const s = scalarValue('', v, 0)
    return s.slice(1) + '\n'
  }
  return lines.join('\n') + '\n'
}
