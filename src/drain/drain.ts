// `kubectl drain` (k8s.io/kubectl/pkg/cmd/drain and pkg/drain, v1.32) against the simulated cluster: cordon every
// node, then per node list the pods, run the filters, and evict them (or delete them with --disable-eviction; see
// evict.ts). Output lines are kubectl's, in order, with their stream.

import type {ObjectStore} from '../api/store/store.js'
import {matchesRequirements, parseLabelSelectorString, type Requirement} from '../api/selectors.js'
import type {VirtualClock} from '../clock/clock.js'
import type {ApiServer} from '../engine/apiserver.js'
import type {EventRecorder} from '../api/events.js'
import {UserError} from '../errors.js'
import {cordonNode, dryRunSuffix, resolveNodes, type DryRun} from './cordon.js'
import {aggregate, listErrors, listWarnings, podsForDeletion, podsToDelete, type FilterOptions} from './filters.js'
import {deletePods, evictPods} from './evict.js'

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
  /** records the kubelet's NodeNotSchedulable event on cordon, when given */
  events?: EventRecorder
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
  /** eviction requests made (1 + the ones the budget refused) */
  attempts: number
  /** virtual ms when the pod began terminating, if it already was before the drain (a failed node's pod) */
  terminatingSince?: number
}

export interface DrainResult {
  lines: OutputLine[]
  /** nodes in the order worked on */
  nodes: string[]
  evicted: EvictedPod[]
  drained: string[]
  /** the error kubectl returns (printed as `error: ...`, exit 1), if any */
  error?: string
}

export {goDuration} from './evict.js'

export function validatePodSelector(s: string | undefined): Requirement[] | undefined {
  if (!s) return undefined
  try {
    return parseLabelSelectorString(s)
  } catch {
    throw new UserError('--pod-selector=<pod_selector> must be a valid label selector')
  }
}

export function runDrain(deps: DrainDeps, o: DrainOptions): DrainResult {
  const res: DrainResult = {lines: [], nodes: [], evicted: [], drained: []}
  const out = (text: string) => res.lines.push({stream: 'out', text})
  const err = (text: string) => res.lines.push({stream: 'err', text})
  const podReqs = validatePodSelector(o.podSelector)
  const podSelector = (labels: Record<string, string>) => !podReqs || matchesRequirements(podReqs, labels)
  const nodes = resolveNodes(deps.store, o.nodes, o.selector)
  res.nodes = nodes.map((n) => n.metadata.name ?? '')

  for (const node of nodes) out(cordonNode(deps.api, node, true, o.dryRun, deps.events))

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
