// Plugin behaviour through whole scheduling runs: spreading, affinity, host ports, pod limits, nominated pods.
import {describe, expect, it} from 'vitest'
import {Harness, node, pod} from './harness.js'

function zonedNodes(h: Harness, perZone: number) {
  for (const z of ['a', 'b', 'c']) for (let i = 1; i <= perZone; i++) h.create(node(`${z}${i}`, {labels: {'topology.kubernetes.io/zone': `zone-${z}`}}))
}

function zoneCounts(h: Harness, prefix: string): Record<string, number> {
  const out: Record<string, number> = {}
  for (const p of h.store.list('/Pod')) {
    if (!p.metadata.name!.startsWith(prefix) || !p.spec.nodeName) continue
    const z = p.spec.nodeName[0]
    out[z] = (out[z] ?? 0) + 1
  }
  return out
}

describe('plugins at work', () => {
  it('hard zone spreading places 6 replicas 2/2/2', () => {
    const h = new Harness()
    zonedNodes(h, 2)
    for (let i = 0; i < 6; i++) {
      h.create(
        pod(`web-${i}`, {
          labels: {app: 'web'},
          spec: {topologySpreadConstraints: [{maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: {matchLabels: {app: 'web'}}}]},
        }),
      )
    }
    h.settle()
    expect(zoneCounts(h, 'web-')).toEqual({a: 2, b: 2, c: 2})
  })

  it('system default spreading uses the owning ReplicaSet selector', () => {
    const h = new Harness()
    zonedNodes(h, 1)
    h.create({apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: {name: 'web', uid: 'rs-uid'}, spec: {selector: {matchLabels: {app: 'web'}}}})
    // a busy node-free setup: identical nodes, so only spreading separates them after the first pods
    for (let i = 0; i < 3; i++) {
      const p = pod(`web-${i}`, {labels: {app: 'web'}, cpu: '10m', memory: '10Mi'})
      p.metadata.ownerReferences = [{apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: 'rs-uid', controller: true}]
      h.create(p)
    }
    h.settle()
    expect(zoneCounts(h, 'web-')).toEqual({a: 1, b: 1, c: 1})
    const [d] = h.scheduler.decisionsFor('default/web-2')
    expect(d.nodes.every((n) => n.scores.some((s) => s.plugin === 'PodTopologySpread'))).toBe(true)
  })

  it('the first pod of a self-affine group schedules; the next ones follow it', () => {
    const h = new Harness()
    zonedNodes(h, 1)
    const affine = (name: string) =>
      pod(name, {
        labels: {app: 'cache'},
        spec: {affinity: {podAffinity: {requiredDuringSchedulingIgnoredDuringExecution: [{topologyKey: 'topology.kubernetes.io/zone', labelSelector: {matchLabels: {app: 'cache'}}}]}}},
      })
    h.create(affine('cache-0'))
    h.settle()
    const first = h.pod('default', 'cache-0')!.spec.nodeName
    expect(first).toBeDefined()
    h.create(affine('cache-1'))
    h.create(affine('cache-2'))
    h.settle()
    expect(h.pod('default', 'cache-1')!.spec.nodeName).toBe(first)
    expect(h.pod('default', 'cache-2')!.spec.nodeName).toBe(first)
  })

  it('host ports: one pod per node, then the NodePorts reason', () => {
    const h = new Harness()
    h.create(node('n1'))
    h.create(node('n2'))
    for (let i = 0; i < 3; i++) {
      const p = pod(`hp-${i}`)
      p.spec.containers[0].ports = [{containerPort: 8080, hostPort: 8080}]
      h.create(p)
    }
    h.settle()
    const bound = ['hp-0', 'hp-1', 'hp-2'].map((n) => h.pod('default', n)!.spec.nodeName).filter(Boolean)
    expect(new Set(bound).size).toBe(2)
    expect(h.events.filter((e) => e.reason === 'FailedScheduling').map((e) => e.message)).toEqual([
      "0/2 nodes are available: 2 node(s) didn't have free ports for the requested pod ports. preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod..",
    ])
  })

  it('Too many pods', () => {
    const h = new Harness()
    h.create(node('tiny', {pods: '2'}))
    for (let i = 0; i < 3; i++) h.create(pod(`p${i}`))
    h.settle()
    expect(h.events.filter((e) => e.reason === 'FailedScheduling').map((e) => e.message)).toEqual([
      '0/1 nodes are available: 1 Too many pods. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod..',
    ])
  })

  it('several reasons on one node are each counted', () => {
    const h = new Harness()
    h.create(node('n1', {cpu: '1', memory: '1Gi'}))
    h.create(node('n2', {cpu: '1', memory: '1Gi'}))
    h.create(pod('big', {cpu: '2', memory: '2Gi'}))
    h.settle()
    expect(h.events.map((e) => e.message)).toEqual([
      '0/2 nodes are available: 2 Insufficient cpu, 2 Insufficient memory. preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod..',
    ])
    const [d] = h.scheduler.decisionsFor('default/big')
    expect(d.nodes[0].filters.find((f) => f.plugin === 'NodeResourcesFit')!.reasons).toEqual(['Insufficient cpu', 'Insufficient memory'])
  })

  it('a nominated pod keeps its room from lower-priority pods', () => {
    const h = new Harness()
    h.create(node('n1', {cpu: '2'}))
    const nominated = pod('nominated', {cpu: '2', priority: 100})
    nominated.status = {phase: 'Pending', nominatedNodeName: 'n1'}
    nominated.spec.schedulingGates = [{name: 'hold'}] // stays out of the queue but still nominated
    h.create(nominated)
    h.create(pod('low', {cpu: '1', priority: 0}))
    h.settle()
    expect(h.pod('default', 'low')!.spec.nodeName).toBeUndefined()
    expect(h.events.map((e) => e.message)).toEqual([
      '0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod..',
    ])
  })
})
