// frameworkImpl: one profile's plugins per extension point and the functions that run them.
import type {ProfileConfig} from '../config.js'
import {REGISTRY} from '../registry.js'
import type {CycleState} from './cycle-state.js'
import type {
  BindPlugin,
  FilterPlugin,
  Handle,
  Plugin,
  PostFilterPlugin,
  PreBindPlugin,
  PreEnqueuePlugin,
  PreFilterPlugin,
  PreScorePlugin,
  QueueSortPlugin,
  ReservePlugin,
  ScorePlugin,
} from './interfaces.js'
import type {NodeInfo} from './node-info.js'
import type {PodInfo} from './pod-info.js'
import {isRejected, isSkip, isSuccess, Status} from './status.js'

export interface PreFilterRun {
  /** PreFilterResult intersection (null = all nodes) */
  nodeNames: Set<string> | null
  /** first rejecting status (with plugin), or null */
  status: Status | null
  /** each PreFilter plugin's own outcome (all of them run when recordAll) */
  perPlugin: Map<string, Status | null>
  /** plugins that restricted the node set */
  pluginsWithNodes: string[]
}

export class Framework {
  readonly preEnqueue: PreEnqueuePlugin[]
  readonly queueSort: QueueSortPlugin
  readonly preFilter: PreFilterPlugin[]
  readonly filter: FilterPlugin[]
  readonly postFilter: PostFilterPlugin[]
  readonly preScore: PreScorePlugin[]
  readonly score: ScorePlugin[]
  readonly weights: number[]
  readonly reserve: ReservePlugin[]
  readonly preBind: PreBindPlugin[]
  readonly bind: BindPlugin[]
  readonly filterNames: string[]

  constructor(
    readonly profile: ProfileConfig,
    handle: Handle,
  ) {
    const instances = new Map<string, Plugin>()
    const get = <T>(name: string): T => {
      let p = instances.get(name)
      if (!p) {
        p = REGISTRY[name](profile.pluginArgs[name], handle)
        instances.set(name, p)
      }
      return p as T
    }
    const pts = profile.points
    this.preEnqueue = pts.preEnqueue.map((n) => get<PreEnqueuePlugin>(n))
    this.queueSort = get<QueueSortPlugin>(pts.queueSort[0])
    this.preFilter = pts.preFilter.map((n) => get<PreFilterPlugin>(n))
    this.filter = pts.filter.map((n) => get<FilterPlugin>(n))
    this.postFilter = pts.postFilter.map((n) => get<PostFilterPlugin>(n))
    this.preScore = pts.preScore.map((n) => get<PreScorePlugin>(n))
    this.score = pts.score.map((n) => get<ScorePlugin>(n))
    this.weights = pts.score.map((n) => profile.weights[n] ?? 1)
    this.reserve = pts.reserve.map((n) => get<ReservePlugin>(n))
    this.preBind = pts.preBind.map((n) => get<PreBindPlugin>(n))
    this.bind = pts.bind.map((n) => get<BindPlugin>(n))
    this.filterNames = this.filter.map((p) => p.name)
  }

  get schedulerName(): string {
    return this.profile.schedulerName
  }

  runPreEnqueue(pod: any): Status | null {
    for (const p of this.preEnqueue) {
      const s = p.preEnqueue(pod)
      if (!isSuccess(s)) return s!.withPlugin(p.name)
    }
    return null
  }

  /** RunPreFilterPlugins; with recordAll the plugins after a rejection still run (for explanations only). */
  runPreFilter(state: CycleState, pod: PodInfo, recordAll: boolean): PreFilterRun {
    const run: PreFilterRun = {nodeNames: null, status: null, perPlugin: new Map(), pluginsWithNodes: []}
    for (const p of this.preFilter) {
      if (run.status && !recordAll) break
      const out = p.preFilter(state, pod)
      const s = out.status
      run.perPlugin.set(p.name, s)
      if (isSkip(s)) {
        state.skipFilterPlugins.add(p.name)
        continue
      }
      if (!isSuccess(s)) {
        if (!run.status) run.status = (isRejected(s) ? s! : Status.unresolvable(...s!.reasons)).withPlugin(p.name)
        continue
      }
      if (run.status) continue
      if (out.nodeNames) {
        run.pluginsWithNodes.push(p.name)
        run.nodeNames = run.nodeNames ? new Set([...run.nodeNames].filter((n) => out.nodeNames!.has(n))) : new Set(out.nodeNames)
        if (run.nodeNames.size === 0) {
          const names = run.pluginsWithNodes
          const msg = names.length === 1 ? `node(s) didn't satisfy plugin ${names[0]}` : `node(s) didn't satisfy plugin(s) [${names.join(' ')}] simultaneously`
          run.status = Status.unresolvable(msg).withPlugin(p.name)
        }
      }
    }
    return run
  }

  /** RunFilterPlugins: the first non-success status (plugin set), or null. */
  runFilter(state: CycleState, pod: PodInfo, node: NodeInfo): Status | null {
    const active = (state.activeFilters ??= this.filter.filter((p) => !state.skipFilterPlugins.has(p.name))) as FilterPlugin[]
    for (let i = 0; i < active.length; i++) {
      const p = active[i]
      const s = p.filter(state, pod, node)
      if (!isSuccess(s)) return s!.withPlugin(p.name)
    }
    return null
  }

  runPreFilterExtensionAddPod(state: CycleState, pod: PodInfo, added: PodInfo, node: NodeInfo): void {
    for (const p of this.preFilter) {
      if (state.skipFilterPlugins.has(p.name) || !p.addPod) continue
      p.addPod(state, pod, added, node)
    }
  }

  runPreFilterExtensionRemovePod(state: CycleState, pod: PodInfo, removed: PodInfo, node: NodeInfo): void {
    for (const p of this.preFilter) {
      if (state.skipFilterPlugins.has(p.name) || !p.removePod) continue
      p.removePod(state, pod, removed, node)
    }
  }
}
