// The cluster sessions behind `cordon`, `uncordon`, `drain` and `node fail|recover|add`: open the cluster (one
// transaction; a dry run rolls back), start the engine, do the operation, let the simulation run, and return the
// lines to print. Commands only parse flags and print.

import {withCluster, type ClusterSession} from '../state/session.js'
import {Engine} from '../engine/engine.js'
import {recordDecisions} from '../state/decision-log.js'
import {cordonNode, resolveNodes, type DryRun} from './cordon.js'
import {runDrain, type DrainOptions, type OutputLine} from './drain.js'
import {findReplacements, type ReplacementRow} from './replacements.js'
import {drainReport, type DrainReport} from './report.js'
import {addNode, failNode, recoverNode, type AddNodeInput, type NodeOpsDeps} from './node-ops.js'

export interface SessionTarget {
  home?: string
  cluster?: string
}

function engineFor(s: ClusterSession): Engine {
  const engine = new Engine(s, {schedulerConfig: (s.meta as any).schedulerConfig})
  engine.start()
  return engine
}

function finish(s: ClusterSession, engine: Engine, timeoutMs: number): void {
  engine.runUntilSettled({timeoutMs})
  if (s.write && !s.dryRun) recordDecisions(s, engine.decisions())
}

/** cordon (desired = true) / uncordon: kubectl's lines; controllers react at the current instant. */
export async function runCordon(t: SessionTarget, o: {names: string[]; selector?: string; desired: boolean; dryRun: DryRun}): Promise<string[]> {
  return withCluster({...t, write: true, dryRun: o.dryRun !== 'none'}, (s) => {
    const engine = engineFor(s)
    const lines = resolveNodes(s.store, o.names, o.selector).map((n) => cordonNode(engine.api, n, o.desired, o.dryRun, engine.events))
    finish(s, engine, 0)
    return lines
  })
}

export interface DrainRun {
  lines: OutputLine[]
  replacements: ReplacementRow[]
  error?: string
  report: DrainReport
}

export async function runDrainCommand(t: SessionTarget, o: DrainOptions, settleMs: number): Promise<DrainRun> {
  return withCluster({...t, write: true, dryRun: o.dryRun !== 'none'}, (s) => {
    const engine = engineFor(s)
    const before = new Set(s.store.list('/Pod').map((p) => p.metadata.uid ?? ''))
    const start = s.clock.now()
    const res = runDrain({store: s.store, clock: s.clock, api: engine.api, advance: (ms) => engine.advance(ms), events: engine.events}, o)
    let replacements: ReplacementRow[] = []
    if (o.dryRun === 'none') {
      finish(s, engine, settleMs)
      replacements = findReplacements(s.store, res.evicted, before)
    }
    const report = drainReport(res, replacements, {cluster: s.name, dryRun: o.dryRun !== 'none', start, end: s.clock.now()})
    return {lines: res.lines, replacements, error: res.error, report}
  })
}

function deps(s: ClusterSession, engine: Engine): NodeOpsDeps {
  return {store: s.store, clock: s.clock, rng: s.rng, api: engine.api, events: engine.events}
}

export interface NodeOpResult {
  line: string
  /** virtual ms when the operation started */
  start: number
  /** events recorded or updated since the operation started */
  events: import('../api/types.js').KubeObject[]
  now: number
}

async function nodeOp(t: SessionTarget, timeoutMs: number, op: (d: NodeOpsDeps, s: ClusterSession) => string): Promise<NodeOpResult> {
  return withCluster({...t, write: true}, (s) => {
    const engine = engineFor(s)
    const start = s.clock.now()
    const seen = new Map(s.store.list('/Event').map((e) => [e.metadata.uid, e.metadata.resourceVersion]))
    const line = op(deps(s, engine), s)
    finish(s, engine, timeoutMs)
    const events = s.store.list('/Event').filter((e) => seen.get(e.metadata.uid) !== e.metadata.resourceVersion)
    return {line, start, events, now: s.clock.now()}
  })
}

export const runNodeFail = (t: SessionTarget, name: string, timeoutMs: number) => nodeOp(t, timeoutMs, (d) => failNode(d, name))
export const runNodeRecover = (t: SessionTarget, name: string, timeoutMs: number) => nodeOp(t, timeoutMs, (d) => recoverNode(d, name))
export const runNodeAdd = (t: SessionTarget, n: AddNodeInput, timeoutMs: number) =>
  nodeOp(t, timeoutMs, (d, s) => addNode(d, n, s.meta.options?.kubeletVersion ?? `v${s.kubernetesVersion}.0`))
