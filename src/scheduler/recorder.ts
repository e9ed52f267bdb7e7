// Decisions: each scheduling attempt's per-node, per-plugin results in CLI.md §6's shape. Attempts are kept in a
// compact typed form and turned into JSON on demand; above `fullDetailMaxNodes` nodes (unless explain) only a
// summary is kept (chosen node, score, runner-ups, reason counts) so memory stays bounded.
import {toRFC3339} from '../clock/clock.js'
import type {Code, Status} from './framework/status.js'

export interface FilterVerdict {
  plugin: string
  code: Code
  reasons: string[]
}

export interface ScoreEntry {
  plugin: string
  score: number
  weighted: number
}

export interface NodeDecision {
  name: string
  feasible: boolean
  filters: FilterVerdict[]
  scores: ScoreEntry[]
  total: number
}

export interface DecisionSummary {
  /** reason → number of nodes rejected with it (first failure per node) */
  reasons: Record<string, number>
  /** best feasible nodes after the chosen one, by total score */
  runnerUps: Array<{name: string; total: number}>
}

export interface DecisionRecord {
  pod: string
  attempt: number
  attempts: number
  time: string
  result: 'Scheduled' | 'Unschedulable'
  node: string | null
  nominatedNode: string | null
  message: string | null
  victims: string[]
  nodes: NodeDecision[]
  // additions to §6 (informational): counts for the decisions table, chosen node's score, summary mode
  score: number | null
  feasibleNodes: number
  evaluatedNodes: number
  totalNodes: number
  summary?: DecisionSummary
}

const NO_REASONS = new Map<number, string[]>()

/** A record's compact-nodes producer (read by the state's decision codec; a registered symbol, no import needed). */
export const COMPACT_NODES = Symbol.for('k8sim.compactNodes')

const CODES: Code[] = ['Success', 'Success', 'Skip', 'Unschedulable', 'UnschedulableAndUnresolvable', 'Error', 'Wait', 'Pending']
function codeIndex(s: Status | null): number {
  if (!s) return 1
  switch (s.code) {
    case 'Success':
      return 1
    case 'Skip':
      return 2
    case 'Unschedulable':
      return 3
    case 'UnschedulableAndUnresolvable':
      return 4
    case 'Wait':
      return 6
    case 'Pending':
      return 7
    default:
      return 5
  }
}

/** One attempt under construction, then stored. */
export class AttemptRecord {
  podKey = ''
  attempt = 0
  time = 0
  result: 'Scheduled' | 'Unschedulable' = 'Unschedulable'
  node: string | null = null
  nominatedNode: string | null = null
  message: string | null = null
  victims: string[] = []
  score: number | null = null
  totalNodes = 0
  feasibleCount = 0
  evaluatedCount = 0
  /** evaluated node names, in evaluation order (sorted into cluster order on output) */
  names: string[] = []
  private indexArr = new Int32Array(0)
  private feasibleBits = new Uint8Array(0)
  private totalsArr = new Int32Array(0)
  codes: Uint8Array | null = null
  /** per Filter plugin: skipped by its PreFilter in this attempt (cells left 0 read as Skip) */
  skipMask: boolean[] | null = null
  /** failure reasons by cell (full mode only) */
  reasons: Map<number, string[]>
  scores: Int16Array | null = null
  summary?: DecisionSummary
  private capacity = 0

  constructor(
    readonly full: boolean,
    readonly filterPlugins: string[],
    public scorePlugins: string[] = [],
    public weights: number[] = [],
  ) {
    this.reasons = full ? new Map() : NO_REASONS
  }

  /** Register an evaluated node; returns its row. */
  addNode(name: string, clusterIndex: number): number {
    this.evaluatedCount++
    if (!this.full) return -1
    const row = this.names.length
    if (row >= this.capacity) this.grow()
    this.names.push(name)
    this.indexArr[row] = clusterIndex
    return row
  }

