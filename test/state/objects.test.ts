// The objects table: rows addressed by id, creation order kept across saves and reloads, and databases written by
// an earlier k8sim (schema 1, WAL mode) migrated in place.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import type {KubeObject} from '../../src/api/types.js'
import {ObjectStore} from '../../src/api/store/store.js'
import {beginImmediate, openDb, SCHEMA_VERSION, type Db} from '../../src/state/db.js'
import {loadObjects, saveChanges} from '../../src/state/objects.js'

let dir: string
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'k8sim-objects-'))
})
afterEach(() => fs.rmSync(dir, {recursive: true, force: true}))

const cm = (name: string, uid = `uid-${name}`, data: Record<string, string> = {}): KubeObject =>
  ({apiVersion: 'v1', kind: 'ConfigMap', metadata: {name, namespace: 'default', uid}, data}) as KubeObject

/** One session: load, let fn change the store, save, commit. Returns the names listed after a fresh reload. */
function session(db: Db, fn: (store: ObjectStore) => void): void {
  beginImmediate(db, 'test')
  const {objects, rows} = loadObjects(db)
  const store = new ObjectStore(0)
  store.load(objects)
  fn(store)
  saveChanges(db, store.takeChanges(), rows, store)
  db.exec('COMMIT')
}

function listed(db: Db): string[] {
  const store = new ObjectStore(0)
  store.load(loadObjects(db).objects)
  return store.list('/ConfigMap').map((o) => `${o.metadata.name}:${o.data?.v ?? ''}`)
}

describe('objects table', () => {
  it('loads only the kinds asked for, each in creation order (read-only commands)', () => {
    const db = openDb(path.join(dir, 'k.db'), {create: true})
    const sa = (name: string): KubeObject => ({apiVersion: 'v1', kind: 'ServiceAccount', metadata: {name, namespace: 'default', uid: `sa-${name}`}}) as KubeObject
    const dep = (name: string): KubeObject => ({apiVersion: 'apps/v1', kind: 'ConfigMap', metadata: {name, namespace: 'default', uid: `x-${name}`}}) as KubeObject
    session(db, (s) => {
      s.create(cm('b'))
      s.create(sa('s1'))
      s.create(dep('same-kind-other-group'))
      s.create(cm('a'))
    })
    session(db, (s) => {
      s.delete('/ConfigMap/default/b')
      s.create(cm('c'))
    })
    const names = (kinds: Array<{group: string; kind: string}>) => loadObjects(db, {rows: false, kinds}).objects.map((o) => o.metadata.name)
    expect(names([{group: '', kind: 'ConfigMap'}])).toEqual(['a', 'c'])
    // several kinds: the rows of a full load, less the other kinds (same order across kinds too)
    const all = loadObjects(db, {rows: false}).objects
    const core = all.filter((o) => o.apiVersion === 'v1').map((o) => o.metadata.name)
    expect(names([{group: '', kind: 'ServiceAccount'}, {group: '', kind: 'ConfigMap'}])).toEqual(core)
    expect(names([{group: 'apps', kind: 'ConfigMap'}])).toEqual(['same-kind-other-group'])
    expect(names([])).toEqual([])
    expect(all).toHaveLength(4)
    db.close()
  })

  it('keeps creation order through updates, deletes and a delete-and-recreate', () => {
    const db = openDb(path.join(dir, 'a.db'), {create: true})
    session(db, (s) => ['c', 'a', 'b', 'd'].forEach((n) => s.create(cm(n))))
    expect(listed(db)).toEqual(['c:', 'a:', 'b:', 'd:'])
    session(db, (s) => {
      s.update({...s.get('/ConfigMap/default/a')!, data: {v: '2'}})
      s.delete('/ConfigMap/default/b')
      s.delete('/ConfigMap/default/c')
      s.create(cm('c', 'uid-c2'))
      s.create(cm('e'))
    })
    expect(listed(db)).toEqual(['a:2', 'd:', 'c:', 'e:'])
    // a recreated object's new row, not the old one, is what a later session updates
    session(db, (s) => {
      s.update({...s.get('/ConfigMap/default/c')!, data: {v: '3'}})
      s.delete('/ConfigMap/default/d')
    })
    expect(listed(db)).toEqual(['a:2', 'c:3', 'e:'])
    expect(db.prepare('SELECT count(*) FROM objects').pluck().get()).toBe(3)
    db.close()
  })

  it('migrates a schema 1 database in WAL mode: same objects, same order, rollback journal', () => {
    const file = path.join(dir, 'old.db')
    const old = new Database(file)
    old.pragma('journal_mode = WAL')
    old.exec(`
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE objects (key TEXT PRIMARY KEY, grp TEXT NOT NULL, kind TEXT NOT NULL, namespace TEXT NOT NULL,
        name TEXT NOT NULL, uid TEXT, body TEXT NOT NULL);
      CREATE INDEX objects_by_kind ON objects (grp, kind, namespace);
      CREATE TABLE decisions (pod_key TEXT NOT NULL, attempt INTEGER NOT NULL, pod_uid TEXT, time INTEGER,
        data TEXT NOT NULL, PRIMARY KEY (pod_key, attempt));
      PRAGMA user_version = 1;
    `)
    const ins = old.prepare('INSERT INTO objects (key, grp, kind, namespace, name, uid, body) VALUES (?, ?, ?, ?, ?, ?, ?)')
    for (const n of ['z', 'a', 'm']) ins.run(`/ConfigMap/default/${n}`, '', 'ConfigMap', 'default', n, `uid-${n}`, JSON.stringify(cm(n)))
    old.prepare('DELETE FROM objects WHERE key = ?').run('/ConfigMap/default/a')
    ins.run('/ConfigMap/default/a', '', 'ConfigMap', 'default', 'a', 'uid-a2', JSON.stringify(cm('a', 'uid-a2')))
    old.close()

    const db = openDb(file)
    expect(db.pragma('user_version', {simple: true})).toBe(SCHEMA_VERSION)
    expect(db.pragma('journal_mode', {simple: true})).toBe('delete')
    expect(db.pragma('page_size', {simple: true})).toBe(16384) // compacted after the table rewrite
    expect(db.pragma('freelist_count', {simple: true})).toBe(0)
    expect(listed(db)).toEqual(['z:', 'm:', 'a:'])
    session(db, (s) => {
      s.update({...s.get('/ConfigMap/default/z')!, data: {v: '1'}})
      s.create(cm('b'))
    })
    expect(listed(db)).toEqual(['z:1', 'm:', 'a:', 'b:'])
    db.close()
  })

  it('opens a WAL database that another connection holds open, and leaves it in WAL mode', () => {
    const file = path.join(dir, 'wal.db')
    openDb(file, {create: true}).close()
    const other = new Database(file)
    other.pragma('journal_mode = WAL')
    other.prepare('SELECT count(*) FROM objects').get() // now it has the WAL open
    const db = openDb(file)
    expect(db.pragma('journal_mode', {simple: true})).toBe('wal')
    session(db, (s) => s.create(cm('a')))
    expect(listed(db)).toEqual(['a:'])
    db.close()
    other.close()
  })
})
