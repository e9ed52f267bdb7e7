// SchedulerCache.hasPodObject (looked up by namespace and name) agrees with hasPod (by "ns/name" key) as pods are
// added, moved, removed, and share names across namespaces.
import {describe, expect, it} from 'vitest'
import type {KubeObject} from '../../src/api/types.js'
import {SchedulerCache} from '../../src/scheduler/framework/cache.js'
import {PodInfo} from '../../src/scheduler/framework/pod-info.js'
import {node, pod} from './harness.js'

function agree(cache: SchedulerCache, pods: KubeObject[]): void {
  for (const p of pods) {
    const key = `${p.metadata.namespace ?? 'default'}/${p.metadata.name}`
    // another version of the object: what a watch event carries
    expect(cache.hasPodObject(structuredClone(p)), key).toBe(cache.hasPod(key))
  }
}

describe('SchedulerCache.hasPodObject', () => {
  it('follows pods added, moved and removed', () => {
    const cache = new SchedulerCache()
    cache.addNode(node('n1'))
    cache.addNode(node('n2'))
    const pods = [pod('a'), pod('b'), pod('a', {ns: 'other'}), pod('c', {ns: 'other'})]
    agree(cache, pods)
    for (const p of pods) cache.addPod('n1', new PodInfo(p, 0))
    agree(cache, pods)
    expect(cache.hasPodObject(pods[2])).toBe(true)
    cache.addPod('n2', new PodInfo(pods[0], 0)) // moved: removed from n1 first
    agree(cache, pods)
    expect(cache.podNodeName('default/a')).toBe('n2')
    cache.removePod('default/a')
    agree(cache, pods)
    expect(cache.hasPodObject(pods[0])).toBe(false)
    expect(cache.hasPodObject(pods[2])).toBe(true) // same name, other namespace
    cache.removePod('other/a')
    cache.removePod('other/c')
    agree(cache, pods)
    expect(cache.hasPodObject(pods[3])).toBe(false)
    cache.removePod('default/b')
    agree(cache, pods)
  })
})
