import {describe, expect, it} from 'vitest'
import {
  formatLabelSelector,
  matchesFieldSelector,
  matchesLabelSelector,
  matchesRequirements,
  parseFieldSelectorString,
  parseLabelSelectorString,
  requirementsString,
} from '../../src/api/selectors.js'

describe('label selectors', () => {
  const labels = {app: 'web', tier: 'front', env: 'prod'}

  it('parses and matches kubectl -l syntax', () => {
    const reqs = parseLabelSelectorString('app=web,tier!=back,env in (prod, staging),!canary,tier')
    expect(requirementsString(reqs)).toBe('app=web,!canary,env in (prod,staging),tier!=back,tier')
    expect(matchesRequirements(reqs, labels)).toBe(true)
    expect(matchesRequirements(parseLabelSelectorString('app==api'), labels)).toBe(false)
    expect(matchesRequirements(parseLabelSelectorString('env notin (prod)'), labels)).toBe(false)
    expect(matchesRequirements(parseLabelSelectorString('missing!=x'), labels)).toBe(true)
    expect(matchesRequirements(parseLabelSelectorString(''), labels)).toBe(true)
  })

  it('rejects malformed selectors', () => {
    expect(() => parseLabelSelectorString('app=web,')).toThrow(/unable to parse requirement/)
    expect(() => parseLabelSelectorString('a in ()')).toThrow(/values set can't be empty/)
    expect(() => parseLabelSelectorString('-bad=x')).toThrow(/invalid label key/)
  })

  it('matches metav1.LabelSelector: nil selects nothing, empty selects everything', () => {
    expect(matchesLabelSelector(undefined, labels)).toBe(false)
    expect(matchesLabelSelector({}, labels)).toBe(true)
    expect(matchesLabelSelector({matchLabels: {app: 'web'}, matchExpressions: [{key: 'env', operator: 'In', values: ['prod']}]}, labels)).toBe(true)
    expect(matchesLabelSelector({matchExpressions: [{key: 'tier', operator: 'DoesNotExist'}]}, labels)).toBe(false)
    expect(matchesLabelSelector({matchExpressions: [{key: 'tier', operator: 'Exists'}]}, labels)).toBe(true)
  })

  it('formats selectors as FormatLabelSelector', () => {
    expect(formatLabelSelector({matchLabels: {b: '2', a: '1'}})).toBe('a=1,b=2')
    expect(formatLabelSelector({})).toBe('<none>')
    expect(formatLabelSelector({matchExpressions: [{key: 'k', operator: 'NotIn', values: ['y', 'x']}]})).toBe('k notin (x,y)')
  })
})

describe('field selectors', () => {
  const pod: any = {apiVersion: 'v1', kind: 'Pod', metadata: {name: 'a', namespace: 'default'}, spec: {nodeName: 'node-1'}, status: {phase: 'Running'}}
  it('matches =, == and !=', () => {
    expect(matchesFieldSelector(parseFieldSelectorString('spec.nodeName=node-1,status.phase!=Pending'), pod)).toBe(true)
    expect(matchesFieldSelector(parseFieldSelectorString('metadata.name==b'), pod)).toBe(false)
  })
})

describe('matchesLabelSelector, shared by controllers and the disruption budget', () => {
  it('follows LabelSelectorAsSelector: nil nothing, empty everything, bad operator nothing', () => {
    expect(matchesLabelSelector(undefined, {a: 'b'})).toBe(false)
    expect(matchesLabelSelector({}, {a: 'b'})).toBe(true)
    expect(matchesLabelSelector({matchLabels: {a: 'b'}, matchExpressions: [{key: 'c', operator: 'DoesNotExist'}]}, {a: 'b'})).toBe(true)
    expect(matchesLabelSelector({matchExpressions: [{key: 'a', operator: 'NotIn', values: ['b']}]}, {a: 'b'})).toBe(false)
    expect(matchesLabelSelector({matchExpressions: [{key: 'a', operator: 'Bogus'}]}, {a: 'b'})).toBe(false)
  })
})
