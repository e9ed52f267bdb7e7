// CronJob schedules (robfig/cron ParseStandard semantics through cron-parser) and the controller's scheduling
// arithmetic (pkg/controller/cronjob/utils.go mostRecentScheduleTime, nextScheduleTime).

import {CronExpressionParser} from 'cron-parser'

export interface Schedule {
  /** the first activation strictly after t (ms) */
  next(t: number): number
}

export function parseSchedule(expr: string, timeZone?: string): Schedule {
  const trimmed = expr.trim()
  const every = /^@every\s+(.+)$/.exec(trimmed)
  if (every) {
    const d = parseGoDuration(every[1])
    return {next: (t) => Math.floor(t / 1000) * 1000 + d}
  }
  return {
    next(t) {
      const it = CronExpressionParser.parse(trimmed, {currentDate: new Date(t), tz: timeZone ?? 'UTC'})
      return it.next().getTime()
    },
  }
}

function parseGoDuration(s: string): number {
  let ms = 0
  const re = /(\d+(?:\.\d+)?)(h|m|s|ms)/g
  let m: RegExpExecArray | null
  while ((m = re.exec(s))) ms += Number(m[1]) * ({h: 3_600_000, m: 60_000, s: 1000, ms: 1}[m[2]] ?? 0)
  return ms
}

export interface MostRecent {
  /** the latest activation at or before now, if one was missed since `earliest` */
  time?: number
  /** how many activations were missed (capped: >100 is all that matters) */
  missed: number
}

/** mostRecentScheduleTime: activations in (earliest, now]. */
export function mostRecentScheduleTime(sched: Schedule, earliest: number, now: number): MostRecent {
  let t = sched.next(earliest)
  if (t > now) return {missed: 0}
  let last = t
  let missed = 0
  while (t <= now) {
    last = t
    missed++
    if (missed > 101) {
      // jump close to now: only the most recent time and "more than 100" matter
      const step = sched.next(t) - t
      if (step > 0) {
        const skip = Math.floor((now - t) / step) - 1
        if (skip > 0) t += skip * step
      }
    }
    t = sched.next(t)
  }
  return {time: last, missed}
}

/** time.RFC1123Z: `Mon, 02 Jan 2006 15:04:05 +0000` (UTC). */
export function formatRFC1123Z(ms: number): string {
  const d = new Date(ms)
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
  const p = (n: number) => String(n).padStart(2, '0')
  return `${days[d.getUTCDay()]}, ${p(d.getUTCDate())} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`
}

/** RFC 3339 of an instant in a time zone (`2026-01-01T09:00:00+09:00`), as Go formats t.In(loc). */
export function formatRFC3339In(ms: number, timeZone?: string): string {
  if (!timeZone || timeZone === 'UTC' || timeZone === 'Etc/UTC') return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z')
  const parts = new Intl.DateTimeFormat('en-US', {timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit'})
    .formatToParts(new Date(ms))
  const g = (t: string) => parts.find((p) => p.type === t)?.value ?? '00'
  const local = Date.UTC(Number(g('year')), Number(g('month')) - 1, Number(g('day')), Number(g('hour')), Number(g('minute')), Number(g('second')))
  const off = Math.round((local - Math.floor(ms / 1000) * 1000) / 60000)
  if (off === 0) return `${g('year')}-${g('month')}-${g('day')}T${g('hour')}:${g('minute')}:${g('second')}Z`
  const sign = off < 0 ? '-' : '+'
  const a = Math.abs(off)
  return `${g('year')}-${g('month')}-${g('day')}T${g('hour')}:${g('minute')}:${g('second')}${sign}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`
}
