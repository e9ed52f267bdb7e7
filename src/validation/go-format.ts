// Go's fmt verbs as the API server's field errors use them (field.Error.ErrorBody): %q for strings, %v for
// numbers and booleans, %#v for maps and structs. Values that Go would print with %#v of a typed struct are
// pre-rendered by the validator as a GoRepr.

/** A value already rendered the way Go's %#v (or a Stringer) prints it. */
export class GoRepr {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text
  }
}

/** Go's strconv.Quote / %q. */
export function goQuote(s: string): string {
  let out = '"'
  for (const ch of s) {
    const c = ch.codePointAt(0)!
    if (ch === '"') out += '\\"'
    else if (ch === '\\') out += '\\\\'
    else if (c === 7) out += '\\a'
    else if (c === 8) out += '\\b'
    else if (c === 12) out += '\\f'
    else if (c === 10) out += '\\n'
    else if (c === 13) out += '\\r'
    else if (c === 9) out += '\\t'
    else if (c === 11) out += '\\v'
    else if (c < 0x20 || c === 0x7f) out += '\\x' + c.toString(16).padStart(2, '0')
    else if (c >= 0x80 && c < 0xa0) out += '\\u' + c.toString(16).padStart(4, '0')
    else out += ch
  }
  return out + '"'
}

/** %#v of a map[string]string: `map[string]string{"a":"b", "c":"d"}` (keys sorted), nil map when undefined. */
export function goStringMap(m: Record<string, string> | undefined | null): GoRepr {
  if (m === undefined || m === null) return new GoRepr('map[string]string(nil)')
  const body = Object.keys(m)
    .sort()
    .map((k) => `${goQuote(k)}:${goQuote(String(m[k]))}`)
    .join(', ')
  return new GoRepr(`map[string]string{${body}}`)
}

/** %#v of a metav1.LabelSelector value (as kubectl shows it in `empty selector is invalid`). */
export function goLabelSelector(sel: any): GoRepr {
  const ml = sel?.matchLabels === undefined || sel?.matchLabels === null ? 'map[string]string(nil)' : goStringMap(sel.matchLabels).text
  const exprs: any[] | undefined = sel?.matchExpressions ?? undefined
  let me = '[]v1.LabelSelectorRequirement(nil)'
  if (Array.isArray(exprs)) {
    const items = exprs.map(
      (e) =>
        `v1.LabelSelectorRequirement{Key:${goQuote(String(e?.key ?? ''))}, Operator:${goQuote(String(e?.operator ?? ''))}, Values:${
          Array.isArray(e?.values) ? `[]string{${e.values.map((v: unknown) => goQuote(String(v))).join(', ')}}` : '[]string(nil)'
        }}`,
    )
    me = `[]v1.LabelSelectorRequirement{${items.join(', ')}}`
  }
  return new GoRepr(`v1.LabelSelector{MatchLabels:${ml}, MatchExpressions:${me}}`)
}

/** %#v of a []string. */
export function goStringSlice(v: string[] | undefined): GoRepr {
  if (!v) return new GoRepr('[]string(nil)')
  return new GoRepr(`[]string{${v.map(goQuote).join(', ')}}`)
}

/** How field.Error.ErrorBody prints a bad value (after "Invalid value: "). */
export function formatBadValue(v: unknown): string {
  if (v === null || v === undefined) return 'null'
  if (v instanceof GoRepr) return v.text
  if (typeof v === 'string') return goQuote(v)
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v)
  // a structured value without a Go rendering: JSON is the most readable stand-in
  return JSON.stringify(v)
}
