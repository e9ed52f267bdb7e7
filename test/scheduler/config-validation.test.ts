// KubeSchedulerConfiguration validation as kube-scheduler v1.32 does it (pkg/scheduler/apis/config/validation:
// validation.go, validation_pluginargs.go), applied to v1 objects after v1 defaulting: each error is a field.Error
// "<path>: <type>: <value>: <detail>", several are aggregated as "[a, b]". Cases follow validation_test.go and
// validation_pluginargs_test.go; `k8sim cluster create --scheduler-config` reports the same text.
import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {readSchedulerConfig} from '../../src/cluster/create-options.js'
import {parseSchedulerConfig} from '../../src/scheduler/config.js'

const base = {apiVersion: 'kubescheduler.config.k8s.io/v1', kind: 'KubeSchedulerConfiguration'}
const PREFIX = 'invalid scheduler configuration: '

function errorOf(cfg: unknown): string {
  try {
    parseSchedulerConfig(cfg)
  } catch (e) {
    return (e as Error).message
  }
  return '(accepted)'
}

/** one profile with one pluginConfig entry; the error path starts at profiles[0].pluginConfig[0].args */
const withArgs = (name: string, args: unknown) => ({...base, profiles: [{schedulerName: 'default-scheduler', pluginConfig: [{name, args}]}]})
const ARGS = 'profiles[0].pluginConfig[0].args'

describe('KubeSchedulerConfiguration (validation.go)', () => {
  it('rejects a non-positive parallelism', () => {
    expect(errorOf({...base, parallelism: 0})).toBe(PREFIX + 'parallelism: Invalid value: 0: should be an integer value greater than zero')
  })
  it('rejects percentageOfNodesToScore 101, globally and per profile', () => {
    expect(errorOf({...base, percentageOfNodesToScore: 101})).toBe(PREFIX + 'percentageOfNodesToScore: Invalid value: 101: not in valid range [0-100]')
    expect(errorOf({...base, profiles: [{schedulerName: 'me', percentageOfNodesToScore: 101}]})).toBe(
      PREFIX + 'profiles[0].percentageOfNodesToScore: Invalid value: 101: not in valid range [0-100]',
    )
  })
  it('rejects a profile without schedulerName', () => {
    expect(errorOf({...base, profiles: [{schedulerName: 'me'}, {schedulerName: ''}]})).toBe(PREFIX + 'profiles[1].schedulerName: Required value')
  })
  it('rejects a plugin removed from the v1 API at any extension point (bad-removed-plugins)', () => {
    expect(errorOf({...base, profiles: [{schedulerName: 'me', plugins: {filter: {enabled: [{name: 'EBSLimits'}]}}}]})).toBe(
      PREFIX + 'profiles[0].plugins.filter.enabled[0]: Invalid value: "EBSLimits": was invalid in version "kubescheduler.config.k8s.io/v1" (KubeSchedulerConfiguration is version "kubescheduler.config.k8s.io/v1")',
    )
  })
  it('rejects pluginConfig for a removed plugin (bad-plugins-config)', () => {
    expect(errorOf(withArgs('GCEPDLimits', {}))).toBe(
      PREFIX + 'profiles[0].pluginConfig[0]: Invalid value: "GCEPDLimits": was invalid in version "kubescheduler.config.k8s.io/v1" (KubeSchedulerConfiguration is version "kubescheduler.config.k8s.io/v1")',
    )
  })
  it('rejects a duplicated pluginConfig entry', () => {
    expect(errorOf({...base, profiles: [{schedulerName: 'me', pluginConfig: [{name: 'NodeAffinity'}, {name: 'NodeAffinity'}]}]})).toBe(
      PREFIX + 'profiles[0].pluginConfig[1]: Duplicate value: "NodeAffinity"',
    )
  })
})

