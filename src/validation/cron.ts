// The standard cron parser the API server uses for CronJob schedules (github.com/robfig/cron/v3 ParseStandard),
// reduced to its error messages: returns the Go error text, or undefined when the schedule parses.

interface Bounds {
  min: number
  max: number
  names?: Record<string, number>
}

const MONTHS: Record<string, number> = {jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12}
const DOWS: Record<string, number> = {sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6}
const FIELDS: Bounds[] = [
  {min: 0, max: 59},
  {min: 0, max: 23},
  {min: 1, max: 31},
  {min: 1, max: 12, names: MONTHS},
  {min: 0, max: 6, names: DOWS},
]
const DESCRIPTORS = new Set(['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly'])

function atoi(s: string): number | string {
  if (!/^[+-]?[0-9]+$/.test(s)) return `failed to parse int from ${s}: strconv.Atoi: parsing ${JSON.stringify(s)}: invalid syntax`
  const n = Number.parseInt(s, 10)
  if (n < 0) return `negative number (${n}) not allowed: ${s}`
  return n
}

function parseIntOrName(s: string, names?: Record<string, number>): number | string {
  if (names) {
    const v = names[s.toLowerCase()]
    if (v !== undefined) return v
  }
  return atoi(s)
}

function getRange(expr: string, r: Bounds): string | undefined {
  const rangeAndStep = expr.split('/')
  const lowAndHigh = rangeAndStep[0].split('-')
  const singleDigit = lowAndHigh.length === 1
  let start: number
  let end: number
  if (lowAndHigh[0] === '*' || lowAndHigh[0] === '?') {
    start = r.min
    end = r.max
  } else {
    const s = parseIntOrName(lowAndHigh[0], r.names)
    if (typeof s === 'string') return s
    start = s
    if (lowAndHigh.length === 1) end = start
    else if (lowAndHigh.length === 2) {
      const e = parseIntOrName(lowAndHigh[1], r.names)
      if (typeof e === 'string') return e
      end = e
    } else return `too many hyphens: ${expr}`
  }
  let step = 1
  if (rangeAndStep.length === 2) {
    const st = atoi(rangeAndStep[1])
    if (typeof st === 'string') return st
    step = st
    if (singleDigit && lowAndHigh[0] !== '*' && lowAndHigh[0] !== '?') end = r.max
    if (step > 1) {
      // fine
    }
  } else if (rangeAndStep.length > 2) return `too many slashes: ${expr}`
  if (start < r.min) return `beginning of range (${start}) below minimum (${r.min}): ${expr}`
  if (end > r.max) return `end of range (${end}) above maximum (${r.max}): ${expr}`
  if (start > end) return `beginning of range (${start}) beyond end of range (${end}): ${expr}`
  if (step === 0) return `step of range should be a positive number: ${expr}`
  return undefined
}

export function cronParseError(spec: string): string | undefined {
  if (spec.length === 0) return 'empty spec string'
  let s = spec
  if (s.startsWith('TZ=') || s.startsWith('CRON_TZ=')) {
    const i = s.indexOf(' ')
    s = i < 0 ? '' : s.slice(i).trim()
  }
  if (s.startsWith('@')) {
    if (DESCRIPTORS.has(s)) return undefined
    if (s.startsWith('@every ')) return undefined
    return `unrecognized descriptor: ${s}`
  }
  const fields = s.split(/\s+/).filter((f) => f.length > 0)
  if (fields.length !== 5) return `expected exactly 5 fields, found ${fields.length}: [${fields.join(' ')}]`
  for (let i = 0; i < 5; i++) {
    for (const part of fields[i].split(',')) {
      const err = getRange(part, FIELDS[i])
      if (err) return err
    }
  }
  return undefined
}
