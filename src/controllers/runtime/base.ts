// The shape every workload controller shares (as kube-controller-manager's controllers do): informer handlers
// enqueue keys, one worker syncs a key at a time, a failed sync is requeued with backoff.

import type {Controller, ControllerContext} from './types.js'
import {WorkQueue} from './workqueue.js'
import {InformerHub, informerFor} from './informer.js'
import {isApiError} from '../../engine/api-error.js'

/** After this many consecutive failures a key's retries stop counting as pending work for settling. */
const FOREGROUND_RETRIES = 5

export abstract class QueueController implements Controller {
  abstract readonly name: string
  protected ctx!: ControllerContext
  protected queue!: WorkQueue
  protected hub!: InformerHub
  private failures = new Map<string, number>()

  start(ctx: ControllerContext): void {
    this.ctx = ctx
    this.hub = ctx.informers ?? informerFor(ctx.store)
    this.queue = new WorkQueue(ctx.clock, this.name, (key) => this.run(key))
    this.register()
  }

  hasPendingWork(): boolean {
    return this.queue?.hasPendingWork() ?? false
  }

  /** Subscribe to the hub and enqueue the keys already in the store. */
  protected abstract register(): void

  /** Reconcile one key (level-triggered: read the store, write the difference). */
  protected abstract sync(key: string): void

  private run(key: string): void {
    try {
      this.sync(key)
      this.queue.forget(key)
      this.failures.delete(key)
    } catch (e) {
      if (!isApiError(e)) throw e
      const n = (this.failures.get(key) ?? 0) + 1
      this.failures.set(key, n)
      if (n <= FOREGROUND_RETRIES) this.queue.addRateLimited(key)
      else this.queue.addAfter(key, Math.min(1_000_000, 5 * 2 ** (n - 1)), true)
    }
  }
}
