// ImageLocality (Score): prefers nodes that already have the pod's images, scaled by how widely spread they are.
import type {Handle, ScorePlugin} from '../../framework/interfaces.js'

export const NAME = 'ImageLocality'
const MB = 1024 * 1024
const MIN_THRESHOLD = 23 * MB
const MAX_CONTAINER_THRESHOLD = 1000 * MB
const KEY = 'Score' + NAME

/** `:latest` is appended when the image has no tag. */
export function normalizedImageName(name: string): string {
  if (name.lastIndexOf(':') <= name.lastIndexOf('/')) return name + ':latest'
  return name
}

export function newImageLocality(_args: unknown, handle: Handle): ScorePlugin {
  return {
    name: NAME,
    score(state, pod, node) {
      const total = handle.cache.numNodes()
      let names = state.read<string[]>(KEY)
      if (!names) {
        names = [...(pod.pod.spec?.initContainers ?? []), ...(pod.pod.spec?.containers ?? [])].map((c: any) => normalizedImageName(String(c.image ?? '')))
        state.write(KEY, names)
      }
      let sum = 0
      if (node.images.size > 0) for (const name of names) {
        const size = node.images.get(name)
        if (size === undefined) continue
        const spread = handle.cache.imageNumNodes(name) / total
        sum += Math.trunc(size * spread)
      }
      const maxThreshold = MAX_CONTAINER_THRESHOLD * names.length
      if (sum < MIN_THRESHOLD) sum = MIN_THRESHOLD
      else if (sum > maxThreshold) sum = maxThreshold
      return Math.trunc((100 * (sum - MIN_THRESHOLD)) / (maxThreshold - MIN_THRESHOLD))
    },
  }
}
