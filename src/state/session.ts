// One command's view of a cluster: load everything into an ObjectStore under the right lock, run the command,
// then save what changed with the clock, random state and resourceVersion counter, in one transaction.
// Write commands hold `BEGIN IMMEDIATE` from load to save, so concurrent commands serialize and none loses an
// update; read-only commands read one consistent snapshot; a throw or a dry run rolls everything back.

import {ResourceRegistry} from '../api/resources.js'
import {ObjectStore} from '../api/store/store.js'
import {VirtualClock} from '../clock/clock.js'
import {SeededRandom} from '../clock/random.js'
import {createCluster, notFound, openExisting, writeFreshCluster} from '../cluster/manage.js'
import {defaultClusterOptions, sourceDateEpoch, type ClusterCreateOptions} from '../cluster/options.js'
import {registerStoredCRDs} from './crds.js'
import {beginImmediate, openDb, type Db} from './db.js'
import {countDecisions, loadAllDecisions, loadDecisions, saveDecisions, type DecisionRow} from './decisions.js'
import {readMeta, writeMeta, type ClusterMeta} from './meta.js'
import {loadObjects, saveChanges, type SavedRow, type StoredKind} from './objects.js'
import {DEFAULT_CLUSTER, clusterExists, resolveClusterName, resolveHome} from './paths.js'
import {wallClockStartMs} from './wall-clock.js'

export interface ClusterSession {
  readonly name: string
  readonly home: string
  /** settings and counters as loaded; `now`, `rngState` and `resourceVersion` are refreshed on save */
  readonly meta: ClusterMeta
  readonly db: Db
  readonly store: ObjectStore
  readonly clock: VirtualClock
  readonly rng: SeededRandom
  readonly registry: ResourceRegistry
  /** minor version simulated, e.g. '1.32' */
  readonly kubernetesVersion: string
  readonly write: boolean
  readonly dryRun: boolean
  /** record scheduling attempts (kept only if the command commits) */
  saveDecisions(rows: DecisionRow[]): void
  loadDecisions(podKey: string): DecisionRow[]
  /** how many attempts are recorded for a pod */
  countDecisions(podKey: string): number
  /** every pod's attempts, by pod key then attempt */
  allDecisions(): DecisionRow[]
}

export interface WithClusterOptions {
  home?: string
  cluster?: string
  /** take the write lock and save the changes */
  write: boolean
  /** simulate, then roll back: nothing is saved, the clock does not keep the time simulated */
  dryRun?: boolean
  /**
   * Read-only commands: the kinds the command reads, given the registry (which knows the cluster's CRDs); only
   * those are loaded, plus the CRDs. `undefined` (the default, or returned) loads everything. Ignored when writing:
   * the engine reads every kind.
   */
  kinds?: (registry: ResourceRegistry) => StoredKind[] | undefined
}

/** CRDs are always loaded: they make the registry, and table printers read them for custom resources' columns. */
const CRD_KIND: StoredKind = {group: 'apiextensions.k8s.io', kind: 'CustomResourceDefinition'}

export async function withCluster<T>(opts: WithClusterOptions, fn: (ctx: ClusterSession) => Promise<T> | T): Promise<T> {
  const home = resolveHome(opts.home)
  const name = resolveClusterName(home, opts.cluster)
  if (name === DEFAULT_CLUSTER) ensureDefaultCluster(home)
  else if (!clusterExists(home, name)) throw notFound(name)

  const db = openExisting(home, name)
  try {
    return await runSession(db, name, home, opts, fn)
  } finally {
    db.close()
  }
}

