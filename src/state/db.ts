// Opening a cluster's SQLite database: WAL mode, a busy timeout long enough for parallel commands to queue behind
// each other's write lock, private file modes, and the schema migrations (PRAGMA user_version = schema version).

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
    // create it ourselves so that it (and the -wal/-shm files SQLite derives from it) is 0600 regardless of umask
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
    if (!memory) db.pragma('journal_mode = WAL')
    db.pragma('synchronous = NORMAL')
    migrate(db, file)
  } catch (err) {
    db.close()
    throw asUserError(err, file)
  }
  return db
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
  if (code === 'SQLITE_BUSY' || code.startsWith('SQLITE_BUSY_')) {
    return new UserError(`${what} is busy: another k8sim command held its lock for more than ${LOCK_TIMEOUT_MS / 60000} minutes`, 'try again when it has finished')
  }
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') return new UserError(`${what} is not a readable k8sim state database (${(err as Error).message})`)
  if (code === 'SQLITE_READONLY' || code === 'SQLITE_CANTOPEN' || code === 'SQLITE_PERM') {
    return new UserError(`cannot write ${what} (${(err as Error).message})`, 'check the permissions of $K8SIM_HOME')
  }
  return err
}

function migrate(db: Db, file: string): void {
  const version = () => db.pragma('user_version', {simple: true}) as number
  if (version() === SCHEMA_VERSION) return
  beginImmediate(db, file)
  try {
    const v = version() // again, under the lock: another process may have migrated meanwhile
    if (v > SCHEMA_VERSION) {
      throw new UserError(`${file} was written by a newer k8sim (state schema ${v}, this k8sim knows ${SCHEMA_VERSION})`, 'upgrade k8sim')
    }
    for (let i = v; i < SCHEMA_VERSION; i++) migrations[i](db)
    db.pragma(`user_version = ${SCHEMA_VERSION}`)
    db.exec('COMMIT')
  } catch (err) {
    db.exec('ROLLBACK')
    throw err
  }
}
