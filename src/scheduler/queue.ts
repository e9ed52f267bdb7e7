// The scheduling queue (pkg/scheduler/backend/queue): activeQ ordered by the QueueSort plugin, backoffQ with
// exponential backoff on the virtual clock, unschedulable pods moved back by cluster events that can help them,
// and pods held by PreEnqueue (scheduling gates).
import type {Timer, VirtualClock} from '../clock/clock.js'
import type {QueuedPodInfo} from './framework/interfaces.js'

/** podMaxInUnschedulablePodsDuration: unschedulable pods are retried after this even without events */
const MAX_IN_UNSCHEDULABLE_MS = 5 * 60_000
const FLUSH_INTERVAL_MS = 30_000

class Heap {
  private h: QueuedPodInfo[] = []
  /** pod key → queued pod; its position in h is its heapIndex (kept there: swaps then cost no map updates) */
  private byKey = new Map<string, QueuedPodInfo>()
  constructor(private less: (a: QueuedPodInfo, b: QueuedPodInfo) => boolean) {}

  get size(): number {
    return this.h.length
  }

  has(key: string): boolean {
    return this.byKey.has(key)
  }

  get(key: string): QueuedPodInfo | undefined {
    return this.byKey.get(key)
  }

  push(x: QueuedPodInfo): void {
    const key = x.podInfo.key
    const existing = this.byKey.get(key)
    this.byKey.set(key, x)
    if (existing !== undefined) {
      this.place(x, existing.heapIndex!)
      this.up(x.heapIndex!)
      this.down(x.heapIndex!)
      return
    }
    this.place(x, this.h.length)
    this.up(x.heapIndex!)
  }

  pop(): QueuedPodInfo | undefined {
    if (this.h.length === 0) return undefined
    const top = this.h[0]
    this.removeAt(0)
    return top
  }

  delete(key: string): QueuedPodInfo | undefined {
    const x = this.byKey.get(key)
    if (x === undefined) return undefined
    this.removeAt(x.heapIndex!)
    return x
  }

  private place(x: QueuedPodInfo, i: number): void {
    this.h[i] = x
    x.heapIndex = i
  }

  private removeAt(i: number): void {
    const h = this.h
    this.byKey.delete(h[i].podInfo.key)
    const last = h.pop()!
    if (i < h.length) {
      this.place(last, i)
      this.up(i)
      this.down(last.heapIndex!)
    }
  }

  private swap(i: number, j: number): void {
    const a = this.h[i]
    this.place(this.h[j], i)
    this.place(a, j)
  }

  private up(i: number): void {
    while (i > 0) {
      const p = (i - 1) >> 1
      if (!this.less(this.h[i], this.h[p])) break
      this.swap(i, p)
      i = p
    }
  }

  private down(i: number): void {
    const n = this.h.length
    for (;;) {
      const l = 2 * i + 1
      const r = l + 1
      let m = i
      if (l < n && this.less(this.h[l], this.h[m])) m = l
      if (r < n && this.less(this.h[r], this.h[m])) m = r
      if (m === i) return
      this.swap(i, m)
      i = m
    }
  }
}

export class SchedulingQueue {
  private active: Heap
  private backoff = new Map<string, {qpi: QueuedPodInfo; timer: Timer}>()
  private unschedulable = new Map<string, QueuedPodInfo>()
  private gated = new Map<string, QueuedPodInfo>()
  private flushTimer: Timer | undefined
  /** a move request during an in-flight cycle sends a failing pod to backoff instead of unschedulable */
  private moveRequestCycle = -1
  schedulingCycle = 0

  constructor(
    less: (a: QueuedPodInfo, b: QueuedPodInfo) => boolean,
    private clock: VirtualClock,
    private initialBackoffMs: number,
    private maxBackoffMs: number,
    /** called when a pod becomes active (the scheduler arms its timer) */
    private onActive: () => void,
  ) {
    this.active = new Heap(less)
  }

  get activeCount(): number {
    return this.active.size
  }

  get backoffCount(): number {
    return this.backoff.size
  }

  get unschedulableCount(): number {
    return this.unschedulable.size
  }

  has(key: string): boolean {
    return this.active.has(key) || this.backoff.has(key) || this.unschedulable.has(key) || this.gated.has(key)
  }

  get(key: string): QueuedPodInfo | undefined {
    return this.active.get(key) ?? this.backoff.get(key)?.qpi ?? this.unschedulable.get(key) ?? this.gated.get(key)
  }

  addActive(qpi: QueuedPodInfo): void {
    this.remove(qpi.podInfo.key)
    this.active.push(qpi)
    this.onActive()
  }

  addGated(qpi: QueuedPodInfo): void {
    this.remove(qpi.podInfo.key)
    this.gated.set(qpi.podInfo.key, qpi)
  }

