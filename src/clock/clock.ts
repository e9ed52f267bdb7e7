// The virtual clock: time moves only when the simulation runs, never backwards. Timers due at the same instant
// run first in, first out (CLI.md §2).

export interface Clock {
  /** virtual now, milliseconds since the Unix epoch */
  now(): number
}

export interface Timer {
  readonly id: number
  readonly due: number
  readonly label: string
  /** heartbeats, resyncs and periodic flushes do not keep the cluster from being settled */
  readonly background: boolean
  cancelled: boolean
  fn: () => void
}

export class VirtualClock implements Clock {
  private t: number
  private heap: Timer[] = []
  private seq = 0

  constructor(startMs: number) {
    this.t = startMs
  }

  now(): number {
    return this.t
  }

  /** RFC 3339 with whole seconds, as Kubernetes serializes metav1.Time. */
  nowRFC3339(): string {
    return toRFC3339(this.t)
  }

  /** Schedule fn to run `delayMs` from now (0 = at the current instant, after what is already due). */
  after(delayMs: number, label: string, fn: () => void, background = false): Timer {
    const timer: Timer = {id: ++this.seq, due: this.t + Math.max(0, delayMs), label, background, cancelled: false, fn}
    this.push(timer)
    return timer
  }

  cancel(timer: Timer | undefined): void {
    if (timer) timer.cancelled = true
  }

  /** The next live timer, without running it. */
  peek(): Timer | undefined {
    while (this.heap.length > 0 && this.heap[0].cancelled) this.pop()
    return this.heap[0]
  }

  /** Whether a non-background timer is due at or before `untilMs`. */
  hasForegroundTimerBefore(untilMs: number): boolean {
    return this.heap.some((t) => !t.cancelled && !t.background && t.due <= untilMs)
  }

  /** Run the next timer if it is due at or before untilMs, moving time to it. Returns false when none is. */
  runNext(untilMs: number): boolean {
    const next = this.peek()
    if (!next || next.due > untilMs) return false
    this.pop()
    if (next.due > this.t) this.t = next.due
    next.fn()
    return true
  }

  /** Move time forward without running anything (never back). */
  advanceTo(ms: number): void {
    if (ms > this.t) this.t = ms
  }

  pendingCount(): number {
    return this.heap.filter((t) => !t.cancelled).length
  }

  private less(a: Timer, b: Timer): boolean {
    return a.due < b.due || (a.due === b.due && a.id < b.id)
  }

  private push(x: Timer): void {
    const h = this.heap
    h.push(x)
    let i = h.length - 1
    while (i > 0) {
      const p = (i - 1) >> 1
      if (!this.less(h[i], h[p])) break
      ;[h[i], h[p]] = [h[p], h[i]]
      i = p
    }
  }

  private pop(): Timer | undefined {
    const h = this.heap
    if (h.length === 0) return undefined
    const top = h[0]
    const last = h.pop()!
    if (h.length > 0) {
      h[0] = last
      let i = 0
      for (;;) {
        const l = 2 * i + 1
        const r = l + 1
        let m = i
        if (l < h.length && this.less(h[l], h[m])) m = l
        if (r < h.length && this.less(h[r], h[m])) m = r
        if (m === i) break
        ;[h[i], h[m]] = [h[m], h[i]]
        i = m
      }
    }
    return top
  }
}

// the last second formatted: most calls within a simulation step ask for the same instant
let lastSecond = Number.NaN
let lastFormatted = ''

export function toRFC3339(ms: number): string {
  const sec = Math.floor(ms / 1000)
  if (sec !== lastSecond) {
    lastSecond = sec
    lastFormatted = new Date(sec * 1000).toISOString().replace('.000Z', 'Z')
  }
  return lastFormatted
}

export function parseRFC3339(s: string): number {
  const ms = Date.parse(s)
  if (Number.isNaN(ms)) throw new Error(`invalid time ${JSON.stringify(s)}`)
  return ms
}
