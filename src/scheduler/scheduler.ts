// The scheduler: watches the store, queues pending pods of its profiles, and runs scheduling cycles from clock
// timers (pkg/scheduler/schedule_one.go): PreFilter → Filter (sampled, rotating start) → PostFilter → PreScore →
// Score → Normalize → weights → selectHost, then Reserve → PreBind → Bind, with events and pod conditions.
import type {WatchEvent} from '../api/store/store.js'
import type {KubeObject} from '../api/types.js'
import type {Timer} from '../clock/clock.js'
import type {Controller, ControllerContext} from '../controllers/runtime/types.js'
import {DEFAULT_SCHEDULER_NAME, parseSchedulerConfig, type SchedulerConfig} from './config.js'
import {SchedulerCache} from './framework/cache.js'
import {CycleState} from './framework/cycle-state.js'
import {fitErrorMessage, truncateMessage} from './framework/fit-error.js'
import {Framework} from './framework/framework.js'
import type {BindingWait, Handle, NodeScore, QueuedPodInfo} from './framework/interfaces.js'
import type {NodeInfo} from './framework/node-info.js'
import {PodInfo} from './framework/pod-info.js'
import {isRejected, isSkip, isSuccess, Status} from './framework/status.js'
import {NAMESPACE_HELPS, nodeSchedulingFieldsChanged, POD_ADDED_HELPS, POD_DELETED_HELPS, STORAGE_HELPS} from './hints.js'
import {SchedulingQueue} from './queue.js'
import {AttemptRecord, type DecisionRecord, DecisionRecorder} from './recorder.js'
import {BindingWaits} from './binding-wait.js'
import {sameLabels} from './framework/labels.js'

export interface SchedulerOptions {
  /** a KubeSchedulerConfiguration (object or YAML text); default profile when absent */
  config?: unknown
  /** keep the full per-node breakdown at any cluster size */
  explain?: boolean
  /** above this many nodes only a summary of each attempt is kept unless explain (default 1000) */
  fullDetailMaxNodes?: number
}

export const ERR_NO_NODES_AVAILABLE = 'no nodes available to schedule pods'
const MIN_FEASIBLE_NODES_TO_FIND = 100
const MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND = 5

interface CycleResult {
  node?: string
  /** a FitError: every node rejected */
  fit?: {statuses: Map<string, Status>; absent: Status | null; preFilterMsg: string; numAllNodes: number; prefilterStatus: Status | null}
  /** any other failure (message) */
  error?: Status
}

function podKeyOf(pod: KubeObject): string {
  return `${pod.metadata.namespace ?? 'default'}/${pod.metadata.name}`
}

function storeKeyOf(pod: KubeObject): string {
  return `/Pod/${pod.metadata.namespace ?? 'default'}/${pod.metadata.name}`
}

function isTerminal(pod: KubeObject): boolean {
  const p = pod.status?.phase
  return p === 'Succeeded' || p === 'Failed'
}

export class Scheduler implements Controller {
  readonly name = 'scheduler'
  readonly config: SchedulerConfig
  private ctx!: ControllerContext
  readonly cache = new SchedulerCache()
  private frameworks = new Map<string, Framework>()
  private queue!: SchedulingQueue
  private recorder = new DecisionRecorder()
  /** pods assumed on a node whose binding cycle waits after PreBind */
  private bindingWaits!: BindingWaits
  private timer: Timer | undefined
  private nextStartNodeIndex = 0
  private seq = 0
  /** nominator: node → pod key → PodInfo, from status.nominatedNodeName of pending pods */
  private nominated = new Map<string, Map<string, PodInfo>>()
  private nominatedNodeOf = new Map<string, string>()
  /** the pod being bound: its PodInfo is reused when the bound pod arrives through the watch */
  private binding: PodInfo | undefined
  /** the pod in its scheduling cycle (not in any queue) */
  private inFlight: string | undefined
  private readonly explain: boolean
  private readonly fullDetailMaxNodes: number

  constructor(opts: SchedulerOptions = {}) {
    this.config = parseSchedulerConfig(opts.config)
    this.explain = !!opts.explain
    this.fullDetailMaxNodes = opts.fullDetailMaxNodes ?? 1000
  }

