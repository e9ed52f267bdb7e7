// Informer glue: one store watch per store, dispatched by group/Kind, plus the indexes controllers need to stay
// O(changed objects): dependents by owner uid and pods by namespace. Shared by every controller of an engine.

import type {KubeObject, OwnerReference} from '../../api/types.js'
import type {ObjectStore, WatchEvent} from '../../api/store/store.js'
import {groupKindOf, keyOf} from '../../api/store/keys.js'

export type KindHandler = (ev: WatchEvent) => void

export class InformerHub {
  private handlers = new Map<string, KindHandler[]>()
  private anyHandlers: KindHandler[] = []
  /** owner uid → keys of objects whose ownerReferences name it */
  private dependentsByOwner = new Map<string, Set<string>>()
  /**
   * group/Kind → namespace → keys, for the kinds controllers list by namespace. Built on a kind's first lookup
   * (from the store, in its creation order) and kept from then on, so the kinds nobody lists by namespace (Events,
   * five per pod) cost nothing here.
   */
  private byNamespace = new Map<string, Map<string, Set<string>>>()

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

  /** Objects of `group/Kind` (one of INDEXED_KINDS) in one namespace, in creation (key insertion) order. */
  inNamespace(groupKind: string, namespace: string): KubeObject[] {
    const keys = this.namespaceIndex(groupKind).get(namespace)
    if (!keys) return []
    const out: KubeObject[] = []
    for (const k of keys) {
      const o = this.store.get(k)
      if (o) out.push(o)
    }
    return out
  }

  private namespaceIndex(groupKind: string): Map<string, Set<string>> {
    let index = this.byNamespace.get(groupKind)
    if (!index) {
      // the store lists a kind in creation order, the order watch events would have built the index in
      this.byNamespace.set(groupKind, (index = new Map()))
      for (const o of this.store.list(groupKind)) if (o.metadata.namespace) addTo(index, o.metadata.namespace, keyOf(o))
    }
    return index
  }

  private indexExisting(): void {
    // the store has no "all kinds" listing; index the kinds controllers look up by owner
    for (const gk of INDEXED_KINDS) for (const o of this.store.list(gk)) this.index(o, undefined)
  }

  private dispatch(ev: WatchEvent): void {
    const gk = groupKindOf(ev.object)
    if (ev.type === 'DELETED') this.unindex(gk, ev.object, ev.key)
    else this.index(ev.object, ev.old, gk, ev.key)
    const hs = this.handlers.get(gk)
    if (hs) for (const h of hs) h(ev)
    for (const h of this.anyHandlers) h(ev)
  }

  private index(o: KubeObject, old: KubeObject | undefined, gk = groupKindOf(o), key?: string): void {
    const after = o.metadata.ownerReferences
    if (old) {
      if (sameOwners(old.metadata.ownerReferences, after)) {
        // an update keeps the key (so the namespace) and these owners: already indexed, unless it is an object of
        // a kind not indexed at load time that is changing for the first time since
        if (INDEXED_KIND_SET.has(gk)) return
      } else this.unindex(gk, old, key)
    }
    const ns = o.metadata.namespace
    const index = ns ? this.byNamespace.get(gk) : undefined
    if (!after?.length && !index) return
    key ??= keyOf(o)
    if (after) for (const r of after) addTo(this.dependentsByOwner, r.uid, key)
    if (index) addTo(index, ns!, key)
  }

  private unindex(gk: string, o: KubeObject, key = keyOf(o)): void {
    for (const r of o.metadata.ownerReferences ?? []) {
      const s = this.dependentsByOwner.get(r.uid)
      if (s) {
        s.delete(key)
        if (s.size === 0) this.dependentsByOwner.delete(r.uid)
      }
    }
    const ns = o.metadata.namespace
    if (ns) this.byNamespace.get(gk)?.get(ns)?.delete(key)
  }
}

function addTo(index: Map<string, Set<string>>, at: string, key: string): void {
  let s = index.get(at)
  if (!s) index.set(at, (s = new Set()))
  s.add(key)
}

function sameOwners(before: OwnerReference[] | undefined, after: OwnerReference[] | undefined): boolean {
  if (before === after) return true
  const b = before ?? []
  const a = after ?? []
  if (b.length !== a.length) return false
  for (let i = 0; i < b.length; i++) if (b[i].uid !== a[i].uid) return false
  return true
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

const INDEXED_KIND_SET = new Set(INDEXED_KINDS)

const hubs = new WeakMap<ObjectStore, InformerHub>()

/** The hub of a store (created on first use, so all controllers of an engine share one watch). */
export function informerFor(store: ObjectStore): InformerHub {
  let h = hubs.get(store)
  if (!h) hubs.set(store, (h = new InformerHub(store)))
  return h
}
