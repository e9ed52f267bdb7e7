// KubeSchedulerConfiguration (kubescheduler.config.k8s.io/v1): profiles by schedulerName, plugins enabled/disabled
// per extension point (merged with the default MultiPoint set as v1's mergePluginSet and the framework's
// expandMultiPointPlugins do), weights, pluginConfig args, percentageOfNodesToScore, backoff. Invalid
// configurations are rejected with the field path.
import {parse as parseYaml} from 'yaml'
import {UserError} from '../errors.js'
import {DEFAULT_MULTIPOINT, EXTENSION_POINTS, type ExtensionPoint, implementsPoint, type PluginRef, REGISTRY} from './registry.js'

export const DEFAULT_SCHEDULER_NAME = 'default-scheduler'

export interface ProfileConfig {
  schedulerName: string
  percentageOfNodesToScore?: number
  /** enabled plugins per extension point, in run order */
  points: Record<ExtensionPoint, string[]>
  /** score weights */
  weights: Record<string, number>
  /** pluginConfig args by plugin name */
  pluginArgs: Record<string, any>
}

export interface SchedulerConfig {
  percentageOfNodesToScore: number
  podInitialBackoffSeconds: number
  podMaxBackoffSeconds: number
  profiles: ProfileConfig[]
}

interface PluginSet {
  enabled: PluginRef[]
  disabled: PluginRef[]
}

class ConfigError extends UserError {
  constructor(path: string, detail: string) {
    super(`invalid scheduler configuration: ${path}: ${detail}`)
  }
}

function invalid(path: string, value: unknown, detail: string): never {
  throw new ConfigError(path, `Invalid value: ${JSON.stringify(value)}: ${detail}`)
}

function mergePluginSet(def: PluginSet, custom: PluginSet): PluginSet {
  const disabledNames = new Set<string>()
  const disabled: PluginRef[] = []
  for (const p of custom.disabled) {
    disabled.push({name: p.name})
    disabledNames.add(p.name)
  }
  for (const p of def.disabled) {
    disabled.push({name: p.name})
    disabledNames.add(p.name)
  }
  const customByName = new Map<string, number>()
  custom.enabled.forEach((p, i) => customByName.set(p.name, i))
  const replaced = new Set<number>()
  const enabled: PluginRef[] = []
  if (!disabledNames.has('*')) {
    for (const p of def.enabled) {
      if (disabledNames.has(p.name)) continue
      const ci = customByName.get(p.name)
      if (ci !== undefined) {
        enabled.push(custom.enabled[ci])
        replaced.add(ci)
      } else {
        enabled.push(p)
      }
    }
  }
  custom.enabled.forEach((p, i) => {
    if (!replaced.has(i)) enabled.push(p)
  })
  return {enabled, disabled}
}

function readPluginSet(raw: any, path: string): PluginSet {
  if (raw == null) return {enabled: [], disabled: []}
  if (typeof raw !== 'object' || Array.isArray(raw)) invalid(path, raw, 'must be an object')
  const list = (v: any, p: string): PluginRef[] => {
    if (v == null) return []
    if (!Array.isArray(v)) invalid(p, v, 'must be a list')
    return v.map((x: any, i: number) => {
      if (!x || typeof x.name !== 'string' || x.name === '') throw new ConfigError(`${p}[${i}].name`, 'Required value')
      if (x.weight !== undefined && (!Number.isInteger(x.weight) || x.weight < 0)) invalid(`${p}[${i}].weight`, x.weight, 'must be a non-negative integer')
      return {name: x.name, weight: x.weight}
    })
  }
  return {enabled: list(raw.enabled, `${path}.enabled`), disabled: list(raw.disabled, `${path}.disabled`)}
}

function checkPluginNames(set: PluginSet, path: string): void {
  set.enabled.forEach((p, i) => {
    if (!REGISTRY[p.name]) invalid(`${path}.enabled[${i}].name`, p.name, `plugin "${p.name}" does not exist`)
  })
}

