// resource.Quantity (k8s.io/apimachinery/pkg/api/resource): parsing, comparison and canonical formatting.
// Values are kept as exact rationals of bigint (numerator over 10^scale handled via milli-units where safe).

const QUANTITY_RE = /^([+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+))(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?[0-9]+)?$/

const BINARY: Record<string, bigint> = {Ki: 1n << 10n, Mi: 1n << 20n, Gi: 1n << 30n, Ti: 1n << 40n, Pi: 1n << 50n, Ei: 1n << 60n}
const DECIMAL_EXP: Record<string, number> = {n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18}

export type QuantityFormat = 'BinarySI' | 'DecimalSI' | 'DecimalExponent'

/** A parsed quantity: value = nanos / 1e9 exactly (nano precision is enough for every Kubernetes resource). */
export interface Quantity {
  nanos: bigint
  format: QuantityFormat
}

/**
 * Parsed quantities by input. Every pod's requests are parsed by validation, admission, the scheduler and the
 * kubelet, and a run sees few distinct strings; a parsed Quantity is never modified, so one object can be shared.
 * Cleared when it grows past PARSED_MAX (hostile input with many distinct quantities).
 */
const parsed = new Map<string | number, Readonly<Quantity> | undefined>()
const PARSED_MAX = 4096

/** Parse a quantity string or number; undefined when it is not a valid quantity (as the API server rejects). */
export function parseQuantity(input: string | number): Quantity | undefined {
  let q = parsed.get(input)
  if (q === undefined && !parsed.has(input)) {
    if (parsed.size >= PARSED_MAX) parsed.clear()
    q = parseUncached(input)
    parsed.set(input, q && Object.freeze(q))
  }
  return q
}

function parseUncached(input: string | number): Quantity | undefined {
  const s = typeof input === 'number' ? String(input) : input.trim()
  if (s === '' || s !== (typeof input === 'number' ? s : input)) return undefined
  const m = QUANTITY_RE.exec(s)
  if (!m) return undefined
  const num = m[1]
  const suffix = m[2] ?? ''
  const neg = num.startsWith('-')
  const digits = num.replace(/^[+-]/, '')
  const [intPart, fracPart = ''] = digits.split('.')
  // value as mantissa (bigint) * 10^exp10
  let mantissa = BigInt((intPart || '0') + fracPart || '0')
  let exp10 = -fracPart.length
  let mult = 1n
  let format: QuantityFormat = 'DecimalSI'
  if (suffix in BINARY) {
    mult = BINARY[suffix]
    format = 'BinarySI'
  } else if (suffix in DECIMAL_EXP) {
    exp10 += DECIMAL_EXP[suffix]
  } else {
    exp10 += Number(suffix.slice(1))
    format = 'DecimalExponent'
  }
  mantissa *= mult
  // to nanos: mantissa * 10^(exp10 + 9), rounding up like Kubernetes (which rounds up below its precision)
  const e = exp10 + 9
  let nanos: bigint
  if (e >= 0) {
    if (e > 40) return undefined
    nanos = mantissa * 10n ** BigInt(e)
  } else {
    const d = 10n ** BigInt(-e)
    nanos = (mantissa + d - 1n) / d
  }
  if (neg) nanos = -nanos
  return {nanos, format}
}

export function isValidQuantity(input: unknown): boolean {
  return (typeof input === 'string' || typeof input === 'number') && parseQuantity(input) !== undefined
}

/** Milli-units, rounded up (Quantity.MilliValue): cpu "100m" → 100, "1" → 1000. */
export function milliValue(q: Quantity | string | number | undefined): number {
  const x = typeof q === 'object' ? q : q === undefined ? undefined : parseQuantity(q)
  if (!x) return 0
  const d = 1000000n
  const v = x.nanos >= 0n ? (x.nanos + d - 1n) / d : x.nanos / d
  return Number(v)
}

/** Whole units, rounded up (Quantity.Value): memory "1Gi" → 1073741824. */
export function value(q: Quantity | string | number | undefined): number {
  const x = typeof q === 'object' ? q : q === undefined ? undefined : parseQuantity(q)
  if (!x) return 0
  const d = 1000000000n
  const v = x.nanos >= 0n ? (x.nanos + d - 1n) / d : x.nanos / d
  return Number(v)
}

export function compareQuantity(a: string | number, b: string | number): number {
  const x = parseQuantity(a)?.nanos ?? 0n
  const y = parseQuantity(b)?.nanos ?? 0n
  return x < y ? -1 : x > y ? 1 : 0
}

/** Canonical string as the API server serializes a quantity (Quantity.String). */
export function formatQuantity(q: Quantity): string {
  const neg = q.nanos < 0n
  const n = neg ? -q.nanos : q.nanos
  const sign = neg ? '-' : ''
  if (n === 0n) return '0'
  if (q.format === 'BinarySI' && n % 1000000000n === 0n) {
    let v = n / 1000000000n
    const units = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei']
    let i = 0
    while (i < units.length - 1 && v % 1024n === 0n && v >= 1024n) {
      v /= 1024n
      i++
    }
    // Kubernetes keeps BinarySI only when the value is a whole multiple of 1024 (else falls back to DecimalSI)
    if (i > 0 || v < 1024n) return sign + v.toString() + units[i]
  }
  // DecimalSI: the largest exponent (multiple of 3) that keeps an integer mantissa
  const suffixes: Array<[number, string]> = [[18, 'E'], [15, 'P'], [12, 'T'], [9, 'G'], [6, 'M'], [3, 'k'], [0, ''], [-3, 'm'], [-6, 'u'], [-9, 'n']]
  for (const [exp, suf] of suffixes) {
    const d = 10n ** BigInt(exp + 9)
    if (n % d === 0n) {
      const mant = n / d
      if (q.format === 'DecimalExponent') return sign + mant.toString() + (exp === 0 ? '' : `e${exp}`)
      return sign + mant.toString() + suf
    }
  }
  return sign + n.toString() + 'n'
}

/** Canonical strings by input, as `parsed` (validation formats every request and limit of every pod). */
const canonical = new Map<string | number, string | undefined>()

export function canonicalQuantity(input: string | number): string | undefined {
  let s = canonical.get(input)
  if (s === undefined && !canonical.has(input)) {
    if (canonical.size >= PARSED_MAX) canonical.clear()
    const q = parseQuantity(input)
    s = q ? formatQuantity(q) : undefined
    canonical.set(input, s)
  }
  return s
}