  start(ctx: ControllerContext): void {
    this.ctx = ctx
    this.bindingWaits = new BindingWaits(ctx.clock)
    for (const profile of this.config.profiles) {
      const handle = this.makeHandle(profile.schedulerName)
      const fw = new Framework(profile, handle)
      ;(handle as {fw?: Framework}).fw = fw
      this.frameworks.set(profile.schedulerName, fw)
    }
    const first = this.frameworks.values().next().value!
    this.queue = new SchedulingQueue(
      (a, b) => first.queueSort.less(a, b),
      ctx.clock,
      this.config.podInitialBackoffSeconds * 1000,
      this.config.podMaxBackoffSeconds * 1000,
      () => this.arm(),
    )
    for (const n of ctx.store.list('/Node')) this.cache.addNode(n)
    for (const p of ctx.store.list('/Pod')) this.onPodAdded(p)
    ctx.store.watch((ev) => this.onEvent(ev))
  }

  hasPendingWork(): boolean {
    return !!this.queue && (this.queue.activeCount > 0 || this.queue.backoffCount > 0)
  }

  /** Attempts recorded since the last call, in §6 shape. */
  takeDecisions(): DecisionRecord[] {
    return this.recorder.take()
  }

  /** Every attempt of a pod ("ns/name"), oldest first. */
  decisionsFor(podKey: string): DecisionRecord[] {
    return this.recorder.decisionsFor(podKey.includes('/') ? podKey : `default/${podKey}`)
  }

  // ---------------------------------------------------------------- handle

  private makeHandle(schedulerName: string): Handle & {fw?: Framework} {
    const self = this
    const h: Handle & {fw?: Framework} = {
      schedulerName,
      get cache() {
        return self.cache
      },
      get store() {
        return self.ctx.store
      },
      get clock() {
        return self.ctx.clock
      },
      get rng() {
        return self.ctx.rng
      },
      get events() {
        return self.ctx.events
      },
      podInfo: (pod) => self.podInfo(pod),
      namespaceLabels: (ns) => self.ctx.store.get(`/Namespace//${ns}`)?.metadata.labels ?? {},
      runFilterPluginsWithNominatedPods: (state, pod, node) => self.runFilterWithNominated(h.fw!, state, pod, node),
      runPreFilterExtensionAddPod: (state, pod, added, node) => h.fw!.runPreFilterExtensionAddPod(state, pod, added, node),
      runPreFilterExtensionRemovePod: (state, pod, removed, node) => h.fw!.runPreFilterExtensionRemovePod(state, pod, removed, node),
      nominatedPodsForNode: (node) => [...(self.nominated.get(node)?.values() ?? [])],
      updatePodStatus: (pod) => self.updatePodStatus(pod),
      writeBinding: (pod) => {
        self.ctx.store.update(pod)
      },
      deletePod: (pod) => {
        // graceful deletion through the API server when there is one (the kubelet finishes the pod)
        const api = (self.ctx as {api?: {delete(key: string): unknown}}).api
        try {
          if (api) api.delete(storeKeyOf(pod))
          else self.ctx.store.delete(storeKeyOf(pod))
        } catch {
          // already gone
        }
      },
    }
    return h
  }

  private updatePodStatus(pod: KubeObject): void {
    const api = (this.ctx as {api?: {updateStatus(o: KubeObject): unknown}}).api
    try {
      if (api) api.updateStatus(pod)
      else this.ctx.store.update(pod)
    } catch {
      // the pod changed or went away meanwhile: the next attempt sees the new state
    }
  }

  /** Pod priority: spec.priority, else its PriorityClass (or the global default), as the Priority admission sets it. */
  private priorityOf(pod: KubeObject): number {
    const p = pod.spec?.priority
    if (typeof p === 'number') return p
    const cls = pod.spec?.priorityClassName
    if (cls) {
      const pc = this.ctx.store.get(`scheduling.k8s.io/PriorityClass//${cls}`)
      if (pc) return Number(pc.value ?? 0)
      if (cls === 'system-node-critical') return 2000001000
      if (cls === 'system-cluster-critical') return 2000000000
      return 0
    }
    for (const pc of this.ctx.store.list('scheduling.k8s.io/PriorityClass')) if (pc.globalDefault) return Number(pc.value ?? 0)
    return 0
  }

  private podInfo(pod: KubeObject): PodInfo {
    return new PodInfo(pod, this.priorityOf(pod))
  }

  // ---------------------------------------------------------------- watch

