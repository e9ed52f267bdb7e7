// The objects table: one row per stored object (group, kind, body as JSON text). Rows are read back in id
// (insertion) order so that each kind lists in creation order after a reload, as in the command that created them.

import type {KubeObject} from '../api/types.js'
import type {ObjectStore, StoreChanges} from '../api/store/store.js'
import {groupKindOf, keyOf} from '../api/store/keys.js'
import {parseApiVersion} from '../api/types.js'
import type {Db} from './db.js'

/** Where an object is stored, and which incarnation of its key (uid) that row holds. */
export interface SavedRow {
  id: number
  uid: string
}

export interface LoadedObjects {
  objects: KubeObject[]
  /** key → its row, to update it in place or tell an update from a delete-and-recreate when saving (if asked for) */
  rows: Map<string, SavedRow>
}

/** A stored kind: its API group ('' for core) and kind, as in the objects table's (grp, kind) columns. */
export interface StoredKind {
  group: string
  kind: string
}

/**
 * Every stored object, in creation order; with `rows` (commands that save) also where each one is stored.
 * With `kinds`, only the objects of those kinds (read-only commands that print a few kinds of a large cluster need
 * not parse its hundreds of thousands of Events); each kind still lists in creation order.
 */
export function loadObjects(db: Db, opts: {rows: boolean; kinds?: readonly StoredKind[]} = {rows: true}): LoadedObjects {
  const objects: KubeObject[] = []
  const rows = new Map<string, SavedRow>()
  // row by row, not all(): each body is garbage as soon as it is parsed, instead of all of them (hundreds of MB for
  // a large cluster) living until the last one is parsed, which costs memory and old-generation GC
  const stored = selectBodies(db, opts.kinds)
  for (const [id, body] of stored) {
    const o = JSON.parse(body) as KubeObject
    objects.push(o)
    if (opts.rows) rows.set(keyOf(o), {id, uid: o.metadata.uid ?? ''})
  }
  return {objects, rows}
}

function selectBodies(db: Db, kinds: readonly StoredKind[] | undefined): IterableIterator<[number, string]> {
  if (!kinds) return db.prepare('SELECT id, body FROM objects ORDER BY id').raw(true).iterate() as IterableIterator<[number, string]>
  if (kinds.length === 0) return [][Symbol.iterator]()
  // one (grp = ? AND kind = ?) term per kind: SQLite answers each from the (grp, kind) index
  const where = kinds.map(() => '(grp = ? AND kind = ?)').join(' OR ')
  const params = kinds.flatMap((k) => [k.group, k.kind])
  return db.prepare(`SELECT id, body FROM objects WHERE ${where} ORDER BY id`).raw(true).iterate(...params) as IterableIterator<[number, string]>
}

/**
 * Write what changed: deletes, then upserts. New objects are inserted in the store's per-kind creation order.
 * An object deleted and created again under the same key (new uid) gets a new row, so it lists last, as in memory.
 * `rows` describes the database before the save and is stale after it: a session saves once, and keeping a row
 * per new object (900k at 150k pods) would only cost memory at the end of the largest commands.
 */
export function saveChanges(db: Db, changes: StoreChanges, rows: ReadonlyMap<string, SavedRow>, store: ObjectStore): void {
  const del = db.prepare('DELETE FROM objects WHERE id = ?')
  const ins = db.prepare('INSERT INTO objects (grp, kind, body) VALUES (?, ?, ?)')
  const upd = db.prepare('UPDATE objects SET body = ? WHERE id = ?')
  for (const key of changes.deletes) {
    const row = rows.get(key)
    if (row) del.run(row.id)
  }
  const fresh: KubeObject[] = []
  for (const o of changes.upserts) {
    const key = keyOf(o)
    const uid = o.metadata.uid ?? ''
    const row = rows.get(key)
    if (row && row.uid === uid) {
      upd.run(JSON.stringify(o), row.id)
      continue
    }
    if (row) del.run(row.id)
    fresh.push(o)
  }
  for (const o of inCreationOrder(fresh, store)) {
    ins.run(parseApiVersion(o.apiVersion).group, o.kind, JSON.stringify(o))
  }
}

/** New objects by kind, each kind in its position in the store's list of that kind (creation order). */
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
    if (list.length === 1) {
      out.push(list[0])
      continue
    }
    // a walk of the kind's list, which is in creation order, picks them in order without sorting
    const isFresh = new Set(list)
    for (const o of store.list(gk)) if (isFresh.has(o)) out.push(o)
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