describe('DefaultPreemptionArgs', () => {
  it('minCandidateNodesPercentage over 100 (invalid-node-percentage)', () => {
    expect(errorOf(withArgs('DefaultPreemption', {minCandidateNodesPercentage: 200, minCandidateNodesAbsolute: 100}))).toBe(
      PREFIX + `${ARGS}.minCandidateNodesPercentage: Invalid value: 200: not in valid range [0, 100]`,
    )
  })
  it('negative minCandidateNodesAbsolute', () => {
    expect(errorOf(withArgs('DefaultPreemption', {minCandidateNodesPercentage: 50, minCandidateNodesAbsolute: -1}))).toBe(
      PREFIX + `${ARGS}.minCandidateNodesAbsolute: Invalid value: -1: not in valid range [0, inf)`,
    )
  })
  it('both zero: two errors, aggregated', () => {
    expect(errorOf(withArgs('DefaultPreemption', {minCandidateNodesPercentage: 0, minCandidateNodesAbsolute: 0}))).toBe(
      PREFIX + `[${ARGS}.minCandidateNodesPercentage: Invalid value: 0: cannot be zero at the same time as minCandidateNodesAbsolute, ` +
        `${ARGS}.minCandidateNodesAbsolute: Invalid value: 0: cannot be zero at the same time as minCandidateNodesPercentage]`,
    )
  })
  it('one of them zero is fine (the other is defaulted)', () => {
    expect(errorOf(withArgs('DefaultPreemption', {minCandidateNodesPercentage: 0}))).toBe('(accepted)')
  })
})

describe('InterPodAffinityArgs', () => {
  it.each([-1, 101])('hardPodAffinityWeight %i is out of range', (w) => {
    expect(errorOf(withArgs('InterPodAffinity', {hardPodAffinityWeight: w}))).toBe(
      PREFIX + `${ARGS}.hardPodAffinityWeight: Invalid value: ${w}: not in valid range [0, 100]`,
    )
  })
})

describe('PodTopologySpreadArgs', () => {
  const list = (...defaultConstraints: unknown[]) => withArgs('PodTopologySpread', {defaultingType: 'List', defaultConstraints})
  it('maxSkew must be positive', () => {
    expect(errorOf(list({maxSkew: 0, topologyKey: 'k', whenUnsatisfiable: 'DoNotSchedule'}))).toBe(
      PREFIX + `${ARGS}.defaultConstraints[0].maxSkew: Invalid value: 0: not in valid range (0, inf)`,
    )
  })
  it('empty topologyKey', () => {
    expect(errorOf(list({maxSkew: 1, topologyKey: '', whenUnsatisfiable: 'DoNotSchedule'}))).toBe(
      PREFIX + `${ARGS}.defaultConstraints[0].topologyKey: Required value: can not be empty`,
    )
  })
  it('whenUnsatisfiable empty or unknown', () => {
    expect(errorOf(list({maxSkew: 1, topologyKey: 'k'}))).toBe(PREFIX + `${ARGS}.defaultConstraints[0].whenUnsatisfiable: Required value: can not be empty`)
    expect(errorOf(list({maxSkew: 1, topologyKey: 'k', whenUnsatisfiable: 'Unknown'}))).toBe(
      PREFIX + `${ARGS}.defaultConstraints[0].whenUnsatisfiable: Unsupported value: "Unknown": supported values: "DoNotSchedule", "ScheduleAnyway"`,
    )
  })
  it('a constraint repeating topologyKey and whenUnsatisfiable', () => {
    const c = {maxSkew: 1, topologyKey: 'k', whenUnsatisfiable: 'DoNotSchedule'}
    expect(errorOf(list(c, {...c, maxSkew: 2}))).toBe(PREFIX + `${ARGS}.defaultConstraints[1]: Duplicate value: "{k, DoNotSchedule}"`)
  })
  it('a constraint with a label selector', () => {
    expect(errorOf(list({maxSkew: 1, topologyKey: 'k', whenUnsatisfiable: 'DoNotSchedule', labelSelector: {matchLabels: {a: 'b'}}}))).toBe(
      PREFIX + `${ARGS}.defaultConstraints[0].labelSelector: Forbidden: constraint must not define a selector, as they deduced for each pod`,
    )
  })
  it('System defaulting with constraints (also when defaultingType is left to its default)', () => {
    const c = {maxSkew: 1, topologyKey: 'k', whenUnsatisfiable: 'DoNotSchedule'}
    const msg = PREFIX + `${ARGS}.defaultingType: Invalid value: "System": when .defaultConstraints are not empty`
    expect(errorOf(withArgs('PodTopologySpread', {defaultingType: 'System', defaultConstraints: [c]}))).toBe(msg)
    expect(errorOf(withArgs('PodTopologySpread', {defaultConstraints: [c]}))).toBe(msg)
  })
  it('unknown defaultingType', () => {
    expect(errorOf(withArgs('PodTopologySpread', {defaultingType: 'Unknown'}))).toBe(
      PREFIX + `${ARGS}.defaultingType: Unsupported value: "Unknown": supported values: "System", "List"`,
    )
  })
  it('several errors of one constraint are aggregated in upstream order', () => {
    expect(errorOf(list({maxSkew: -1, topologyKey: '', whenUnsatisfiable: 'DoNotSchedule'}))).toBe(
      PREFIX + `[${ARGS}.defaultConstraints[0].maxSkew: Invalid value: -1: not in valid range (0, inf), ${ARGS}.defaultConstraints[0].topologyKey: Required value: can not be empty]`,
    )
  })
})