  private onEvent(ev: WatchEvent): void {
    const o = ev.object
    switch (o.kind) {
      case 'Pod':
        if (ev.type === 'ADDED') this.onPodAdded(o)
        else if (ev.type === 'MODIFIED') this.onPodUpdated(ev.old!, o)
        else this.onPodDeleted(o)
        return
      case 'Node':
        if (ev.type === 'ADDED') {
          this.cache.addNode(o)
          this.queue.moveOnEvent('*')
        } else if (ev.type === 'MODIFIED') {
          this.cache.updateNode(o)
          if (!ev.old || nodeSchedulingFieldsChanged(ev.old, o)) this.queue.moveOnEvent('*')
        } else {
          this.cache.removeNode(o.metadata.name ?? '')
        }
        return
      case 'PersistentVolumeClaim':
      case 'PersistentVolume':
      case 'StorageClass':
      case 'CSINode':
        if (ev.type !== 'DELETED') this.queue.moveOnEvent(STORAGE_HELPS)
        this.bindingWaits.recheck()
        return
      case 'Namespace':
        if (ev.type !== 'DELETED') this.queue.moveOnEvent(NAMESPACE_HELPS)
        return
      default:
        return
    }
  }

  private responsible(pod: KubeObject): Framework | undefined {
    return this.frameworks.get(pod.spec?.schedulerName ?? DEFAULT_SCHEDULER_NAME)
  }

  private onPodAdded(pod: KubeObject): void {
    if (pod.spec?.nodeName) {
      if (!isTerminal(pod)) {
        this.cache.addPod(pod.spec.nodeName, this.podInfo(pod))
        this.queue?.moveOnEvent(POD_ADDED_HELPS)
      }
      return
    }
    const fw = this.responsible(pod)
    if (!fw || isTerminal(pod) || pod.metadata.deletionTimestamp) return
    const pi = this.podInfo(pod)
    this.updateNominator(pi)
    const qpi: QueuedPodInfo = {podInfo: pi, timestamp: this.ctx.clock.now(), seq: ++this.seq, attempts: 0, unschedulablePlugins: new Set(), gated: false}
    if (fw.runPreEnqueue(pod)) {
      qpi.gated = true
      this.queue.addGated(qpi)
    } else {
      this.queue.addActive(qpi)
    }
  }

  private onPodUpdated(old: KubeObject, pod: KubeObject): void {
    const key = podKeyOf(pod)
    if (pod.spec?.nodeName) {
      if (!old.spec?.nodeName) {
        // bound (by us or anyone): leave the queue and the nominator
        this.queue.remove(key)
        this.removeNomination(key)
        if (this.binding?.key !== key) this.bindingWaits.cancel(key)
      }
      const wasCounted = !!old.spec?.nodeName && !isTerminal(old)
      if (isTerminal(pod)) {
        if (wasCounted || this.cache.hasPodObject(pod)) {
          this.cache.removePod(key)
          this.queue.moveOnEvent(POD_DELETED_HELPS)
        }
        return
      }
      const changed =
        !wasCounted ||
        old.spec?.nodeName !== pod.spec.nodeName ||
        old.metadata.deletionTimestamp !== pod.metadata.deletionTimestamp ||
        !sameLabels(old.metadata.labels, pod.metadata.labels)
      // by the pod object: most updates here are kubelet status writes, and this is their only lookup
      if (changed || !this.cache.hasPodObject(pod)) {
        const binding = this.binding
        const pi = binding && binding.key === key && !wasCounted ? binding.withPod(pod) : this.podInfo(pod)
        this.cache.addPod(pod.spec.nodeName, pi)
        this.queue.moveOnEvent(POD_ADDED_HELPS)
      }
      return
    }
    const fw = this.responsible(pod)
    if (!fw || isTerminal(pod) || pod.metadata.deletionTimestamp) {
      this.queue.remove(key)
      this.removeNomination(key)
      return
    }
    const pi = this.podInfo(pod)
    this.updateNominator(pi)
    // in its scheduling cycle, or assumed and waiting in its binding cycle: not in any queue
    if (key === this.inFlight || this.bindingWaits.has(key)) return
    const qpi = this.queue.get(key)
    if (!qpi) {
      this.onPodAdded(pod)
      return
    }
    const specChanged =
      JSON.stringify(old.spec) !== JSON.stringify(pod.spec) ||
      !sameLabels(old.metadata.labels, pod.metadata.labels)
    if (qpi.gated) {
      qpi.podInfo = pi
      if (!fw.runPreEnqueue(pod)) {
        qpi.gated = false
        this.queue.ungate(key, qpi)
      }
      return
    }
    this.queue.updatePodInfo(key, (q) => (q.podInfo = pi), specChanged)
  }

