// imagePresentOnNode keeps the normalized names per node image list: it must see images added later.
import {describe, expect, it} from 'vitest'
import {addImageToNode, imagePresentOnNode} from '../../src/kubelet/images.js'
import type {KubeObject} from '../../src/api/types.js'

const node = (images: any[]): KubeObject => ({apiVersion: 'v1', kind: 'Node', metadata: {name: 'n1'}, status: {images}})

describe('imagePresentOnNode', () => {
  it('matches by normalized name', () => {
    const n = node([{names: ['docker.io/library/nginx:1.27'], sizeBytes: 1}])
    expect(imagePresentOnNode(n, 'nginx:1.27')).toBe(true)
    expect(imagePresentOnNode(n, 'docker.io/library/nginx:1.27')).toBe(true)
    expect(imagePresentOnNode(n, 'nginx:1.28')).toBe(false)
    expect(imagePresentOnNode(node([]), 'nginx:1.27')).toBe(false)
  })

  it('sees an image addImageToNode appended to the same list', () => {
    const n = node([{names: ['docker.io/library/nginx:1.27'], sizeBytes: 1}])
    expect(imagePresentOnNode(n, 'busybox:1.36')).toBe(false)
    expect(addImageToNode(n, 'busybox:1.36')).toBe(true)
    expect(imagePresentOnNode(n, 'busybox:1.36')).toBe(true)
    expect(addImageToNode(n, 'busybox:1.36')).toBe(false)
  })

  it('reads a new list when the node status is replaced', () => {
    const n = node([{names: ['docker.io/library/nginx:1.27'], sizeBytes: 1}])
    expect(imagePresentOnNode(n, 'redis:7')).toBe(false)
    n.status!.images = [...n.status!.images, {names: ['docker.io/library/redis:7'], sizeBytes: 1}]
    expect(imagePresentOnNode(n, 'redis:7')).toBe(true)
  })
})
