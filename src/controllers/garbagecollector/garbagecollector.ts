// The garbage collector (pkg/controller/garbagecollector): dependents whose owners are all gone are deleted;
// an owner deleted in the foreground (finalizer foregroundDeletion) waits for its blocking dependents; an owner
// deleted with orphan propagation (finalizer orphan) has its ownerReferences removed from dependents first.

import type {KubeObject, OwnerReference} from '../../api/types.js'
import {keyOf, objectKey} from '../../api/store/keys.js'
import {parseApiVersion} from '../../api/types.js'
import type {WatchEvent} from '../../api/store/store.js'
import {FINALIZER_FOREGROUND, FINALIZER_ORPHAN, type PropagationPolicy} from '../../engine/apiserver.js'
import {isApiError} from '../../engine/api-error.js'
import {QueueController} from '../runtime/base.js'

export class GarbageCollector extends QueueController {
  readonly name = 'garbage-collector-controller'

  protected register(): void {
    this.hub.onAny((ev) => this.onEvent(ev))
    // objects already in the store whose owners may be gone
    for (const gk of ['apps/ReplicaSet', '/Pod', 'batch/Job', 'apps/ControllerRevision', 'discovery.k8s.io/EndpointSlice']) {
      for (const o of this.ctx.store.list(gk)) if (o.metadata.ownerReferences?.length) this.queue.add(keyOf(o))
    }
  }

  private onEvent(ev: WatchEvent): void {
    const o = ev.object
    if (o.kind === 'Event') return
    if (ev.type === 'DELETED') {
      for (const d of this.hub.dependents(o.metadata.uid ?? '')) this.queue.add(keyOf(d))
      for (const r of o.metadata.ownerReferences ?? []) {
        const owner = this.ctx.store.get(this.ownerKey(o, r))
        if (owner?.metadata.deletionTimestamp) this.queue.add(keyOf(owner))
      }
      return
    }
    const fin = o.metadata.finalizers
    if (o.metadata.deletionTimestamp && fin && (fin.includes(FINALIZER_FOREGROUND) || fin.includes(FINALIZER_ORPHAN))) {
      this.queue.add(ev.key)
    }
    if (ev.type === 'ADDED' && o.metadata.ownerReferences?.length) this.queue.add(ev.key)
    // a dependent turning terminating may unblock a foreground owner
    if (ev.type === 'MODIFIED' && o.metadata.deletionTimestamp && !ev.old?.metadata.deletionTimestamp) {
      for (const r of o.metadata.ownerReferences ?? []) {
        const owner = this.ctx.store.get(this.ownerKey(o, r))
        if (owner?.metadata.deletionTimestamp) this.queue.add(keyOf(owner))
      }
    }
  }

  private ownerKey(dependent: KubeObject, r: OwnerReference): string {
    const group = parseApiVersion(r.apiVersion).group
    const info = this.ctx.registry.byGroupKind(group, r.kind)
    const ns = info && !info.namespaced ? undefined : dependent.metadata.namespace
    return objectKey(group, r.kind, ns, r.name)
  }

  protected sync(key: string): void {
    const o = this.ctx.store.get(key)
    if (!o) return
    const fin = o.metadata.finalizers ?? []
    if (o.metadata.deletionTimestamp && fin.includes(FINALIZER_ORPHAN)) return this.orphanDependents(o)
    if (o.metadata.deletionTimestamp && fin.includes(FINALIZER_FOREGROUND)) return this.deleteDependentsInForeground(o)
    if (o.metadata.ownerReferences?.length) this.attemptToDelete(o)
  }

  private orphanDependents(owner: KubeObject): void {
    for (const d of this.hub.dependents(owner.metadata.uid ?? '')) {
      const refs = (d.metadata.ownerReferences ?? []).filter((r) => r.uid !== owner.metadata.uid)
      const metadata = {...d.metadata, resourceVersion: undefined, ownerReferences: refs.length ? refs : undefined}
      if (!refs.length) delete metadata.ownerReferences
      this.ctx.api.update({...d, metadata})
    }
    this.removeFinalizer(owner, FINALIZER_ORPHAN)
  }

  private deleteDependentsInForeground(owner: KubeObject): void {
    const deps = this.hub.dependents(owner.metadata.uid ?? '')
    let blocking = 0
    for (const d of deps) {
      const ref = d.metadata.ownerReferences?.find((r) => r.uid === owner.metadata.uid)
      if (ref?.blockOwnerDeletion) blocking++
      if (d.metadata.deletionTimestamp) continue
      const policy: PropagationPolicy = this.hub.dependents(d.metadata.uid ?? '').length > 0 ? 'Foreground' : 'Background'
      this.deleteObject(d, policy)
    }
    if (blocking === 0) this.removeFinalizer(owner, FINALIZER_FOREGROUND)
  }

  /** attemptToDeleteItem: a dependent without live owners goes. */
  private attemptToDelete(o: KubeObject): void {
    if (o.metadata.deletionTimestamp) return
    const solid: OwnerReference[] = []
    const dangling: OwnerReference[] = []
    const waiting: OwnerReference[] = []
    for (const r of o.metadata.ownerReferences ?? []) {
      const owner = this.ctx.store.get(this.ownerKey(o, r))
      if (!owner || owner.metadata.uid !== r.uid) dangling.push(r)
      else if (owner.metadata.deletionTimestamp && owner.metadata.finalizers?.includes(FINALIZER_FOREGROUND)) waiting.push(r)
      else solid.push(r)
    }
    if (solid.length > 0) {
      if (dangling.length === 0 && waiting.length === 0) return
      const gone = new Set([...dangling, ...waiting].map((r) => r.uid))
      const refs = (o.metadata.ownerReferences ?? []).filter((r) => !gone.has(r.uid))
      this.ctx.api.update({...o, metadata: {...o.metadata, resourceVersion: undefined, ownerReferences: refs}})
      return
    }
    let policy: PropagationPolicy = 'Background'
    if (waiting.length > 0 && this.hub.dependents(o.metadata.uid ?? '').length > 0) policy = 'Foreground'
    else if (o.metadata.finalizers?.includes(FINALIZER_ORPHAN)) policy = 'Orphan'
    else if (o.metadata.finalizers?.includes(FINALIZER_FOREGROUND)) policy = 'Foreground'
    this.deleteObject(o, policy)
  }

  private deleteObject(o: KubeObject, policy: PropagationPolicy): void {
    try {
      this.ctx.api.delete(keyOf(o), {propagationPolicy: policy})
    } catch (e) {
      if (!isApiError(e) || e.reason !== 'NotFound') throw e
    }
  }

  private removeFinalizer(o: KubeObject, f: string): void {
    const cur = this.ctx.store.get(keyOf(o))
    if (!cur) return
    const finalizers = (cur.metadata.finalizers ?? []).filter((x) => x !== f)
    const metadata = {...cur.metadata, resourceVersion: undefined, finalizers}
    if (finalizers.length === 0) delete (metadata as any).finalizers
    this.ctx.api.update({...cur, metadata})
  }
}
