// What a cluster is created from: node pools, Kubernetes version, seed, start time, scheduler configuration.
// Stored with the cluster (meta.options) so `cluster reset` can rebuild exactly the same cluster.

import {canonicalQuantity} from '../api/quantity.js'
import {hashString} from '../clock/random.js'
import {UserError} from '../errors.js'
import {DEFAULT_KUBERNETES_VERSION, SIMULATED_KUBERNETES_PATCH, SUPPORTED_KUBERNETES_VERSIONS} from '../version.js'

export type TaintEffect = 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute'

export interface Taint {
  key: string
  value?: string
  effect: TaintEffect
}

export interface NodePool {
  /** nodes are named `<name>-1`, `<name>-2`, ...; the pool made from command-line flags is named `node` */
  name: string
  count: number
  cpu: string
  memory: string
  pods: number
  ephemeralStorage: string
  labels: Record<string, string>
  taints: Taint[]
  /** topology.kubernetes.io/zone values given to the pool's nodes round-robin; empty = no zone label */
  zones: string[]
}

export interface ClusterCreateOptions {
  /** minor version, e.g. '1.32' */
  kubernetesVersion: string
  /** what nodes report as kubeletVersion, e.g. 'v1.32.8' */
  kubeletVersion: string
  seed: number
  /** virtual clock start, ms since the epoch, whole seconds */
  startTime: number
  nodePools: NodePool[]
  /** a KubeSchedulerConfiguration as given (parsed YAML/JSON); validated by the scheduler */
  schedulerConfig?: unknown
}

export const DEFAULT_POOL: Omit<NodePool, 'count'> = {
  name: 'node',
  cpu: '4',
  memory: '16Gi',
  pods: 110,
  ephemeralStorage: '100Gi',
  labels: {},
  taints: [],
  zones: ['zone-a', 'zone-b', 'zone-c'],
}
export const DEFAULT_NODE_COUNT = 3

/** The embedded default cluster (CLI.md §1), or a cluster created with no flags. */
export function defaultClusterOptions(name: string, startTime: number): ClusterCreateOptions {
  return {
    kubernetesVersion: DEFAULT_KUBERNETES_VERSION,
    kubeletVersion: SIMULATED_KUBERNETES_PATCH[DEFAULT_KUBERNETES_VERSION],
    seed: defaultSeed(name),
    startTime,
    nodePools: [{...DEFAULT_POOL, labels: {}, taints: [], zones: [...DEFAULT_POOL.zones], count: DEFAULT_NODE_COUNT}],
  }
}

/** The seed a cluster gets when none is given: derived from its name, so `default` is the same everywhere. */
export function defaultSeed(name: string): number {
  return hashString(name)
}

/** `1.32`, `v1.32`, `1.32.4` → {minor: '1.32', kubelet: 'v1.32.4' (or the simulated patch release)}. */
export function parseKubernetesVersion(s: string): {minor: string; kubelet: string} {
  const m = /^v?(\d+)\.(\d+)(?:\.(\d+))?$/.exec(String(s).trim())
  const minor = m ? `${m[1]}.${m[2]}` : ''
  if (!m || !SUPPORTED_KUBERNETES_VERSIONS.includes(minor)) {
    throw new UserError(
      `unsupported Kubernetes version "${s}": supported versions are ${SUPPORTED_KUBERNETES_VERSIONS[0]} to ${SUPPORTED_KUBERNETES_VERSIONS.at(-1)}`,
    )
  }
  return {minor, kubelet: m[3] !== undefined ? `v${minor}.${m[3]}` : SIMULATED_KUBERNETES_PATCH[minor]}
}

export function parseSeed(s: string | number): number {
  const n = typeof s === 'number' ? s : Number(String(s).trim())
  if (!Number.isSafeInteger(n) || n < 0 || String(s).trim() === '') throw new UserError(`invalid seed "${s}": must be a non-negative integer`)
  return n >>> 0 === n ? n : hashString(String(n))
}

/** RFC 3339 → ms, truncated to whole seconds as Kubernetes timestamps are. */
export function parseStartTime(s: string, what = '--start-time'): number {
  const ok = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/.test(s)
  const ms = ok ? Date.parse(s) : Number.NaN
  if (Number.isNaN(ms)) throw new UserError(`invalid ${what} "${s}": must be an RFC 3339 time such as 2026-01-01T00:00:00Z`)
  return Math.floor(ms / 1000) * 1000
}