  pop(): QueuedPodInfo | undefined {
    const qpi = this.active.pop()
    if (qpi) this.schedulingCycle++
    return qpi
  }

  remove(key: string): void {
    this.active.delete(key)
    const b = this.backoff.get(key)
    if (b) {
      this.clock.cancel(b.timer)
      this.backoff.delete(key)
    }
    const u = this.unschedulable.get(key)
    if (u) {
      this.countPlugins(u, -1)
      this.unschedulable.delete(key)
    }
    this.gated.delete(key)
  }

  backoffDuration(qpi: QueuedPodInfo): number {
    let d = this.initialBackoffMs
    for (let i = 1; i < qpi.attempts; i++) {
      d *= 2
      if (d >= this.maxBackoffMs) return this.maxBackoffMs
    }
    return Math.min(d, this.maxBackoffMs)
  }

  private backoffExpiry(qpi: QueuedPodInfo): number {
    return qpi.timestamp + this.backoffDuration(qpi)
  }

  /** AddUnschedulableIfNotPresent after a failed attempt in cycle `cycle`. */
  addUnschedulable(qpi: QueuedPodInfo, cycle: number, retryable: boolean): void {
    qpi.timestamp = this.clock.now()
    if (retryable || this.moveRequestCycle >= cycle) this.toBackoffOrActive(qpi)
    else {
      this.remove(qpi.podInfo.key)
      this.unschedulable.set(qpi.podInfo.key, qpi)
      this.countPlugins(qpi, 1)
      this.armFlush()
    }
  }

  private toBackoffOrActive(qpi: QueuedPodInfo): void {
    const key = qpi.podInfo.key
    this.remove(key)
    const wait = this.backoffExpiry(qpi) - this.clock.now()
    if (wait <= 0) {
      this.active.push(qpi)
      this.onActive()
      return
    }
    const timer = this.clock.after(wait, 'scheduler: backoff ' + key, () => {
      const b = this.backoff.get(key)
      if (!b || b.timer !== timer) return
      this.backoff.delete(key)
      this.active.push(b.qpi)
      this.onActive()
    })
    this.backoff.set(key, {qpi, timer})
  }

  /**
   * MoveAllToActiveOrBackoffQueue for the unschedulable pods rejected by a plugin the event can help
   * ('*' = every pod). Pods rejected without a known plugin are always moved.
   */
  moveOnEvent(helped: Set<string> | '*'): void {
    this.moveRequestCycle = this.schedulingCycle
    if (this.unschedulable.size === 0) return
    if (helped !== '*') {
      let any = (this.pluginCounts.get('') ?? 0) > 0
      for (const p of helped) if ((this.pluginCounts.get(p) ?? 0) > 0) any = true
      if (!any) return
    }
    const moving: QueuedPodInfo[] = []
    for (const qpi of this.unschedulable.values()) {
      if (helped === '*' || qpi.unschedulablePlugins.size === 0) moving.push(qpi)
      else for (const p of qpi.unschedulablePlugins) if (helped.has(p)) {
        moving.push(qpi)
        break
      }
    }
    for (const qpi of moving) this.toBackoffOrActive(qpi)
  }

  /** unschedulable pods per rejecting plugin ('' = unknown), to skip events that help nobody */
  private pluginCounts = new Map<string, number>()

  private countPlugins(qpi: QueuedPodInfo, delta: number): void {
    const names = qpi.unschedulablePlugins.size === 0 ? [''] : qpi.unschedulablePlugins
    for (const p of names) this.pluginCounts.set(p, (this.pluginCounts.get(p) ?? 0) + delta)
  }

  /** A gated pod whose gates are gone becomes active. */
  ungate(key: string, qpi: QueuedPodInfo): void {
    this.gated.delete(key)
    this.addActive(qpi)
  }

  /** An updated pod waiting in unschedulable/backoff gets its new PodInfo (and may be retried). */
  updatePodInfo(key: string, update: (qpi: QueuedPodInfo) => void, retry: boolean): void {
    const qpi = this.get(key)
    if (!qpi) return
    const parked = this.unschedulable.has(key)
    if (parked) this.countPlugins(qpi, -1)
    update(qpi)
    if (parked) this.countPlugins(qpi, 1)
    if (retry && parked) this.toBackoffOrActive(qpi)
  }

  private armFlush(): void {
    if (this.flushTimer && !this.flushTimer.cancelled) return
    this.flushTimer = this.clock.after(
      FLUSH_INTERVAL_MS,
      'scheduler: flush unschedulable pods',
      () => {
        this.flushTimer = undefined
        const now = this.clock.now()
        const old = [...this.unschedulable.values()].filter((q) => now - q.timestamp >= MAX_IN_UNSCHEDULABLE_MS)
        for (const q of old) this.toBackoffOrActive(q)
        if (this.unschedulable.size > 0) this.armFlush()
      },
      true,
    )
  }
}
