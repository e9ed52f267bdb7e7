// One small interface per extension point (pkg/scheduler/framework/interface.go).
import type {EventRecorder} from '../../api/events.js'
import type {ObjectStore} from '../../api/store/store.js'
import type {KubeObject} from '../../api/types.js'
import type {VirtualClock} from '../../clock/clock.js'
import type {SeededRandom} from '../../clock/random.js'
import type {SchedulerCache} from './cache.js'
import type {CycleState} from './cycle-state.js'
import type {NodeInfo} from './node-info.js'
import type {PodInfo} from './pod-info.js'
import type {Status} from './status.js'

export const MAX_NODE_SCORE = 100

export interface Plugin {
  readonly name: string
}

export interface QueuedPodInfo {
  podInfo: PodInfo
  /** when it was (re)added to the queue, virtual ms */
  timestamp: number
  /** FIFO tie-break for equal timestamps */
  seq: number
  attempts: number
  initialAttemptTimestamp?: number
  /** plugins that rejected it in the last attempt (for queueing hints) */
  unschedulablePlugins: Set<string>
  gated: boolean
  /** position in the active queue's heap (the queue's bookkeeping) */
  heapIndex?: number
}

export interface PreEnqueuePlugin extends Plugin {
  preEnqueue(pod: KubeObject): Status | null
}

export interface QueueSortPlugin extends Plugin {
  less(a: QueuedPodInfo, b: QueuedPodInfo): boolean
}

/** PreFilterResult: the only nodes worth filtering (null = all). */
export interface PreFilterOutcome {
  nodeNames?: Set<string> | null
  status: Status | null
}

export interface PreFilterPlugin extends Plugin {
  preFilter(state: CycleState, pod: PodInfo): PreFilterOutcome
  /** PreFilterExtensions, used when preemption or nominated pods change a node */
  addPod?(state: CycleState, pod: PodInfo, added: PodInfo, node: NodeInfo): void
  removePod?(state: CycleState, pod: PodInfo, removed: PodInfo, node: NodeInfo): void
}

export interface FilterPlugin extends Plugin {
  filter(state: CycleState, pod: PodInfo, node: NodeInfo): Status | null
}

export type NodeToStatus = Map<string, Status>

export interface PostFilterResult {
  nominatedNodeName?: string
  victims?: string[]
}

export interface PostFilterPlugin extends Plugin {
  postFilter(state: CycleState, pod: PodInfo, statuses: NodeToStatus, absent: Status | null): {result: PostFilterResult | null; status: Status | null}
}

export interface PreScorePlugin extends Plugin {
  preScore(state: CycleState, pod: PodInfo, nodes: NodeInfo[]): Status | null
}

export interface NodeScore {
  name: string
  score: number
}

export interface ScorePlugin extends Plugin {
  score(state: CycleState, pod: PodInfo, node: NodeInfo): number
  /** ScoreExtensions.NormalizeScore; scores is changed in place */
  normalizeScore?(state: CycleState, pod: PodInfo, scores: NodeScore[]): void
}

export interface ReservePlugin extends Plugin {
  reserve(state: CycleState, pod: PodInfo, nodeName: string): Status | null
  unreserve?(state: CycleState, pod: PodInfo, nodeName: string): void
}

export interface PreBindPlugin extends Plugin {
  preBind(state: CycleState, pod: PodInfo, nodeName: string): Status | null
  /** after a successful preBind: what the binding cycle must wait for before Bind (BindPodVolumes' poll), if anything */
  waitFor?(state: CycleState, pod: PodInfo, nodeName: string): BindingWait | null
}

/** A condition a binding cycle polls for after PreBind, once a second, until it holds, fails or times out. */
export interface BindingWait {
  /** false: keep waiting; true: done; a Status: the binding fails with it */
  check(): boolean | Status
  timeoutMs: number
  /** what the plugin's errors start with ("binding volumes: ") */
  errorPrefix: string
}

export interface BindPlugin extends Plugin {
  bind(state: CycleState, pod: PodInfo, nodeName: string): Status | null
}

/** What plugins may use (framework.Handle). */
export interface Handle {
  readonly schedulerName: string
  readonly cache: SchedulerCache
  readonly store: ObjectStore
  readonly clock: VirtualClock
  readonly rng: SeededRandom
  readonly events: EventRecorder
  /** a PodInfo for any pod object (priority resolved) */
  podInfo(pod: KubeObject): PodInfo
  /** labels of a namespace ({} when it does not exist) */
  namespaceLabels(ns: string): Record<string, string>
  /** RunFilterPluginsWithNominatedPods on the given (possibly cloned) NodeInfo */
  runFilterPluginsWithNominatedPods(state: CycleState, pod: PodInfo, node: NodeInfo): Status | null
  runPreFilterExtensionAddPod(state: CycleState, pod: PodInfo, added: PodInfo, node: NodeInfo): void
  runPreFilterExtensionRemovePod(state: CycleState, pod: PodInfo, removed: PodInfo, node: NodeInfo): void
  /** pods nominated to a node (status.nominatedNodeName), not yet bound */
  nominatedPodsForNode(nodeName: string): PodInfo[]
  /** the pods/status subresource: a status change (conditions, nominatedNodeName) */
  updatePodStatus(pod: KubeObject): void
  /** the pods/binding subresource: spec.nodeName and PodScheduled=True, written as the API server does */
  writeBinding(pod: KubeObject): void
  /** delete a pod through the API (preemption victims) */
  deletePod(pod: KubeObject): void
}

export type PluginFactory = (args: any, handle: Handle) => Plugin
