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

/** validation.go invalidPluginsByVersion for kubescheduler.config.k8s.io/v1 */
const REMOVED_PLUGINS = ['AzureDiskLimits', 'CinderLimits', 'EBSLimits', 'GCEPDLimits']
const REMOVED_DETAIL = 'was invalid in version "kubescheduler.config.k8s.io/v1" (KubeSchedulerConfiguration is version "kubescheduler.config.k8s.io/v1")'

function checkPluginNames(set: PluginSet, path: string): void {
  set.enabled.forEach((p, i) => {
    // validatePluginSetForInvalidPlugins checks every extension point's set (not multiPoint)
    if (!path.endsWith('.multiPoint') && REMOVED_PLUGINS.includes(p.name)) {
      throw new UserError(`invalid scheduler configuration: ${fInvalid(`${path}.enabled[${i}]`, p.name, REMOVED_DETAIL)}`)
    }
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
    if (pc.name in pluginArgs) throw new ConfigError(p, `Duplicate value: ${JSON.stringify(pc.name)}`)
    // isPluginInvalid: plugins removed from the v1 API are rejected by validation, before the registry lookup
    if (REMOVED_PLUGINS.includes(pc.name)) throw new UserError(`invalid scheduler configuration: ${fInvalid(p, pc.name, REMOVED_DETAIL)}`)
    if (!REGISTRY[pc.name]) invalid(`${p}.name`, pc.name, `plugin "${pc.name}" does not exist`)
    const args = pc.args ?? {}
    const errs = validateArgs(pc.name, args, `${p}.args`)
    if (errs.length > 0) throw new UserError(`invalid scheduler configuration: ${aggregate(errs)}`)
    pluginArgs[pc.name] = args
  })
  return {schedulerName, percentageOfNodesToScore: pct, points, weights, pluginArgs}
}

function checkRange(path: string, v: unknown, lo: number, hi: number, what = `not in valid range [${lo}, ${hi}]`): void {
  if (v === undefined) return
  if (typeof v !== 'number' || !Number.isInteger(v) || v < lo || v > hi) invalid(path, v, what)
}

// field.Error bodies (k8s.io/apimachinery/pkg/util/validation/field): "<path>: <Type>[: <value>][: <detail>]"
const goValue = (v: unknown) => (typeof v === 'number' || typeof v === 'boolean' ? String(v) : JSON.stringify(v))
const fInvalid = (path: string, v: unknown, detail: string) => `${path}: Invalid value: ${goValue(v)}: ${detail}`
const fRequired = (path: string, detail: string) => `${path}: Required value${detail ? ': ' + detail : ''}`
const fForbidden = (path: string, detail: string) => `${path}: Forbidden: ${detail}`
const fDuplicate = (path: string, v: unknown) => `${path}: Duplicate value: ${goValue(v)}`
/** field.NotSupported lists the values in the order given (callers pass sets.List(...) sorted where upstream does) */
const fNotSupported = (path: string, v: unknown, values: string[]) =>
  `${path}: Unsupported value: ${goValue(v)}: supported values: ${values.map((t) => `"${t}"`).join(', ')}`

/** utilerrors.Aggregate.Error(): one error as is, several as "[a, b]" (duplicates dropped) */
function aggregate(errs: string[]): string {
  const uniq = [...new Set(errs)]
  return uniq.length === 1 ? uniq[0] : `[${uniq.join(', ')}]`
}

/** metav1validation.ValidateLabelName (qualified name: optional DNS-1123 subdomain prefix, name of at most 63 chars) */
function labelNameErrors(path: string, v: string): string[] {
  const errs: string[] = []
  const parts = v.split('/')
  const name = parts.length === 2 ? parts[1] : parts[0]
  const nameRe = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/
  const msg = "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"
  if (parts.length > 2) {
    errs.push(fInvalid(path, v, "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"))
    return errs
  }
  if (parts.length === 2) {
    const prefix = parts[0]
    if (prefix.length === 0) errs.push(fInvalid(path, v, 'prefix part must be non-empty'))
    else if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(prefix) || prefix.length > 253) {
      errs.push(fInvalid(path, v, "prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"))
    }
  }
  if (name.length === 0) errs.push(fInvalid(path, v, 'name part must be non-empty'))
  else if (name.length > 63) errs.push(fInvalid(path, v, 'name part must be no more than 63 characters'))
  if (name.length > 0 && !nameRe.test(name)) errs.push(fInvalid(path, v, msg))
  return errs
}

