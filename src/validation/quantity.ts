// resource.ParseQuantity's error classification (k8s.io/apimachinery/pkg/api/resource/quantity.go). A bad
// quantity fails when the API server decodes the request body, before validation: the request is a BadRequest
// (`Pod in version "v1" cannot be handled as a Pod: unable to parse quantity's suffix`), reported here as a
// FieldError with `decode: true`.

export const ERR_FORMAT_WRONG = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"
export const ERR_NUMERIC = 'unable to parse numeric part of quantity'
export const ERR_SUFFIX = "unable to parse quantity's suffix"

const SUFFIX_CHARS = 'eEinumkKMGTP'
const KNOWN_SUFFIXES = new Set(['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei', 'n', 'u', 'm', 'k', 'M', 'G', 'T', 'P', 'E'])
const isDigit = (c: string) => c >= '0' && c <= '9'

/** The Go error text for a string that ParseQuantity rejects, else undefined. Numbers are always fine. */
export function quantityParseError(input: unknown): string | undefined {
  if (typeof input === 'number') return Number.isFinite(input) ? undefined : ERR_FORMAT_WRONG
  if (typeof input !== 'string') return undefined // a type error is the schema's to report
  const s = input.trim()
  if (s.length === 0) return ERR_FORMAT_WRONG
  if (s === '0') return undefined
  let pos = 0
  const end = s.length
  if (s[0] === '-' || s[0] === '+') pos++
  while (pos < end && s[pos] === '0') pos++
  if (pos >= end) return undefined
  while (pos < end && isDigit(s[pos])) pos++
  if (pos >= end) return undefined
  if (s[pos] === '.') {
    pos++
    while (pos < end && isDigit(s[pos])) pos++
    if (pos >= end) return undefined
  }
  const suffixStart = pos
  while (pos < end && SUFFIX_CHARS.includes(s[pos])) pos++
  if (pos < end && (s[pos] === '-' || s[pos] === '+')) pos++
  while (pos < end && isDigit(s[pos])) pos++
  if (pos < end) return ERR_FORMAT_WRONG
  const suffix = s.slice(suffixStart)
  if (KNOWN_SUFFIXES.has(suffix)) return undefined
  if (suffix.length > 1 && (suffix[0] === 'e' || suffix[0] === 'E')) {
    const exp = suffix.slice(1)
    if (/^[+-]?[0-9]+$/.test(exp)) return undefined
  }
  return ERR_SUFFIX
}
