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
