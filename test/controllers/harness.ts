// A small cluster for controller tests: nodes, an engine, and (when the real scheduler/kubelet are absent) a
// stand-in that binds pending pods round-robin and makes them Running and Ready after a delay.

import {ObjectStore} from '../../src/api/store/store.js'
import {ResourceRegistry} from '../../src/api/resources.js'
import {VirtualClock, toRFC3339} from '../../src/clock/clock.js'
import {SeededRandom} from '../../src/clock/random.js'
import {Engine} from '../../src/engine/engine.js'
import {keyOf} from '../../src/api/store/keys.js'
import type {Controller, ControllerContext} from '../../src/controllers/runtime/types.js'
import type {KubeObject} from '../../src/api/types.js'

function ev0(pod: KubeObject): boolean {
  return !pod.metadata.deletionTimestamp
}

export const START = Date.parse('2026-01-01T00:00:00Z')

export function node(name: string): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {name, uid: `uid-${name}`, creationTimestamp: toRFC3339(START), labels: {'kubernetes.io/hostname': name}},
    spec: {},
    status: {
      capacity: {cpu: '4', memory: '16Gi', pods: '110'},
      allocatable: {cpu: '4', memory: '16Gi', pods: '110'},
      conditions: [{type: 'Ready', status: 'True'}],
    },
  }
}

/** Binds pods to nodes round-robin, then Running + Ready after `readyAfterMs`; finishes terminating pods. */
export class FakeNodeAgent implements Controller {
  readonly name = 'fake-node-agent'
  private pending = 0
  private next = 0
  constructor(private readonly nodes: string[], private readonly readyAfterMs = 2000) {}

  start(ctx: ControllerContext): void {
    const handle = (pod: KubeObject) => {
      const key = keyOf(pod)
      if (pod.metadata.deletionTimestamp) {
        this.pending++
        ctx.clock.after(1000, this.name, () => {
          this.pending--
          if (ctx.store.get(key)) ctx.store.delete(key)
        })
        return
      }
      if (!pod.spec?.nodeName && ev0(pod)) {
        this.pending++
        ctx.clock.after(0, this.name, () => {
          this.pending--
          const cur = ctx.store.get(key)
          if (!cur || cur.spec.nodeName) return
          const nodeName = this.nodes[this.next++ % this.nodes.length]
          ctx.store.update({...cur, spec: {...cur.spec, nodeName}, status: {phase: 'Pending'}})
          ctx.events.event(cur, 'Normal', 'Scheduled', `Successfully assigned ${cur.metadata.namespace}/${cur.metadata.name} to ${nodeName}`, {component: 'default-scheduler'})
          this.pending++
          ctx.clock.after(this.readyAfterMs, this.name, () => {
            this.pending--
            const p = ctx.store.get(key)
            if (!p || p.metadata.deletionTimestamp) return
            const t = toRFC3339(ctx.clock.now())
            ctx.store.update({...p, status: {phase: 'Running', podIP: `10.244.0.${this.next}`,
              conditions: [{type: 'Ready', status: 'True', lastTransitionTime: t}]}})
          })
        })
      }
    }
    ctx.store.watch((ev) => {
      if (ev.object.kind !== 'Pod' || ev.type === 'DELETED') return
      if (ev.type === 'MODIFIED' && ev.old?.metadata.deletionTimestamp) return
      handle(ev.object)
    })
  }

  hasPendingWork(): boolean {
    return this.pending > 0
  }
}

export function makeCluster(opts: {nodes?: number; seed?: number; fake?: boolean} = {}) {
  const store = new ObjectStore()
  const clock = new VirtualClock(START)
  const rng = new SeededRandom(opts.seed ?? 42)
  const registry = new ResourceRegistry()
  const names: string[] = []
  for (let i = 1; i <= (opts.nodes ?? 3); i++) {
    names.push(`node-${i}`)
    store.create(node(`node-${i}`))
  }
  store.create({apiVersion: 'v1', kind: 'Namespace', metadata: {name: 'default', uid: 'ns-default'}, status: {phase: 'Active'}})
  const fake = opts.fake ?? true
  const {createControllers} = controllersModule
  const engine = new Engine({store, clock, rng, registry}, fake
    ? {controllers: [...createControllers(), new FakeNodeAgent(names)], withoutScheduler: true, withoutKubelet: true}
    : {})
  engine.start()
  engine.runUntilSettled({timeoutMs: 0}) // the default ServiceAccount, kube-root-ca.crt
  return {store, clock, rng, registry, engine}
}

