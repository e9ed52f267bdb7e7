// The object store: what the API server keeps in etcd. Create/update/delete assign resourceVersion, uid,
// generation; subscribers get watch events synchronously; changes are tracked so state saves only what changed.

import type {KubeObject} from '../types.js'
import {groupKindOf, keyOf} from './keys.js'

export type WatchType = 'ADDED' | 'MODIFIED' | 'DELETED'

export interface WatchEvent {
  type: WatchType
  object: KubeObject
  old?: KubeObject
}

export type Watcher = (ev: WatchEvent) => void

export interface StoreChanges {
  upserts: KubeObject[]
  deletes: string[] // keys
}

export class ObjectStore {
  private objects = new Map<string, KubeObject>()
  /** objects by `group/Kind`, then by key: cheap listing per kind */
  private byKind = new Map<string, Map<string, KubeObject>>()
  private watchers: Watcher[] = []
  private changed = new Set<string>()
  private rv: number

  constructor(initialResourceVersion = 0) {
    this.rv = initialResourceVersion
  }

  /** Load objects as they were saved, without events or new resourceVersions. */
  load(objects: Iterable<KubeObject>): void {
    for (const o of objects) this.put(keyOf(o), o)
  }

  resourceVersion(): number {
    return this.rv
  }

  watch(fn: Watcher): () => void {
    this.watchers.push(fn)
    return () => {
      this.watchers = this.watchers.filter((w) => w !== fn)
    }
  }

  get(key: string): KubeObject | undefined {
    return this.objects.get(key)
  }

  /** All objects of a group/kind (e.g. 'apps/Deployment', '/Pod'), optionally in one namespace. */
  list(groupKind: string, namespace?: string): KubeObject[] {
    const m = this.byKind.get(groupKind)
    if (!m) return []
    const all = [...m.values()]
    return namespace === undefined ? all : all.filter((o) => o.metadata.namespace === namespace)
  }

  size(): number {
    return this.objects.size
  }

  /** Store a new object. The caller has already validated and defaulted it (uid, timestamps...). */
  create(obj: KubeObject): KubeObject {
    const key = keyOf(obj)
    if (this.objects.has(key)) throw new Error(`store: ${key} already exists`)
    obj.metadata.resourceVersion = String(++this.rv)
    this.put(key, obj)
    this.changed.add(key)
    this.emit({type: 'ADDED', object: obj})
    return obj
  }

  /** Replace an existing object. */
  update(obj: KubeObject): KubeObject {
    const key = keyOf(obj)
    const old = this.objects.get(key)
    if (!old) throw new Error(`store: ${key} not found`)
    obj.metadata.resourceVersion = String(++this.rv)
    this.put(key, obj)
    this.changed.add(key)
    this.emit({type: 'MODIFIED', object: obj, old})
    return obj
  }

  delete(key: string): KubeObject | undefined {
    const old = this.objects.get(key)
    if (!old) return undefined
    this.objects.delete(key)
    this.byKind.get(groupKindOf(old))?.delete(key)
    this.changed.add(key)
    ++this.rv
    this.emit({type: 'DELETED', object: old})
    return old
  }

  /** What changed since the last call (for saving), then forget it. */
  takeChanges(): StoreChanges {
    const upserts: KubeObject[] = []
    const deletes: string[] = []
    for (const key of [...this.changed].sort()) {
      const o = this.objects.get(key)
      if (o) upserts.push(o)
      else deletes.push(key)
    }
    this.changed.clear()
    return {upserts, deletes}
  }

  private put(key: string, obj: KubeObject): void {
    this.objects.set(key, obj)
    const gk = groupKindOf(obj)
    let m = this.byKind.get(gk)
    if (!m) {
      m = new Map()
      this.byKind.set(gk, m)
    }
    m.set(key, obj)
  }

  private emit(ev: WatchEvent): void {
    for (const w of this.watchers) w(ev)
  }
}