/** One session on an open database: lock or snapshot, load, run fn, then commit the changes or roll back. */
async function runSession<T>(db: Db, name: string, home: string, opts: Omit<WithClusterOptions, 'home' | 'cluster'>, fn: (ctx: ClusterSession) => Promise<T> | T): Promise<T> {
  if (opts.write) beginImmediate(db, `cluster "${name}"`)
  else db.exec('BEGIN')
  try {
    const meta = readMeta(db)
    if (!meta) throw notFound(name)
    const before = structuredClone(meta)
    const {store, registry, rows} = await loadStore(db, meta, opts)
    const clock = new VirtualClock(meta.now)
    const rng = new SeededRandom(meta.rngState)
    const write = opts.write
    const ctx: ClusterSession = {
      name,
      home,
      meta,
      db,
      store,
      clock,
      rng,
      registry,
      kubernetesVersion: meta.kubernetesVersion,
      write,
      dryRun: Boolean(opts.dryRun),
      saveDecisions: (rows) => {
        if (!write) throw new Error('saveDecisions in a read-only command')
        saveDecisions(db, rows)
      },
      loadDecisions: (podKey) => loadDecisions(db, podKey),
      countDecisions: (podKey) => countDecisions(db, podKey),
      allDecisions: () => loadAllDecisions(db),
    }
    const result = await fn(ctx)
    if (write && !opts.dryRun) {
      saveChanges(db, store.takeChanges(), rows, store)
      meta.now = clock.now()
      meta.rngState = rng.state()
      meta.resourceVersion = store.resourceVersion()
      writeMeta(db, meta, before)
      db.exec('COMMIT')
    } else {
      db.exec('ROLLBACK')
    }
    return result
  } catch (err) {
    if (db.inTransaction) db.exec('ROLLBACK')
    throw err
  }
}

/** The store and registry of a session: every object, or for a read-only command with `kinds` only those kinds. */
async function loadStore(db: Db, meta: ClusterMeta, opts: Omit<WithClusterOptions, 'home' | 'cluster'>): Promise<{store: ObjectStore; registry: ResourceRegistry; rows: Map<string, SavedRow>}> {
  const registry = new ResourceRegistry()
  if (opts.write || !opts.kinds) {
    const {objects, rows} = loadObjects(db, {rows: opts.write && !opts.dryRun})
    const store = new ObjectStore(meta.resourceVersion)
    store.load(objects)
    await registerStoredCRDs(registry, store)
    return {store, registry, rows}
  }
  // the CRDs first, so that the command can resolve its resource names to kinds
  const crds = new ObjectStore(meta.resourceVersion)
  crds.load(loadObjects(db, {rows: false, kinds: [CRD_KIND]}).objects)
  await registerStoredCRDs(registry, crds)
  const kinds = opts.kinds(registry)
  if (!kinds) {
    const store = new ObjectStore(meta.resourceVersion)
    store.load(loadObjects(db, {rows: false}).objects)
    return {store, registry, rows: new Map()}
  }
  const store = new ObjectStore(meta.resourceVersion)
  store.load(loadObjects(db, {rows: false, kinds: [CRD_KIND, ...kinds.filter((k) => k.group !== CRD_KIND.group || k.kind !== CRD_KIND.kind)]}).objects)
  return {store, registry, rows: new Map()}
}

/** A cluster that lives in memory only (scenarios, tests): the same sessions, nothing on disk. */
export interface MemoryCluster {
  session<T>(opts: {write: boolean; dryRun?: boolean}, fn: (ctx: ClusterSession) => Promise<T> | T): Promise<T>
  close(): void
}

export function openMemoryCluster(name: string, options: ClusterCreateOptions): MemoryCluster {
  const db = openDb(':memory:')
  db.exec('BEGIN')
  writeFreshCluster(db, name, options)
  db.exec('COMMIT')
  return {
    session: (opts, fn) => runSession(db, name, '', opts, fn),
    close: () => db.close(),
  }
}

/** The embedded default cluster is created by the first command that needs it (CLI.md §1). */
export function ensureDefaultCluster(home: string): void {
  if (clusterExists(home, DEFAULT_CLUSTER) && hasClusterMeta(home)) return
  const start = sourceDateEpoch() ?? wallClockStartMs()
  createCluster(home, DEFAULT_CLUSTER, defaultClusterOptions(DEFAULT_CLUSTER, start), true)
}

function hasClusterMeta(home: string): boolean {
  const db = openExisting(home, DEFAULT_CLUSTER)
  try {
    return readMeta(db) !== undefined
  } finally {
    db.close()
  }
}
