// The in-tree plugin registry (pkg/scheduler/framework/plugins/registry.go) and v1.32's default profile
// (pkg/scheduler/apis/config/v1/default_plugins.go).
import type {PluginFactory} from './framework/interfaces.js'
import {newDefaultBinder} from './plugins/default-binder/index.js'
import {newDefaultPreemption} from './plugins/default-preemption/index.js'
import {newImageLocality} from './plugins/image-locality/index.js'
import {newInterPodAffinity} from './plugins/inter-pod-affinity/index.js'
import {newNodeAffinity} from './plugins/node-affinity/index.js'
import {newNodeName} from './plugins/node-name/index.js'
import {newNodePorts} from './plugins/node-ports/index.js'
import {newBalancedAllocation} from './plugins/node-resources-balanced-allocation/index.js'
import {newNodeResourcesFit} from './plugins/node-resources-fit/index.js'
import {newNodeUnschedulable} from './plugins/node-unschedulable/index.js'
import {newNodeVolumeLimits} from './plugins/node-volume-limits/index.js'
import {newPodTopologySpread} from './plugins/pod-topology-spread/index.js'
import {newPrioritySort} from './plugins/priority-sort/index.js'
import {newSchedulingGates} from './plugins/scheduling-gates/index.js'
import {newTaintToleration} from './plugins/taint-toleration/index.js'
import {newVolumeBinding} from './plugins/volume-binding/index.js'
import {newVolumeRestrictions} from './plugins/volume-restrictions/index.js'
import {newVolumeZone} from './plugins/volume-zone/index.js'

export const REGISTRY: Record<string, PluginFactory> = {
  SchedulingGates: () => newSchedulingGates(),
  PrioritySort: () => newPrioritySort(),
  NodeUnschedulable: () => newNodeUnschedulable(),
  NodeName: () => newNodeName(),
  TaintToleration: () => newTaintToleration(),
  NodeAffinity: (args) => newNodeAffinity(args ?? {}),
  NodePorts: () => newNodePorts(),
  NodeResourcesFit: (args) => newNodeResourcesFit(args ?? {}),
  VolumeRestrictions: (args, h) => newVolumeRestrictions(args, h),
  NodeVolumeLimits: (args, h) => newNodeVolumeLimits(args, h),
  VolumeBinding: (args, h) => newVolumeBinding(args, h),
  VolumeZone: (args, h) => newVolumeZone(args, h),
  PodTopologySpread: (args, h) => newPodTopologySpread(args ?? {}, h),
  InterPodAffinity: (args, h) => newInterPodAffinity(args ?? {}, h),
  DefaultPreemption: (args, h) => newDefaultPreemption(args ?? {}, h),
  NodeResourcesBalancedAllocation: (args) => newBalancedAllocation(args ?? {}),
  ImageLocality: (args, h) => newImageLocality(args, h),
  DefaultBinder: (args, h) => newDefaultBinder(args, h),
}

/** Extension points each plugin implements, in the order the framework knows them. */
export const EXTENSION_POINTS = ['preEnqueue', 'queueSort', 'preFilter', 'filter', 'postFilter', 'preScore', 'score', 'reserve', 'permit', 'preBind', 'bind', 'postBind'] as const
export type ExtensionPoint = (typeof EXTENSION_POINTS)[number]

const IMPLEMENTS: Record<string, ExtensionPoint[]> = {
  SchedulingGates: ['preEnqueue'],
  PrioritySort: ['queueSort'],
  NodeUnschedulable: ['filter'],
  NodeName: ['filter'],
  TaintToleration: ['filter', 'preScore', 'score'],
  NodeAffinity: ['preFilter', 'filter', 'preScore', 'score'],
  NodePorts: ['preFilter', 'filter'],
  NodeResourcesFit: ['preFilter', 'filter', 'preScore', 'score'],
  VolumeRestrictions: ['preFilter', 'filter'],
  NodeVolumeLimits: ['preFilter', 'filter'],
  VolumeBinding: ['preFilter', 'filter', 'reserve', 'preBind'],
  VolumeZone: ['preFilter', 'filter'],
  PodTopologySpread: ['preFilter', 'filter', 'preScore', 'score'],
  InterPodAffinity: ['preFilter', 'filter', 'preScore', 'score'],
  DefaultPreemption: ['postFilter'],
  NodeResourcesBalancedAllocation: ['preScore', 'score'],
  ImageLocality: ['score'],
  DefaultBinder: ['bind'],
}

export function implementsPoint(plugin: string, point: ExtensionPoint): boolean {
  return IMPLEMENTS[plugin]?.includes(point) ?? false
}

export interface PluginRef {
  name: string
  weight?: number
}

/** getDefaultPlugins(): MultiPoint, in order, with score weights. */
export const DEFAULT_MULTIPOINT: PluginRef[] = [
  {name: 'SchedulingGates'},
  {name: 'PrioritySort'},
  {name: 'NodeUnschedulable'},
  {name: 'NodeName'},
  {name: 'TaintToleration', weight: 3},
  {name: 'NodeAffinity', weight: 2},
  {name: 'NodePorts'},
  {name: 'NodeResourcesFit', weight: 1},
  {name: 'VolumeRestrictions'},
  {name: 'NodeVolumeLimits'},
  {name: 'VolumeBinding'},
  {name: 'VolumeZone'},
  {name: 'PodTopologySpread', weight: 2},
  {name: 'InterPodAffinity', weight: 2},
  {name: 'DefaultPreemption'},
  {name: 'NodeResourcesBalancedAllocation', weight: 1},
  {name: 'ImageLocality', weight: 1},
  {name: 'DefaultBinder'},
]
