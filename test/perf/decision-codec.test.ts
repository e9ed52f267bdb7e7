import {describe, expect, it} from 'vitest'
import {encodeNodes, parseDecision, stringifyDecision} from '../../src/state/decision-codec.js'

const node = (name: string, feasible: boolean) => ({
  name,
  feasible,
  filters: [
    {plugin: 'NodeUnschedulable', code: 'Success', reasons: []},
    {plugin: 'NodeResourcesFit', code: feasible ? 'Success' : 'Unschedulable', reasons: feasible ? [] : ['Insufficient cpu']},
    {plugin: 'VolumeBinding', code: 'Skip', reasons: []},
  ],
  scores: feasible ? [{plugin: 'NodeResourcesFit', score: 99, weighted: 99}, {plugin: 'PodTopologySpread', score: 100, weighted: 200}] : [],
  total: feasible ? 299 : 0,
})

const record = {
  pod: 'default/web-1',
  attempt: 1,
  attempts: 1,
  time: '2026-01-01T00:00:00Z',
  result: 'Scheduled',
  node: 'node-1',
  nominatedNode: null,
  message: null,
  victims: [],
  nodes: [node('node-1', true), node('node-2', false), node('node-3', true)],
  score: 299,
  feasibleNodes: 2,
  evaluatedNodes: 3,
  totalNodes: 3,
}

describe('decision storage codec', () => {
  it('round-trips a full record to the same JSON, smaller', () => {
    const text = stringifyDecision(record)
    expect(text.length).toBeLessThan(JSON.stringify(record).length)
    expect(JSON.stringify(parseDecision(text))).toBe(JSON.stringify(record))
  })

  it('stores other shapes as they are', () => {
    const odd = {...record, nodes: [{...node('n', true), extra: 1}]}
    expect(encodeNodes(odd.nodes)).toBeUndefined()
    expect(stringifyDecision(odd)).toBe(JSON.stringify(odd))
    const summary = {pod: 'a/b', nodes: [], summary: {reasons: {}}}
    expect(stringifyDecision(summary)).toBe(JSON.stringify(summary))
    expect(JSON.stringify(parseDecision(JSON.stringify(record)))).toBe(JSON.stringify(record))
  })
})

describe('decision storage codec on live scheduler records', () => {
  it('stores what JSON.stringify of the record gives, feasible and rejected nodes alike', async () => {
    const {Harness, node: mkNode, pod} = await import('../scheduler/harness.js')
    const h = new Harness()
    h.create(mkNode('node-1'))
    h.create(mkNode('node-2', {cpu: '100m'}))
    h.create(mkNode('node-3'))
    h.create(pod('p', {cpu: '500m', memory: '64Mi'}))
    h.settle()
    const saved = h.scheduler.decisionsFor('default/p').map((d) => stringifyDecision(d))
    const plain = h.scheduler.decisionsFor('default/p').map((d) => JSON.stringify(d))
    expect(plain[0]).toContain('Insufficient cpu')
    expect(saved[0].length).toBeLessThan(plain[0].length)
    expect(saved.map((t) => JSON.stringify(parseDecision(t)))).toEqual(plain)
  })
})