  /** size the per-node arrays for n evaluated nodes up front */
  reserve(n: number): void {
    if (this.full && n > this.capacity) {
      this.capacity = Math.max(1, n) / 2
      this.grow()
    }
  }

  private grow(): void {
    this.capacity = Math.max(16, this.capacity * 2)
    const nf = this.filterPlugins.length
    const c = new Uint8Array(this.capacity * nf)
    if (this.codes) c.set(this.codes)
    this.codes = c
    const idx = new Int32Array(this.capacity)
    idx.set(this.indexArr)
    this.indexArr = idx
    const f = new Uint8Array(this.capacity)
    f.set(this.feasibleBits)
    this.feasibleBits = f
    const t = new Int32Array(this.capacity)
    t.set(this.totalsArr)
    this.totalsArr = t
  }

  markFeasible(row: number): void {
    if (row >= 0) this.feasibleBits[row] = 1
  }

  setTotal(row: number, total: number): void {
    if (row >= 0) this.totalsArr[row] = total
  }

  /** forget the evaluated nodes (the nominated node was tried first and failed) */
  resetNodes(): void {
    this.names.length = 0
    this.reasons.clear()
    this.evaluatedCount = 0
    if (this.codes) this.codes.fill(0)
    this.feasibleBits.fill(0)
    this.totalsArr.fill(0)
  }

  setFilter(row: number, pluginIndex: number, s: Status | null): void {
    if (row < 0 || !this.codes) return
    const i = row * this.filterPlugins.length + pluginIndex
    this.codes[i] = codeIndex(s)
    if (s && s.reasons.length > 0 && s.code !== 'Skip') this.reasons.set(i, s.reasons)
  }

  /** Scores for feasible rows: normalized per plugin (-1 = not run). */
  initScores(): void {
    if (!this.full) return
    this.scores = new Int16Array(this.names.length * this.scorePlugins.length).fill(-1)
  }

  setScore(row: number, pluginIndex: number, score: number): void {
    if (row >= 0 && this.scores) this.scores[row * this.scorePlugins.length + pluginIndex] = score
  }

  /** Trim the per-node data once the attempt is over. */
  finish(): void {
    if (!this.full) return
    const n = this.names.length
    if (this.codes) this.codes = this.codes.slice(0, n * this.filterPlugins.length)
    this.feasibleBits = this.feasibleBits.slice(0, n)
    this.totalsArr = this.totalsArr.slice(0, n)
    this.indexArr = this.indexArr.slice(0, n)
    this.capacity = n
  }

  private nodeDecisions(): NodeDecision[] {
    const nodes: NodeDecision[] = []
    if (!this.full) return nodes
    const idx = (r: number) => this.indexArr[r]
    const total = (r: number) => this.totalsArr[r]
    const order = this.names.map((_, i) => i).sort((a, b) => idx(a) - idx(b))
    const nf = this.filterPlugins.length
    const ns = this.scorePlugins.length
    for (const row of order) {
      const filters: FilterVerdict[] = []
      for (let p = 0; p < nf; p++) {
        const i = row * nf + p
        let c = this.codes ? this.codes[i] : 0
        if (c === 0 && this.skipMask?.[p]) c = 2 // skipped by its PreFilter
        if (c === 0) continue
        filters.push({plugin: this.filterPlugins[p], code: CODES[c], reasons: this.reasons.get(i) ?? []})
      }
      const feasible = this.feasibleBits[row] === 1
      const scores: ScoreEntry[] = []
      if (this.scores && feasible) {
        for (let p = 0; p < ns; p++) {
          const s = this.scores[row * ns + p]
          if (s < 0) continue
          scores.push({plugin: this.scorePlugins[p], score: s, weighted: s * this.weights[p]})
        }
      }
      nodes.push({name: this.names[row], feasible, filters, scores, total: total(row)})
    }
    return nodes
  }

