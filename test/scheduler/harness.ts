// Test harness: a store, a virtual clock and a fake event recorder around the scheduler, run until idle.
import type {EventRecorder, EventType} from '../../src/api/events.js'
import {ResourceRegistry} from '../../src/api/resources.js'
import {ObjectStore} from '../../src/api/store/store.js'
import type {KubeObject} from '../../src/api/types.js'
import {VirtualClock} from '../../src/clock/clock.js'
import {SeededRandom} from '../../src/clock/random.js'
import {Scheduler, type SchedulerOptions} from '../../src/scheduler/index.js'

export interface RecordedEvent {
  object: string
  type: EventType
  reason: string
  message: string
  component: string
}

export class Harness {
  store = new ObjectStore()
  clock = new VirtualClock(Date.parse('2026-01-01T00:00:00Z'))
  rng: SeededRandom
  events: RecordedEvent[] = []
  scheduler: Scheduler
  private uid = 0

  constructor(opts: SchedulerOptions & {seed?: number | string} = {}) {
    this.rng = new SeededRandom(opts.seed ?? 'k8sim-test')
    this.scheduler = new Scheduler(opts)
    const recorder: EventRecorder = {
      event: (regarding, type, reason, message, source) => {
        this.events.push({object: `${regarding.kind}/${regarding.metadata.namespace ?? ''}/${regarding.metadata.name}`, type, reason, message, component: source.component})
      },
    }
    this.scheduler.start({store: this.store, clock: this.clock, rng: this.rng, events: recorder, registry: new ResourceRegistry()})
  }

  create(obj: KubeObject): KubeObject {
    const o = structuredClone(obj)
    o.metadata ??= {}
    const clusterScoped = ['Node', 'PriorityClass', 'Namespace', 'PersistentVolume', 'StorageClass', 'CSINode'].includes(o.kind)
    if (!clusterScoped) o.metadata.namespace ??= 'default'
    o.metadata.uid ??= `uid-${++this.uid}`
    o.metadata.creationTimestamp ??= this.clock.nowRFC3339()
    return this.store.create(o)
  }

  pod(ns: string, name: string): KubeObject | undefined {
    return this.store.get(`/Pod/${ns}/${name}`)
  }

  /** Run timers until the scheduler has nothing pending (bounded). */
  settle(maxMs = 60_000): void {
    const until = this.clock.now() + maxMs
    for (let i = 0; i < 100_000 && this.scheduler.hasPendingWork(); i++) {
      if (!this.clock.runNext(until)) break
    }
  }
}

export function node(name: string, opts: {cpu?: string; memory?: string; pods?: string; labels?: Record<string, string>; taints?: any[]; unschedulable?: boolean} = {}): KubeObject {
  const res = {cpu: opts.cpu ?? '4', memory: opts.memory ?? '16Gi', pods: opts.pods ?? '110', 'ephemeral-storage': '100Gi'}
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {name, labels: {'kubernetes.io/hostname': name, ...(opts.labels ?? {})}},
    spec: {...(opts.taints ? {taints: opts.taints} : {}), ...(opts.unschedulable ? {unschedulable: true} : {})},
    status: {capacity: res, allocatable: res, conditions: [{type: 'Ready', status: 'True'}]},
  }
}

export function pod(name: string, opts: {cpu?: string; memory?: string; nodeName?: string; labels?: Record<string, string>; spec?: any; priority?: number; ns?: string} = {}): KubeObject {
  const requests: Record<string, string> = {}
  if (opts.cpu) requests.cpu = opts.cpu
  if (opts.memory) requests.memory = opts.memory
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {name, namespace: opts.ns ?? 'default', labels: opts.labels ?? {}},
    spec: {
      ...(opts.nodeName ? {nodeName: opts.nodeName} : {}),
      ...(opts.priority !== undefined ? {priority: opts.priority} : {}),
      containers: [{name: 'app', image: 'registry.k8s.io/pause:3.10', resources: {requests}}],
      ...(opts.spec ?? {}),
    },
    status: opts.nodeName ? {phase: 'Running'} : {phase: 'Pending'},
  }
}