  private onPodDeleted(pod: KubeObject): void {
    const key = podKeyOf(pod)
    if (this.bindingWaits.has(key)) this.bindingWaits.recheck() // its poll finds it gone
    if (this.cache.hasPod(key)) {
      this.cache.removePod(key)
      this.queue.moveOnEvent(POD_DELETED_HELPS)
    }
    this.queue.remove(key)
    this.removeNomination(key)
  }

  private updateNominator(pi: PodInfo): void {
    const node = pi.pod.status?.nominatedNodeName
    this.removeNomination(pi.key)
    if (!node) return
    let m = this.nominated.get(node)
    if (!m) this.nominated.set(node, (m = new Map()))
    m.set(pi.key, pi)
    this.nominatedNodeOf.set(pi.key, node)
  }

  private removeNomination(key: string): void {
    const node = this.nominatedNodeOf.get(key)
    if (!node) return
    this.nominatedNodeOf.delete(key)
    const m = this.nominated.get(node)
    m?.delete(key)
    if (m && m.size === 0) this.nominated.delete(node)
  }

  // ---------------------------------------------------------------- cycles

  private arm(): void {
    if (this.timer) return
    this.timer = this.ctx.clock.after(0, 'scheduler: schedule pending pods', () => {
      this.timer = undefined
      for (let qpi = this.queue.pop(); qpi; qpi = this.queue.pop()) this.scheduleOne(qpi)
    })
  }

  private scheduleOne(qpi: QueuedPodInfo): void {
    this.inFlight = qpi.podInfo.key
    try {
      this.runCycle(qpi)
    } finally {
      this.inFlight = undefined
    }
  }

  private runCycle(qpi: QueuedPodInfo): void {
    const pod = this.ctx.store.get(storeKeyOf(qpi.podInfo.pod))
    if (!pod || pod.spec?.nodeName || pod.metadata.deletionTimestamp || isTerminal(pod)) return
    const fw = this.responsible(pod)
    if (!fw) return
    const cycle = this.queue.schedulingCycle
    const pi = qpi.podInfo.pod === pod ? qpi.podInfo : this.podInfo(pod)
    qpi.podInfo = pi
    qpi.attempts++
    qpi.initialAttemptTimestamp ??= this.ctx.clock.now()
    const full = this.explain || this.cache.numNodes() <= this.fullDetailMaxNodes
    const rec = new AttemptRecord(full, fw.filterNames, fw.score.map((p) => p.name), fw.weights)
    rec.podKey = pi.key
    rec.attempt = this.recorder.attemptsFor(pi.key) + 1
    rec.time = this.ctx.clock.now()
    rec.totalNodes = this.cache.numNodes()
    rec.reserve(rec.totalNodes)
    const state = new CycleState()
    const res = this.schedulePod(fw, state, pi, rec)
    if (res.node) {
      const node = res.node
      const st = this.bindPod(fw, state, pi, node, 0)
      if (st instanceof PendingBind) return this.waitForBinding(fw, state, qpi, pod, rec, node, cycle, st)
      if (isSuccess(st)) return this.scheduled(fw, pod, pi, rec, node)
      res.error = st!
    }
    this.failed(fw, state, qpi, pod, rec, res, cycle)
  }

  /** The pod is bound: its decision and the Scheduled event. */
  private scheduled(fw: Framework, pod: KubeObject, pi: PodInfo, rec: AttemptRecord, node: string): void {
    rec.result = 'Scheduled'
    rec.node = node
    this.recorder.add(rec)
    this.ctx.events.event(pod, 'Normal', 'Scheduled', `Successfully assigned ${pi.key} to ${node}`, {component: fw.schedulerName})
  }

  /**
   * A PreBind plugin waits (VolumeBinding for the PV controller): the pod stays assumed on the node, and the binding
   * cycle goes on, or fails, when the wait ends (handleBindingCycleError forgets the pod and requeues it).
   */
  private waitForBinding(fw: Framework, state: CycleState, qpi: QueuedPodInfo, pod: KubeObject, rec: AttemptRecord, node: string, cycle: number, pending: PendingBind): void {
    const pi = qpi.podInfo
    this.cache.addPod(node, pi)
    this.bindingWaits.start(pi.key, pending.wait, (outcome) => {
      let st: Status | null | PendingBind
      if (outcome === true) {
        st = this.bindPod(fw, state, pi, node, pending.next)
        if (st instanceof PendingBind) return this.waitForBinding(fw, state, qpi, pod, rec, node, cycle, st)
      } else {
        st = preBindFailure(pending.plugin, outcome)
      }
      const current = this.ctx.store.get(storeKeyOf(pod)) ?? pod
      if (isSuccess(st)) return this.scheduled(fw, current, pi, rec, node)
      for (const r of [...fw.reserve].reverse()) r.unreserve?.(state, pi, node)
      if (!current.spec?.nodeName && this.cache.hasPod(pi.key)) {
        this.cache.removePod(pi.key)
        this.queue.moveOnEvent(POD_DELETED_HELPS)
      }
      this.failed(fw, state, qpi, current, rec, {error: st!}, cycle)
    })
  }