/** validateFunctionShape: sorted utilization (first offender only), then each point's ranges (score max MaxCustomPriorityScore 10) */
function shapeErrors(shape: any[], path: string): string[] {
  if (shape.length === 0) return [fRequired(path, 'at least one point must be specified')]
  const errs: string[] = []
  for (let i = 1; i < shape.length; i++) {
    if (shape[i - 1].utilization >= shape[i].utilization) {
      errs.push(fInvalid(`${path}[${i}].utilization`, shape[i].utilization, 'values must be sorted in increasing order'))
      break
    }
  }
  shape.forEach((pt, i) => {
    const u = pt.utilization ?? 0
    const sc = pt.score ?? 0
    if (u < 0 || u > 100) errs.push(fInvalid(`${path}[${i}].utilization`, u, 'not in valid range [0, 100]'))
    if (sc < 0 || sc > 10) errs.push(fInvalid(`${path}[${i}].score`, sc, 'not in valid range [0, 10]'))
  })
  return errs
}

/** Go's %#v of a []string */
const goStrings = (v: unknown) =>
  v == null ? '[]string(nil)' : `[]string{${(Array.isArray(v) ? v : [v]).map((x) => JSON.stringify(String(x))).join(', ')}}`

/**
 * component-helpers nodeaffinity.NewNodeSelector with a field path (ValidateNodeAffinityArgs): matchExpressions must
 * use a node selector operator with the values labels.NewRequirement accepts; matchFields only metadata.name with
 * In/NotIn and one value.
 */
function nodeSelectorTermErrors(term: any, path: string): string[] {
  const errs: string[] = []
  const exprs: any[] = Array.isArray(term?.matchExpressions) ? term.matchExpressions : []
  exprs.forEach((e, j) => {
    const p = `${path}.matchExpressions[${j}]`
    const vals = e?.values
    const n = Array.isArray(vals) ? vals.length : 0
    switch (e?.operator) {
      case 'In':
      case 'NotIn':
        if (n === 0) errs.push(`${p}.values: Invalid value: ${goStrings(vals)}: for 'in', 'notin' operators, values set can't be empty`)
        break
      case 'Exists':
      case 'DoesNotExist':
        if (n !== 0) errs.push(`${p}.values: Invalid value: ${goStrings(vals)}: values set must be empty for exists and does not exist`)
        break
      case 'Gt':
      case 'Lt':
        if (n !== 1) errs.push(`${p}.values: Invalid value: ${goStrings(vals)}: for 'Gt', 'Lt' operators, exactly one value is required`)
        else if (!/^[+-]?\d+$/.test(String(vals[0]))) errs.push(fInvalid(`${p}.values[0]`, String(vals[0]), "for 'Gt', 'Lt' operators, the value must be an integer"))
        break
      default:
        // field.NotSupported with no list of valid values
        errs.push(`${p}.operator: Unsupported value: ${goValue(e?.operator ?? '')}`)
    }
  })
  const fields: any[] = Array.isArray(term?.matchFields) ? term.matchFields : []
  fields.forEach((f, j) => {
    const p = `${path}.matchFields[${j}]`
    if (f?.key !== 'metadata.name') {
      errs.push(fNotSupported(`${p}.key`, f?.key ?? '', ['metadata.name']))
      return
    }
    if (f?.operator !== 'In' && f?.operator !== 'NotIn') errs.push(fNotSupported(`${p}.operator`, f?.operator ?? '', ['In', 'NotIn']))
    else if (!Array.isArray(f.values) || f.values.length !== 1) errs.push(`${p}.values: Invalid value: ${goStrings(f.values)}: must have one element`)
  })
  return errs
}

/**
 * pkg/scheduler/apis/config/validation/validation_pluginargs.go on the args after v1 defaulting (weights 0 → 1,
 * defaultingType "" → System, DefaultPreemption's unset fields → 10 / 100). Returns every error, in upstream order.
 */
