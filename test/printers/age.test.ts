import {describe, expect, it} from 'vitest'
import {age, humanDuration, shortHumanDuration} from '../../src/printers/age.js'

const s = 1000
const m = 60 * s
const h = 60 * m
const d = 24 * h

describe('HumanDuration', () => {
  it.each([
    [-5 * s, '<invalid>'],
    [-1 * s, '0s'],
    [0, '0s'],
    [119 * s, '119s'],
    [2 * m, '2m'],
    [5 * m + 30 * s, '5m30s'],
    [10 * m, '10m'],
    [179 * m + 59 * s, '179m'],
    [3 * h, '3h'],
    [3 * h + 2 * m, '3h2m'],
    [8 * h, '8h'],
    [47 * h, '47h'],
    [2 * d, '2d'],
    [2 * d + 3 * h, '2d3h'],
    [8 * d, '8d'],
    [400 * d, '400d'],
    [730 * d, '2y'],
    [735 * d, '2y5d'],
    [9 * 365 * d, '9y'],
  ])('%d ms → %s', (ms, want) => {
    expect(humanDuration(ms)).toBe(want)
  })

  it('ShortHumanDuration', () => {
    expect(shortHumanDuration(59 * s)).toBe('59s')
    expect(shortHumanDuration(90 * s)).toBe('1m')
    expect(shortHumanDuration(25 * h)).toBe('1d')
    expect(shortHumanDuration(400 * d)).toBe('1y')
  })

  it('AGE from a timestamp, <unknown> without one', () => {
    const now = Date.parse('2026-01-01T00:05:30Z')
    expect(age(now, '2026-01-01T00:00:00Z')).toBe('5m30s')
    expect(age(now, undefined)).toBe('<unknown>')
  })
})