describe('NodeResourcesBalancedAllocationArgs', () => {
  it('weight must be 1 (0 is defaulted to 1)', () => {
    expect(errorOf(withArgs('NodeResourcesBalancedAllocation', {resources: [{name: 'cpu', weight: 0}, {name: 'memory', weight: 2}]}))).toBe(
      PREFIX + `${ARGS}.resources[1].weight: Invalid value: 2: must be 1`,
    )
  })
  it('duplicated resource name', () => {
    expect(errorOf(withArgs('NodeResourcesBalancedAllocation', {resources: [{name: 'cpu', weight: 1}, {name: 'cpu', weight: 1}]}))).toBe(
      PREFIX + `${ARGS}.resources[1].name: Duplicate value: "cpu"`,
    )
  })
})

describe('NodeResourcesFitArgs', () => {
  const fit = (scoringStrategy: unknown, extra = {}) => withArgs('NodeResourcesFit', {scoringStrategy, ...extra})
  it('resource weight out of (0, 100]; 0 is defaulted to 1', () => {
    expect(errorOf(fit({type: 'MostAllocated', resources: [{name: 'cpu', weight: -1}]}))).toBe(
      PREFIX + `${ARGS}.scoringStrategy.resources[0].weight: Invalid value: -1: resource weight of cpu not in valid range (0, 100]`,
    )
    expect(errorOf(fit({type: 'MostAllocated', resources: [{name: 'cpu', weight: 0}]}))).toBe('(accepted)')
  })
  it('a scoringStrategy without type is not defaulted', () => {
    expect(errorOf(fit({resources: [{name: 'cpu', weight: 1}]}))).toBe(
      PREFIX + `${ARGS}.scoringStrategy.type: Unsupported value: "": supported values: "LeastAllocated", "MostAllocated", "RequestedToCapacityRatio"`,
    )
  })
  it('RequestedToCapacityRatio needs its shape', () => {
    expect(errorOf(fit({type: 'RequestedToCapacityRatio'}))).toBe(
      PREFIX + `${ARGS}.scoringStrategy.requestedToCapacityRatio: Required value: must be specified when type is RequestedToCapacityRatio`,
    )
    expect(errorOf(fit({type: 'RequestedToCapacityRatio', requestedToCapacityRatio: {shape: []}}))).toBe(
      PREFIX + `${ARGS}.scoringStrategy.requestedToCapacityRatio.shape: Required value: at least one point must be specified`,
    )
  })
  it('shape points sorted by utilization and within range', () => {
    const shape = (points: unknown[]) => fit({type: 'RequestedToCapacityRatio', requestedToCapacityRatio: {shape: points}})
    expect(errorOf(shape([{utilization: 10, score: 1}, {utilization: 10, score: 2}]))).toBe(
      PREFIX + `${ARGS}.scoringStrategy.requestedToCapacityRatio.shape[1].utilization: Invalid value: 10: values must be sorted in increasing order`,
    )
    expect(errorOf(shape([{utilization: 10, score: 11}]))).toBe(
      PREFIX + `${ARGS}.scoringStrategy.requestedToCapacityRatio.shape[0].score: Invalid value: 11: not in valid range [0, 10]`,
    )
    expect(errorOf(shape([{utilization: 110, score: 1}]))).toBe(
      PREFIX + `${ARGS}.scoringStrategy.requestedToCapacityRatio.shape[0].utilization: Invalid value: 110: not in valid range [0, 100]`,
    )
  })
  it('requestedToCapacityRatio with another type', () => {
    expect(errorOf(fit({type: 'LeastAllocated', requestedToCapacityRatio: {shape: [{utilization: 1, score: 1}]}}))).toBe(
      PREFIX + `${ARGS}.scoringStrategy.requestedToCapacityRatio: Forbidden: must be nil when type is not RequestedToCapacityRatio`,
    )
  })
  it('ignoredResourceGroups may not contain "/"', () => {
    expect(errorOf(withArgs('NodeResourcesFit', {ignoredResourceGroups: ['example.com/aa']}))).toBe(
      PREFIX + `${ARGS}.ignoredResourceGroups[0]: Invalid value: "example.com/aa": resource group name can't contain '/'`,
    )
  })
})

