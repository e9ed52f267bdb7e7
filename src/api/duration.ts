// Go's time.ParseDuration subset used on the command line: `30s`, `5m`, `1h30m`, `500ms`, `2h`.
const UNITS: Record<string, number> = {ms: 1, s: 1000, m: 60_000, h: 3_600_000}

export function parseDuration(s: string): number | undefined {
  if (s === '0') return 0
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h)/g
  let total = 0
  let consumed = 0
  for (const m of s.matchAll(re)) {
    if (m.index !== consumed) return undefined
    total += Number(m[1]) * UNITS[m[2]]
    consumed += m[0].length
  }
  return consumed === s.length && consumed > 0 ? Math.round(total) : undefined
}