  /**
   * The `nodes` list in the storage codec's compact form (state/decision-codec.ts), built straight from the typed
   * arrays: same content as nodeDecisions(), without making an object per node and plugin.
   */
  private compactNodes(): {strings: string[]; rows: unknown[][]} | undefined {
    if (!this.full || this.names.length === 0) return undefined
    const strings: string[] = []
    const index = new Map<string, number>()
    const str = (x: string): number => {
      let i = index.get(x)
      if (i === undefined) {
        i = strings.length
        strings.push(x)
        index.set(x, i)
      }
      return i
    }
    const nf = this.filterPlugins.length
    const ns = this.scorePlugins.length
    const fIdx = this.filterPlugins.map(str)
    const codeIdx = CODES.map(str)
    const sIdx = this.scorePlugins.map(str)
    const order = this.names.map((_, i) => i).sort((a, b) => this.indexArr[a] - this.indexArr[b])
    const rows: unknown[][] = []
    for (const row of order) {
      const f: unknown[] = []
      for (let p = 0; p < nf; p++) {
        const i = row * nf + p
        let c = this.codes ? this.codes[i] : 0
        if (c === 0 && this.skipMask?.[p]) c = 2
        if (c === 0) continue
        const reasons = this.reasons.get(i)
        f.push(fIdx[p], codeIdx[c], reasons && reasons.length > 0 ? reasons : 0)
      }
      const feasible = this.feasibleBits[row] === 1
      const sc: unknown[] = []
      if (this.scores && feasible) {
        for (let p = 0; p < ns; p++) {
          const v = this.scores[row * ns + p]
          if (v < 0) continue
          sc.push(sIdx[p], v, v * this.weights[p])
        }
      }
      rows.push([this.names[row], feasible ? 1 : 0, f, sc, this.totalsArr[row]])
    }
    return {strings, rows}
  }

  /** The §6 record. `nodes` is built when first read (large clusters: only read what you need). */
  toJSON(attempts: number): DecisionRecord {
    const rec = {
      pod: this.podKey,
      attempt: this.attempt,
      attempts,
      time: toRFC3339(this.time),
      result: this.result,
      node: this.node,
      nominatedNode: this.nominatedNode,
      message: this.message,
      victims: this.victims,
    } as DecisionRecord
    let nodes: NodeDecision[] | undefined
    Object.defineProperty(rec, 'nodes', {
      enumerable: true,
      configurable: true,
      get: () => (nodes ??= this.nodeDecisions()),
      set: (v: NodeDecision[]) => {
        nodes = v
      },
    })
    // for saving: the nodes in compact form, unless `nodes` was read or replaced (then the codec encodes that)
    Object.defineProperty(rec, COMPACT_NODES, {enumerable: false, value: () => (nodes === undefined ? this.compactNodes() : undefined)})
    rec.score = this.score
    rec.feasibleNodes = this.feasibleCount
    rec.evaluatedNodes = this.evaluatedCount
    rec.totalNodes = this.totalNodes
    if (this.summary) rec.summary = this.summary
    return rec
  }
}

/** Keeps every attempt per pod (for decisionsFor) and the ones not yet taken (for takeDecisions). */
export class DecisionRecorder {
  private byPod = new Map<string, AttemptRecord[]>()
  private pending: AttemptRecord[] = []

  attemptsFor(podKey: string): number {
    return this.byPod.get(podKey)?.length ?? 0
  }

  add(r: AttemptRecord): void {
    r.finish()
    let list = this.byPod.get(r.podKey)
    if (!list) this.byPod.set(r.podKey, (list = []))
    list.push(r)
    this.pending.push(r)
  }

  take(): DecisionRecord[] {
    const out = this.pending.map((r) => r.toJSON(this.attemptsFor(r.podKey)))
    this.pending = []
    return out
  }

  decisionsFor(podKey: string): DecisionRecord[] {
    const list = this.byPod.get(podKey) ?? []
    return list.map((r) => r.toJSON(list.length))
  }

  forget(podKey: string): void {
    this.byPod.delete(podKey)
  }
}
