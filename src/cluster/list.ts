// `cluster list`: a summary of every cluster under K8SIM_HOME, read without loading objects.

import {toRFC3339} from '../clock/clock.js'
import {readMeta} from '../state/meta.js'
import {countByKind} from '../state/objects.js'
import {listClusterNames} from '../state/paths.js'
import {openDb} from '../state/db.js'
import {dbPath} from '../state/paths.js'

export interface ClusterSummary {
  name: string
  current: boolean
  nodes: number
  pods: number
  /** what nodes report, e.g. v1.32.8 */
  kubernetesVersion: string
  /** virtual now, RFC 3339 */
  time: string
  seed: number
}

export function listClusters(home: string, current: string): ClusterSummary[] {
  const out: ClusterSummary[] = []
  for (const name of listClusterNames(home)) {
    const db = openDb(dbPath(home, name))
    try {
      db.exec('BEGIN')
      const meta = readMeta(db)
      if (!meta) continue // being created, or a failed creation
      const n = countByKind(db, [['', 'Node'], ['', 'Pod']])
      out.push({
        name,
        current: name === current,
        nodes: n.get('/Node') ?? 0,
        pods: n.get('/Pod') ?? 0,
        kubernetesVersion: meta.options?.kubeletVersion ?? `v${meta.kubernetesVersion}`,
        time: toRFC3339(meta.now),
        seed: meta.seed,
      })
    } finally {
      if (db.inTransaction) db.exec('ROLLBACK')
      db.close()
    }
  }
  return out
}
