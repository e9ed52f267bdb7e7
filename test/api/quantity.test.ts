import {describe, expect, it} from 'vitest'
import {canonicalQuantity, isValidQuantity, milliValue, value} from '../../src/api/quantity.js'

describe('resource quantities', () => {
  it('parses what the API server accepts and rejects what it rejects', () => {
    for (const ok of ['100m', '1', '0.5', '1Gi', '512Mi', '1e3', '2E', '+1', '.5']) expect(isValidQuantity(ok), ok).toBe(true)
    for (const bad of ['500mi', '1GB', '', 'abc', '1 Gi', '1.2.3']) expect(isValidQuantity(bad), bad).toBe(false)
  })
  it('gives milli and whole values rounded up', () => {
    expect(milliValue('100m')).toBe(100)
    expect(milliValue('1.5')).toBe(1500)
    expect(value('1Gi')).toBe(1073741824)
    expect(value('100m')).toBe(1)
  })
  it('formats canonically', () => {
    expect(canonicalQuantity('2000m')).toBe('2')
    expect(canonicalQuantity('0.5')).toBe('500m')
    expect(canonicalQuantity('1024Ki')).toBe('1Mi')
    expect(canonicalQuantity('1.5Gi')).toBe('1536Mi')
  })
})