  /** The attempt failed: FailedScheduling, the pod's condition, preemption's nomination, and back to the queue. */
  private failed(fw: Framework, state: CycleState, qpi: QueuedPodInfo, pod: KubeObject, rec: AttemptRecord, res: CycleResult, cycle: number): void {
    const pi = qpi.podInfo
    let message: string
    let rejected: boolean
    let nominate: string | undefined
    const plugins = new Set<string>()
    if (res.fit) {
      rejected = true
      for (const s of res.fit.statuses.values()) if (s.plugin) plugins.add(s.plugin)
      if (res.fit.prefilterStatus?.plugin) plugins.add(res.fit.prefilterStatus.plugin)
      if (res.fit.absent?.plugin) plugins.add(res.fit.absent.plugin)
      let postFilterMsg = ''
      for (const pf of fw.postFilter) {
        const out = pf.postFilter(state, pi, res.fit.statuses, res.fit.absent)
        if (out.result?.nominatedNodeName !== undefined) nominate = out.result.nominatedNodeName
        if (out.result?.victims) rec.victims = out.result.victims
        if (isSuccess(out.status)) {
          postFilterMsg = ''
          break
        }
        postFilterMsg = out.status!.message()
      }
      message = fitErrorMessage(res.fit.numAllNodes, res.fit.statuses, res.fit.absent, res.fit.preFilterMsg, postFilterMsg)
      if (nominate) rec.nominatedNode = nominate
    } else {
      const err = res.error ?? Status.error('unknown scheduling error')
      rejected = isRejected(err)
      message = err.message()
    }
    rec.result = 'Unschedulable'
    rec.message = message
    this.recorder.add(rec)
    qpi.unschedulablePlugins = plugins
    this.handleFailure(fw, pod, message, rejected, nominate)
    // a pod deleted meanwhile is not requeued (handleSchedulingFailure finds it gone)
    if (this.ctx.store.get(storeKeyOf(pod))) this.queue.addUnschedulable(qpi, cycle, !rejected)
  }

  /** FailedScheduling event, PodScheduled=False condition and the nominated node (handleSchedulingFailure). */
  private handleFailure(fw: Framework, pod: KubeObject, message: string, rejected: boolean, nominate: string | undefined): void {
    const current = this.ctx.store.get(storeKeyOf(pod))
    this.ctx.events.event(current ?? pod, 'Warning', 'FailedScheduling', truncateMessage(message), {component: fw.schedulerName})
    if (!current || current.spec?.nodeName) return
    const reason = rejected ? 'Unschedulable' : 'SchedulerError'
    const conds: any[] = current.status?.conditions ?? []
    const prev = conds.find((c) => c.type === 'PodScheduled')
    const nomChanged = nominate !== undefined && (current.status?.nominatedNodeName ?? '') !== nominate
    if (prev && prev.status === 'False' && prev.reason === reason && prev.message === message && !nomChanged) return
    const updated = structuredClone(current)
    const status = (updated.status ??= {})
    if (!status.phase) status.phase = 'Pending'
    const conditions: any[] = (status.conditions ??= [])
    const cond = {
      type: 'PodScheduled',
      status: 'False',
      lastProbeTime: null,
      lastTransitionTime: prev && prev.status === 'False' ? prev.lastTransitionTime : this.ctx.clock.nowRFC3339(),
      reason,
      message,
    }
    const i = conditions.findIndex((c) => c.type === 'PodScheduled')
    if (i >= 0) conditions[i] = cond
    else conditions.push(cond)
    if (nominate !== undefined) {
      if (nominate) status.nominatedNodeName = nominate
      else delete status.nominatedNodeName
    }
    this.updatePodStatus(updated)
  }

  /** Reserve (when starting at the first PreBind plugin), PreBind from plugin `from`, then Bind. */
  private bindPod(fw: Framework, state: CycleState, pi: PodInfo, node: string, from: number): Status | null | PendingBind {
    this.binding = pi
    try {
      if (from === 0) {
        const s = this.runReserve(fw, state, pi, node)
        if (s) return s
      }
      return this.runPreBindAndBind(fw, state, pi, node, from)
    } finally {
      this.binding = undefined
    }
  }

