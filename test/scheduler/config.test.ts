// KubeSchedulerConfiguration parsing: defaults, merging, profiles, validation errors with field paths.
import {describe, expect, it} from 'vitest'
import {parseSchedulerConfig} from '../../src/scheduler/config.js'
import {Harness, node, pod} from './harness.js'

const base = {apiVersion: 'kubescheduler.config.k8s.io/v1', kind: 'KubeSchedulerConfiguration'}

function errorOf(cfg: unknown): string {
  try {
    parseSchedulerConfig(cfg)
  } catch (e) {
    return (e as Error).message
  }
  return 'no error'
}

describe('parseSchedulerConfig', () => {
  it('defaults to the v1.32 default profile', () => {
    const c = parseSchedulerConfig(undefined)
    expect(c.percentageOfNodesToScore).toBe(0)
    expect(c.podInitialBackoffSeconds).toBe(1)
    expect(c.podMaxBackoffSeconds).toBe(10)
    const [p] = c.profiles
    expect(p.schedulerName).toBe('default-scheduler')
    expect(p.points.filter).toEqual([
      'NodeUnschedulable', 'NodeName', 'TaintToleration', 'NodeAffinity', 'NodePorts', 'NodeResourcesFit',
      'VolumeRestrictions', 'NodeVolumeLimits', 'VolumeBinding', 'VolumeZone', 'PodTopologySpread', 'InterPodAffinity',
    ])
    expect(p.points.score).toEqual(['TaintToleration', 'NodeAffinity', 'NodeResourcesFit', 'PodTopologySpread', 'InterPodAffinity', 'NodeResourcesBalancedAllocation', 'ImageLocality'])
    expect(p.weights).toEqual({TaintToleration: 3, NodeAffinity: 2, NodeResourcesFit: 1, PodTopologySpread: 2, InterPodAffinity: 2, NodeResourcesBalancedAllocation: 1, ImageLocality: 1})
    expect(p.points.postFilter).toEqual(['DefaultPreemption'])
    expect(p.points.bind).toEqual(['DefaultBinder'])
    expect(p.points.preEnqueue).toEqual(['SchedulingGates'])
  })

  it('merges enabled/disabled plugins and weights per extension point (YAML text too)', () => {
    const c = parseSchedulerConfig(`
apiVersion: kubescheduler.config.k8s.io/v1
kind: KubeSchedulerConfiguration
percentageOfNodesToScore: 50
profiles:
- schedulerName: default-scheduler
  plugins:
    score:
      disabled: [{name: ImageLocality}]
      enabled: [{name: NodeResourcesFit, weight: 5}]
    filter:
      disabled: [{name: '*'}]
      enabled: [{name: NodeResourcesFit}]
  pluginConfig:
  - name: NodeResourcesFit
    args:
      scoringStrategy: {type: MostAllocated, resources: [{name: cpu, weight: 1}]}
- schedulerName: batch
  percentageOfNodesToScore: 10
`)
    expect(c.percentageOfNodesToScore).toBe(50)
    const [a, b] = c.profiles
    expect(a.points.filter).toEqual(['NodeResourcesFit'])
    expect(a.points.score).toEqual(['NodeResourcesFit', 'TaintToleration', 'NodeAffinity', 'PodTopologySpread', 'InterPodAffinity', 'NodeResourcesBalancedAllocation'])
    expect(a.weights.NodeResourcesFit).toBe(5)
    expect(a.pluginArgs.NodeResourcesFit.scoringStrategy.type).toBe('MostAllocated')
    expect(b.schedulerName).toBe('batch')
    expect(b.percentageOfNodesToScore).toBe(10)
  })

  it('rejects invalid configurations with the field path', () => {
    expect(errorOf({...base, percentageOfNodesToScore: 120})).toBe('invalid scheduler configuration: percentageOfNodesToScore: Invalid value: 120: not in valid range [0-100]')
    expect(errorOf({...base, apiVersion: 'kubescheduler.config.k8s.io/v1beta3'})).toBe(
      'invalid scheduler configuration: apiVersion: Unsupported value: "kubescheduler.config.k8s.io/v1beta3": supported values: "kubescheduler.config.k8s.io/v1"',
    )
    expect(errorOf({...base, profiles: [{schedulerName: 'a'}, {schedulerName: 'a'}]})).toBe('invalid scheduler configuration: profiles[1].schedulerName: Duplicate value: "a"')
    expect(errorOf({...base, profiles: [{schedulerName: 'a'}, {}]})).toBe('invalid scheduler configuration: profiles[1].schedulerName: Required value')
    expect(errorOf({...base, profiles: [{plugins: {score: {enabled: [{name: 'Nope'}]}}}]})).toBe(
      'invalid scheduler configuration: profiles[0].plugins.score.enabled[0].name: Invalid value: "Nope": plugin "Nope" does not exist',
    )
    expect(errorOf({...base, profiles: [{pluginConfig: [{name: 'NodeResourcesFit', args: {scoringStrategy: {type: 'Fancy'}}}]}]})).toBe(
      'invalid scheduler configuration: profiles[0].pluginConfig[0].args.scoringStrategy.type: Unsupported value: "Fancy": supported values: "LeastAllocated", "MostAllocated", "RequestedToCapacityRatio"',
    )
    expect(errorOf({...base, profiles: [{pluginConfig: [{name: 'NodeResourcesFit', args: {scoringStrategy: {type: 'LeastAllocated', resources: [{name: 'cpu', weight: 101}]}}}]}]})).toBe(
      'invalid scheduler configuration: profiles[0].pluginConfig[0].args.scoringStrategy.resources[0].weight: Invalid value: 101: resource weight of cpu not in valid range (0, 100]',
    )
    expect(errorOf({...base, podInitialBackoffSeconds: 5, podMaxBackoffSeconds: 2})).toBe(
      'invalid scheduler configuration: podMaxBackoffSeconds: Invalid value: 2: must be greater than or equal to PodInitialBackoffSeconds',
    )
  })
})

describe('profiles at work', () => {
  it('MostAllocated packs pods onto the busiest node', () => {
    const config = {...base, profiles: [{schedulerName: 'default-scheduler', pluginConfig: [{name: 'NodeResourcesFit', args: {scoringStrategy: {type: 'MostAllocated'}}}]}]}
    const h = new Harness({config})
    h.create(node('node-1'))
    h.create(node('node-2'))
    h.create(pod('busy', {cpu: '2', memory: '8Gi', nodeName: 'node-2'}))
    h.create(pod('p', {cpu: '500m', memory: '1Gi'}))
    h.settle()
    expect(h.pod('default', 'p')!.spec.nodeName).toBe('node-2')
  })

  it('chooses the profile by spec.schedulerName and names it in events', () => {
    const config = {...base, profiles: [{schedulerName: 'default-scheduler'}, {schedulerName: 'my-scheduler'}]}
    const h = new Harness({config})
    h.create(node('node-1'))
    h.create(pod('p', {spec: {schedulerName: 'my-scheduler'}}))
    h.settle()
    expect(h.events.map((e) => `${e.component} ${e.reason}`)).toEqual(['my-scheduler Scheduled'])
  })
})