function buildProfile(raw: any, path: string): ProfileConfig {
  const schedulerName = raw?.schedulerName
  if (typeof schedulerName !== 'string' || schedulerName === '') throw new ConfigError(`${path}.schedulerName`, 'Required value')
  let pct: number | undefined
  if (raw.percentageOfNodesToScore !== undefined && raw.percentageOfNodesToScore !== null) {
    pct = raw.percentageOfNodesToScore
    if (!Number.isInteger(pct) || pct! < 0 || pct! > 100) invalid(`${path}.percentageOfNodesToScore`, pct, 'not in valid range [0-100]')
  }
  const plugins = raw.plugins ?? {}
  const multiCustom = readPluginSet(plugins.multiPoint, `${path}.plugins.multiPoint`)
  checkPluginNames(multiCustom, `${path}.plugins.multiPoint`)
  const multi = mergePluginSet({enabled: DEFAULT_MULTIPOINT, disabled: []}, multiCustom)
  const points = {} as Record<ExtensionPoint, string[]>
  const scoreEnabled: PluginRef[] = []
  for (const point of EXTENSION_POINTS) {
    const custom = readPluginSet(plugins[point], `${path}.plugins.${point}`)
    checkPluginNames(custom, `${path}.plugins.${point}`)
    custom.enabled.forEach((p, i) => {
      if (!implementsPoint(p.name, point)) invalid(`${path}.plugins.${point}.enabled[${i}].name`, p.name, `plugin "${p.name}" does not extend ${point} plugin`)
    })
    const set = mergePluginSet({enabled: [], disabled: []}, custom)
    if (point === 'score') scoreEnabled.push(...set.enabled)
    const enabledNames = set.enabled.map((p) => p.name)
    const disabledNames = new Set(set.disabled.map((p) => p.name))
    if (disabledNames.has('*')) {
      points[point] = enabledNames
      continue
    }
    const overrides = new Set<string>()
    const fromMulti: string[] = []
    for (const p of multi.enabled) {
      if (!implementsPoint(p.name, point) || disabledNames.has(p.name)) continue
      if (enabledNames.includes(p.name)) {
        overrides.add(p.name)
        continue
      }
      if (fromMulti.includes(p.name)) invalid(`${path}.plugins.multiPoint`, p.name, `plugin "${p.name}" already registered as ${point}`)
      fromMulti.push(p.name)
    }
    points[point] = [...enabledNames.filter((n) => overrides.has(n)), ...fromMulti, ...enabledNames.filter((n) => !overrides.has(n))]
  }
  const weights: Record<string, number> = {}
  for (const p of [...scoreEnabled, ...multi.enabled]) {
    if (!implementsPoint(p.name, 'score') || p.name in weights) continue
    weights[p.name] = p.weight || 1
  }
  if (points.queueSort.length !== 1) invalid(`${path}.plugins.queueSort`, points.queueSort, 'exactly one queue sort plugin must be enabled')
  if (points.bind.length === 0) throw new ConfigError(`${path}.plugins.bind`, 'Required value: at least one bind plugin is needed')
  const pluginArgs: Record<string, any> = {}
  const pcs = raw.pluginConfig ?? []
  if (!Array.isArray(pcs)) invalid(`${path}.pluginConfig`, pcs, 'must be a list')
  pcs.forEach((pc: any, i: number) => {
    const p = `${path}.pluginConfig[${i}]`
    if (!pc || typeof pc.name !== 'string' || pc.name === '') throw new ConfigError(`${p}.name`, 'Required value')
    if (!REGISTRY[pc.name]) invalid(`${p}.name`, pc.name, `plugin "${pc.name}" does not exist`)
    if (pc.name in pluginArgs) throw new ConfigError(p, `Duplicate value: ${JSON.stringify(pc.name)}`)
    const args = pc.args ?? {}
    validateArgs(pc.name, args, `${p}.args`)
    pluginArgs[pc.name] = args
  })
  return {schedulerName, percentageOfNodesToScore: pct, points, weights, pluginArgs}
}