import * as controllersModule from '../../src/controllers/index.js'
import {standardStorageClass} from '../../src/controllers/persistentvolume/index.js'
import {daemonPodNode} from '../../src/controllers/daemonset/placement.js'

export function deployment(name: string, replicas: number, image: string, extra: Record<string, any> = {}): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {name, namespace: 'default'},
    spec: {
      replicas,
      selector: {matchLabels: {app: name}},
      strategy: {type: 'RollingUpdate', rollingUpdate: {maxSurge: '25%', maxUnavailable: '25%'}},
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
      template: {metadata: {labels: {app: name}}, spec: {containers: [{name: 'app', image}]}},
      ...extra,
    },
  }
}

/** Events in creation order as `Kind/name reason message`. */
export function eventLines(store: ObjectStore, source?: string): string[] {
  return store
    .list('/Event')
    .filter((e) => !source || e.source?.component === source)
    .map((e) => `${e.involvedObject.kind}/${e.involvedObject.name} ${e.reason}: ${e.message}`)
}

/** The engine with the real kubelet (and the real scheduler when present), for end-to-end flows. */
export function makeRealCluster(opts: {nodes?: number; seed?: number; withoutScheduler?: boolean} = {}) {
  const store = new ObjectStore()
  const clock = new VirtualClock(START)
  const rng = new SeededRandom(opts.seed ?? 42)
  const registry = new ResourceRegistry()
  const names: string[] = []
  for (let i = 1; i <= (opts.nodes ?? 3); i++) {
    names.push(`node-${i}`)
    store.create(node(`node-${i}`))
  }
  store.create({apiVersion: 'v1', kind: 'Namespace', metadata: {name: 'default', uid: 'ns-default'}, status: {phase: 'Active'}})
  store.create(standardStorageClass({uid: 'sc-standard', creationTimestamp: toRFC3339(START)}))
  const {createControllers} = controllersModule
  const probe = new Engine({store, clock, rng, registry}, {controllers: []})
  const hasScheduler = !!probe.scheduler && !opts.withoutScheduler
  const engine = new Engine({store, clock, rng, registry}, hasScheduler
    ? {}
    : {controllers: [...createControllers(), new FakeBinder(names)], withoutScheduler: true})
  engine.start()
  engine.runUntilSettled({timeoutMs: 0})
  return {store, clock, rng, registry, engine, hasScheduler}
}

/** Binds pending pods round-robin (stands in for the scheduler). */
export class FakeBinder implements Controller {
  readonly name = 'fake-binder'
  private pending = 0
  private next = 0
  constructor(private readonly nodes: string[]) {}
  start(ctx: ControllerContext): void {
    ctx.store.watch((ev) => {
      const pod = ev.object
      if (pod.kind !== 'Pod' || ev.type !== 'ADDED' || pod.spec?.nodeName) return
      const key = keyOf(pod)
      this.pending++
      ctx.clock.after(0, this.name, () => {
        this.pending--
        const cur = ctx.store.get(key)
        if (!cur || cur.spec.nodeName) return
        const nodeName = daemonPodNode(cur) ?? this.nodes[this.next++ % this.nodes.length]
        ctx.store.update({...cur, spec: {...cur.spec, nodeName},
          status: {...(cur.status ?? {}), conditions: [{type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: toRFC3339(ctx.clock.now())}]}})
        ctx.events.event(cur, 'Normal', 'Scheduled', `Successfully assigned ${cur.metadata.namespace}/${cur.metadata.name} to ${nodeName}`, {component: 'default-scheduler'})
      })
    })
  }
  hasPendingWork(): boolean {
    return this.pending > 0
  }
}
