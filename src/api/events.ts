// How components record core/v1 Events. The engine's recorder writes them to the store with kubectl's
// aggregation (count, firstTimestamp, lastTimestamp); see kubectl.md §7.
import type {KubeObject} from './types.js'

export type EventType = 'Normal' | 'Warning'

export interface EventSource {
  component: string // 'default-scheduler', 'kubelet', 'deployment-controller', ...
  host?: string // node name for the kubelet
}

export interface EventRecorder {
  event(regarding: KubeObject, type: EventType, reason: string, message: string, source: EventSource, fieldPath?: string): void
}
