// JSON as kubectl prints it: Go's encoding/json over unstructured maps, so object keys are sorted, '<', '>' and '&'
// are escaped (\u003c...), and -o json indents with four spaces (json.MarshalIndent(obj, "", "    ")).

function goString(s: string): string {
  return JSON.stringify(s).replace(/[<>&\u2028\u2029]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'))
}

function enc(v: unknown, indent: string, level: number): string {
  if (v === null || v === undefined) return 'null'
  if (typeof v === 'string') return goString(v)
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : 'null'
  if (typeof v === 'boolean') return v ? 'true' : 'false'
  if (typeof v === 'bigint') return v.toString()
  const nl = indent ? '\n' + indent.repeat(level + 1) : ''
  const close = indent ? '\n' + indent.repeat(level) : ''
  const sep = indent ? ': ' : ':'
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]'
    return '[' + v.map((x) => nl + enc(x, indent, level + 1)).join(',') + close + ']'
  }
  const o = v as Record<string, unknown>
  const keys = Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort()
  if (keys.length === 0) return '{}'
  return '{' + keys.map((k) => nl + goString(k) + sep + enc(o[k], indent, level + 1)).join(',') + close + '}'
}

/** json.Marshal: compact. */
export function goJSON(v: unknown): string {
  return enc(v, '', 0)
}

/** json.MarshalIndent(v, "", "    ") plus the newline kubectl adds. */
export function goJSONIndent(v: unknown): string {
  return enc(v, '    ', 0) + '\n'
}
