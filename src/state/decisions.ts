// Scheduling decisions as the scheduler records them (one row per pod and attempt; the JSON is the scheduler's
// own shape, CLI.md §6). Saved in the command's transaction, so a dry run or a failed command keeps none.

import type {Db} from './db.js'
import {parseDecision, stringifyDecision} from './decision-codec.js'

export interface DecisionRow {
  /** the pod's store key (`/Pod/<namespace>/<name>`) */
  podKey: string
  /** 1-based */
  attempt: number
  podUid?: string
  /** virtual time of the attempt, ms */
  time?: number
  data: unknown
}

export function saveDecisions(db: Db, rows: DecisionRow[]): void {
  const put = db.prepare('INSERT OR REPLACE INTO decisions (pod_key, attempt, pod_uid, time, data) VALUES (?, ?, ?, ?, ?)')
  for (const r of rows) put.run(r.podKey, r.attempt, r.podUid ?? null, r.time ?? null, stringifyDecision(r.data))
}

type Raw = {pod_key: string; attempt: number; pod_uid: string | null; time: number | null; data: string}

function fromRaw(r: Raw): DecisionRow {
  return {
    podKey: r.pod_key,
    attempt: r.attempt,
    ...(r.pod_uid !== null ? {podUid: r.pod_uid} : {}),
    ...(r.time !== null ? {time: r.time} : {}),
    data: parseDecision(r.data),
  }
}

const byPodStatements = new WeakMap<Db, ReturnType<Db['prepare']>>()

/** Every attempt recorded for a pod, first attempt first. */
export function loadDecisions(db: Db, podKey: string): DecisionRow[] {
  let q = byPodStatements.get(db)
  if (!q) byPodStatements.set(db, (q = db.prepare('SELECT * FROM decisions WHERE pod_key = ? ORDER BY attempt')))
  const rows = q.all(podKey) as Raw[]
  return rows.map(fromRaw)
}

/** Every recorded attempt of every pod, by pod key then attempt. */
export function loadAllDecisions(db: Db): DecisionRow[] {
  return (db.prepare('SELECT * FROM decisions ORDER BY pod_key, attempt').all() as Raw[]).map(fromRaw)
}

const countStatements = new WeakMap<Db, ReturnType<Db['prepare']>>()

/** How many attempts are recorded for a pod (without reading them). */
export function countDecisions(db: Db, podKey: string): number {
  // asked once per scheduled pod when saving (to number attempts): prepare the statement once per database
  let q = countStatements.get(db)
  if (!q) countStatements.set(db, (q = db.prepare('SELECT count(*) FROM decisions WHERE pod_key = ?').pluck()))
  return q.get(podKey) as number
}

export function deleteDecisions(db: Db, podKey: string): void {
  db.prepare('DELETE FROM decisions WHERE pod_key = ?').run(podKey)
}
