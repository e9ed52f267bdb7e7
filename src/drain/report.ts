// `k8sim drain -o json` / `--report FILE`: the drain as data (schemas/output/drain-report.schema.json).
import {toRFC3339} from '../clock/clock.js'
import type {DrainResult} from './drain.js'
import type {ReplacementRow} from './replacements.js'

export interface DrainReport {
  apiVersion: 'k8sim.io/v1alpha1'
  kind: 'DrainReport'
  dryRun: boolean
  cluster: string
  startTime: string
  endTime: string
  simulatedSeconds: number
  nodes: Array<{name: string; drained: boolean}>
  evictions: Array<{
    pod: string
    node: string
    time: string
    attempts: number
    replacement: {pod: string | null; node: string | null; status: string} | null
  }>
  warnings: string[]
  error: string | null
  lines: Array<{stream: 'out' | 'err'; text: string}>
}

export function drainReport(r: DrainResult, replacements: ReplacementRow[], meta: {cluster: string; dryRun: boolean; start: number; end: number}): DrainReport {
  const byPod = new Map(replacements.map((x) => [x.evicted, x]))
  return {
    apiVersion: 'k8sim.io/v1alpha1',
    kind: 'DrainReport',
    dryRun: meta.dryRun,
    cluster: meta.cluster,
    startTime: toRFC3339(meta.start),
    endTime: toRFC3339(meta.end),
    simulatedSeconds: Math.round((meta.end - meta.start) / 1000),
    nodes: r.nodes.map((name) => ({name, drained: r.drained.includes(name)})),
    evictions: r.evicted.map((e) => {
      const rep = byPod.get(`${e.namespace}/${e.name}`)
      return {
        pod: `${e.namespace}/${e.name}`,
        node: e.node,
        time: toRFC3339(e.at),
        attempts: e.attempts,
        replacement: rep ? {pod: rep.replacement ?? null, node: rep.node ?? null, status: rep.status} : null,
      }
    }),
    warnings: r.lines.filter((l) => l.stream === 'err' && l.text.startsWith('Warning: ')).map((l) => l.text.slice('Warning: '.length)),
    error: r.error ?? null,
    lines: r.lines,
  }
}
