// Binding cycles that wait after PreBind. VolumeBinding's BindPodVolumes makes its API calls and then polls every
// second, up to bindTimeoutSeconds (600), until the PV controller has bound the pod's claims
// (wait.PollUntilContextTimeout, first check one second in). Meanwhile the pod stays assumed on its node, holding
// its resources in the scheduler cache, and the scheduler goes on with other pods.
//
// Polling is event-driven here: a change to a claim, a volume or the pod re-checks the waiting bindings, and one whose
// condition is met (or failed) finishes at the next whole poll second after its wait began, as the real poll would
// see it. The timeout is a background timer: a wait that nothing can end does not keep `apply` running, and
// `k8sim advance` past it fails the binding as kube-scheduler does.
import type {Timer, VirtualClock} from '../clock/clock.js'
import type {BindingWait} from './framework/interfaces.js'
import {Status} from './framework/status.js'

const POLL_INTERVAL_MS = 1000

/** `true`: the wait is over and binding goes on; a Status: the binding cycle fails with it */
export type WaitOutcome = true | Status

interface Waiting {
  started: number
  wait: BindingWait
  finish: (outcome: WaitOutcome) => void
  poll: Timer | undefined
  timeout: Timer
}

export class BindingWaits {
  private waiting = new Map<string, Waiting>()

  constructor(private readonly clock: VirtualClock) {}

  /** Whether a pod ("ns/name") is assumed on a node, waiting in its binding cycle. */
  has(podKey: string): boolean {
    return this.waiting.has(podKey)
  }

  get size(): number {
    return this.waiting.size
  }

  start(podKey: string, wait: BindingWait, finish: (outcome: WaitOutcome) => void): void {
    const started = this.clock.now()
    const timeout = this.clock.after(
      wait.timeoutMs,
      `scheduler: binding ${podKey} times out`,
      () => this.end(podKey, Status.error(`${wait.errorPrefix}context deadline exceeded`)),
      true,
    )
    this.waiting.set(podKey, {started, wait, finish, poll: undefined, timeout})
    // the first poll sees what PreBind's own API calls already achieved
    this.recheck()
  }

  /** Something a wait depends on changed: schedule a poll for every wait whose outcome is now known. */
  recheck(): void {
    if (this.waiting.size === 0) return
    const now = this.clock.now()
    for (const [key, w] of this.waiting) {
      if (w.poll || w.wait.check() === false) continue
      const polls = Math.max(1, Math.ceil((now - w.started) / POLL_INTERVAL_MS))
      const at = w.started + polls * POLL_INTERVAL_MS
      if (at >= w.started + w.wait.timeoutMs) continue // the deadline comes first
      w.poll = this.clock.after(at - now, `scheduler: poll binding of ${key}`, () => {
        w.poll = undefined
        const outcome = w.wait.check()
        if (outcome !== false) this.end(key, outcome)
      })
    }
  }

  /** Forget a wait without finishing it (the pod was bound or deleted by someone else). */
  cancel(podKey: string): void {
    const w = this.waiting.get(podKey)
    if (!w) return
    this.waiting.delete(podKey)
    this.clock.cancel(w.poll)
    this.clock.cancel(w.timeout)
  }

  private end(podKey: string, outcome: WaitOutcome): void {
    const w = this.waiting.get(podKey)
    if (!w) return
    this.cancel(podKey)
    w.finish(outcome)
  }
}
