// Attempts are numbered per pod across commands: a scheduler built by a later command starts counting at 1, so
// its attempts are renumbered after those already saved.
import type {ClusterSession} from './session.js'

interface RawDecision {
  pod: string // ns/name
  attempt: number
  time?: string
  [k: string]: unknown
}

export function recordDecisions(s: Pick<ClusterSession, 'saveDecisions' | 'countDecisions' | 'store'>, raw: unknown[]): void {
  const offsets = new Map<string, number>()
  const rows = []
  for (const d of raw as RawDecision[]) {
    const podKey = `/Pod/${d.pod.replace('/', '/')}`
    if (!offsets.has(podKey)) offsets.set(podKey, s.countDecisions(podKey))
    const attempt = offsets.get(podKey)! + d.attempt
    const uid = s.store.get(podKey)?.metadata.uid
    const data = attempt === d.attempt ? d : renumbered(d, attempt)
    rows.push({podKey, attempt, podUid: uid, time: d.time ? Date.parse(d.time) : undefined, data})
  }
  s.saveDecisions(rows)
}

/** A copy of the record with another attempt number (the caller's record is left as it is). */
function renumbered(d: RawDecision, attempt: number): RawDecision {
  // copy the record's properties as they are (its lazy `nodes` stays unbuilt until something reads it)
  const data = Object.defineProperties({}, Object.getOwnPropertyDescriptors(d)) as RawDecision
  data.attempt = attempt
  return data
}
