// The engine wires the store, the virtual clock, the API server, the event recorder and every control loop
// (controllers, scheduler, kubelets), and runs the clock until the cluster settles (CLI.md §2).

import type {ObjectStore} from '../api/store/store.js'
import type {ResourceRegistry} from '../api/resources.js'
import type {VirtualClock} from '../clock/clock.js'
import type {SeededRandom} from '../clock/random.js'
import {BugError} from '../errors.js'
import type {Controller, ControllerContext} from '../controllers/runtime/types.js'
import {createControllers} from '../controllers/index.js'
import {InformerHub} from '../controllers/runtime/informer.js'
import {ApiServer} from './apiserver.js'
import {StoreEventRecorder} from './events.js'
import {apiHooks} from './pipeline.js'
import {makeKubelet, makePersistentVolumeController, makeScheduler, type SchedulerLike} from './components.js'

export interface EngineDeps {
  store: ObjectStore
  clock: VirtualClock
  rng: SeededRandom
  registry: ResourceRegistry
}

export interface EngineOptions {
  explain?: boolean
  schedulerConfig?: unknown
  /** controllers to run instead of the built-in set (tests) */
  controllers?: Controller[]
  /** leave out the scheduler / kubelets / PV controller (tests that bind pods by hand) */
  withoutScheduler?: boolean
  withoutKubelet?: boolean
}

/**
 * Decisions keep every node's per-plugin breakdown up to this cluster size (above it a summary; `--explain` keeps
 * all). CLI.md allows 1,000; at that size 10,000 full attempts are gigabytes, so k8sim stops at 100 (README).
 */
const FULL_DETAIL_MAX_NODES = 100

/** How many timers run between two progress callbacks. */
const PROGRESS_EVERY_STEPS = 2000

/** Timers run at one virtual instant before the engine calls it a livelock. */
const MAX_STEPS_PER_INSTANT = 200_000

export class Engine {
  readonly api: ApiServer
  readonly events: StoreEventRecorder
  readonly scheduler: SchedulerLike | undefined
  private readonly loops: Controller[]
  private readonly ctx: ControllerContext
  private started = false
  private decisionLog: unknown[] = []

  constructor(private readonly s: EngineDeps, opts: EngineOptions = {}) {
    this.api = new ApiServer(s, apiHooks)
    this.events = new StoreEventRecorder(s.store, s.clock, s.rng)
    this.ctx = {store: s.store, clock: s.clock, rng: s.rng, events: this.events, registry: s.registry, api: this.api}
    this.loops = [...(opts.controllers ?? createControllers())]
    this.scheduler = opts.withoutScheduler ? undefined : makeScheduler({config: opts.schedulerConfig, explain: opts.explain, fullDetailMaxNodes: FULL_DETAIL_MAX_NODES})
    if (this.scheduler) this.loops.push(this.scheduler)
    if (!opts.withoutKubelet) {
      const kubelet = makeKubelet()
      if (kubelet) this.loops.push(kubelet)
    }
    const pv = makePersistentVolumeController()
    if (pv) this.loops.push(pv)
  }

  start(): void {
    if (this.started) return
    this.started = true
    this.events.restore()
    // one informer hub per engine: an engine's controllers share one watch and its indexes
    this.ctx.informers = new InformerHub(this.s.store)
    for (const c of this.loops) c.start(this.ctx)
  }

  /** Scheduling decisions recorded since the last call. */
  decisions(): unknown[] {
    // a loop, not push(...): 100k+ decisions as arguments overflow the stack
    if (this.scheduler) for (const d of this.scheduler.takeDecisions()) this.decisionLog.push(d)
    const out = this.decisionLog
    this.decisionLog = []
    return out
  }

  /** Whether nothing is queued and no foreground timer is due at or before `horizon`. */
  isSettled(horizon: number): boolean {
    for (const c of this.loops) if (c.hasPendingWork()) return false
    return !this.s.clock.hasForegroundTimerBefore(horizon)
  }

  /** Run until settled or until `timeoutMs` of virtual time has passed (then the clock stands at the horizon). */
  runUntilSettled(opts: {timeoutMs: number; onProgress?: (virtualNowMs: number) => void}): {settled: boolean; elapsedMs: number} {
    this.start()
    const clock = this.s.clock
    const start = clock.now()
    const horizon = start + Math.max(0, opts.timeoutMs)
    const guard = this.livelockGuard()
    let steps = 0
    for (;;) {
      // the run is synchronous: a progress hook lets the CLI redraw its spinner now and then
      if (opts.onProgress && ++steps % PROGRESS_EVERY_STEPS === 0) opts.onProgress(clock.now())
      if (this.isSettled(horizon)) return {settled: true, elapsedMs: clock.now() - start}
      const next = clock.peek()
      if (!next || next.due > horizon) break
      guard(next.due, next.label)
      clock.runNext(horizon)
    }
    clock.advanceTo(horizon)
    return {settled: this.isSettled(horizon), elapsedMs: clock.now() - start}
  }

  /** Run every timer due within the next `ms`, then stand at now + ms. */
  advance(ms: number): void {
    this.start()
    const clock = this.s.clock
    const until = clock.now() + Math.max(0, ms)
    const guard = this.livelockGuard()
    for (;;) {
      const next = clock.peek()
      if (!next || next.due > until) break
      guard(next.due, next.label)
      clock.runNext(until)
    }
    clock.advanceTo(until)
  }

  private livelockGuard(): (due: number, label: string) => void {
    let instant = -1
    let steps = 0
    let labels = new Map<string, number>()
    return (due, label) => {
      if (due !== instant) {
        instant = due
        steps = 0
        labels = new Map()
        return
      }
      steps++
      if (steps > MAX_STEPS_PER_INSTANT / 2) labels.set(label, (labels.get(label) ?? 0) + 1)
      if (steps > MAX_STEPS_PER_INSTANT) {
        const [worst] = [...labels.entries()].sort((a, b) => b[1] - a[1])[0] ?? ['unknown']
        throw new BugError(`the simulation made no progress in time: ${worst} keeps running at one instant (livelock)`)
      }
    }
  }
}
