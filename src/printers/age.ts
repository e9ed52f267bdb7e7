// kubectl's duration formatting (apimachinery/pkg/util/duration): HumanDuration for table cells and
// describe ages, ShortHumanDuration where kubectl uses it. Both truncate, never round.

import {parseRFC3339} from '../clock/clock.js'

/** HumanDuration(d), d in milliseconds. */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / 1000)
  if (seconds < -1) return '<invalid>'
  if (seconds < 0) return '0s'
  if (seconds < 60 * 2) return `${seconds}s`
  const minutes = Math.trunc(seconds / 60)
  if (minutes < 10) {
    const s = seconds % 60
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`
  }
  if (minutes < 60 * 3) return `${minutes}m`
  const hours = Math.trunc(seconds / 3600)
  if (hours < 8) {
    const m = minutes % 60
    return m === 0 ? `${hours}h` : `${hours}h${m}m`
  }
  if (hours < 48) return `${hours}h`
  if (hours < 24 * 8) {
    const h = hours % 24
    return h === 0 ? `${Math.trunc(hours / 24)}d` : `${Math.trunc(hours / 24)}d${h}h`
  }
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24)}d`
  if (hours < 24 * 365 * 8) {
    const dy = Math.trunc(hours / 24) % 365
    const y = Math.trunc(hours / 24 / 365)
    return dy === 0 ? `${y}y` : `${y}y${dy}d`
  }
  return `${Math.trunc(hours / 24 / 365)}y`
}

/** ShortHumanDuration(d), d in milliseconds. */
export function shortHumanDuration(ms: number): string {
  const seconds = Math.trunc(ms / 1000)
  if (seconds < -1) return '<invalid>'
  if (seconds < 0) return '0s'
  if (seconds < 60) return `${seconds}s`
  const minutes = Math.trunc(seconds / 60)
  if (minutes < 60) return `${minutes}m`
  const hours = Math.trunc(minutes / 60)
  if (hours < 24) return `${hours}h`
  if (hours < 24 * 365) return `${Math.trunc(hours / 24)}d`
  return `${Math.trunc(hours / 24 / 365)}y`
}

/** Milliseconds of an RFC 3339 timestamp, or undefined when absent or unparsable. */
export function timeOf(ts: unknown): number | undefined {
  if (typeof ts !== 'string' || ts === '') return undefined
  try {
    return parseRFC3339(ts)
  } catch {
    return undefined
  }
}

/** translateTimestampSince: the AGE cell; `<unknown>` for a zero/missing time. */
export function age(now: number, timestamp: unknown): string {
  const t = timeOf(timestamp)
  return t === undefined ? '<unknown>' : humanDuration(now - t)
}
