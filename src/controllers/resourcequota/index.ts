// The resource quota controller (pkg/controller/resourcequota): recalculates status.used of every quota in a
// namespace when objects there change, so deletions and finished pods give usage back. Admission charges new
// objects at once (src/admission/plugins/resource-quota.ts); this keeps the totals exact afterwards.
import {calculateUsage} from '../../admission/plugins/quota-usage.js'
import type {WatchEvent} from '../../api/store/store.js'
import {WorkQueue} from '../runtime/workqueue.js'
import type {Controller, ControllerContext} from '../runtime/types.js'

const IGNORED_KINDS = new Set(['Event', 'Lease', 'EndpointSlice', 'Endpoints'])

export function createResourceQuotaController(): Controller {
  let ctx: ControllerContext
  let queue: WorkQueue | undefined
  const quotaNamespaces = new Set<string>()

  const reconcile = (ns: string): void => {
    const quotas = ctx.store.list('/ResourceQuota', ns)
    if (quotas.length === 0) return void quotaNamespaces.delete(ns)
    quotaNamespaces.add(ns)
    for (const q of quotas) {
      const status = {hard: {...(q.spec?.hard ?? {})}, used: calculateUsage(ctx.store, q)}
      if (JSON.stringify(q.status ?? {}) === JSON.stringify(status)) continue
      ctx.store.update({...structuredClone(q), status})
    }
  }

  const onEvent = (ev: WatchEvent): void => {
    const o = ev.object
    const ns = o.metadata.namespace
    if (!ns || IGNORED_KINDS.has(o.kind)) return
    if (o.kind === 'ResourceQuota' || quotaNamespaces.has(ns)) queue!.add(ns)
  }

  return {
    name: 'resourcequota-controller',
    start(c: ControllerContext): void {
      ctx = c
      queue = new WorkQueue(c.clock, 'resourcequota-controller', reconcile)
      for (const q of c.store.list('/ResourceQuota')) {
        quotaNamespaces.add(q.metadata.namespace ?? '')
        queue.add(q.metadata.namespace ?? '')
      }
      c.store.watch(onEvent)
    },
    hasPendingWork: () => queue?.hasPendingWork() ?? false,
  }
}
