// Property tests: the chosen node passes every filter; a unique best score does not depend on node order;
// the same seed gives the same placements.
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import type {KubeObject} from '../../src/api/types.js'
import {Harness, node, pod} from './harness.js'

const zones = ['zone-a', 'zone-b', 'zone-c']

const nodeArb = fc.record({
  cpu: fc.integer({min: 1, max: 8}),
  memGi: fc.integer({min: 1, max: 16}),
  zone: fc.option(fc.constantFrom(...zones), {nil: undefined}),
  taint: fc.option(fc.record({value: fc.constantFrom('x', 'y'), effect: fc.constantFrom('NoSchedule', 'PreferNoSchedule')}), {nil: undefined}),
  unschedulable: fc.boolean(),
  image: fc.boolean(),
})

const existingArb = fc.record({node: fc.nat(), cpuM: fc.integer({min: 0, max: 3000}), app: fc.constantFrom('web', 'db')})

const podArb = fc.record({
  cpuM: fc.integer({min: 0, max: 4000}),
  memMi: fc.integer({min: 0, max: 4096}),
  tolerate: fc.option(fc.constantFrom('x', 'y'), {nil: undefined}),
  zone: fc.option(fc.constantFrom(...zones), {nil: undefined}),
  antiWeb: fc.boolean(),
  spread: fc.boolean(),
})

type NodeSpec = {cpu: number; memGi: number; zone?: string; taint?: {value: string; effect: string}; unschedulable: boolean; image: boolean}

function makeNode(i: number, n: NodeSpec): KubeObject {
  const o = node(`node-${i}`, {
    cpu: String(n.cpu),
    memory: `${n.memGi}Gi`,
    labels: n.zone ? {'topology.kubernetes.io/zone': n.zone} : {},
    taints: n.taint ? [{key: 'dedicated', value: n.taint.value, effect: n.taint.effect}] : undefined,
    unschedulable: n.unschedulable,
  })
  if (n.image) o.status.images = [{names: ['example.com/app:1.0'], sizeBytes: 500 * 1024 * 1024}]
  return o
}

function makePod(p: {cpuM: number; memMi: number; tolerate?: string; zone?: string; antiWeb: boolean; spread: boolean}): KubeObject {
  const o = pod('incoming', {labels: {app: 'web'}})
  o.spec.containers[0].image = 'example.com/app:1.0'
  o.spec.containers[0].resources = {requests: {cpu: `${p.cpuM}m`, memory: `${p.memMi}Mi`}}
  if (p.tolerate) o.spec.tolerations = [{key: 'dedicated', operator: 'Equal', value: p.tolerate}]
  if (p.zone) o.spec.nodeSelector = {'topology.kubernetes.io/zone': p.zone}
  if (p.antiWeb) {
    o.spec.affinity = {podAntiAffinity: {requiredDuringSchedulingIgnoredDuringExecution: [{topologyKey: 'kubernetes.io/hostname', labelSelector: {matchLabels: {app: 'web'}}}]}}
  }
  if (p.spread) {
    o.spec.topologySpreadConstraints = [{maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: {matchLabels: {app: 'web'}}}]
  }
  return o
}

function build(nodes: NodeSpec[], existing: Array<{node: number; cpuM: number; app: string}>, order: number[], seed = 'seed') {
  const h = new Harness({seed})
  for (const i of order) h.create(makeNode(i, nodes[i]))
  existing.forEach((e, j) => {
    h.create(pod(`e${j}`, {cpu: `${e.cpuM}m`, nodeName: `node-${e.node % nodes.length}`, labels: {app: e.app}}))
  })
  return h
}

describe('scheduler properties', () => {
  it('the chosen node passes every filter', () => {
    fc.assert(
      fc.property(fc.array(nodeArb, {minLength: 1, maxLength: 6}), fc.array(existingArb, {maxLength: 8}), podArb, (nodes, existing, p) => {
        const h = build(nodes, existing, nodes.map((_, i) => i))
        h.create(makePod(p))
        h.settle()
        const chosen = h.pod('default', 'incoming')!.spec.nodeName
        const [d] = h.scheduler.decisionsFor('default/incoming')
        if (!chosen) {
          expect(d.result).toBe('Unschedulable')
          expect(d.nodes.every((n) => !n.feasible)).toBe(true)
          return
        }
        const entry = d.nodes.find((n) => n.name === chosen)!
        expect(entry.feasible).toBe(true)
        for (const f of entry.filters) expect(['Success', 'Skip']).toContain(f.code)
        // independent check of resources on the chosen node
        const i = Number(chosen.slice(5))
        const used = existing.filter((e) => e.node % nodes.length === i).reduce((s, e) => s + e.cpuM, 0)
        // a zero request is not checked (existing pods bound by nodeName may overcommit the node)
        if (p.cpuM > 0) expect(used + p.cpuM).toBeLessThanOrEqual(nodes[i].cpu * 1000)
        expect(nodes[i].unschedulable).toBe(false)
      }),
      {numRuns: 150},
    )
  })

  it('with a unique best score the choice does not depend on node order', () => {
    fc.assert(
      fc.property(fc.array(nodeArb, {minLength: 2, maxLength: 6}), fc.array(existingArb, {maxLength: 8}), podArb, (nodes, existing, p) => {
        const a = build(nodes, existing, nodes.map((_, i) => i))
        a.create(makePod(p))
        a.settle()
        const [d] = a.scheduler.decisionsFor('default/incoming')
        const feasible = d.nodes.filter((n) => n.feasible)
        if (feasible.length < 2) return
        const best = Math.max(...feasible.map((n) => n.total))
        if (feasible.filter((n) => n.total === best).length !== 1) return
        const b = build(nodes, existing, nodes.map((_, i) => nodes.length - 1 - i), 'other-seed')
        b.create(makePod(p))
        b.settle()
        expect(b.pod('default', 'incoming')!.spec.nodeName).toBe(a.pod('default', 'incoming')!.spec.nodeName)
      }),
      {numRuns: 150},
    )
  })

  it('the same seed gives the same placements', () => {
    fc.assert(
      fc.property(fc.integer({min: 2, max: 8}), fc.integer({min: 1, max: 20}), fc.string(), (numNodes, numPods, seed) => {
        const run = () => {
          const h = new Harness({seed})
          for (let i = 0; i < numNodes; i++) h.create(node(`n${i}`))
          for (let i = 0; i < numPods; i++) h.create(pod(`p${i}`, {cpu: '100m', memory: '100Mi'}))
          h.settle()
          return Array.from({length: numPods}, (_, i) => h.pod('default', `p${i}`)!.spec.nodeName)
        }
        expect(run()).toEqual(run())
      }),
      {numRuns: 40},
    )
  })
})
