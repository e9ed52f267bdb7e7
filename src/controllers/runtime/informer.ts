// Informer glue: one store watch per store, dispatched by group/Kind, plus the indexes controllers need to stay
// O(changed objects): dependents by owner uid and pods by namespace. Shared by every controller of an engine.

import type {KubeObject} from '../../api/types.js'
import type {ObjectStore, WatchEvent} from '../../api/store/store.js'
import {groupKindOf, keyOf} from '../../api/store/keys.js'

export type KindHandler = (ev: WatchEvent) => void

export class InformerHub {
  private handlers = new Map<string, KindHandler[]>()
  private anyHandlers: KindHandler[] = []
  /** owner uid → keys of objects whose ownerReferences name it */
  private dependentsByOwner = new Map<string, Set<string>>()
  /** `group/Kind/namespace` → keys */
  private byNamespace = new Map<string, Set<string>>()

  constructor(readonly store: ObjectStore) {
    // index what is already there (loaded state)
    this.indexExisting()
    store.watch((ev) => this.dispatch(ev))
  }

  /** Call fn for every watch event on objects of `group/Kind`. */
  on(groupKind: string, fn: KindHandler): void {
    let hs = this.handlers.get(groupKind)
    if (!hs) this.handlers.set(groupKind, (hs = []))
    hs.push(fn)
  }

  /** Call fn for every watch event of any kind (the garbage collector, namespace controller). */
  onAny(fn: KindHandler): void {
    this.anyHandlers.push(fn)
  }

  /** Objects (any kind) whose ownerReferences include this uid. */
  dependents(ownerUid: string): KubeObject[] {
    const keys = this.dependentsByOwner.get(ownerUid)
    if (!keys) return []
    const out: KubeObject[] = []
    for (const k of keys) {
      const o = this.store.get(k)
      if (o) out.push(o)
    }
    return out
  }

  /** Objects of `group/Kind` in one namespace, in creation (key insertion) order. */
  inNamespace(groupKind: string, namespace: string): KubeObject[] {
    const keys = this.byNamespace.get(`${groupKind}/${namespace}`)
    if (!keys) return []
    const out: KubeObject[] = []
    for (const k of keys) {
      const o = this.store.get(k)
      if (o) out.push(o)
    }
    return out
  }

  private indexExisting(): void {
    // the store has no "all kinds" listing; index the kinds controllers look up by namespace or owner
    for (const gk of INDEXED_KINDS) for (const o of this.store.list(gk)) this.index(o, undefined)
  }

  private dispatch(ev: WatchEvent): void {
    const gk = groupKindOf(ev.object)
    if (ev.type === 'DELETED') this.unindex(ev.object)
    else this.index(ev.object, ev.old)
    const hs = this.handlers.get(gk)
    if (hs) for (const h of hs) h(ev)
    for (const h of this.anyHandlers) h(ev)
  }

  private index(o: KubeObject, old: KubeObject | undefined): void {
    const key = keyOf(o)
    if (old) {
      const before = old.metadata.ownerReferences ?? []
      const after = o.metadata.ownerReferences ?? []
      // unchanged owners: the adds below are idempotent (and index objects loaded before the hub existed)
      if (before.length !== after.length || before.some((r, i) => r.uid !== after[i].uid)) this.unindex(old)
    }
    for (const r of o.metadata.ownerReferences ?? []) {
      let s = this.dependentsByOwner.get(r.uid)
      if (!s) this.dependentsByOwner.set(r.uid, (s = new Set()))
      s.add(key)
    }
    if (o.metadata.namespace) {
      const nk = `${groupKindOf(o)}/${o.metadata.namespace}`
      let s = this.byNamespace.get(nk)
      if (!s) this.byNamespace.set(nk, (s = new Set()))
      s.add(key)
    }
  }

  private unindex(o: KubeObject): void {
    const key = keyOf(o)
    for (const r of o.metadata.ownerReferences ?? []) {
      const s = this.dependentsByOwner.get(r.uid)
      if (s) {
        s.delete(key)
        if (s.size === 0) this.dependentsByOwner.delete(r.uid)
      }
    }
    if (o.metadata.namespace) this.byNamespace.get(`${groupKindOf(o)}/${o.metadata.namespace}`)?.delete(key)
  }
}

/** Kinds indexed from a loaded store (watch events index every kind as it changes). */
export const INDEXED_KINDS = [
  '/Pod', '/Service', '/Endpoints', '/ServiceAccount', '/ConfigMap', '/Secret', '/PersistentVolumeClaim', '/Event',
  '/ReplicationController', '/LimitRange', '/ResourceQuota', '/PodTemplate',
  'apps/Deployment', 'apps/ReplicaSet', 'apps/StatefulSet', 'apps/DaemonSet', 'apps/ControllerRevision',
  'batch/Job', 'batch/CronJob', 'policy/PodDisruptionBudget', 'discovery.k8s.io/EndpointSlice',
  'autoscaling/HorizontalPodAutoscaler', 'networking.k8s.io/Ingress', 'networking.k8s.io/NetworkPolicy',
  'coordination.k8s.io/Lease', 'rbac.authorization.k8s.io/Role', 'rbac.authorization.k8s.io/RoleBinding',
]

const hubs = new WeakMap<ObjectStore, InformerHub>()

/** The hub of a store (created on first use, so all controllers of an engine share one watch). */
export function informerFor(store: ObjectStore): InformerHub {
  let h = hubs.get(store)
  if (!h) hubs.set(store, (h = new InformerHub(store)))
  return h
}
