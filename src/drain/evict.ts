// kubectl's evictPods / deletePods (k8s.io/kubectl/pkg/drain/drain.go) on the virtual clock. kubectl runs one
// goroutine per pod; here each pod is a small state machine (evict → wait for deletion) stepped in list order at
// each virtual instant, and the simulation runs between steps (DrainDeps.advance), so replacements are created,
// scheduled and become ready while a blocked eviction waits its 5s.

import type {KubeObject} from '../api/types.js'
import type {ObjectStore} from '../api/store/store.js'
import {objectKey} from '../api/store/keys.js'
import {isApiError} from '../engine/api-error.js'
import {evictPod} from '../engine/eviction.js'
import {aggregate, shouldSkipPod} from './filters.js'
import type {DrainDeps, DrainOptions, DrainResult} from './drain.js'

/** Go's time.Duration.String() for whole milliseconds: 5m0s, 1h0m0s, 30s, 1.5s. */
export function goDuration(ms: number): string {
  if (ms === 0) return '0s'
  const h = Math.floor(ms / 3_600_000)
  const m = Math.floor((ms % 3_600_000) / 60_000)
  const sMs = ms % 60_000
  const s = sMs % 1000 === 0 ? String(sMs / 1000) : String(sMs / 1000).replace(/0+$/, '')
  if (h > 0) return `${h}h${m}m${s}s`
  if (m > 0) return `${m}m${s}s`
  return `${s}s`
}

interface PodTask {
  pod: KubeObject
  phase: 'evict' | 'wait'
  at: number
  done: boolean
  attempts: number
}

function record(res: DrainResult, pod: KubeObject, at: number, attempts = 1): void {
  const ref = pod.metadata.ownerReferences?.find((r) => r.controller === true)
  const dts = pod.metadata.deletionTimestamp
  const terminatingSince = dts ? Date.parse(dts) - (pod.metadata.deletionGracePeriodSeconds ?? 0) * 1000 : undefined
  res.evicted.push({
    namespace: pod.metadata.namespace ?? '', name: pod.metadata.name ?? '', uid: pod.metadata.uid ?? '',
    node: pod.spec?.nodeName ?? '', owner: ref ? {kind: ref.kind, name: ref.name, uid: ref.uid} : undefined, at, attempts,
    ...(terminatingSince !== undefined ? {terminatingSince} : {}),
  })
}

/** Whether the pod is gone (404, or replaced by a new pod of the same name). */
function gone(store: ObjectStore, pod: KubeObject): boolean {
  const cur = store.get(objectKey('', 'Pod', pod.metadata.namespace, pod.metadata.name ?? ''))
  return !cur || cur.metadata.uid !== pod.metadata.uid
}

/** Step every task due now (in list order), then advance the simulation to the next due task, until all finish. */
function runTasks(deps: DrainDeps, tasks: PodTask[], step: (t: PodTask, now: number) => void): void {
  for (;;) {
    const now = deps.clock.now()
    for (const t of tasks) {
      // a task may become due again at this instant (eviction accepted → immediate wait check)
      while (!t.done && t.at <= now) step(t, now)
    }
    const open = tasks.filter((t) => !t.done)
    if (open.length === 0) return
    const next = Math.min(...open.map((t) => t.at))
    deps.advance(next - now)
  }
}

export function evictPods(deps: DrainDeps, o: DrainOptions, pods: KubeObject[], out: (t: string) => void, err: (t: string) => void, res: DrainResult): string | undefined {
  const start = deps.clock.now()
  const deadline = start + o.timeoutMs
  const timeoutText = goDuration(o.timeoutMs)
  const errors: string[] = []
  const server = o.dryRun === 'server'
  const tasks: PodTask[] = pods.map((pod) => ({pod, phase: 'evict', at: start, done: false, attempts: 0}))
  const fail = (t: PodTask, msg: string) => {
    errors.push(msg)
    t.done = true
  }
  runTasks(deps, tasks, (t, now) => {
    const {name, namespace} = t.pod.metadata
    if (t.phase === 'evict') {
      out(`evicting pod ${namespace}/${name}${server ? ' (server dry run)' : ''}`)
      if (now >= deadline) return fail(t, `error when evicting pods/"${name}" -n "${namespace}": global timeout reached: ${timeoutText}`)
      t.attempts++
      try {
        evictPod(deps, namespace ?? '', name ?? '', {
          gracePeriodSeconds: o.gracePeriodSeconds >= 0 ? o.gracePeriodSeconds : undefined,
          dryRun: server,
        })
      } catch (e) {
        if (!isApiError(e)) throw e
        if (e.status === 404) {
          t.done = true
          return
        }
        if (e.status === 429) {
          err(`error when evicting pods/"${name}" -n "${namespace}" (will retry after 5s): ${e.message}`)
          t.at = now + 5000
          return
        }
        return fail(t, `error when evicting pods/"${name}" -n "${namespace}": ${e.message}`)
      }
      if (server) {
        t.done = true
        return
      }
      record(res, t.pod, now, t.attempts)
      t.phase = 'wait'
      return
    }
    // waitForDelete, polled every second
    if (gone(deps.store, t.pod)) {
      out(`pod/${name} evicted`)
      t.done = true
      return
    }
    const cur = deps.store.get(objectKey('', 'Pod', namespace, name ?? ''))!
    if (shouldSkipPod(cur, o.skipWaitForDeleteTimeoutSeconds, now)) {
      out(`pod "${name}" has DeletionTimestamp older than ${o.skipWaitForDeleteTimeoutSeconds} seconds, skipping`)
      t.done = true
      return
    }
    if (now >= deadline) {
      return fail(t, `error when waiting for pod "${name}" in namespace "${namespace}" to terminate: global timeout reached: ${timeoutText}`)
    }
    t.at = now + 1000
  })
  return errors.length > 0 ? aggregate(errors) : undefined
}

/** --disable-eviction: DELETE every pod, then wait for all of them (kubectl's deletePods). */
export function deletePods(deps: DrainDeps, o: DrainOptions, pods: KubeObject[], out: (t: string) => void, res: DrainResult): string | undefined {
  const server = o.dryRun === 'server'
  const now0 = deps.clock.now()
  for (const pod of pods) {
    if (server) continue
    try {
      deps.api.delete(objectKey('', 'Pod', pod.metadata.namespace, pod.metadata.name ?? ''), o.gracePeriodSeconds >= 0 ? {gracePeriodSeconds: o.gracePeriodSeconds} : {})
      record(res, pod, now0)
    } catch (e) {
      if (!isApiError(e)) throw e
      if (e.status !== 404) return e.message
    }
  }
  if (server) return undefined
  const deadline = now0 + o.timeoutMs
  let timedOut = false
  const tasks: PodTask[] = pods.map((pod) => ({pod, phase: 'wait', at: now0, done: false, attempts: 1}))
  runTasks(deps, tasks, (t, now) => {
    const name = t.pod.metadata.name
    if (gone(deps.store, t.pod)) {
      out(`pod/${name} deleted`)
      t.done = true
      return
    }
    const cur = deps.store.get(objectKey('', 'Pod', t.pod.metadata.namespace, name ?? ''))!
    if (shouldSkipPod(cur, o.skipWaitForDeleteTimeoutSeconds, now)) {
      out(`pod "${name}" has DeletionTimestamp older than ${o.skipWaitForDeleteTimeoutSeconds} seconds, skipping`)
      t.done = true
      return
    }
    if (now >= deadline) {
      timedOut = true
      t.done = true
      return
    }
    t.at = now + 1000
  })
  return timedOut ? 'timed out waiting for the condition' : undefined
}