function checkRange(path: string, v: unknown, lo: number, hi: number, what = `not in valid range [${lo}, ${hi}]`): void {
  if (v === undefined) return
  if (typeof v !== 'number' || !Number.isInteger(v) || v < lo || v > hi) invalid(path, v, what)
}

/** pkg/scheduler/apis/config/validation/validation_pluginargs.go, the common cases */
function validateArgs(name: string, args: any, path: string): void {
  switch (name) {
    case 'NodeResourcesFit': {
      const s = args.scoringStrategy
      if (!s) return
      const types = ['LeastAllocated', 'MostAllocated', 'RequestedToCapacityRatio']
      if (s.type !== undefined && !types.includes(s.type)) {
        throw new ConfigError(`${path}.scoringStrategy.type`, `Unsupported value: ${JSON.stringify(s.type)}: supported values: ${types.map((t) => `"${t}"`).join(', ')}`)
      }
      ;(s.resources ?? []).forEach((r: any, i: number) => {
        checkRange(`${path}.scoringStrategy.resources[${i}].weight`, r.weight, 1, 100, `resource weight of ${r.name} not in valid range [1, 100]`)
      })
      if (s.type === 'RequestedToCapacityRatio') {
        const shape: any[] = s.requestedToCapacityRatio?.shape ?? []
        if (shape.length === 0) throw new ConfigError(`${path}.scoringStrategy.requestedToCapacityRatio.shape`, 'Required value: at least one point must be specified')
        shape.forEach((pt, i) => {
          checkRange(`${path}.scoringStrategy.requestedToCapacityRatio.shape[${i}].utilization`, pt.utilization, 0, 100)
          checkRange(`${path}.scoringStrategy.requestedToCapacityRatio.shape[${i}].score`, pt.score, 0, 10)
          if (i > 0 && pt.utilization <= shape[i - 1].utilization) {
            invalid(`${path}.scoringStrategy.requestedToCapacityRatio.shape[${i}].utilization`, pt.utilization, 'utilization values must be sorted in increasing order')
          }
        })
      }
      return
    }
    case 'NodeResourcesBalancedAllocation':
      ;(args.resources ?? []).forEach((r: any, i: number) => checkRange(`${path}.resources[${i}].weight`, r.weight, 1, 1, 'must be 1'))
      return
    case 'InterPodAffinity':
      checkRange(`${path}.hardPodAffinityWeight`, args.hardPodAffinityWeight, 0, 100)
      return
    case 'DefaultPreemption':
      checkRange(`${path}.minCandidateNodesPercentage`, args.minCandidateNodesPercentage, 0, 100)
      if (args.minCandidateNodesAbsolute !== undefined && (!Number.isInteger(args.minCandidateNodesAbsolute) || args.minCandidateNodesAbsolute < 0)) {
        invalid(`${path}.minCandidateNodesAbsolute`, args.minCandidateNodesAbsolute, 'not in valid range [0, inf)')
      }
      if (args.minCandidateNodesPercentage === 0 && args.minCandidateNodesAbsolute === 0) {
        invalid(`${path}.minCandidateNodesPercentage`, 0, 'cannot be zero at the same time as minCandidateNodesAbsolute')
      }
      return
    case 'PodTopologySpread': {
      const t = args.defaultingType
      if (t !== undefined && t !== 'System' && t !== 'List') {
        throw new ConfigError(`${path}.defaultingType`, `Unsupported value: ${JSON.stringify(t)}: supported values: "List", "System"`)
      }
      if ((t ?? 'System') === 'System' && (args.defaultConstraints ?? []).length > 0) {
        invalid(`${path}.defaultConstraints`, args.defaultConstraints, 'when .defaultingType is "System", .defaultConstraints must be empty')
      }
      ;(args.defaultConstraints ?? []).forEach((c: any, i: number) => {
        if (!c.topologyKey) throw new ConfigError(`${path}.defaultConstraints[${i}].topologyKey`, 'Required value: can not be empty')
        if (!(Number.isInteger(c.maxSkew) && c.maxSkew > 0)) invalid(`${path}.defaultConstraints[${i}].maxSkew`, c.maxSkew, 'not in valid range (0, inf)')
        if (c.labelSelector) invalid(`${path}.defaultConstraints[${i}].labelSelector`, c.labelSelector, 'constraint must not define a selector, as they deduced for each pod')
      })
      return
    }
    case 'VolumeBinding':
      if (args.bindTimeoutSeconds !== undefined && (!Number.isInteger(args.bindTimeoutSeconds) || args.bindTimeoutSeconds < 0)) {
        invalid(`${path}.bindTimeoutSeconds`, args.bindTimeoutSeconds, 'invalid BindTimeoutSeconds, should not be a negative value')
      }
      return
    default:
      return
  }
}

