import {describe, expect, it} from 'vitest'
import {deepCopy, jsonEqual} from '../../src/api/deep-copy.js'

describe('deepCopy', () => {
  it('copies plain data deeply, keeping undefined-valued keys as structuredClone does', () => {
    const x = {a: 1, b: {c: [1, {d: 'e'}], u: undefined}, n: null}
    const y = deepCopy(x)
    expect(y).toStrictEqual(structuredClone(x))
    expect(y.b).not.toBe(x.b)
    expect(y.b.c[1]).not.toBe(x.b.c[1])
    expect(Object.keys(y.b)).toEqual(['c', 'u'])
  })

  it('falls back to structuredClone for non-plain objects', () => {
    const d = new Date(0)
    const y = deepCopy({d})
    expect(y.d).toBeInstanceOf(Date)
    expect(y.d).not.toBe(d)
    expect(y.d.getTime()).toBe(0)
  })
})

describe('jsonEqual', () => {
  const cases: Array<[unknown, unknown]> = [
    [{a: 1, b: 2}, {a: 1, b: 2}],
    [{a: 1, b: 2}, {b: 2, a: 1}],
    [{a: 1, u: undefined}, {a: 1}],
    [[1, undefined], [1, null]],
    [{a: [1, 2]}, {a: [1, 2, 3]}],
    [{a: NaN}, {a: null}],
    [{a: '1'}, {a: 1}],
    [{}, {x: undefined}],
    [{a: {b: {c: 'x'}}}, {a: {b: {c: 'y'}}}],
  ]
  it.each(cases)('agrees with comparing JSON.stringify (%j vs %j)', (a, b) => {
    expect(jsonEqual(a, b)).toBe(JSON.stringify(a) === JSON.stringify(b))
  })
})
