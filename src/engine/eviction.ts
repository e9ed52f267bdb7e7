// The pods/eviction subresource (pkg/registry/core/pod/storage/eviction.go, v1.32): an eviction deletes the pod
// unless a PodDisruptionBudget forbids it; an accepted eviction takes one disruption from the budget and records
// the pod in status.disruptedPods until the disruption controller sees it go (kubectl.md §4.3).

import type {KubeObject} from '../api/types.js'
import type {ObjectStore} from '../api/store/store.js'
import {objectKey} from '../api/store/keys.js'
import type {VirtualClock} from '../clock/clock.js'
import {toRFC3339} from '../clock/clock.js'
import {matchesLabelSelector} from '../api/selectors.js'
import {ApiError, notFound} from './api-error.js'
import type {ApiServer} from './apiserver.js'

export interface EvictionOptions {
  /** DeleteOptions.gracePeriodSeconds carried by the Eviction */
  gracePeriodSeconds?: number
  /** dryRun=All: every check runs, nothing is written */
  dryRun?: boolean
}

export interface EvictionDeps {
  store: ObjectStore
  clock: VirtualClock
  api: ApiServer
}

export const PDB_VIOLATION_MESSAGE = "Cannot evict pod as it would violate the pod's disruption budget."
/** policy.MaxDisruptedPodSize */
const MAX_DISRUPTED_PODS = 2000

/** An ApiError with the Status causes the server attaches (kubectl prints only the message). */
export class EvictionError extends ApiError {
  constructor(status: number, reason: string, message: string, readonly causes: {type: string; message: string}[] = []) {
    super(status, reason, message)
  }
}

function tooManyRequests(causeMessage: string): EvictionError {
  return new EvictionError(429, 'TooManyRequests', PDB_VIOLATION_MESSAGE, [{type: 'DisruptionBudget', message: causeMessage}])
}

function podReady(pod: KubeObject): boolean {
  return (pod.status?.conditions ?? []).some((c: any) => c.type === 'Ready' && c.status === 'True')
}

/** canIgnorePDB: terminal, pending or already terminating pods are deleted without consulting budgets. */
function canIgnorePDB(pod: KubeObject): boolean {
  const phase = pod.status?.phase
  return phase === 'Succeeded' || phase === 'Failed' || phase === 'Pending' || !phase || !!pod.metadata.deletionTimestamp
}

/** The budgets whose selector matches the pod (policy/v1: an empty selector matches every pod). */
export function pdbsForPod(store: ObjectStore, pod: KubeObject): KubeObject[] {
  return store.list('policy/PodDisruptionBudget', pod.metadata.namespace).filter((pdb) => {
    const sel = pdb.spec?.selector
    if (!sel) return false
    return matchesLabelSelector(sel, pod.metadata.labels ?? {})
  })
}

/**
 * POST pods/NAME/eviction. Returns normally when the pod was deleted (or is gone); throws ApiError:
 * 404 NotFound, 429 TooManyRequests (budget), 500 (several budgets), 403 (budget in a bad state).
 */
export function evictPod(deps: EvictionDeps, namespace: string, name: string, opts: EvictionOptions = {}): void {
  const {store, clock, api} = deps
  const key = objectKey('', 'Pod', namespace, name)
  const pod = store.get(key)
  if (!pod) throw notFound('pods', name)
  const del = (): void => {
    if (opts.dryRun) return
    markDisruptionTarget(store, clock, key)
    api.delete(key, opts.gracePeriodSeconds !== undefined ? {gracePeriodSeconds: opts.gracePeriodSeconds} : {})
  }
  if (canIgnorePDB(pod)) return del()

  const pdbs = pdbsForPod(store, pod)
  if (pdbs.length > 1) {
    throw new EvictionError(500, 'InternalError', 'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.')
  }
  if (pdbs.length === 0) return del()
  const pdb = pdbs[0]
  const st = pdb.status ?? {}

  if (!podReady(pod)) {
    if (pdb.spec?.unhealthyPodEvictionPolicy === 'AlwaysAllow') return del()
    const current = st.currentHealthy ?? 0
    const desired = st.desiredHealthy ?? 0
    if (current >= desired && desired > 0) return del()
  }

  // checkAndDecrement
  const pdbName = pdb.metadata.name ?? ''
  if ((st.observedGeneration ?? 0) < (pdb.metadata.generation ?? 0)) {
    throw tooManyRequests(`The disruption budget ${pdbName} is still being processed by the server.`)
  }
  const allowed = st.disruptionsAllowed ?? 0
  if (allowed < 0) {
    throw new EvictionError(403, 'Forbidden', 'pdb disruptions allowed is negative')
  }
  if (Object.keys(st.disruptedPods ?? {}).length > MAX_DISRUPTED_PODS) {
    throw new EvictionError(403, 'Forbidden', 'DisruptedPods map too big - too many evictions not confirmed by PDB controller')
  }
  if (allowed === 0) {
    throw tooManyRequests(`The disruption budget ${pdbName} needs ${st.desiredHealthy ?? 0} healthy pods and has ${st.currentHealthy ?? 0} currently`)
  }
  if (opts.dryRun) return
  const status = structuredClone(st)
  status.disruptionsAllowed = allowed - 1
  status.disruptedPods = {...(status.disruptedPods ?? {}), [name]: toRFC3339(clock.now())}
  api.updateStatus({...pdb, status})
  del()
}

/** The DisruptionTarget condition the server adds before deleting an evicted pod. */
function markDisruptionTarget(store: ObjectStore, clock: VirtualClock, key: string): void {
  const pod = store.get(key)
  if (!pod || pod.metadata.deletionTimestamp) return
  const phase = pod.status?.phase
  if (phase === 'Succeeded' || phase === 'Failed') return
  const copy = structuredClone(pod)
  copy.status ??= {}
  const conds = (copy.status.conditions ??= []) as any[]
  const cond = {lastProbeTime: null, lastTransitionTime: toRFC3339(clock.now()), message: 'Eviction API: evicting', reason: 'EvictionByEvictionAPI', status: 'True', type: 'DisruptionTarget'}
  const i = conds.findIndex((c) => c.type === 'DisruptionTarget')
  if (i >= 0) conds[i] = cond
  else conds.push(cond)
  store.update(copy)
}

/** evictPod by store key (`/Pod/<namespace>/<name>`). */
export function evict(deps: EvictionDeps, podKey: string, opts: EvictionOptions = {}): void {
  const [, , namespace, ...name] = podKey.split('/')
  evictPod(deps, namespace, name.join('/'), opts)
}