  private runReserve(fw: Framework, state: CycleState, pi: PodInfo, node: string): Status | null {
    const reserved: number[] = []
    for (let i = 0; i < fw.reserve.length; i++) {
      const s = fw.reserve[i].reserve(state, pi, node)
      if (!isSuccess(s)) {
        for (const j of reserved.reverse()) fw.reserve[j].unreserve?.(state, pi, node)
        return s!.withPlugin(fw.reserve[i].name)
      }
      reserved.push(i)
    }
    return null
  }

  /** PreBind plugins from `from`, then the Bind plugins; a PreBind plugin that must wait suspends the cycle there. */
  private runPreBindAndBind(fw: Framework, state: CycleState, pi: PodInfo, node: string, from: number): Status | null | PendingBind {
    for (let i = from; i < fw.preBind.length; i++) {
      const p = fw.preBind[i]
      const s = p.preBind(state, pi, node)
      if (!isSuccess(s)) return preBindFailure(p.name, s!)
      const wait = p.waitFor?.(state, pi, node)
      if (wait) return new PendingBind(wait, p.name, i + 1)
    }
    for (const p of fw.bind) {
      const s = p.bind(state, pi, node)
      if (isSkip(s)) continue
      return isSuccess(s) ? null : s!.withPlugin(p.name)
    }
    return Status.error('no bind plugin bound the pod')
  }

  private scoreBuf: NodeScore[] = []

  /** a reused NodeScore list of length n (normalizers change it in place; it is read right after) */
  private scoreBuffer(n: number): NodeScore[] {
    const b = this.scoreBuf
    while (b.length < n) b.push({name: '', score: 0})
    b.length = n
    return b
  }

  private totalsBuf = new Float64Array(0)

  /** a reused, zeroed list of n weighted totals (longer than n: read up to the number of feasible nodes only) */
  private totalsBuffer(n: number): Float64Array {
    if (this.totalsBuf.length < n) this.totalsBuf = new Float64Array(Math.max(n, 2 * this.totalsBuf.length))
    this.totalsBuf.fill(0, 0, n)
    return this.totalsBuf
  }

  /** A plugin's final score of the i-th feasible node, weighted into its total; false when out of range. */
  private addScore(totals: Float64Array, i: number, score: number, weight: number, rec: AttemptRecord, row: number, pluginIndex: number): boolean {
    if (score > 100 || score < 0) return false
    totals[i] += score * weight
    if (row >= 0) rec.setScore(row, pluginIndex, score)
    return true
  }

  private numFeasibleNodesToFind(fw: Framework, numAllNodes: number): number {
    if (numAllNodes < MIN_FEASIBLE_NODES_TO_FIND) return numAllNodes
    let pct = fw.profile.percentageOfNodesToScore ?? this.config.percentageOfNodesToScore
    if (pct === 0) {
      pct = 50 - Math.trunc(numAllNodes / 125)
      if (pct < MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND) pct = MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND
    }
    const n = Math.trunc((numAllNodes * pct) / 100)
    return n < MIN_FEASIBLE_NODES_TO_FIND ? MIN_FEASIBLE_NODES_TO_FIND : n
  }

  /** RunFilterPluginsWithNominatedPods: filters run with higher-or-equal priority nominated pods added, then without. */
  private runFilterWithNominated(fw: Framework, state: CycleState, pi: PodInfo, node: NodeInfo): Status | null {
    const nominated = this.nominated.get(node.name)
    let st = state
    let ni = node
    let added = false
    if (nominated && nominated.size > 0) {
      for (const np of nominated.values()) {
        if (np.key === pi.key || np.priority < pi.priority) continue
        if (!added) {
          ni = node.clone()
          st = state.clone()
          added = true
        }
        ni.addPod(np)
        fw.runPreFilterExtensionAddPod(st, pi, np, ni)
      }
    }
    let status = fw.runFilter(st, pi, ni)
    if (!isSuccess(status) && !isRejected(status)) return status
    if (added && isSuccess(status)) status = fw.runFilter(state, pi, node)
    return status
  }

