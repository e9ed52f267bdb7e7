// Creating, resetting and deleting a cluster's state database. Each is one SQLite transaction under the
// cluster's write lock, so a concurrent command sees the cluster before or after, never half-made.

import fs from 'node:fs'
import {ObjectStore} from '../api/store/store.js'
import {VirtualClock} from '../clock/clock.js'
import {SeededRandom} from '../clock/random.js'
import {UserError} from '../errors.js'
import {K8SIM_VERSION} from '../version.js'
import {beginImmediate, openDb, type Db} from '../state/db.js'
import {readMeta, writeMeta, type ClusterMeta} from '../state/meta.js'
import {saveChanges} from '../state/objects.js'
import {checkClusterName, clusterDir, dbPath, ensurePrivateDir} from '../state/paths.js'
import {bootstrapCluster} from './bootstrap.js'
import type {ClusterCreateOptions} from './options.js'

/** Bootstrap a cluster into an open database (inside the caller's transaction) and return its meta. */
export function writeFreshCluster(db: Db, name: string, options: ClusterCreateOptions, before?: ClusterMeta): ClusterMeta {
  const store = new ObjectStore(0)
  const clock = new VirtualClock(options.startTime)
  const rng = new SeededRandom(options.seed)
  bootstrapCluster(store, clock, rng, options)
  saveChanges(db, store.takeChanges(), new Map(), store)
  const meta: ClusterMeta = {
    name,
    kubernetesVersion: options.kubernetesVersion,
    seed: options.seed,
    startTime: options.startTime,
    now: clock.now(),
    rngState: rng.state(),
    resourceVersion: store.resourceVersion(),
    options,
    ...(options.schedulerConfig !== undefined ? {schedulerConfig: options.schedulerConfig} : {}),
    createdBy: before?.createdBy ?? K8SIM_VERSION,
  }
  writeMeta(db, meta)
  return meta
}

/**
 * Create a cluster. With ifMissing, an existing cluster is left alone and false is returned (two commands that
 * both find no `default` cluster create it once); otherwise an existing cluster is an error.
 */
export function createCluster(home: string, name: string, options: ClusterCreateOptions, ifMissing = false): boolean {
  checkClusterName(name)
  const dir = clusterDir(home, name)
  const dirExisted = fs.existsSync(dir)
  ensurePrivateDir(dir)
  let db: Db | undefined
  let created = false
  try {
    db = openDb(dbPath(home, name), {create: true})
    beginImmediate(db, `cluster "${name}"`)
    if (readMeta(db)) {
      db.exec('ROLLBACK')
      if (ifMissing) return false
      throw new UserError(`cluster "${name}" already exists`, `delete it first with: k8sim cluster delete ${name}`)
    }
    try {
      writeFreshCluster(db, name, options)
      db.exec('COMMIT')
      created = true
    } catch (err) {
      if (db.inTransaction) db.exec('ROLLBACK')
      throw err
    }
    return true
  } finally {
    db?.close()
    if (!created && !dirExisted && !hasMeta(home, name)) fs.rmSync(dir, {recursive: true, force: true})
  }
}

function hasMeta(home: string, name: string): boolean {
  if (!fs.existsSync(dbPath(home, name))) return false
  try {
    const db = openDb(dbPath(home, name))
    try {
      return readMeta(db) !== undefined
    } finally {
      db.close()
    }
  } catch {
    return false
  }
}

/** A cluster exists when its database holds a meta row (a half-created file does not count). */
export function clusterIsReady(home: string, name: string): boolean {
  return hasMeta(home, name)
}

/** Back to the state right after `cluster create`: same options, seed and start time; decisions dropped. */
export function resetCluster(home: string, name: string): ClusterMeta {
  const db = openExisting(home, name)
  try {
    beginImmediate(db, `cluster "${name}"`)
    try {
      const before = readMeta(db)
      if (!before) throw notFound(name)
      db.exec('DELETE FROM objects; DELETE FROM decisions; DELETE FROM meta;')
      const meta = writeFreshCluster(db, name, before.options, before)
      db.exec('COMMIT')
      return meta
    } catch (err) {
      if (db.inTransaction) db.exec('ROLLBACK')
      throw err
    }
  } finally {
    db.close()
  }
}

/** Remove a cluster's directory, after waiting for any command holding its write lock. */
export function deleteCluster(home: string, name: string): void {
  checkClusterName(name)
  const dir = clusterDir(home, name)
  if (!fs.existsSync(dir)) throw notFound(name)
  if (fs.existsSync(dbPath(home, name))) {
    const db = openDb(dbPath(home, name))
    try {
      beginImmediate(db, `cluster "${name}"`) // wait for a running command to finish
      fs.rmSync(dir, {recursive: true, force: true})
      try {
        db.exec('ROLLBACK')
      } catch {
        // the files are gone; nothing was written
      }
    } finally {
      db.close()
    }
  }
  fs.rmSync(dir, {recursive: true, force: true})
}

export function notFound(name: string): UserError {
  return new UserError(`cluster "${name}" not found`, `create it with: k8sim cluster create ${name}`)
}

/** Open an existing cluster's database; a missing one is `cluster "x" not found`. */
export function openExisting(home: string, name: string): Db {
  checkClusterName(name)
  if (!fs.existsSync(dbPath(home, name))) throw notFound(name)
  return openDb(dbPath(home, name))
}
