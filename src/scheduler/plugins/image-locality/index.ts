// ImageLocality (Score): prefers nodes that already have the pod's images, scaled by how widely spread they are.
import type {Handle, ScorePlugin} from '../../framework/interfaces.js'
import type {NodeInfo} from '../../framework/node-info.js'

export const NAME = 'ImageLocality'
const MB = 1024 * 1024
const MIN_THRESHOLD = 23 * MB
const MAX_CONTAINER_THRESHOLD = 1000 * MB

/** `:latest` is appended when the image has no tag. */
export function normalizedImageName(name: string): string {
  if (name.lastIndexOf(':') <= name.lastIndexOf('/')) return name + ':latest'
  return name
}

export function newImageLocality(_args: unknown, handle: Handle): ScorePlugin {
  // The pod's images, how widely each is spread and each one's sizes by node are the same for every node of a
  // cycle: worked out once per cycle (the cache does not change while a cycle scores).
  let cycle: object | undefined
  let names: string[] = []
  let spreads: number[] = []
  let sizes: Float64Array[] = []
  let nodes: NodeInfo[] = []

  /** Σ scaledImageScore over the pod's images the node has */
  function sumImageScores(node: NodeInfo): number {
    let sum = 0
    const i = node.clusterIndex
    if (i >= 0 && i < nodes.length && nodes[i] === node) {
      // a node of the cache: its sizes, 0 for an image it does not have
      for (let k = 0; k < sizes.length; k++) sum += Math.trunc(sizes[k][i] * spreads[k])
    } else if (node.images.size > 0) {
      for (let k = 0; k < names.length; k++) {
        const size = node.images.get(names[k])
        if (size !== undefined) sum += Math.trunc(size * spreads[k])
      }
    }
    return sum
  }

  return {
    name: NAME,
    score(state, pod, node) {
      if (state !== cycle) {
        cycle = state
        names = [...(pod.pod.spec?.initContainers ?? []), ...(pod.pod.spec?.containers ?? [])].map((c: any) => normalizedImageName(String(c.image ?? '')))
        const total = handle.cache.numNodes()
        spreads = names.map((name) => handle.cache.imageNumNodes(name) / total)
        sizes = names.map((name) => handle.cache.imageSizes(name))
        nodes = handle.cache.list()
      }
      let sum = sumImageScores(node)
      const maxThreshold = MAX_CONTAINER_THRESHOLD * names.length
      if (sum < MIN_THRESHOLD) sum = MIN_THRESHOLD
      else if (sum > maxThreshold) sum = maxThreshold
      return Math.trunc((100 * (sum - MIN_THRESHOLD)) / (maxThreshold - MIN_THRESHOLD))
    },
  }
}