function validateArgs(name: string, args: any, path: string): string[] {
  const errs: string[] = []
  switch (name) {
    case 'NodeResourcesFit': {
      ;(args.ignoredResources ?? []).forEach((r: string, i: number) => errs.push(...labelNameErrors(`${path}.ignoredResources[${i}]`, String(r))))
      ;(args.ignoredResourceGroups ?? []).forEach((g: string, i: number) => {
        const p = `${path}.ignoredResourceGroups[${i}]`
        if (String(g).includes('/')) errs.push(fInvalid(p, g, "resource group name can't contain '/'"))
        errs.push(...labelNameErrors(p, String(g)))
      })
      const s = args.scoringStrategy
      if (!s) break
      const sp = `${path}.scoringStrategy`
      // v1 defaulting sets the type only when the whole scoringStrategy is missing
      const type = s.type ?? ''
      const types = ['LeastAllocated', 'MostAllocated', 'RequestedToCapacityRatio']
      if (!types.includes(type)) errs.push(fNotSupported(`${sp}.type`, type, types))
      ;(s.resources ?? []).forEach((r: any, i: number) => {
        const w = r.weight || 1
        if (w <= 0 || w > 100) errs.push(fInvalid(`${sp}.resources[${i}].weight`, w, `resource weight of ${r.name} not in valid range (0, 100]`))
      })
      if (type === 'RequestedToCapacityRatio') {
        if (!s.requestedToCapacityRatio) errs.push(fRequired(`${sp}.requestedToCapacityRatio`, 'must be specified when type is RequestedToCapacityRatio'))
        else errs.push(...shapeErrors(s.requestedToCapacityRatio.shape ?? [], `${sp}.requestedToCapacityRatio.shape`))
      } else if (s.requestedToCapacityRatio) {
        errs.push(fForbidden(`${sp}.requestedToCapacityRatio`, 'must be nil when type is not RequestedToCapacityRatio'))
      }
      break
    }
    case 'NodeResourcesBalancedAllocation': {
      const seen = new Set<string>()
      ;(args.resources ?? []).forEach((r: any, i: number) => {
        if (seen.has(r.name)) errs.push(fDuplicate(`${path}.resources[${i}].name`, r.name))
        else seen.add(r.name)
        const w = r.weight || 1
        if (w !== 1) errs.push(fInvalid(`${path}.resources[${i}].weight`, w, 'must be 1'))
      })
      break
    }
    case 'NodeAffinity': {
      const added = args.addedAffinity
      if (!added) break
      const base = `${path}.addedAffinity`
      const terms = added.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms
      if (Array.isArray(terms)) {
        terms.forEach((t: any, i: number) => errs.push(...nodeSelectorTermErrors(t, `${base}.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[${i}]`)))
      }
      const preferred = added.preferredDuringSchedulingIgnoredDuringExecution
      if (Array.isArray(preferred)) {
        preferred.forEach((t: any, i: number) => errs.push(...nodeSelectorTermErrors(t?.preference, `${base}.preferredDuringSchedulingIgnoredDuringExecution[${i}].preference`)))
      }
      break
    }
    case 'InterPodAffinity': {
      const w = args.hardPodAffinityWeight ?? 1
      if (w < 0 || w > 100) errs.push(fInvalid(`${path}.hardPodAffinityWeight`, w, 'not in valid range [0, 100]'))
      break
    }
    case 'DefaultPreemption': {
      const pct = args.minCandidateNodesPercentage ?? 10
      const abs = args.minCandidateNodesAbsolute ?? 100
      if (pct < 0 || pct > 100) errs.push(fInvalid(`${path}.minCandidateNodesPercentage`, pct, 'not in valid range [0, 100]'))
      if (abs < 0) errs.push(fInvalid(`${path}.minCandidateNodesAbsolute`, abs, 'not in valid range [0, inf)'))
      if (pct === 0 && abs === 0) {
        errs.push(fInvalid(`${path}.minCandidateNodesPercentage`, 0, 'cannot be zero at the same time as minCandidateNodesAbsolute'))
        errs.push(fInvalid(`${path}.minCandidateNodesAbsolute`, 0, 'cannot be zero at the same time as minCandidateNodesPercentage'))
      }
      break
    }
    case 'PodTopologySpread': {
      const t = args.defaultingType || 'System'
      const constraints: any[] = args.defaultConstraints ?? []
      if (t !== 'System' && t !== 'List') errs.push(fNotSupported(`${path}.defaultingType`, t, ['System', 'List'])) // in this order upstream
      else if (t === 'System' && constraints.length > 0) errs.push(fInvalid(`${path}.defaultingType`, t, 'when .defaultConstraints are not empty'))
      constraints.forEach((c: any, i: number) => {
        const p = `${path}.defaultConstraints[${i}]`
        if (!((c.maxSkew ?? 0) > 0)) errs.push(fInvalid(`${p}.maxSkew`, c.maxSkew ?? 0, 'not in valid range (0, inf)'))
        if (!c.topologyKey) errs.push(fRequired(`${p}.topologyKey`, 'can not be empty'))
        else errs.push(...labelNameErrors(`${p}.topologyKey`, c.topologyKey))
        if (!c.whenUnsatisfiable) errs.push(fRequired(`${p}.whenUnsatisfiable`, 'can not be empty'))
        else if (!['DoNotSchedule', 'ScheduleAnyway'].includes(c.whenUnsatisfiable)) {
          errs.push(fNotSupported(`${p}.whenUnsatisfiable`, c.whenUnsatisfiable, ['DoNotSchedule', 'ScheduleAnyway']))
        }
        if (c.labelSelector) errs.push(fForbidden(`${p}.labelSelector`, 'constraint must not define a selector, as they deduced for each pod'))
        const dup = constraints.slice(0, i).some((o) => o.topologyKey === c.topologyKey && o.whenUnsatisfiable === c.whenUnsatisfiable)
        if (dup) errs.push(fDuplicate(`${path}.defaultConstraints[${i}]`, `{${c.topologyKey ?? ''}, ${c.whenUnsatisfiable ?? ''}}`))
      })
      break
    }
    case 'VolumeBinding':
      if ((args.bindTimeoutSeconds ?? 600) < 0) {
        errs.push(fInvalid(`${path}.bindTimeoutSeconds`, args.bindTimeoutSeconds, 'invalid BindTimeoutSeconds, should not be a negative value'))
      }
      // the VolumeCapacityPriority gate (alpha in v1.32) is off: any shape is rejected, printed with Go's %#v
      if (args.shape != null) {
        const pts = (args.shape as any[]).map((pt) => `config.UtilizationShapePoint{Utilization:${pt?.utilization ?? 0}, Score:${pt?.score ?? 0}}`)
        errs.push(`${path}.shape: Invalid value: []config.UtilizationShapePoint{${pts.join(', ')}}: unexpected field \`shape\`, remove it or turn on the feature gate VolumeCapacityPriority`)
      }
      break
    default:
      break
  }
  return errs
}

