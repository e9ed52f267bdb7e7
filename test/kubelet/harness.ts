// A hand-driven cluster for kubelet tests: store + virtual clock + an event log, one Ready node.
import {ResourceRegistry} from '../../src/api/resources.js'
import {ObjectStore} from '../../src/api/store/store.js'
import type {KubeObject} from '../../src/api/types.js'
import {VirtualClock, toRFC3339} from '../../src/clock/clock.js'
import {SeededRandom} from '../../src/clock/random.js'
import type {Controller} from '../../src/controllers/runtime/types.js'
import {createKubelet} from '../../src/kubelet/index.js'

export const T0 = Date.parse('2026-01-01T00:00:00Z')

export interface LoggedEvent {
  t: number // seconds since T0
  type: string
  reason: string
  message: string
  fieldPath?: string
  host?: string
  component: string
}

export function makeCluster(nodeOverrides: Partial<KubeObject> = {}) {
  const store = new ObjectStore()
  const clock = new VirtualClock(T0)
  const rng = new SeededRandom('test')
  const events: LoggedEvent[] = []
  const recorder = {
    event(_o: KubeObject, type: string, reason: string, message: string, source: {component: string; host?: string}, fieldPath?: string) {
      events.push({t: (clock.now() - T0) / 1000, type, reason, message, fieldPath, host: source.host, component: source.component})
    },
  }
  store.create({
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {name: 'node-1', uid: 'node-uid-1', labels: {'kubernetes.io/hostname': 'node-1'}},
    spec: {podCIDR: '10.244.1.0/24'},
    status: {
      addresses: [{type: 'InternalIP', address: '172.18.0.2'}],
      allocatable: {cpu: '4', memory: '16Gi', pods: '110'},
      capacity: {cpu: '4', memory: '16Gi', pods: '110'},
      conditions: [{type: 'Ready', status: 'True'}],
    },
    ...nodeOverrides,
  } as KubeObject)
  const kubelet: Controller = createKubelet()
  const ctx = {store, clock, rng, events: recorder as any, registry: new ResourceRegistry()}
  kubelet.start(ctx)
  let podSeq = 0
  const h = {
    store,
    clock,
    events,
    kubelet,
    /** create a pod bound to node-1 (as the scheduler would leave it) */
    pod(name: string, spec: any = {}, annotations: Record<string, string> = {}, extra: Partial<KubeObject> = {}): KubeObject {
      podSeq++
      return store.create({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {name, namespace: 'default', uid: `uid-${podSeq}`, creationTimestamp: toRFC3339(clock.now()), annotations},
        spec: {nodeName: 'node-1', restartPolicy: 'Always', terminationGracePeriodSeconds: 30, containers: [{name: 'app', image: 'nginx:1.27'}], ...spec},
        status: {phase: 'Pending', conditions: [{type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: toRFC3339(clock.now())}], qosClass: 'BestEffort'},
        ...extra,
      } as KubeObject)
    },
    get(name: string): KubeObject | undefined {
      return store.get(`/Pod/default/${name}`)
    },
    /** run every timer due within the next `seconds` */
    run(seconds: number): void {
      const until = clock.now() + seconds * 1000
      let guard = 0
      while (clock.runNext(until)) if (++guard > 100000) throw new Error('runaway')
      clock.advanceTo(until)
    },
    evs(filter?: (e: LoggedEvent) => boolean): string[] {
      return events.filter(filter ?? (() => true)).map((e) => `${e.t} ${e.type} ${e.reason} ${e.message}`)
    },
  }
  return h
}

/** kubectl's STATUS column (printers.go printPod), enough to check what the statuses produce. */
export function podStatusColumn(pod: KubeObject): string {
  const st = pod.status ?? {}
  let reason: string = st.reason || st.phase
  let initializing = false
  const inits: any[] = st.initContainerStatuses ?? []
  for (let i = 0; i < inits.length; i++) {
    const c = inits[i]
    const spec = pod.spec.initContainers?.find((x: any) => x.name === c.name)
    if (c.state?.terminated && c.state.terminated.exitCode === 0) continue
    if (spec?.restartPolicy === 'Always' && c.started) continue
    if (c.state?.terminated) reason = `Init:${c.state.terminated.reason}`
    else if (c.state?.waiting?.reason && c.state.waiting.reason !== 'PodInitializing') reason = `Init:${c.state.waiting.reason}`
    else reason = `Init:${i}/${pod.spec.initContainers.length}`
    initializing = true
    break
  }
  const initCond = (st.conditions ?? []).find((c: any) => c.type === 'Initialized')
  if (!initializing || initCond?.status === 'True') {
    let hasRunning = false
    const cs: any[] = st.containerStatuses ?? []
    for (let i = cs.length - 1; i >= 0; i--) {
      const c = cs[i]
      if (c.state?.waiting?.reason) reason = c.state.waiting.reason
      else if (c.state?.terminated?.reason) reason = c.state.terminated.reason
      else if (c.ready && c.state?.running) hasRunning = true
    }
    if (reason === 'Completed' && hasRunning) reason = (st.conditions ?? []).some((c: any) => c.type === 'Ready' && c.status === 'True') ? 'Running' : 'NotReady'
  }
  if (pod.metadata.deletionTimestamp && st.phase !== 'Succeeded' && st.phase !== 'Failed') reason = 'Terminating'
  return reason
}
