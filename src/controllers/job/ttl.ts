// The TTL-after-finished controller (pkg/controller/ttlafterfinished): a finished Job with
// ttlSecondsAfterFinished is deleted (foreground cascade) that long after it finished.

import {keyOf} from '../../api/store/keys.js'
import {isApiError} from '../../engine/api-error.js'
import {QueueController} from '../runtime/base.js'
import {ms} from '../runtime/util.js'
import {isJobFinished} from './job.js'

export class TTLAfterFinishedController extends QueueController {
  readonly name = 'ttl-after-finished-controller'

  protected register(): void {
    this.hub.on('batch/Job', (ev) => {
      if (ev.type !== 'DELETED' && ev.object.spec?.ttlSecondsAfterFinished !== undefined && isJobFinished(ev.object)) this.queue.add(ev.key)
    })
    for (const j of this.ctx.store.list('batch/Job')) if (j.spec?.ttlSecondsAfterFinished !== undefined && isJobFinished(j)) this.queue.add(keyOf(j))
  }

  protected sync(key: string): void {
    const job = this.ctx.store.get(key)
    if (!job || job.metadata.deletionTimestamp || !isJobFinished(job)) return
    const ttl = job.spec?.ttlSecondsAfterFinished
    if (ttl === undefined || ttl === null) return
    const finished = (job.status?.conditions ?? []).find((c: any) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True')
    const at = ms(job.status?.completionTime ?? finished?.lastTransitionTime) + ttl * 1000
    const remaining = at - this.ctx.clock.now()
    // cleanup of finished jobs does not keep the cluster from settling
    if (remaining > 0) return this.queue.addAfter(key, remaining, true)
    try {
      this.ctx.api.delete(key, {propagationPolicy: 'Foreground'})
    } catch (e) {
      if (!isApiError(e) || e.reason !== 'NotFound') throw e
    }
  }
}
