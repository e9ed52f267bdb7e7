// The namespace controller (pkg/controller/namespace/deletion): a Terminating namespace has all its content
// deleted; once nothing is left, the namespace itself goes.

import {keyOf, objectKey} from '../../api/store/keys.js'
import {isApiError} from '../../engine/api-error.js'
import {QueueController} from '../runtime/base.js'

export class NamespaceController extends QueueController {
  readonly name = 'namespace-controller'
  private terminating = new Set<string>()

  protected register(): void {
    this.hub.on('/Namespace', (ev) => {
      const name = ev.object.metadata.name ?? ''
      if (ev.type !== 'DELETED' && ev.object.metadata.deletionTimestamp) {
        this.terminating.add(name)
        this.queue.add(ev.key)
      } else this.terminating.delete(name)
    })
    this.hub.onAny((ev) => {
      const ns = ev.object.metadata.namespace
      if (ev.type === 'DELETED' && ns && this.terminating.has(ns)) this.queue.add(objectKey('', 'Namespace', undefined, ns))
    })
    for (const ns of this.ctx.store.list('/Namespace')) {
      if (ns.metadata.deletionTimestamp) {
        this.terminating.add(ns.metadata.name ?? '')
        this.queue.add(keyOf(ns))
      }
    }
  }

  protected sync(key: string): void {
    const ns = this.ctx.store.get(key)
    if (!ns?.metadata.deletionTimestamp) return
    const name = ns.metadata.name ?? ''
    let remaining = 0
    for (const r of this.ctx.registry.all()) {
      if (!r.namespaced) continue
      for (const o of this.ctx.store.list(`${r.group}/${r.kind}`, name)) {
        remaining++
        if (o.metadata.deletionTimestamp) continue
        try {
          this.ctx.api.delete(keyOf(o), {propagationPolicy: 'Background'})
        } catch (e) {
          if (!isApiError(e) || e.reason !== 'NotFound') throw e
        }
      }
    }
    if (remaining > 0) {
      // re-count: deletions without grace are gone already
      for (const r of this.ctx.registry.all()) {
        if (r.namespaced && this.ctx.store.list(`${r.group}/${r.kind}`, name).length > 0) return
      }
    }
    this.ctx.store.delete(key)
  }
}
