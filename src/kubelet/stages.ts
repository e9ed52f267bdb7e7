// The kubelet's lifecycle as data. Timings of the simulated runtime, and the stages a container goes through from
// "needs to start" to "running": each stage has a selector (whether it applies), a delay after the previous stage,
// and a status change with its event. Strings are the v1.32 kubelet's (kubectl.md §7.4).
import type {KubeObject} from '../api/types.js'
import {formatGoDuration, imageSizeBytes, normalizeImage} from './images.js'

export const TIMINGS = {
  /** image pull when the image is not on the node (CLI.md §3) */
  pullMs: 2000,
  /** pull with imagePullPolicy Always when the node has the image (only the manifest is fetched) */
  cachedPullMs: 500,
  /** ErrImagePull → ImagePullBackOff: the pod worker's next sync */
  pullErrorToBackOffMs: 1000,
  /** an init container (not a sidecar) runs this long, then exits 0 */
  initRunMs: 1000,
  /** a container whose memory-usage exceeds its limit is OOM-killed this long after it starts */
  oomAfterMs: 1000,
  /** a container exits this long after SIGTERM (capped by the grace period) */
  stopMs: 1000,
  /** pod worker retry after a sync error (CreateContainerConfigError, FailedMount) */
  retryMs: 10_000,
  /** container restart and image pull back-off (pkg/kubelet/kubelet.go: 10s doubling to 5m) */
  backoffInitialMs: 10_000,
  backoffMaxMs: 300_000,
  /** a container that ran longer than this restarts without back-off */
  backoffResetMs: 600_000,
  /** node lease renewal (kubelet's nodeLeaseRenewIntervalFraction × 40s) */
  leaseRenewMs: 10_000,
}

/** Back-off before the next restart, given the restarts done so far (first restart is immediate). */
export function restartBackoffMs(restartCount: number): number {
  if (restartCount <= 0) return 0
  return Math.min(TIMINGS.backoffInitialMs * 2 ** (restartCount - 1), TIMINGS.backoffMaxMs)
}

/** Back-off before the next pull after `failures` failed pulls. */
export function pullBackoffMs(failures: number): number {
  return Math.min(TIMINGS.backoffInitialMs * 2 ** Math.max(0, failures - 1), TIMINGS.backoffMaxMs)
}

export type EventSink = (type: 'Normal' | 'Warning', reason: string, message: string) => void

/** What a start stage sees and may change. */
export interface StartContext {
  pod: KubeObject
  container: any
  /** this container's status entry in the working copy of the pod */
  status: any
  image: string
  needsPull: boolean
  /** the node already has the image (a pull with policy Always only checks the manifest) */
  imageCached: boolean
  neverPullMissing: boolean
  pullFails: boolean
  startupDelayMs?: number
  /** CreateContainerConfigError message, evaluated when the stage runs */
  configError: () => string | undefined
  event: EventSink
  /** called after a successful pull (adds the image to the node) */
  imagePulled: () => void
  /** turn the status into running */
  markRunning: () => void
  /** the container could not start: waiting reason and message; the worker decides when to retry */
  fail: (reason: string, message: string) => void
}

export interface StartStage {
  stage: string
  when: (s: StartContext) => boolean
  delayMs: (s: StartContext) => number
  /** status change and event; false stops the sequence */
  run: (s: StartContext) => boolean
}

function pullError(image: string): string {
  const ref = normalizeImage(image)
  return `rpc error: code = NotFound desc = failed to pull and unpack image "${ref}": failed to resolve reference "${ref}": ${ref}: not found`
}

function pullMs(s: StartContext): number {
  return s.startupDelayMs ?? TIMINGS.pullMs
}

function pulledAfterMs(s: StartContext): number {
  return s.startupDelayMs ?? (s.imageCached ? TIMINGS.cachedPullMs : TIMINGS.pullMs)
}

export const START_STAGES: StartStage[] = [
  {
    stage: 'ErrImageNeverPull',
    when: (s) => s.neverPullMissing,
    delayMs: () => 0,
    run: (s) => {
      const msg = `Container image "${s.image}" is not present with pull policy of Never`
      s.event('Warning', 'ErrImageNeverPull', msg)
      s.event('Warning', 'Failed', 'Error: ErrImageNeverPull')
      s.fail('ErrImageNeverPull', msg)
      return false
    },
  },
  {
    stage: 'Pulling',
    when: (s) => s.needsPull,
    delayMs: () => 0,
    run: (s) => {
      s.event('Normal', 'Pulling', `Pulling image "${s.image}"`)
      return true
    },
  },
  {
    stage: 'ErrImagePull',
    when: (s) => s.needsPull && s.pullFails,
    delayMs: (s) => pullMs(s),
    run: (s) => {
      const err = pullError(s.image)
      s.event('Warning', 'Failed', `Failed to pull image "${s.image}": ${err}`)
      s.event('Warning', 'Failed', 'Error: ErrImagePull')
      s.fail('ErrImagePull', err)
      return false
    },
  },
  {
    stage: 'Pulled',
    when: (s) => s.needsPull,
    delayMs: (s) => pulledAfterMs(s),
    run: (s) => {
      const d = formatGoDuration(pulledAfterMs(s))
      s.event('Normal', 'Pulled', `Successfully pulled image "${s.image}" in ${d} (${d} including waiting). Image size: ${imageSizeBytes(s.image)} bytes.`)
      s.imagePulled()
      return true
    },
  },
  {
    stage: 'AlreadyPresent',
    when: (s) => !s.needsPull && !s.neverPullMissing,
    delayMs: (s) => s.startupDelayMs ?? 0,
    run: (s) => {
      s.event('Normal', 'Pulled', `Container image "${s.image}" already present on machine`)
      return true
    },
  },
  {
    stage: 'CreateContainerConfigError',
    when: (s) => s.configError() !== undefined,
    delayMs: () => 0,
    run: (s) => {
      const msg = s.configError()!
      s.event('Warning', 'Failed', `Error: ${msg}`)
      s.fail('CreateContainerConfigError', msg)
      return false
    },
  },
  {
    stage: 'Created',
    when: () => true,
    delayMs: () => 0,
    run: (s) => {
      s.event('Normal', 'Created', `Created container ${s.container.name}`)
      return true
    },
  },
  {
    stage: 'Started',
    when: () => true,
    delayMs: () => 0,
    run: (s) => {
      s.event('Normal', 'Started', `Started container ${s.container.name}`)
      s.markRunning()
      return true
    },
  },
]