/** The default configuration: one profile, default-scheduler, the v1.32 default plugins. */
export function defaultSchedulerConfig(): SchedulerConfig {
  return parseSchedulerConfig(undefined)
}

/** Parse and validate a KubeSchedulerConfiguration (object or YAML/JSON text); undefined = defaults. */
export function parseSchedulerConfig(input: unknown): SchedulerConfig {
  let raw: any = input
  if (typeof input === 'string') {
    try {
      raw = parseYaml(input, {version: '1.1'})
    } catch (e) {
      throw new UserError(`invalid scheduler configuration: ${(e as Error).message}`)
    }
  }
  if (raw === undefined || raw === null) raw = {apiVersion: 'kubescheduler.config.k8s.io/v1', kind: 'KubeSchedulerConfiguration'}
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new UserError('invalid scheduler configuration: expected a KubeSchedulerConfiguration object')
  if (raw.apiVersion !== 'kubescheduler.config.k8s.io/v1') {
    throw new ConfigError('apiVersion', `Unsupported value: ${JSON.stringify(raw.apiVersion ?? '')}: supported values: "kubescheduler.config.k8s.io/v1"`)
  }
  if (raw.kind !== 'KubeSchedulerConfiguration') {
    throw new ConfigError('kind', `Unsupported value: ${JSON.stringify(raw.kind ?? '')}: supported values: "KubeSchedulerConfiguration"`)
  }
  const pct = raw.percentageOfNodesToScore ?? 0
  checkRange('percentageOfNodesToScore', pct, 0, 100, 'not in valid range [0-100]')
  const initial = raw.podInitialBackoffSeconds ?? 1
  const max = raw.podMaxBackoffSeconds ?? 10
  if (!Number.isInteger(initial) || initial <= 0) invalid('podInitialBackoffSeconds', initial, 'must be greater than 0')
  if (!Number.isInteger(max) || max < initial) invalid('podMaxBackoffSeconds', max, 'must be greater than or equal to PodInitialBackoffSeconds')
  if (raw.parallelism !== undefined && (!Number.isInteger(raw.parallelism) || raw.parallelism <= 0)) {
    invalid('parallelism', raw.parallelism, 'should be an integer value greater than zero')
  }
  const rawProfiles: any[] = raw.profiles ?? [{schedulerName: DEFAULT_SCHEDULER_NAME}]
  if (!Array.isArray(rawProfiles)) invalid('profiles', rawProfiles, 'must be a list')
  if (rawProfiles.length === 0) throw new ConfigError('profiles', 'Required value')
  const profiles: ProfileConfig[] = []
  const seen = new Set<string>()
  rawProfiles.forEach((rp, i) => {
    const p = buildProfile(rawProfiles.length === 1 ? {schedulerName: DEFAULT_SCHEDULER_NAME, ...rp} : rp, `profiles[${i}]`)
    if (seen.has(p.schedulerName)) throw new ConfigError(`profiles[${i}].schedulerName`, `Duplicate value: ${JSON.stringify(p.schedulerName)}`)
    seen.add(p.schedulerName)
    if (i > 0 && p.points.queueSort.join() !== profiles[0].points.queueSort.join()) {
      invalid(`profiles[${i}].plugins.queueSort`, p.points.queueSort, 'queueSort must be the same for all profiles')
    }
    profiles.push(p)
  })
  return {percentageOfNodesToScore: pct, podInitialBackoffSeconds: initial, podMaxBackoffSeconds: max, profiles}
}
