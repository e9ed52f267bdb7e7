// The cache's per-image node sizes (ImageLocality's index) stay equal to the nodes' image lists as nodes pull
// images, are added and are removed.
import {describe, expect, it} from 'vitest'
import type {KubeObject} from '../../src/api/types.js'
import {SchedulerCache} from '../../src/scheduler/framework/cache.js'
import {node} from './harness.js'

function withImages(name: string, images: Array<[string, number]>): KubeObject {
  const n = node(name)
  n.status.images = images.map(([img, size]) => ({names: [img], sizeBytes: size}))
  return n
}

function expectCurrent(cache: SchedulerCache, image: string): void {
  const sizes = cache.imageSizes(image)
  expect(sizes.length).toBe(cache.numNodes())
  cache.list().forEach((n, i) => expect(sizes[i], `${image} on ${n.name}`).toBe(n.images.get(image) ?? 0))
}

describe('image sizes by node', () => {
  it('follow image pulls, node additions and removals', () => {
    const cache = new SchedulerCache()
    cache.addNode(withImages('a', [['nginx:1.27', 70]]))
    cache.addNode(withImages('b', []))
    cache.addNode(withImages('c', [['redis:7', 40]]))
    expectCurrent(cache, 'nginx:1.27')
    expectCurrent(cache, 'redis:7')
    cache.updateNode(withImages('b', [['nginx:1.27', 70]]))
    expectCurrent(cache, 'nginx:1.27')
    cache.updateNode(withImages('a', [['redis:7', 40]]))
    expectCurrent(cache, 'nginx:1.27')
    expectCurrent(cache, 'redis:7')
    cache.addNode(withImages('d', [['nginx:1.27', 70]]))
    expectCurrent(cache, 'nginx:1.27')
    cache.removeNode('a')
    expectCurrent(cache, 'nginx:1.27')
    expectCurrent(cache, 'redis:7')
    expect(cache.imageNumNodes('nginx:1.27')).toBe(2)
  })
})
