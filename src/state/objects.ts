// The objects table: one row per stored object, body as JSON text. Rows are read back in insertion (rowid) order
// so that each kind lists in creation order after a reload, as it did in the command that created them.

import type {KubeObject} from '../api/types.js'
import type {ObjectStore, StoreChanges} from '../api/store/store.js'
import {groupKindOf, keyOf} from '../api/store/keys.js'
import {parseApiVersion} from '../api/types.js'
import type {Db} from './db.js'

export interface LoadedObjects {
  objects: KubeObject[]
  /** key → uid as stored, to tell an update from a delete-and-recreate when saving */
  uids: Map<string, string>
}

export function loadObjects(db: Db): LoadedObjects {
  const rows = db.prepare('SELECT key, uid, body FROM objects ORDER BY rowid').raw(true).all() as Array<[string, string | null, string]>
  const objects = new Array<KubeObject>(rows.length)
  const uids = new Map<string, string>()
  for (let i = 0; i < rows.length; i++) {
    const [key, uid, body] = rows[i]
    objects[i] = JSON.parse(body)
    uids.set(key, uid ?? '')
  }
  return {objects, uids}
}

/**
 * Write what changed: deletes, then upserts. New objects are inserted in the store's per-kind creation order.
 * An object deleted and created again under the same key (new uid) gets a new row, so it lists last, as in memory.
 * `uids` is updated to match the database.
 */
export function saveChanges(db: Db, changes: StoreChanges, uids: Map<string, string>, store: ObjectStore): void {
  const del = db.prepare('DELETE FROM objects WHERE key = ?')
  const ins = db.prepare('INSERT INTO objects (key, grp, kind, namespace, name, uid, body) VALUES (?, ?, ?, ?, ?, ?, ?)')
  const upd = db.prepare('UPDATE objects SET body = ? WHERE key = ?')
  for (const key of changes.deletes) {
    if (uids.has(key)) {
      del.run(key)
      uids.delete(key)
    }
  }
  const fresh: KubeObject[] = []
  for (const o of changes.upserts) {
    const key = keyOf(o)
    const uid = o.metadata.uid ?? ''
    const had = uids.get(key)
    if (had !== undefined && had === uid) {
      upd.run(JSON.stringify(o), key)
      continue
    }
    if (had !== undefined) del.run(key)
    fresh.push(o)
  }
  for (const o of inCreationOrder(fresh, store)) {
    const key = keyOf(o)
    ins.run(key, parseApiVersion(o.apiVersion).group, o.kind, o.metadata.namespace ?? '', o.metadata.name ?? '', o.metadata.uid ?? '', JSON.stringify(o))
    uids.set(key, o.metadata.uid ?? '')
  }
}

/** Sort new objects by kind, then by their position in the store's list of that kind (creation order). */
function inCreationOrder(fresh: KubeObject[], store: ObjectStore): KubeObject[] {
  if (fresh.length < 2) return fresh
  const byKind = new Map<string, KubeObject[]>()
  for (const o of fresh) {
    const gk = groupKindOf(o)
    const l = byKind.get(gk)
    if (l) l.push(o)
    else byKind.set(gk, [o])
  }
  const out: KubeObject[] = []
  for (const [gk, list] of byKind) {
    if (list.length > 1) {
      const pos = new Map<KubeObject, number>()
      store.list(gk).forEach((o, i) => pos.set(o, i))
      list.sort((a, b) => (pos.get(a) ?? 0) - (pos.get(b) ?? 0))
    }
    for (const o of list) out.push(o) // not push(...list): 100k+ arguments overflow the stack
  }
  return out
}

/** Number of stored objects per `group/Kind`, without loading bodies (for `cluster list`). */
export function countByKind(db: Db, kinds: Array<[group: string, kind: string]>): Map<string, number> {
  const q = db.prepare('SELECT count(*) AS n FROM objects WHERE grp = ? AND kind = ?')
  const out = new Map<string, number>()
  for (const [g, k] of kinds) out.set(`${g}/${k}`, (q.get(g, k) as {n: number}).n)
  return out
}