  /** Every filter plugin's verdict on the node (for the record); returns the first failure like runFilter. */
  private recordFilters(fw: Framework, state: CycleState, pi: PodInfo, node: NodeInfo, rec: AttemptRecord, row: number, preStatuses?: Map<string, Status | null>): Status | null {
    let first: Status | null = null
    const plugins = fw.filter
    const skip = (state.skipFilterMask ??= plugins.map((p) => state.skipFilterPlugins.has(p.name)))
    rec.skipMask = skip
    for (let j = 0; j < plugins.length; j++) {
      const p = plugins[j]
      if (preStatuses) {
        const pre = preStatuses.get(p.name)
        if (pre && !isSuccess(pre) && !isSkip(pre)) {
          rec.setFilter(row, j, pre)
          continue
        }
      }
      if (skip[j]) continue // recorded as Skip through rec.skipMask
      if (row < 0 && first !== null) break
      const s = p.filter(state, pi, node)
      rec.setFilter(row, j, s)
      if (first === null && s !== null && s.code !== 'Success') first = s.withPlugin(p.name)
    }
    if (first && !isRejected(first)) return first
    if (this.nominated.size > 0 && this.nominated.has(node.name)) return this.runFilterWithNominated(fw, state, pi, node)
    return first
  }

  private schedulePod(fw: Framework, state: CycleState, pi: PodInfo, rec: AttemptRecord): CycleResult {
    const all = this.cache.list()
    if (all.length === 0) return {error: Status.unresolvable(ERR_NO_NODES_AVAILABLE)}
    const full = rec.full

    // PreFilter
    const pre = fw.runPreFilter(state, pi, full)
    if (pre.status) {
      if (!isRejected(pre.status)) return {error: pre.status}
      if (full) {
        for (const n of all) this.recordFilters(fw, state, pi, n, rec, rec.addNode(n.name, n.clusterIndex), pre.perPlugin)
      }
      return {fit: {statuses: new Map(), absent: pre.status, preFilterMsg: pre.status.message(), numAllNodes: all.length, prefilterStatus: pre.status}}
    }

    // the nominated node first
    const nom = pi.pod.status?.nominatedNodeName
    if (nom) {
      const ni = this.cache.get(nom)
      if (ni) {
        // evaluateNominatedNode filters a one-node list: like kube-scheduler, the start index then wraps to 0
        this.nextStartNodeIndex = 0
        const row = rec.addNode(ni.name, ni.clusterIndex)
        const s = full ? this.recordFilters(fw, state, pi, ni, rec, row) : this.runFilterWithNominated(fw, state, pi, ni)
        if (isSuccess(s)) {
          rec.markFeasible(row)
          rec.feasibleCount = 1
          return {node: ni.name}
        }
        if (!isRejected(s)) return {error: s!}
        // not feasible: start over on every node
        rec.resetNodes()
      }
    }

    // Filter, sampled from the rotating start index
    let nodes = all
    let absent: Status | null = null
    if (pre.nodeNames) {
      nodes = all.filter((n) => pre.nodeNames!.has(n.name))
      absent = Status.unresolvable(`node(s) didn't satisfy plugin(s) [${[...pre.pluginsWithNodes].sort().join(' ')}]`)
      absent.plugin = pre.pluginsWithNodes[0] ?? ''
      if (full) {
        for (const n of all) if (!pre.nodeNames.has(n.name)) this.recordFilters(fw, state.clone(), pi, n, rec, rec.addNode(n.name, n.clusterIndex))
      }
    }
    const statuses = new Map<string, Status>()
    const feasible: NodeInfo[] = []
    /** the feasible nodes' rows in the record (full detail only) */
    const feasibleRows: number[] = []
    if (nodes.length > 0) {
      let toFind = this.numFeasibleNodesToFind(fw, nodes.length)
      if (fw.score.length === 0) toFind = 1
      const start = this.nextStartNodeIndex % nodes.length
      let processed = 0
      for (let i = 0; i < nodes.length && feasible.length < toFind; i++) {
        const n = nodes[(start + i) % nodes.length]
        processed++
        const row = rec.addNode(n.name, n.clusterIndex)
        const s = full ? this.recordFilters(fw, state, pi, n, rec, row) : this.nominated.size > 0 ? this.runFilterWithNominated(fw, state, pi, n) : fw.runFilter(state, pi, n)
        if (isSuccess(s)) {
          rec.markFeasible(row)
          feasible.push(n)
          if (full) feasibleRows.push(row)
        } else if (!isRejected(s)) {
          return {error: s!}
        } else {
          statuses.set(n.name, s!)
        }
      }
      this.nextStartNodeIndex = (this.nextStartNodeIndex + processed) % nodes.length
    }
    rec.feasibleCount = feasible.length
    if (!full) rec.summary = {reasons: reasonCounts(statuses, absent, all.length), runnerUps: []}
    if (feasible.length === 0) {
      return {fit: {statuses, absent, preFilterMsg: '', numAllNodes: all.length, prefilterStatus: null}}
    }
    if (feasible.length === 1) return {node: feasible[0].name}

    // PreScore, Score, NormalizeScore, weights
    for (const p of fw.preScore) {
      const s = p.preScore(state, pi, feasible)
      if (isSkip(s)) state.skipScorePlugins.add(p.name)
      else if (!isSuccess(s)) return {error: s!.withPlugin(p.name)}
    }
    rec.initScores()
    const totals = this.totalsBuffer(feasible.length)
    const scores = this.scoreBuffer(feasible.length)
    // named once for every plugin: normalizers change the scores only
    for (let i = 0; i < feasible.length; i++) scores[i].name = feasible[i].name
    for (let j = 0; j < fw.score.length; j++) {
      const p = fw.score[j]
      if (state.skipScorePlugins.has(p.name)) continue
      // looked up once per plugin: a call site shared by every plugin would look `score` up for every node
      const score = p.score
      const normalize = p.normalizeScore
      const w = fw.weights[j]
      for (let i = 0; i < feasible.length; i++) {
        const sc = score.call(p, state, pi, feasible[i])
        // without a normalizer the score is final: no need to go through the NodeScore list
        if (normalize) scores[i].score = sc
        else if (!this.addScore(totals, i, sc, w, rec, full ? feasibleRows[i] : -1, j)) return {error: invalidScore(p.name, sc)}
      }
      if (!normalize) continue
      normalize.call(p, state, pi, scores)
      for (let i = 0; i < scores.length; i++) {
        const sc = scores[i].score
        if (!this.addScore(totals, i, sc, w, rec, full ? feasibleRows[i] : -1, j)) return {error: invalidScore(p.name, sc)}
      }
    }
    if (full) for (let i = 0; i < feasible.length; i++) rec.setTotal(feasibleRows[i], totals[i])

    // selectHost: reservoir sampling among the maximum
    let best = 0
    let cnt = 1
    for (let i = 1; i < feasible.length; i++) {
      if (totals[i] > totals[best]) {
        best = i
        cnt = 1
      } else if (totals[i] === totals[best]) {
        cnt++
        if (this.ctx.rng.intn(cnt) === 0) best = i
      }
    }
    rec.score = totals[best]
    if (rec.summary) {
      rec.summary.runnerUps = topRunnerUps(feasible, totals, best, 3)
    }
    return {node: feasible[best].name}
  }
}