/** SOURCE_DATE_EPOCH (seconds) when set, for reproducible builds and CI. */
export function sourceDateEpoch(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const v = env.SOURCE_DATE_EPOCH
  if (v === undefined || v === '') return undefined
  if (!/^\d+$/.test(v.trim())) throw new UserError(`invalid SOURCE_DATE_EPOCH "${v}": must be whole seconds since the epoch`)
  return Number(v.trim()) * 1000
}

export function parseCpu(s: string, what = 'cpu'): string {
  const q = canonicalQuantity(String(s))
  if (q === undefined || q.startsWith('-')) throw new UserError(`invalid ${what} "${s}": must be a quantity such as 4 or 3500m`)
  return q
}

export function parseMemory(s: string, what = 'memory'): string {
  const q = canonicalQuantity(String(s))
  if (q === undefined || q.startsWith('-')) throw new UserError(`invalid ${what} "${s}": must be a quantity such as 16Gi`)
  return q
}

export function parseCount(s: string | number, what: string): number {
  const n = typeof s === 'number' ? s : Number(String(s).trim())
  if (!Number.isSafeInteger(n) || n < 0 || String(s).trim() === '') throw new UserError(`invalid ${what} "${s}": must be a non-negative integer`)
  return n
}

const LABEL_KEY_RE = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/
const LABEL_VALUE_RE = /^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$/

export function checkLabel(key: string, value: string, what: string): void {
  const name = key.includes('/') ? key.slice(key.indexOf('/') + 1) : key
  if (!LABEL_KEY_RE.test(key) || name.length > 63 || key.length - name.length > 254) throw new UserError(`invalid ${what} key "${key}"`)
  if (value.length > 63 || !LABEL_VALUE_RE.test(value)) throw new UserError(`invalid ${what} value "${value}" for key "${key}"`)
}

/** `k=v,k2=v2` → labels. */
export function parseLabelList(s: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const part of s.split(',').map((p) => p.trim()).filter(Boolean)) {
    const i = part.indexOf('=')
    if (i <= 0) throw new UserError(`invalid node label "${part}": must be key=value`)
    const k = part.slice(0, i)
    const v = part.slice(i + 1)
    checkLabel(k, v, 'node label')
    out[k] = v
  }
  return out
}

const EFFECTS: TaintEffect[] = ['NoSchedule', 'PreferNoSchedule', 'NoExecute']

/** `key=value:Effect` or `key:Effect`, as `kubectl taint` takes them. */
export function parseTaint(s: string): Taint {
  const m = /^([^=:]+)(?:=([^:]*))?:([A-Za-z]+)$/.exec(s.trim())
  if (!m) throw new UserError(`invalid taint "${s}": must be key=value:Effect or key:Effect`)
  return checkTaint({key: m[1], value: m[2], effect: m[3] as TaintEffect})
}

export function checkTaint(t: {key?: unknown; value?: unknown; effect?: unknown}): Taint {
  const key = String(t.key ?? '')
  const value = t.value === undefined || t.value === null ? undefined : String(t.value)
  checkLabel(key, value ?? '', 'taint')
  if (!EFFECTS.includes(t.effect as TaintEffect)) {
    throw new UserError(`invalid taint effect "${String(t.effect)}" for key "${key}": must be one of NoSchedule, PreferNoSchedule, NoExecute`)
  }
  return value ? {key, value, effect: t.effect as TaintEffect} : {key, effect: t.effect as TaintEffect}
}

export function parseTaintList(s: string): Taint[] {
  return s.split(',').map((p) => p.trim()).filter(Boolean).map(parseTaint)
}

/** `a,b,c` → zone names; an empty string means no zone label. */
export function parseZoneList(s: string): string[] {
  const zones = s.split(',').map((z) => z.trim()).filter(Boolean)
  for (const z of zones) checkLabel('topology.kubernetes.io/zone', z, 'zone')
  return zones
}

/** Checks a pool and puts its quantities in canonical form. */
export function normalizePool(p: NodePool): NodePool {
  if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(p.name) || p.name.length > 50) {
    throw new UserError(`invalid node pool name "${p.name}": must be a DNS label of at most 50 characters`)
  }
  for (const [k, v] of Object.entries(p.labels)) checkLabel(k, v, 'node label')
  return {
    ...p,
    count: parseCount(p.count, `node count of pool "${p.name}"`),
    cpu: parseCpu(p.cpu),
    memory: parseMemory(p.memory),
    pods: parseCount(p.pods, 'pods'),
    ephemeralStorage: parseMemory(p.ephemeralStorage, 'ephemeral-storage'),
    taints: p.taints.map(checkTaint),
  }
}

export function totalNodes(o: ClusterCreateOptions): number {
  return o.nodePools.reduce((n, p) => n + p.count, 0)
}
