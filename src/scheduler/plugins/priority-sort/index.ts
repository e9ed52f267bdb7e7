// PrioritySort (QueueSort): higher priority first, then earlier queue timestamp (FIFO on ties).
import type {QueueSortPlugin, QueuedPodInfo} from '../../framework/interfaces.js'

export const NAME = 'PrioritySort'

export function newPrioritySort(): QueueSortPlugin {
  return {
    name: NAME,
    less(a: QueuedPodInfo, b: QueuedPodInfo) {
      const p1 = a.podInfo.priority
      const p2 = b.podInfo.priority
      if (p1 !== p2) return p1 > p2
      if (a.timestamp !== b.timestamp) return a.timestamp < b.timestamp
      return a.seq < b.seq
    },
  }
}