// Strict decoding (kube-scheduler's codec factory uses serializer.EnableStrict): fields the v1 types do not have are
// rejected before validation, as `strict decoding error: unknown field "<json path>"` (sigs.k8s.io/json paths).
const TYPE_META = ['apiVersion', 'kind']
const CONFIG_FIELDS = [...TYPE_META, 'parallelism', 'leaderElection', 'clientConnection', 'healthzBindAddress', 'metricsBindAddress',
  'enableProfiling', 'enableContentionProfiling', 'percentageOfNodesToScore', 'podInitialBackoffSeconds', 'podMaxBackoffSeconds',
  'profiles', 'extenders', 'delayCacheUntilActive']
const PROFILE_FIELDS = ['schedulerName', 'percentageOfNodesToScore', 'plugins', 'pluginConfig']
const PLUGINS_FIELDS = ['preEnqueue', 'queueSort', 'preFilter', 'filter', 'postFilter', 'preScore', 'score', 'reserve', 'permit', 'preBind', 'bind', 'postBind', 'multiPoint']
/** the v1 *Args types of the in-tree plugins (TypeMeta inline) */
const ARGS_FIELDS: Record<string, string[]> = {
  DefaultPreemption: ['minCandidateNodesPercentage', 'minCandidateNodesAbsolute'],
  InterPodAffinity: ['hardPodAffinityWeight', 'ignorePreferredTermsOfExistingPods'],
  NodeAffinity: ['addedAffinity'],
  NodeResourcesBalancedAllocation: ['resources'],
  NodeResourcesFit: ['ignoredResources', 'ignoredResourceGroups', 'scoringStrategy'],
  PodTopologySpread: ['defaultConstraints', 'defaultingType'],
  VolumeBinding: ['bindTimeoutSeconds', 'shape'],
}

function unknownFields(obj: unknown, allowed: string[], path: string): string[] {
  if (!obj || typeof obj !== 'object' || Array.isArray(obj)) return []
  return Object.keys(obj).filter((k) => !allowed.includes(k)).map((k) => `unknown field "${path ? path + '.' : ''}${k}"`)
}

function strictDecodingErrors(raw: any): string[] {
  const errs = unknownFields(raw, CONFIG_FIELDS, '')
  const profiles = Array.isArray(raw.profiles) ? raw.profiles : []
  profiles.forEach((prof: any, i: number) => {
    const pp = `profiles[${i}]`
    errs.push(...unknownFields(prof, PROFILE_FIELDS, pp))
    const plugins = prof?.plugins
    errs.push(...unknownFields(plugins, PLUGINS_FIELDS, `${pp}.plugins`))
    for (const point of PLUGINS_FIELDS) {
      const set = plugins?.[point]
      errs.push(...unknownFields(set, ['enabled', 'disabled'], `${pp}.plugins.${point}`))
      for (const list of ['enabled', 'disabled']) {
        if (Array.isArray(set?.[list])) set[list].forEach((pl: any, j: number) => errs.push(...unknownFields(pl, ['name', 'weight'], `${pp}.plugins.${point}.${list}[${j}]`)))
      }
    }
    if (Array.isArray(prof?.pluginConfig)) prof.pluginConfig.forEach((pc: any, j: number) => errs.push(...unknownFields(pc, ['name', 'args'], `${pp}.pluginConfig[${j}]`)))
  })
  return errs
}