describe('VolumeBindingArgs', () => {
  it('negative bindTimeoutSeconds', () => {
    expect(errorOf(withArgs('VolumeBinding', {bindTimeoutSeconds: -10}))).toBe(
      PREFIX + `${ARGS}.bindTimeoutSeconds: Invalid value: -10: invalid BindTimeoutSeconds, should not be a negative value`,
    )
  })
  it('shape with the VolumeCapacityPriority gate off', () => {
    expect(errorOf(withArgs('VolumeBinding', {shape: [{utilization: 0, score: 0}, {utilization: 100, score: 10}]}))).toBe(
      PREFIX + `${ARGS}.shape: Invalid value: []config.UtilizationShapePoint{config.UtilizationShapePoint{Utilization:0, Score:0}, config.UtilizationShapePoint{Utilization:100, Score:10}}: unexpected field \`shape\`, remove it or turn on the feature gate VolumeCapacityPriority`,
    )
  })
})

describe('cluster create --scheduler-config', () => {
  it('reports the file, then the validation error', () => {
    const f = join(mkdtempSync(join(tmpdir(), 'k8sim-cfg-')), 'sched.yaml')
    writeFileSync(f, 'apiVersion: kubescheduler.config.k8s.io/v1\nkind: KubeSchedulerConfiguration\nprofiles:\n- schedulerName: default-scheduler\n  pluginConfig:\n  - name: InterPodAffinity\n    args:\n      hardPodAffinityWeight: 101\n')
    expect(() => readSchedulerConfig(f)).toThrow(
      `${f}: invalid scheduler configuration: profiles[0].pluginConfig[0].args.hardPodAffinityWeight: Invalid value: 101: not in valid range [0, 100]`,
    )
  })
})

