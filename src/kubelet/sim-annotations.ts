// Per-pod simulated behaviour from `sim.k8sim.io/` annotations (CLI.md §3). Durations use Go's syntax (`30s`,
// `1m30s`, `500ms`); a bare number means seconds.
import {parseDuration} from '../api/duration.js'
import {value} from '../api/quantity.js'
import type {KubeObject} from '../api/types.js'

export const SIM_PREFIX = 'sim.k8sim.io/'

/** Job pods exit after this when no run-duration is given (CLI.md §3). */
export const JOB_DEFAULT_RUN_MS = 10_000

export interface SimBehaviour {
  runDurationMs?: number
  exitCode: number
  crashAfterMs?: number
  imagePullFail: boolean
  startupDelayMs?: number
  livenessFailAfterMs?: number
  /** bytes; compared with each container's memory limit */
  memoryUsage?: number
}

export function parseSimDuration(s: string | undefined): number | undefined {
  if (s === undefined) return undefined
  const t = s.trim()
  if (/^\d+(\.\d+)?$/.test(t)) return Math.round(Number(t) * 1000)
  return parseDuration(t)
}

export function isJobPod(pod: KubeObject): boolean {
  return (pod.metadata.ownerReferences ?? []).some((r) => r.kind === 'Job') || pod.metadata.labels?.['batch.kubernetes.io/job-name'] !== undefined
}

const behaviourCache = new WeakMap<object, SimBehaviour>()
const NO_ANNOTATIONS = {}

export function simBehaviour(pod: KubeObject): SimBehaviour {
  // keyed by the annotations object and the job-ness of the pod (which changes the default run-duration)
  const a = pod.metadata.annotations ?? NO_ANNOTATIONS
  if (isJobPod(pod)) return parseBehaviour(pod, a)
  let b = behaviourCache.get(a)
  if (!b) behaviourCache.set(a, (b = parseBehaviour(pod, a)))
  return b
}

function parseBehaviour(pod: KubeObject, a: Record<string, string>): SimBehaviour {
  const get = (k: string): string | undefined => a[SIM_PREFIX + k]
  const exit = Number.parseInt(get('exit-code') ?? '0', 10)
  const mem = get('memory-usage')
  return {
    runDurationMs: parseSimDuration(get('run-duration')) ?? (isJobPod(pod) ? JOB_DEFAULT_RUN_MS : undefined),
    exitCode: Number.isFinite(exit) ? exit : 0,
    crashAfterMs: parseSimDuration(get('crash-after')),
    imagePullFail: get('image-pull') === 'fail',
    startupDelayMs: parseSimDuration(get('startup-delay')),
    livenessFailAfterMs: parseSimDuration(get('liveness-fail-after')),
    memoryUsage: mem === undefined ? undefined : value(mem),
  }
}