/**
 * PluginConfig.decodeNestedObjects: an in-tree plugin's args are decoded strictly into its v1 *Args type; an unknown
 * field gives `decoding args for plugin <name>: strict decoding error: unknown field "<field>"`, wrapped as a strict
 * decoding error by KubeSchedulerConfiguration.DecodeNestedObjects with the entry's position.
 */
function strictArgsErrors(raw: any): string[] {
  const errs: string[] = []
  const profiles: any[] = Array.isArray(raw.profiles) ? raw.profiles : []
  profiles.forEach((prof, i) => {
    const pcs: any[] = Array.isArray(prof?.pluginConfig) ? prof.pluginConfig : []
    pcs.forEach((pc, j) => {
      const fields = ARGS_FIELDS[pc?.name]
      if (!fields) return
      const unknown = unknownFields(pc.args, [...TYPE_META, ...fields], '')
      if (unknown.length === 0) return
      // KubeSchedulerConfiguration.DecodeNestedObjects wraps each entry's error with its position
      errs.push(`decoding .profiles[${i}].pluginConfig[${j}]: strict decoding error: decoding args for plugin ${pc.name}: strict decoding error: ${unknown.join(', ')}`)
    })
  })
  return errs
}

/**
 * validation.go validateCommonQueueSort: the queueSort plugin sets as configured (v1 defaulting leaves them empty: the
 * default PrioritySort comes through multiPoint) must be semantically equal in every profile; profile 0 may enable
 * one at most. The set is printed with Go's %#v of the internal config.PluginSet.
 */
function validateCommonQueueSort(rawProfiles: any[]): void {
  const setOf = (rp: any) => {
    const qs = rp?.plugins?.queueSort ?? {}
    const list = (v: any) => (Array.isArray(v) ? v.map((x: any) => ({name: String(x?.name ?? ''), weight: Number(x?.weight ?? 0)})) : [])
    // mergePluginSet keeps only the names of disabled plugins
    return {enabled: list(qs.enabled), disabled: list(qs.disabled).map((x) => ({name: x.name, weight: 0}))}
  }
  const goList = (l: Array<{name: string; weight: number}>) =>
    l.length === 0 ? '[]config.Plugin(nil)' : `[]config.Plugin{${l.map((x) => `config.Plugin{Name:${JSON.stringify(x.name)}, Weight:${x.weight}}`).join(', ')}}`
  const canon = setOf(rawProfiles[0])
  if (canon.enabled.length > 1) invalid('profiles[0].plugins.queueSort.Enabled', canon.enabled.length, 'only one queue sort plugin can be enabled')
  for (let i = 1; i < rawProfiles.length; i++) {
    const curr = setOf(rawProfiles[i])
    // apiequality.Semantic.DeepEqual: nil and empty lists are equal
    if (JSON.stringify(curr) !== JSON.stringify(canon)) {
      throw new ConfigError(`profiles[${i}].plugins.queueSort`,
        `Invalid value: config.PluginSet{Enabled:${goList(curr.enabled)}, Disabled:${goList(curr.disabled)}}: must be the same for all profiles`)
    }
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
  const strict = [...strictDecodingErrors(raw), ...strictArgsErrors(raw)]
  if (strict.length > 0) throw new UserError(`invalid scheduler configuration: strict decoding error: ${strict.join(', ')}`)
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
  // validation (ValidateKubeSchedulerConfiguration) comes before the frameworks are built
  validateCommonQueueSort(rawProfiles)
  const profiles: ProfileConfig[] = []
  const seen = new Set<string>()
  rawProfiles.forEach((rp, i) => {
    const p = buildProfile(rawProfiles.length === 1 ? {schedulerName: DEFAULT_SCHEDULER_NAME, ...rp} : rp, `profiles[${i}]`)
    if (seen.has(p.schedulerName)) throw new ConfigError(`profiles[${i}].schedulerName`, `Duplicate value: ${JSON.stringify(p.schedulerName)}`)
    seen.add(p.schedulerName)
    profiles.push(p)
  })
  return {percentageOfNodesToScore: pct, podInitialBackoffSeconds: initial, podMaxBackoffSeconds: max, profiles}
}
