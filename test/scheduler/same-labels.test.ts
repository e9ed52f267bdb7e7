import {describe, expect, it} from 'vitest'
import {sameLabels} from '../../src/scheduler/framework/labels.js'

describe('sameLabels (reflect.DeepEqual on label maps)', () => {
  it('ignores key order and treats missing as empty', () => {
    expect(sameLabels({a: '1', b: '2'}, {b: '2', a: '1'})).toBe(true)
    expect(sameLabels(undefined, {})).toBe(true)
  })
  it('sees a changed, added or removed label', () => {
    expect(sameLabels({a: '1'}, {a: '2'})).toBe(false)
    expect(sameLabels({a: '1'}, {a: '1', b: '2'})).toBe(false)
    expect(sameLabels({a: '1', b: '2'}, {a: '1', c: '2'})).toBe(false)
    expect(sameLabels({a: '1'}, undefined)).toBe(false)
  })
})
