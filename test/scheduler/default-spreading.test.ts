// PodTopologySpread's system default constraints select the pods of the pod's controller and of the Services
// selecting it. The selector is shared by the pods of one controller: it must follow changes of the controller's
// selector and of the Services.
import {describe, expect, it} from 'vitest'
import type {KubeObject} from '../../src/api/types.js'
import {Harness, node, pod} from './harness.js'

const ZONE = 'topology.kubernetes.io/zone'

/** a pod of ReplicationController `rc` (whose selector is mutable, unlike a ReplicaSet's) */
function rcPod(name: string, labels: Record<string, string>, nodeName?: string): KubeObject {
  const p = pod(name, {labels, nodeName})
  p.metadata.ownerReferences = [{apiVersion: 'v1', kind: 'ReplicationController', name: 'rc', uid: 'rc-uid', controller: true}]
  return p
}

/** the PodTopologySpread score of each node in the pod's last attempt */
function spreadScores(h: Harness, podName: string): Record<string, number> {
  const ds = h.scheduler.decisionsFor(`default/${podName}`)
  const out: Record<string, number> = {}
  for (const n of ds[ds.length - 1].nodes) out[n.name] = n.scores.find((s) => s.plugin === 'PodTopologySpread')!.score
  return out
}

function setup(): Harness {
  const h = new Harness()
  for (const z of ['a', 'b', 'c']) h.create(node(`node-${z}`, {labels: {[ZONE]: `zone-${z}`}}))
  h.create({apiVersion: 'v1', kind: 'ReplicationController', metadata: {name: 'rc'}, spec: {selector: {app: 'web'}}})
  // two tier=old pods of the controller on node-a
  for (const i of [1, 2]) h.create(rcPod(`old-${i}`, {app: 'web', tier: 'old'}, 'node-a'))
  h.settle()
  return h
}

describe('default spreading selector', () => {
  it('counts the controller pods: node-a scores lowest', () => {
    const h = setup()
    h.create(rcPod('new-1', {app: 'web', tier: 'new'}))
    h.settle()
    const s = spreadScores(h, 'new-1')
    expect(s['node-a']).toBeLessThan(s['node-b'])
  })

  it('follows a change of the controller selector', () => {
    const h = setup()
    h.create(rcPod('new-1', {app: 'web', tier: 'new'}))
    h.settle()
    const rc = structuredClone(h.store.get('/ReplicationController/default/rc')!)
    rc.spec.selector = {app: 'web', tier: 'new'}
    h.store.update(rc)
    h.create(rcPod('new-2', {app: 'web', tier: 'new'}))
    h.settle()
    // only new-1 matches now: node-a (no tier=new pod unless new-1 went there) scores like an empty node
    const newNode = h.pod('default', 'new-1')!.spec.nodeName
    const s = spreadScores(h, 'new-2')
    for (const n of ['node-a', 'node-b', 'node-c']) if (n !== newNode) expect(s[n], n).toBe(100)
  })

  it('follows a Service selecting the pods', () => {
    const h = setup()
    h.create(rcPod('new-1', {app: 'web', tier: 'new'}))
    h.settle()
    h.create({apiVersion: 'v1', kind: 'Service', metadata: {name: 'svc'}, spec: {selector: {tier: 'new'}}})
    h.create(rcPod('new-2', {app: 'web', tier: 'new'}))
    h.settle()
    const newNode = h.pod('default', 'new-1')!.spec.nodeName
    const s = spreadScores(h, 'new-2')
    for (const n of ['node-a', 'node-b', 'node-c']) if (n !== newNode) expect(s[n], n).toBe(100)
  })
})

describe('default spreading scores', () => {
  /** the PodTopologySpread score of each scored node in the pod's last attempt */
  function scored(h: Harness, podName: string): Record<string, number> {
    const ds = h.scheduler.decisionsFor(`default/${podName}`)
    const out: Record<string, number> = {}
    for (const n of ds[ds.length - 1].nodes) {
      const s = n.scores.find((x) => x.plugin === 'PodTopologySpread')
      if (s) out[n.name] = s.score
    }
    return out
  }

  /** zones a, b, c, a in cluster order; two controller pods on node-a1 */
  function zoned(taintC: boolean): Harness {
    const h = new Harness()
    const taints = taintC ? [{key: 'k', value: 'v', effect: 'NoSchedule'}] : undefined
    h.create(node('node-a1', {labels: {[ZONE]: 'zone-a'}}))
    h.create(node('node-b1', {labels: {[ZONE]: 'zone-b'}}))
    h.create(node('node-c1', {labels: {[ZONE]: 'zone-c'}, taints}))
    h.create(node('node-a2', {labels: {[ZONE]: 'zone-a'}}))
    h.create({apiVersion: 'v1', kind: 'ReplicationController', metadata: {name: 'rc'}, spec: {selector: {app: 'web'}}})
    for (const i of [1, 2]) h.create(rcPod(`old-${i}`, {app: 'web'}, 'node-a1'))
    h.settle()
    h.create(rcPod('new-1', {app: 'web'}))
    h.settle()
    return h
  }

  it('weighs the zones of the filtered nodes: every zone has one (later nodes add none)', () => {
    // hostname weight ln(4+2), zone weight ln(3+2): raw a1 = 2ln6+2+2ln5+4 → 13, a2 = 2+2ln5+4 → 9, b1 = c1 = 6
    expect(scored(zoned(false), 'new-1')).toEqual({'node-a1': 46, 'node-b1': 100, 'node-c1': 100, 'node-a2': 76})
  })

  it('weighs the zones of the filtered nodes: a zone without one is not counted', () => {
    // node-c1 filtered out: hostname weight ln(3+2), zone weight ln(2+2): raw a1 → 12, a2 → 9, b1 = 6
    expect(scored(zoned(true), 'new-1')).toEqual({'node-a1': 50, 'node-b1': 100, 'node-a2': 75})
  })
})