describe('strict decoding (serializer.EnableStrict)', () => {
  it('rejects unknown fields with their JSON path, all of them', () => {
    expect(errorOf({...base, foo: 1})).toBe(PREFIX + 'strict decoding error: unknown field "foo"')
    expect(errorOf({...base, profiles: [{schedulerName: 'a', plugin: {}, plugins: {score: {enabled: [{name: 'NodeAffinity', wieght: 2}]}}}]})).toBe(
      PREFIX + 'strict decoding error: unknown field "profiles[0].plugin", unknown field "profiles[0].plugins.score.enabled[0].wieght"',
    )
  })
  it('decodes in-tree plugin args strictly, wrapping the error with the entry', () => {
    expect(errorOf(withArgs('InterPodAffinity', {hardPodAffinityWeight: 1, foo: true}))).toBe(
      PREFIX + 'strict decoding error: decoding .profiles[0].pluginConfig[0]: strict decoding error: decoding args for plugin InterPodAffinity: strict decoding error: unknown field "foo"',
    )
  })
  it('accepts the known fields, TypeMeta in args included', () => {
    expect(errorOf({...base, parallelism: 16, leaderElection: {leaderElect: false}, clientConnection: {qps: 50},
      profiles: [{schedulerName: 'default-scheduler', pluginConfig: [{name: 'InterPodAffinity', args: {apiVersion: 'kubescheduler.config.k8s.io/v1', kind: 'InterPodAffinityArgs', hardPodAffinityWeight: 2}}]}]})).toBe('(accepted)')
  })
})

describe('validateCommonQueueSort', () => {
  it('compares the queueSort sets as configured, so an explicit PrioritySort differs from the multiPoint default', () => {
    expect(errorOf({...base, profiles: [{schedulerName: 'a'}, {schedulerName: 'b', plugins: {queueSort: {enabled: [{name: 'PrioritySort'}]}}}]})).toBe(
      PREFIX + 'profiles[1].plugins.queueSort: Invalid value: config.PluginSet{Enabled:[]config.Plugin{config.Plugin{Name:"PrioritySort", Weight:0}}, Disabled:[]config.Plugin(nil)}: must be the same for all profiles',
    )
    const same = {plugins: {queueSort: {enabled: [{name: 'PrioritySort'}]}}}
    expect(errorOf({...base, profiles: [{schedulerName: 'a', ...same}, {schedulerName: 'b', ...same}]})).toBe('(accepted)')
  })
  it('profile 0 may enable one queue sort plugin at most', () => {
    expect(errorOf({...base, profiles: [{schedulerName: 'a', plugins: {queueSort: {enabled: [{name: 'PrioritySort'}, {name: 'PrioritySort'}]}}}]})).toBe(
      PREFIX + 'profiles[0].plugins.queueSort.Enabled: Invalid value: 2: only one queue sort plugin can be enabled',
    )
  })
})

describe('NodeAffinityArgs (nodeaffinity.NewNodeSelector with a field path)', () => {
  const REQ = `${ARGS}.addedAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0]`
  const added = (term: unknown) => withArgs('NodeAffinity', {addedAffinity: {requiredDuringSchedulingIgnoredDuringExecution: {nodeSelectorTerms: [term]}}})
  it('an unknown operator', () => {
    expect(errorOf(added({matchExpressions: [{key: 'zone', operator: 'Foo', values: ['a']}]}))).toBe(PREFIX + `${REQ}.matchExpressions[0].operator: Unsupported value: "Foo"`)
  })
  it('In without values, Exists with values', () => {
    expect(errorOf(added({matchExpressions: [{key: 'zone', operator: 'In', values: []}]}))).toBe(
      PREFIX + `${REQ}.matchExpressions[0].values: Invalid value: []string{}: for 'in', 'notin' operators, values set can't be empty`,
    )
    expect(errorOf(added({matchExpressions: [{key: 'zone', operator: 'Exists', values: ['a']}]}))).toBe(
      PREFIX + `${REQ}.matchExpressions[0].values: Invalid value: []string{"a"}: values set must be empty for exists and does not exist`,
    )
  })
  it('matchFields only on metadata.name', () => {
    expect(errorOf(added({matchFields: [{key: 'metadata.namespace', operator: 'In', values: ['a']}]}))).toBe(
      PREFIX + `${REQ}.matchFields[0].key: Unsupported value: "metadata.namespace": supported values: "metadata.name"`,
    )
  })
  it('a valid addedAffinity is accepted', () => {
    expect(errorOf(added({matchExpressions: [{key: 'zone', operator: 'In', values: ['a']}], matchFields: [{key: 'metadata.name', operator: 'NotIn', values: ['n1']}]}))).toBe('(accepted)')
  })
})
