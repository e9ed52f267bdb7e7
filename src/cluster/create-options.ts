// `cluster create` flags and Cluster file → the cluster's name and ClusterCreateOptions. Precedence: flags, then
// the Cluster file, then the defaults of CLI.md §1. The start time: --start-time, the file's spec.startTime,
// SOURCE_DATE_EPOCH, else the wall clock the command layer passes in.

import {parseSchedulerConfig} from '../scheduler/config.js'
import {UsageError, UserError} from '../errors.js'
import {readClusterFile} from './cluster-file.js'
import {
  type ClusterCreateOptions,
  DEFAULT_NODE_COUNT,
  DEFAULT_POOL,
  defaultSeed,
  normalizePool,
  parseCount,
  parseCpu,
  parseKubernetesVersion,
  parseLabelList,
  parseMemory,
  parseSeed,
  parseStartTime,
  parseTaintList,
  parseZoneList,
  sourceDateEpoch,
} from './options.js'
import {readYamlDocs} from './yaml-docs.js'
import {DEFAULT_KUBERNETES_VERSION} from '../version.js'

export interface CreateInput {
  name?: string
  file?: string
  nodes?: string | number
  cpu?: string
  memory?: string
  pods?: string | number
  zones?: string
  nodeLabels?: string
  taints?: string
  kubernetesVersion?: string
  seed?: string | number
  startTime?: string
  schedulerConfig?: string
  /** wall clock (ms) read by the command layer */
  wallClockMs: number
}

const NODE_FLAGS: Array<[keyof CreateInput, string]> = [
  ['nodes', '--nodes'],
  ['cpu', '--cpu'],
  ['memory', '--memory'],
  ['pods', '--pods'],
  ['zones', '--zones'],
  ['nodeLabels', '--node-labels'],
  ['taints', '--taints'],
]

export async function buildCreateOptions(input: CreateInput): Promise<{name: string; options: ClusterCreateOptions}> {
  const file = input.file ? await readClusterFile(input.file) : {}
  const name = input.name ?? file.name ?? 'default'
  const usedNodeFlags = NODE_FLAGS.filter(([k]) => input[k] !== undefined).map(([, f]) => f)
  if (file.nodePools && usedNodeFlags.length > 0) {
    throw new UsageError(`${usedNodeFlags.join(', ')} cannot be combined with a Cluster file that lists nodePools`)
  }
  const nodePools = file.nodePools ?? [
    normalizePool({
      ...DEFAULT_POOL,
      count: input.nodes !== undefined ? parseCount(input.nodes, '--nodes') : DEFAULT_NODE_COUNT,
      cpu: input.cpu !== undefined ? parseCpu(input.cpu, '--cpu') : DEFAULT_POOL.cpu,
      memory: input.memory !== undefined ? parseMemory(input.memory, '--memory') : DEFAULT_POOL.memory,
      pods: input.pods !== undefined ? parseCount(input.pods, '--pods') : DEFAULT_POOL.pods,
      labels: input.nodeLabels !== undefined ? parseLabelList(input.nodeLabels) : {},
      taints: input.taints !== undefined ? parseTaintList(input.taints) : [],
      zones: input.zones !== undefined ? parseZoneList(input.zones) : [...DEFAULT_POOL.zones],
    }),
  ]
  const version = input.kubernetesVersion !== undefined ? parseKubernetesVersion(input.kubernetesVersion) : (file.kubernetesVersion ?? parseKubernetesVersion(DEFAULT_KUBERNETES_VERSION))
  const startTime =
    input.startTime !== undefined ? parseStartTime(input.startTime) : (file.startTime ?? sourceDateEpoch() ?? Math.floor(input.wallClockMs / 1000) * 1000)
  const schedulerConfig = input.schedulerConfig !== undefined ? readSchedulerConfig(input.schedulerConfig) : file.schedulerConfig
  return {
    name,
    options: {
      kubernetesVersion: version.minor,
      kubeletVersion: version.kubelet,
      seed: input.seed !== undefined ? parseSeed(input.seed) : (file.seed ?? defaultSeed(name)),
      startTime,
      nodePools,
      ...(schedulerConfig !== undefined ? {schedulerConfig} : {}),
    },
  }
}

/** A KubeSchedulerConfiguration file, kept as parsed once the scheduler's validation accepts it. */
export function readSchedulerConfig(file: string): unknown {
  const docs = readYamlDocs(file)
  if (docs.length !== 1) throw new UserError(`${docs[0]?.file ?? file}: expected one KubeSchedulerConfiguration document, found ${docs.length}`)
  const v = docs[0].value as any
  if (!v || typeof v !== 'object' || v.kind !== 'KubeSchedulerConfiguration') {
    throw new UserError(`${docs[0].file}: expected kind KubeSchedulerConfiguration (apiVersion kubescheduler.config.k8s.io/v1), got ${v?.kind ? `"${v.kind}"` : 'no kind'}`)
  }
  try {
    parseSchedulerConfig(v)
  } catch (e) {
    if (e instanceof UserError) throw new UserError(`${docs[0].file}: ${e.message}`)
    throw e
  }
  return v
}
