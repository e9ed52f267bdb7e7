// The meta table: one JSON value per key. It holds the cluster's settings and the state that moves between
// commands (virtual clock, random generator, resourceVersion counter).

import type {ClusterCreateOptions} from '../cluster/options.js'
import type {Db} from './db.js'

export interface ClusterMeta {
  name: string
  /** minor version simulated, e.g. '1.32' */
  kubernetesVersion: string
  seed: number
  /** virtual time at creation (ms); `reset` goes back to it */
  startTime: number
  /** virtual now (ms) */
  now: number
  /** SeededRandom.state() */
  rngState: number[]
  /** the store's resourceVersion counter */
  resourceVersion: number
  /** everything the cluster was created from: node pools, scheduler config... (reset re-runs bootstrap with it) */
  options: ClusterCreateOptions
  /** the KubeSchedulerConfiguration in force (as given at creation; the scheduler validates it) */
  schedulerConfig?: unknown
  /** k8sim version that created the cluster */
  createdBy: string
}

export function readMeta(db: Db): ClusterMeta | undefined {
  const rows = db.prepare('SELECT key, value FROM meta').all() as Array<{key: string; value: string}>
  if (rows.length === 0) return undefined
  const m: Record<string, unknown> = {}
  for (const r of rows) m[r.key] = JSON.parse(r.value)
  return m as unknown as ClusterMeta
}

/** Write the keys whose value differs from `before` (all of them when before is undefined). */
export function writeMeta(db: Db, meta: ClusterMeta, before?: ClusterMeta): void {
  const put = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value')
  for (const [k, v] of Object.entries(meta)) {
    const json = JSON.stringify(v)
    if (before && JSON.stringify((before as any)[k]) === json) continue
    put.run(k, json)
  }
}
