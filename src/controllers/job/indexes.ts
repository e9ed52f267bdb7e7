// Completion indexes of Indexed Jobs (pkg/controller/job/indexed_job_utils.go): the `completedIndexes` interval
// string ("0-2,5") and the index a pod carries.

import type {KubeObject} from '../../api/types.js'

export const COMPLETION_INDEX = 'batch.kubernetes.io/job-completion-index'

export function podIndex(pod: KubeObject): number | undefined {
  const v = pod.metadata.annotations?.[COMPLETION_INDEX] ?? pod.metadata.labels?.[COMPLETION_INDEX]
  if (v === undefined || !/^\d+$/.test(v)) return undefined
  return Number(v)
}

export function parseIndexes(s: string | undefined): Set<number> {
  const out = new Set<number>()
  for (const part of (s ?? '').split(',')) {
    if (!part) continue
    const [a, b] = part.split('-').map(Number)
    for (let i = a; i <= (b ?? a); i++) out.add(i)
  }
  return out
}

export function formatIndexes(set: Set<number>): string {
  const xs = [...set].sort((a, b) => a - b)
  const parts: string[] = []
  for (let i = 0; i < xs.length; ) {
    let j = i
    while (j + 1 < xs.length && xs[j + 1] === xs[j] + 1) j++
    parts.push(i === j ? String(xs[i]) : `${xs[i]}-${xs[j]}`)
    i = j + 1
  }
  return parts.join(',')
}
