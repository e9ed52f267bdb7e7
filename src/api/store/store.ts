// The object store: what the API server keeps in etcd. Create/update/delete assign resourceVersion, uid,
// generation; subscribers get watch events synchronously; changes are tracked so state saves only what changed.

import type {KubeObject} from '../types.js'
import {groupKindOf, keyOf} from './keys.js'

export type WatchType = 'ADDED' | 'MODIFIED' | 'DELETED'

export interface WatchEvent {
  type: WatchType
  object: KubeObject
  old?: KubeObject
  /** the object's store key (keyOf(object)), computed once for every watcher */
  key: string
}

export type Watcher = (ev: WatchEvent) => void

export interface StoreChanges {
  upserts: KubeObject[]
  deletes: string[] // keys
}

/** Keys of core/v1 Events start so (`group/Kind/...` with the core group ''). */
const EVENT_KEY_PREFIX = '/Event/'

export class ObjectStore {
  /**
   * Every object but Events, by key. Events (about five per pod, most of the store) are found through their kind's
   * map alone: this map stays small, and lookups of pods and nodes stay fast.
   */
  private objects = new Map<string, KubeObject>()
  /** objects by `group/Kind`, then by key: cheap listing per kind */
  private byKind = new Map<string, Map<string, KubeObject>>()
  private events = new Map<string, KubeObject>()
  private watchers: Watcher[] = []
  private changed = new Set<string>()
  private rv: number

  constructor(initialResourceVersion = 0) {
    this.rv = initialResourceVersion
    this.byKind.set('/Event', this.events)
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
    if (key.startsWith(EVENT_KEY_PREFIX)) {
      const ev = this.events.get(key)
      if (ev) return ev
    }
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
    return this.objects.size + this.events.size
  }

  /** Store a new object. The caller has already validated and defaulted it (uid, timestamps...). */
  create(obj: KubeObject): KubeObject {
    const key = keyOf(obj)
    if (this.get(key)) throw new Error(`store: ${key} already exists`)
    obj.metadata.resourceVersion = String(++this.rv)
    this.put(key, obj)
    this.changed.add(key)
    this.emit({type: 'ADDED', object: obj, key})
    return obj
  }

  /** Replace an existing object. */
  update(obj: KubeObject): KubeObject {
    const key = keyOf(obj)
    const old = this.get(key)
    if (!old) throw new Error(`store: ${key} not found`)
    obj.metadata.resourceVersion = String(++this.rv)
    this.put(key, obj)
    this.changed.add(key)
    this.emit({type: 'MODIFIED', object: obj, old, key})
    return obj
  }

  delete(key: string): KubeObject | undefined {
    const old = this.get(key)
    if (!old) return undefined
    this.objects.delete(key)
    this.byKind.get(groupKindOf(old))?.delete(key)
    this.changed.add(key)
    ++this.rv
    this.emit({type: 'DELETED', object: old, key})
    return old
  }

  /** What changed since the last call (for saving), then forget it. */
  takeChanges(): StoreChanges {
    const upserts: KubeObject[] = []
    const deletes: string[] = []
    for (const key of [...this.changed].sort()) {
      const o = this.get(key)
      if (o) upserts.push(o)
      else deletes.push(key)
    }
    this.changed.clear()
    return {upserts, deletes}
  }

  private put(key: string, obj: KubeObject): void {
    const gk = groupKindOf(obj)
    // an Event's key always has the prefix get() looks for
    if (gk !== '/Event') this.objects.set(key, obj)
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
