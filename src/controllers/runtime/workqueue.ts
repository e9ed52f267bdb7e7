// client-go's work queue on the virtual clock: keys are deduplicated, processed one at a time (each from its own
// clock timer, so controllers interleave first in, first out), and failed keys are requeued with per-key
// exponential backoff (ItemExponentialFailureRateLimiter: 5 ms doubling, capped at 1000 s).

import type {Timer, VirtualClock} from '../../clock/clock.js'

export type Reconcile = (key: string) => void

const BASE_DELAY_MS = 5
const MAX_DELAY_MS = 1_000_000

export class WorkQueue {
  private queue: string[] = []
  private head = 0
  private queued = new Set<string>()
  private processing: string | undefined
  private dirtyWhileProcessing = false
  private drainTimer: Timer | undefined
  private delayed = new Map<string, Timer>()
  private failures = new Map<string, number>()

  constructor(
    private readonly clock: VirtualClock,
    readonly name: string,
    private readonly reconcile: Reconcile,
  ) {}

  add(key: string): void {
    if (this.processing === key) {
      // client-go marks it dirty and processes it again after the current run
      this.dirtyWhileProcessing = true
      return
    }
    if (this.queued.has(key)) return
    this.queued.add(key)
    this.queue.push(key)
    this.schedule()
  }

  /**
   * Add the key after `ms` of virtual time. A background delay (periodic resync, a far deadline) does not keep the
   * cluster from being settled. A later call for the same key keeps the earlier one.
   */
  addAfter(key: string, ms: number, background = false): void {
    if (ms <= 0) return this.add(key)
    const existing = this.delayed.get(key)
    if (existing && !existing.cancelled && existing.due <= this.clock.now() + ms) {
      if (background || !existing.background) return
    }
    this.clock.cancel(existing)
    const t = this.clock.after(ms, `${this.name}:requeue`, () => {
      this.delayed.delete(key)
      this.add(key)
    }, background)
    this.delayed.set(key, t)
  }

  /** Requeue after a failure, backing off per key. */
  addRateLimited(key: string): void {
    const n = this.failures.get(key) ?? 0
    this.failures.set(key, n + 1)
    this.addAfter(key, Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** n))
  }

  /** Forget a key's failure history (after a successful sync). */
  forget(key: string): void {
    this.failures.delete(key)
  }

  hasPendingWork(): boolean {
    return this.queued.size > 0 || this.processing !== undefined
  }

  private schedule(): void {
    if (this.drainTimer) return
    this.drainTimer = this.clock.after(0, this.name, () => this.drain())
  }

  /**
   * Process the keys queued when this timer fires, one at a time; keys added meanwhile wait for the next round
   * (a new timer, after whatever else is due now). Like a worker that keeps up with its queue, this lets a
   * burst of changes (1,000 pods turning Ready) reach an owner's controller as one sync, not 1,000.
   */
  private drain(): void {
    this.drainTimer = undefined
    const end = this.queue.length
    try {
      while (this.head < end) this.processOne()
    } finally {
      if (this.head > 1024 && this.head * 2 > this.queue.length) {
        this.queue = this.queue.slice(this.head)
        this.head = 0
      }
      if (this.head < this.queue.length) this.schedule()
    }
  }

  private processOne(): void {
    const key = this.queue[this.head++]
    this.queued.delete(key)
    this.processing = key
    this.dirtyWhileProcessing = false
    try {
      this.reconcile(key)
    } finally {
      this.processing = undefined
      if (this.dirtyWhileProcessing) this.add(key)
    }
  }
}
