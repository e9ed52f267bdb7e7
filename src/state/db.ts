// Opening a cluster's SQLite database: a rollback journal, a busy timeout long enough for parallel commands to queue
// behind each other's write lock, private file modes, and the schema migrations (PRAGMA user_version = schema version).

import fs from 'node:fs'
import Database from 'better-sqlite3'
import {UserError} from '../errors.js'

export type Db = Database.Database

/** How long a command waits for another command's write lock before giving up. */
export const LOCK_TIMEOUT_MS = 10 * 60 * 1000

/** Schema migrations, in order; migration i brings the database to schema version i + 1. Never edit one. */
const migrations: Array<(db: Db) => void> = [
  (db) =>
    db.exec(`
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE objects (
        key TEXT PRIMARY KEY,
        grp TEXT NOT NULL,
        kind TEXT NOT NULL,
        namespace TEXT NOT NULL,
        name TEXT NOT NULL,
        uid TEXT,
        body TEXT NOT NULL
      );
      CREATE INDEX objects_by_kind ON objects (grp, kind, namespace);
      CREATE TABLE decisions (
        pod_key TEXT NOT NULL,
        attempt INTEGER NOT NULL,
        pod_uid TEXT,
        time INTEGER,
        data TEXT NOT NULL,
        PRIMARY KEY (pod_key, attempt)
      );
    `),
  // objects keep only what is read back: an explicit id (a rowid alias, so VACUUM cannot renumber it: it is each
  // kind's creation order), the group and kind (counted per kind without loading bodies) and the body. The key,
  // namespace, name and uid columns repeated the body; the unique index on key, filled in random key order, cost
  // a large save one extra B-tree insert per object. Saves address rows by the id read at load.
  (db) =>
    db.exec(`
      CREATE TABLE objects_v2 (
        id INTEGER PRIMARY KEY,
        grp TEXT NOT NULL,
        kind TEXT NOT NULL,
        body TEXT NOT NULL
      );
      INSERT INTO objects_v2 (id, grp, kind, body) SELECT rowid, grp, kind, body FROM objects ORDER BY rowid;
      DROP TABLE objects;
      ALTER TABLE objects_v2 RENAME TO objects;
      CREATE INDEX objects_by_kind ON objects (grp, kind);
    `),
]

export const SCHEMA_VERSION = migrations.length

export interface OpenOptions {
  /** create the file (mode 0600) when missing; otherwise a missing file is an error */
  create?: boolean
  lockTimeoutMs?: number
}

export function openDb(file: string, opts: OpenOptions = {}): Db {
  const memory = file === ':memory:'
  if (opts.create && !memory && !fs.existsSync(file)) {
    // create it ourselves so that it (and the -journal file SQLite derives from it) is 0600 regardless of umask
    fs.closeSync(fs.openSync(file, 'a', 0o600))
    fs.chmodSync(file, 0o600)
  }
  let db: Db
  try {
    db = new Database(file, {fileMustExist: !memory, timeout: opts.lockTimeoutMs ?? LOCK_TIMEOUT_MS})
  } catch (err) {
    throw asUserError(err, file)
  }
  try {
    if (!memory) useRollbackJournal(db)
    db.pragma('synchronous = NORMAL')
    if (isEmpty(db)) db.pragma(`page_size = ${PAGE_SIZE}`)
    const found = migrate(db, file)
    if (found === 1 && !memory) compactMigrated(db)
  } catch (err) {
    db.close()
    throw asUserError(err, file)
  }
  return db
}

/**
 * Page size of new databases (SQLite's default is 4 KiB). Objects are stored as 1-3 KB rows; in 16 KiB pages a save
 * splits and writes far fewer pages: a 150k-pod save inserts about twice as fast and the file is 15% smaller.
 * It applies only before the first table is created, so databases created with 4 KiB pages keep them.
 */
const PAGE_SIZE = 16384

function isEmpty(db: Db): boolean {
  return db.prepare('SELECT count(*) FROM sqlite_schema').pluck().get() === 0
}

/**
 * After migration 2 rewrote the objects table, the old one's pages are free but still in the file (twice the size
 * for a large cluster): VACUUM gives them back, in 16 KiB pages. Once per database; if another process has it open
 * (VACUUM needs it alone) the pages simply stay free for later saves to reuse.
 */
function compactMigrated(db: Db): void {
  try {
    db.pragma(`page_size = ${PAGE_SIZE}`)
    db.exec('VACUUM')
  } catch (err) {
    if (!isBusy(err)) throw err
  }
}

/**
 * A rollback journal rather than WAL: a command saves in one transaction that can be hundreds of MB (150k pods and
 * their events), and WAL writes every page twice, into the -wal file and again at checkpoint, while a rollback
 * journal copies only the pages it overwrites (none for rows appended to a new cluster). Atomicity is the same (a
 * killed save leaves a hot journal that the next open rolls back), readers still see one snapshot under a shared
 * lock, and writers still queue on the busy timeout. A database left in WAL mode by an earlier k8sim is switched
 * here; that needs it to be open nowhere else, and while it is, it simply stays in WAL mode, which is as correct.
 */
function useRollbackJournal(db: Db): void {
  try {
    db.pragma('journal_mode = DELETE')
  } catch (err) {
    if (!isBusy(err)) throw err
  }
}

function isBusy(err: unknown): boolean {
  const code = (err as {code?: string})?.code ?? ''
  return code === 'SQLITE_BUSY' || code.startsWith('SQLITE_BUSY_')
}

/** Take the write lock: wait for other commands, up to the lock timeout. */
export function beginImmediate(db: Db, what: string): void {
  try {
    db.exec('BEGIN IMMEDIATE')
  } catch (err) {
    throw asUserError(err, what)
  }
}

/** SQLite failures a user can act on, as one-line errors; anything else stays a bug. */
export function asUserError(err: unknown, what: string): unknown {
  const code = (err as {code?: string})?.code ?? ''
  if (isBusy(err)) {
    return new UserError(`${what} is busy: another k8sim command held its lock for more than ${LOCK_TIMEOUT_MS / 60000} minutes`, 'try again when it has finished')
  }
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') return new UserError(`${what} is not a readable k8sim state database (${(err as Error).message})`)
  if (code === 'SQLITE_READONLY' || code === 'SQLITE_CANTOPEN' || code === 'SQLITE_PERM') {
    return new UserError(`cannot write ${what} (${(err as Error).message})`, 'check the permissions of $K8SIM_HOME')
  }
  return err
}

/** Bring the schema up to date; returns the version found (under the lock), SCHEMA_VERSION when there was nothing to do. */
function migrate(db: Db, file: string): number {
  const version = () => db.pragma('user_version', {simple: true}) as number
  if (version() === SCHEMA_VERSION) return SCHEMA_VERSION
  beginImmediate(db, file)
  try {
    const v = version() // again, under the lock: another process may have migrated meanwhile
    if (v > SCHEMA_VERSION) {
      throw new UserError(`${file} was written by a newer k8sim (state schema ${v}, this k8sim knows ${SCHEMA_VERSION})`, 'upgrade k8sim')
    }
    for (let i = v; i < SCHEMA_VERSION; i++) migrations[i](db)
    db.pragma(`user_version = ${SCHEMA_VERSION}`)
    db.exec('COMMIT')
    return v
  } catch (err) {
    db.exec('ROLLBACK')
    throw err
  }
}