function invalidScore(plugin: string, score: number): Status {
  return Status.error(`plugin "${plugin}" returns an invalid score ${score}, it should in the range of [0, 100] after normalizing`)
}

/** the k best nodes other than the chosen one, by total (linear, no sort of the whole list) */
function topRunnerUps(nodes: NodeInfo[], totals: Float64Array, chosen: number, k: number): Array<{name: string; total: number}> {
  const top: number[] = []
  for (let i = 0; i < nodes.length; i++) {
    if (i === chosen) continue
    if (top.length < k) {
      top.push(i)
      top.sort((a, b) => totals[b] - totals[a])
    } else if (totals[i] > totals[top[k - 1]]) {
      top[k - 1] = i
      top.sort((a, b) => totals[b] - totals[a])
    }
  }
  return top.map((i) => ({name: nodes[i].name, total: totals[i]}))
}

function reasonCounts(statuses: Map<string, Status>, absent: Status | null, numAll: number): Record<string, number> {
  const out: Record<string, number> = {}
  for (const s of statuses.values()) for (const r of s.reasons) out[r] = (out[r] ?? 0) + 1
  if (absent && statuses.size < numAll) for (const r of absent.reasons) out[r] = (out[r] ?? 0) + numAll - statuses.size
  return out
}


/** A binding cycle suspended at a PreBind plugin's wait; `next` is the PreBind plugin to go on with. */
class PendingBind {
  constructor(
    readonly wait: BindingWait,
    readonly plugin: string,
    readonly next: number,
  ) {}
}

/** RunPreBindPlugins' failure: a rejection keeps its plugin; an error is wrapped with the plugin's name. */
function preBindFailure(plugin: string, s: Status): Status {
  if (isRejected(s)) return s.withPlugin(plugin)
  return Status.error(`running PreBind plugin "${plugin}": ${s.message()}`)
}
