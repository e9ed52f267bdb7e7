// `kubectl drain` (k8s.io/kubectl/pkg/cmd/drain and pkg/drain, v1.32) against the simulated cluster: cordon every
// node, then per node list the pods, run the filters, and evict them (or delete them with --disable-eviction).
// kubectl runs one goroutine per pod; here each pod is a small state machine stepped in list order at each virtual
// instant, and the simulation runs between steps (engine.advance), so replacements are created, scheduled and
// become ready while blocked evictions wait their 5s. Output lines are kubectl's, in order, with their stream.

import type {KubeObject} from '../api/types.js'
import type {ObjectStore} from '../api/store/store.js'
import {objectKey} from '../api/store/keys.js'
import {matchesRequirements, parseLabelSelectorString, type Requirement} from '../api/selectors.js'
import type {VirtualClock} from '../clock/clock.js'
import type {ApiServer} from '../engine/apiserver.js'
import {isApiError} from '../engine/api-error.js'
import {evictPod} from '../engine/eviction.js'
import {UserError} from '../errors.js'
import {cordonNode, dryRunSuffix, resolveNodes, type DryRun} from './cordon.js'
import {aggregate, listErrors, listWarnings, podsForDeletion, podsToDelete, shouldSkipPod, type FilterOptions} from './filters.js'

export interface DrainOptions extends FilterOptions {
  nodes: string[]
  /** -l: select nodes by label */
  selector?: string
  /** -1: each pod's own terminationGracePeriodSeconds */
  gracePeriodSeconds: number
  /** virtual milliseconds before kubectl's global timeout */
  timeoutMs: number
  podSelector?: string
  disableEviction: boolean
  dryRun: DryRun
}

export interface DrainDeps {
  store: ObjectStore
  clock: VirtualClock
  api: ApiServer
  /** run the simulation forward this many virtual milliseconds */
  advance(ms: number): void
}

export interface OutputLine {
  stream: 'out' | 'err'
  text: string
}

export interface EvictedPod {
  namespace: string
  name: string
  uid: string
  node: string
  /** controllerRef (kind/name/uid) of the evicted pod, if any */
  owner?: {kind: string; name: string; uid: string}
  /** virtual ms when the eviction (or delete) was accepted */
  at: number
}

export interface DrainResult {
  lines: OutputLine[]
  evicted: EvictedPod[]
  drained: string[]
  /** the error kubectl returns (printed as `error: ...`, exit 1), if any */
  error?: string
}

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

export function validatePodSelector(s: string | undefined): Requirement[] | undefined {
  if (!s) return undefined
  try {
    return parseLabelSelectorString(s)
  } catch {
    throw new UserError('--pod-selector=<pod_selector> must be a valid label selector')
  }
}

export function runDrain(deps: DrainDeps, o: DrainOptions): DrainResult {
  const res: DrainResult = {lines: [], evicted: [], drained: []}
  const out = (text: string) => res.lines.push({stream: 'out', text})
  const err = (text: string) => res.lines.push({stream: 'err', text})
  const podReqs = validatePodSelector(o.podSelector)
  const podSelector = (labels: Record<string, string>) => !podReqs || matchesRequirements(podReqs, labels)
  const nodes = resolveNodes(deps.store, o.nodes, o.selector)

  for (const node of nodes) out(cordonNode(deps.api, node, true, o.dryRun))

  const fatal: string[] = []
  const remaining: string[] = []
  for (const node of nodes) {
    const name = node.metadata.name ?? ''
    const e = drainOne(deps, o, name, podSelector, out, err, res)
    if (e === undefined) {
      res.drained.push(name)
      out(`node/${name} drained${dryRunSuffix(o.dryRun)}`)
    } else {
      err(`error: unable to drain node "${name}" due to error: ${e}, continuing command...`)
      fatal.push(e)
      remaining.push(name)
    }
  }
  if (remaining.length > 0) {
    err('There are pending nodes to be drained:')
    for (const n of remaining) err(` ${n}`)
  }
  if (fatal.length > 0) res.error = aggregate(fatal)
  return res
}

/** deleteOrEvictPodsSimple: undefined on success, else the error text. */
function drainOne(
  deps: DrainDeps, o: DrainOptions, nodeName: string, podSelector: (l: Record<string, string>) => boolean,
  out: (t: string) => void, err: (t: string) => void, res: DrainResult,
): string | undefined {
  const list = podsForDeletion(deps.store, nodeName, podSelector, o, deps.clock.now())
  const errs = listErrors(list)
  if (errs.length > 0) return aggregate(errs)
  const warnings = listWarnings(list)
  if (warnings) err(`Warning: ${warnings}`)
  const pods = podsToDelete(list)
  if (o.dryRun === 'client') {
    for (const p of pods) out(`evicting pod ${p.metadata.namespace}/${p.metadata.name} (dry run)`)
    return undefined
  }
  const e = o.disableEviction ? deletePods(deps, o, pods, out, res) : evictPods(deps, o, pods, out, err, res)
  if (e === undefined) return undefined
  const pending = podsToDelete(podsForDeletion(deps.store, nodeName, podSelector, o, deps.clock.now()))
  if (pending.length > 0) {
    err(`There are pending pods in node "${nodeName}" when an error occurred: ${e}`)
    for (const p of pending) err(`pod/${p.metadata.name}`)
  }
  return e
}

interface PodTask {
  pod: KubeObject
  phase: 'evict' | 'wait'
  at: number
  done: boolean
}

function record(res: DrainResult, pod: KubeObject, at: number): void {
  const ref = pod.metadata.ownerReferences?.find((r) => r.controller === true)
  res.evicted.push({
    namespace: pod.metadata.namespace ?? '', name: pod.metadata.name ?? '', uid: pod.metadata.uid ?? '',
    node: pod.spec?.nodeName ?? '', owner: ref ? {kind: ref.kind, name: ref.name, uid: ref.uid} : undefined, at,
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

function evictPods(deps: DrainDeps, o: DrainOptions, pods: KubeObject[], out: (t: string) => void, err: (t: string) => void, res: DrainResult): string | undefined {
  const start = deps.clock.now()
  const deadline = start + o.timeoutMs
  const timeoutText = goDuration(o.timeoutMs)
  const errors: string[] = []
  const server = o.dryRun === 'server'
  const tasks: PodTask[] = pods.map((pod) => ({pod, phase: 'evict', at: start, done: false}))
  const fail = (t: PodTask, msg: string) => {
    errors.push(msg)
    t.done = true
  }
  runTasks(deps, tasks, (t, now) => {
    const {name, namespace} = t.pod.metadata
    if (t.phase === 'evict') {
      out(`evicting pod ${namespace}/${name}${server ? ' (server dry run)' : ''}`)
      if (now >= deadline) return fail(t, `error when evicting pods/"${name}" -n "${namespace}": global timeout reached: ${timeoutText}`)
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
      record(res, t.pod, now)
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
function deletePods(deps: DrainDeps, o: DrainOptions, pods: KubeObject[], out: (t: string) => void, res: DrainResult): string | undefined {
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
  const tasks: PodTask[] = pods.map((pod) => ({pod, phase: 'wait', at: now0, done: false}))
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
