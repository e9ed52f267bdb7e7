// One pod's lifecycle on its node (the kubelet's pod worker, pkg/kubelet/pod_workers.go + kuberuntime SyncPod).
// Level-triggered: from the pod's status and the virtual time it lists the actions that are due (start the next
// container, a container exits, a back-off expires, readiness flips...), runs those due now on a working copy,
// writes the status once, and reports when the next action is due. What it keeps in memory (a start in progress,
// pull failures) is a cache: a new process rebuilds it from the status, as a restarted kubelet does.
import {value as quantityValue} from '../api/quantity.js'
import type {KubeObject} from '../api/types.js'
import {deepCopy, jsonEqual} from '../api/deep-copy.js'
import {parseRFC3339, toRFC3339} from '../clock/clock.js'
import {imageID, imagePresentOnNode, normalizeImage, pullPolicyOf, sha256Hex} from './images.js'
import {admitPod} from './node-admission.js'
import type {AdmittedUsage} from './node-usage.js'
import {allocatePodIP, nodeInternalIP} from './pod-ip.js'
import {everRan, initialized, isSidecar, refreshPodStatus} from './pod-status.js'
import {simBehaviour, type SimBehaviour} from './sim-annotations.js'
import {pullBackoffMs, restartBackoffMs, START_STAGES, TIMINGS, type StartContext} from './stages.js'

/** What the worker needs from its kubelet. */
export interface KubeletEnv {
  now(): number
  node(): KubeObject | undefined
  /** the other pods admitted on this node (startTime set, not terminal): how many, and their summed requests */
  admittedUsage(exceptKey: string): AdmittedUsage
  /** whether a pod on this node holds the IP */
  ipInUse(ip: string): boolean
  podCIDR(): string
  configError(pod: KubeObject, container: any): string | undefined
  mountError(pod: KubeObject): string | undefined
  /** PVCs not bound yet: the volume manager keeps waiting, without an event */
  claimsBound(pod: KubeObject): boolean
  event(pod: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string, fieldPath?: string): void
  imagePulled(image: string): void
}

export interface Action {
  at: number
  background: boolean
  label: string
  run: (pod: KubeObject) => void
}

interface StartProgress {
  stage: number
  at: number
  background: boolean
  /** built once per start; advanceStart points pod and status at the current sync's working copy */
  ctx: StartContext
  restart: boolean
  /** a stage called ctx.fail during the current advanceStart */
  failed: boolean
}

/**
 * The worker's memory of one container. One record per container rather than a map per field: a worker lives as
 * long as its pod, and most containers only ever fill startedAtMs.
 */
interface ContainerMemory {
  /** a start in progress */
  starting?: StartProgress
  /** when to retry after an error (pull, config), and whether that sync runs in the background */
  retryAt?: {at: number; background: boolean; reason?: string}
  pullFailures?: number
  pullFailedAt?: {at: number; message?: string}
  startedAtMs?: number
  finishedAtMs?: number
  /** Unhealthy events sent for the current run */
  livenessSent?: number
}

/** The result of a sync: write the pod (or delete it), and when to come back. */
export interface SyncResult {
  pod?: KubeObject
  remove: boolean
  next?: {at: number; background: boolean}
}

export class PodWorker {
  /** what the worker remembers per container (by name: init and regular containers' names are unique together) */
  private containers = new Map<string, ContainerMemory>()
  private mountRetryAt: number | undefined
  private mountsReady = false
  private killingAt: number | undefined
  private remove = false

  constructor(
    readonly key: string,
    private readonly env: KubeletEnv,
  ) {}

  /** A ConfigMap or Secret appeared: retry config and mount errors now instead of at the next retry. */
  retryNow(): void {
    const now = this.env.now()
    for (const m of this.containers.values()) if (m.retryAt?.reason === 'CreateContainerConfigError') m.retryAt = {...m.retryAt, at: now}
    if (this.mountRetryAt !== undefined) this.mountRetryAt = now
  }

  private memoryOf(name: string): ContainerMemory | undefined {
    return this.containers.get(name)
  }

  private memory(name: string): ContainerMemory {
    let m = this.containers.get(name)
    if (!m) this.containers.set(name, (m = {}))
    return m
  }

  sync(current: KubeObject): SyncResult {
    // the kubelet only writes status: share spec and metadata, copy status
    const pod: KubeObject = {...current, metadata: {...current.metadata}, status: deepCopy(current.status ?? {})}
    this.remove = false
    let next: Action | undefined
    for (let guard = 0; guard < 200; guard++) {
      const actions = this.actions(pod)
      if (actions.length === 0) {
        next = undefined
        break
      }
      let first = actions[0]
      for (const a of actions) if (a.at < first.at) first = a
      if (first.at > this.env.now() || this.remove) {
        next = first
        break
      }
      first.run(pod)
      if (!this.remove && pod.status?.startTime && !pod.status.reason) refreshPodStatus(pod, this.nowRFC())
    }
    if (this.remove) return {remove: true}
    // the status as JSON would differ (current.status itself is never mutated: pod.status is a copy)
    const changed = !jsonEqual(pod.status ?? {}, current.status ?? {})
    return {pod: changed ? pod : undefined, remove: false, next: next && {at: next.at, background: next.background}}
  }

  private nowRFC(): string {
    return toRFC3339(this.env.now())
  }

  private act(at: number, label: string, run: (pod: KubeObject) => void, background = false): Action {
    return {at, label, run, background}
  }

  /** Every action the pod could take next, with its time. */
  private actions(pod: KubeObject): Action[] {
    const now = this.env.now()
    const st = pod.status ?? {}
    if (pod.metadata.deletionTimestamp) return this.terminationActions(pod)
    if (st.phase === 'Succeeded' || st.phase === 'Failed') return []
    if (!st.startTime) return [this.act(now, 'admit', (p) => this.admit(p))]
    const out: Action[] = []
    if (!this.mountsReady) {
      const anyRan = [...(st.initContainerStatuses ?? []), ...(st.containerStatuses ?? [])].some(everRan)
      if (anyRan) this.mountsReady = true
      else {
        const at = this.mountRetryAt ?? now
        return [
          this.act(at, 'mount', (p) => {
            const err = this.env.mountError(p)
            if (!this.env.claimsBound(p)) this.mountRetryAt = this.env.now() + TIMINGS.retryMs
            else if (err) {
              this.env.event(p, 'Warning', 'FailedMount', err)
              this.mountRetryAt = this.env.now() + TIMINGS.retryMs
            } else this.mountsReady = true
          }, this.mountRetryAt !== undefined),
        ]
      }
    }
    // init containers: one at a time, in order; sidecars keep running
    const inits: any[] = pod.spec?.initContainers ?? []
    for (const c of inits) {
      const s = this.statusOf(pod, c.name, true)
      const done = isSidecar(c) ? Boolean(s?.started) : s?.state?.terminated?.exitCode === 0
      out.push(...this.containerActions(pod, c, true, !done))
      if (!done) return out
    }
    if (!initialized(pod)) return out
    // regular containers: first starts one after another, in spec order
    let firstStartAllowed = true
    for (const c of pod.spec?.containers ?? []) {
      out.push(...this.containerActions(pod, c, false, firstStartAllowed))
      const s = this.statusOf(pod, c.name, false)
      const pendingFirstStart = !everRan(s) && (this.memoryOf(c.name)?.starting !== undefined || !this.isWaitingOnError(s))
      if (pendingFirstStart) firstStartAllowed = false
    }
    return out
  }

  private isWaitingOnError(s: any): boolean {
    const r = s?.state?.waiting?.reason
    return r !== undefined && r !== 'ContainerCreating' && r !== 'PodInitializing'
  }

  private statusOf(pod: KubeObject, name: string, init: boolean): any {
    const list: any[] = (init ? pod.status?.initContainerStatuses : pod.status?.containerStatuses) ?? []
    return list.find((x) => x.name === name)
  }

  private containerActions(pod: KubeObject, c: any, init: boolean, mayStart: boolean): Action[] {
    const now = this.env.now()
    const s = this.statusOf(pod, c.name, init)
    const prog = this.memoryOf(c.name)?.starting
    if (prog) return [this.act(prog.at, `start ${c.name}`, (p) => this.advanceStart(p, c, init), prog.background)]
    if (!s) return []
    if (s.state?.running) return this.runningActions(pod, c, init, s)
    if (s.state?.terminated || s.state?.waiting?.reason === 'CrashLoopBackOff') return this.restartActions(pod, c, init, s)
    const waiting = s.state?.waiting?.reason
    if (waiting === 'ErrImagePull') {
      const at = this.memoryOf(c.name)?.retryAt?.at ?? now
      return [this.act(at, `pull backoff ${c.name}`, (p) => this.enterPullBackOff(p, c, init))]
    }
    if (waiting === 'ImagePullBackOff' || waiting === 'CreateContainerConfigError' || waiting === 'ErrImageNeverPull') {
      const r = this.memoryOf(c.name)?.retryAt ?? {at: now + (waiting === 'ImagePullBackOff' ? TIMINGS.backoffInitialMs : 0), background: true}
      return [this.act(r.at, `retry ${c.name}`, (p) => this.beginStart(p, c, init, everRan(s), true), r.background)]
    }
    if (!everRan(s) && mayStart) return [this.act(now, `start ${c.name}`, (p) => this.beginStart(p, c, init, false, false))]
    return []
  }

  // ---- admission and pod sandbox ----

  private admit(pod: KubeObject): void {
    const node = this.env.node()!
    const rejection = admitPod(pod, node, this.env.admittedUsage(this.key))
    if (rejection) {
      pod.status = {...(pod.status ?? {}), phase: 'Failed', reason: rejection.reason, message: `Pod was rejected: ${rejection.message}`}
      this.env.event(pod, 'Warning', rejection.reason, rejection.message)
      return
    }
    const st = (pod.status ??= {})
    const hostIP = nodeInternalIP(node)
    const podIP = pod.spec?.hostNetwork ? hostIP : allocatePodIP(this.env.podCIDR(), (ip) => this.env.ipInUse(ip))
    if (hostIP) {
      st.hostIP = hostIP
      st.hostIPs = [{ip: hostIP}]
    }
    if (podIP) {
      st.podIP = podIP
      st.podIPs = [{ip: podIP}]
    }
    st.startTime = this.nowRFC()
    const hasInit = (pod.spec?.initContainers ?? []).length > 0
    const reason = hasInit ? 'PodInitializing' : 'ContainerCreating'
    if (hasInit) st.initContainerStatuses = pod.spec.initContainers.map((c: any) => this.waitingStatus(c, 'PodInitializing'))
    st.containerStatuses = (pod.spec?.containers ?? []).map((c: any) => this.waitingStatus(c, reason))
    st.phase = 'Pending'
  }

  private waitingStatus(c: any, reason: string): any {
    const s: any = {
      image: c.image,
      imageID: '',
      lastState: {},
      name: c.name,
      ready: false,
      restartCount: 0,
      started: false,
      state: {waiting: {reason}},
    }
    if (c.volumeMounts?.length) s.volumeMounts = this.statusMounts(c)
    return s
  }

  private statusMounts(c: any): any[] {
    return c.volumeMounts.map((m: any) => {
      const v: any = {mountPath: m.mountPath, name: m.name}
      if (m.readOnly) {
        v.readOnly = true
        v.recursiveReadOnly = 'Disabled'
      }
      return v
    })
  }

  // ---- starting a container: the START_STAGES table ----

  private beginStart(pod: KubeObject, c: any, init: boolean, restart: boolean, background: boolean): void {
    const node = this.env.node()!
    const b = simBehaviour(pod)
    const policy = pullPolicyOf(c)
    const present = imagePresentOnNode(node, c.image ?? '')
    const mem = this.memory(c.name)
    mem.retryAt = undefined
    const fieldPath = `spec.${init ? 'initContainers' : 'containers'}{${c.name}}`
    // the callbacks read prog.ctx.pod, not a captured pod: each sync works on its own copy of the pod
    const prog: StartProgress = {stage: 0, at: this.env.now(), background, restart, failed: false, ctx: undefined as never}
    const ctx: StartContext = {
      pod,
      status: undefined,
      container: c,
      image: c.image ?? '',
      needsPull: policy === 'Always' || (policy === 'IfNotPresent' && !present),
      imageCached: present,
      neverPullMissing: policy === 'Never' && !present,
      pullFails: !init && b.imagePullFail,
      startupDelayMs: b.startupDelayMs,
      configError: () => this.env.configError(ctx.pod, c),
      event: (type, reason, message) => this.env.event(ctx.pod, type, reason, message, fieldPath),
      imagePulled: () => this.env.imagePulled(c.image ?? ''),
      markRunning: () => this.markRunning(ctx.pod, c, init, prog.restart),
      fail: (reason, message) => {
        prog.failed = true
        this.startFailed(ctx.pod, c, init, reason, message)
      },
    }
    prog.ctx = ctx
    mem.starting = prog
    this.advanceStart(pod, c, init)
  }

  /** Run stages from the current one while they are due; stop at a delay or a failure. */
  private advanceStart(pod: KubeObject, c: any, init: boolean): void {
    const mem = this.memoryOf(c.name)
    const prog = mem?.starting
    if (!mem || !prog) return
    const ctx = prog.ctx
    ctx.pod = pod
    ctx.status = this.statusOf(pod, c.name, init)
    prog.failed = false
    while (prog.stage < START_STAGES.length) {
      const stage = START_STAGES[prog.stage]
      if (!stage.when(ctx)) {
        prog.stage++
        continue
      }
      const due = prog.at
      if (due > this.env.now()) return
      const cont = stage.run(ctx)
      prog.stage++
      if (!cont || prog.failed) {
        mem.starting = undefined
        return
      }
      // the delay of the next applicable stage counts from now
      let i = prog.stage
      while (i < START_STAGES.length && !START_STAGES[i].when(ctx)) i++
      if (i >= START_STAGES.length) break
      prog.stage = i
      prog.at = this.env.now() + START_STAGES[i].delayMs(ctx)
    }
    mem.starting = undefined
  }

  private startFailed(pod: KubeObject, c: any, init: boolean, reason: string, message: string): void {
    const s = this.statusOf(pod, c.name, init)
    s.state = {waiting: {message, reason}}
    s.ready = false
    s.started = false
    const now = this.env.now()
    const mem = this.memory(c.name)
    if (reason === 'ErrImagePull') {
      mem.pullFailures = (mem.pullFailures ?? 0) + 1
      mem.pullFailedAt = {at: now, message}
      mem.retryAt = {at: now + TIMINGS.pullErrorToBackOffMs, background: false}
    } else {
      mem.retryAt = {at: now + TIMINGS.retryMs, background: true, reason}
    }
  }

  private enterPullBackOff(pod: KubeObject, c: any, init: boolean): void {
    const s = this.statusOf(pod, c.name, init)
    const image = c.image ?? ''
    const msg = `Back-off pulling image "${image}"`
    const fp = `spec.${init ? 'initContainers' : 'containers'}{${c.name}}`
    this.env.event(pod, 'Normal', 'BackOff', msg, fp)
    this.env.event(pod, 'Warning', 'Failed', 'Error: ImagePullBackOff', fp)
    // v1.32 appends the previous pull error to the waiting message (not to the event)
    const mem = this.memory(c.name)
    const prev = mem.pullFailedAt ?? {at: this.env.now(), message: s.state?.waiting?.message}
    s.state = {waiting: {message: prev.message ? `${msg}: ErrImagePull: ${prev.message}` : msg, reason: 'ImagePullBackOff'}}
    const failures = mem.pullFailures ?? 1
    mem.retryAt = {at: prev.at + pullBackoffMs(failures), background: true}
  }

  private markRunning(pod: KubeObject, c: any, init: boolean, restart: boolean): void {
    const s = this.statusOf(pod, c.name, init)
    const now = this.env.now()
    if (restart) {
      const prev = s.state?.terminated ?? s.lastState?.terminated
      if (prev) s.lastState = {terminated: prev}
      s.restartCount = (s.restartCount ?? 0) + 1
    }
    const uid = pod.metadata.uid ?? pod.metadata.name
    s.containerID = `containerd://${sha256Hex(`${uid}/${c.name}/${s.restartCount ?? 0}`)}`
    s.image = normalizeImage(c.image ?? '')
    s.imageID = imageID(c.image ?? '')
    s.state = {running: {startedAt: toRFC3339(now)}}
    const mem = this.memory(c.name)
    mem.startedAtMs = now
    mem.livenessSent = undefined
    // without a startup probe the container counts as started at once; without a readiness probe, as ready
    s.started = !c.startupProbe
    s.ready = s.started && !c.readinessProbe && !(init && !isSidecar(c))
  }

  // ---- a running container: readiness, exits, probes ----

  private startedMs(c: any, s: any): number {
    return this.memoryOf(c.name)?.startedAtMs ?? parseRFC3339(s.state.running.startedAt)
  }

  private runningActions(pod: KubeObject, c: any, init: boolean, s: any): Action[] {
    const start = this.startedMs(c, s)
    const out: Action[] = []
    if (!s.started && c.startupProbe) {
      out.push(this.act(start + (c.startupProbe.initialDelaySeconds ?? 0) * 1000, `started ${c.name}`, (p) => {
        const x = this.statusOf(p, c.name, init)
        x.started = true
        x.ready = !c.readinessProbe && !(init && !isSidecar(c))
      }))
    } else if (!s.ready && c.readinessProbe) {
      const startup = c.startupProbe ? (c.startupProbe.initialDelaySeconds ?? 0) * 1000 : 0
      const at = start + Math.max(startup, (c.readinessProbe.initialDelaySeconds ?? 0) * 1000)
      out.push(this.act(at, `ready ${c.name}`, (p) => (this.statusOf(p, c.name, init).ready = true)))
    }
    if (init && !isSidecar(c)) {
      out.push(this.act(start + TIMINGS.initRunMs, `exit ${c.name}`, (p) => this.terminate(p, c, init, 0, 'Completed')))
      return out
    }
    if (init) return out
    const b = simBehaviour(pod)
    const exit = this.exitPlan(c, b, start)
    if (exit) out.push(this.act(exit.at, `exit ${c.name}`, (p) => this.terminate(p, c, init, exit.code, exit.reason)))
    const live = this.livenessAction(pod, c, b, start, exit?.at)
    if (live) out.push(live)
    return out
  }

  private exitPlan(c: any, b: SimBehaviour, start: number): {at: number; code: number; reason: string} | undefined {
    const plans: {at: number; code: number; reason: string}[] = []
    if (b.runDurationMs !== undefined) plans.push({at: start + b.runDurationMs, code: b.exitCode, reason: b.exitCode === 0 ? 'Completed' : 'Error'})
    if (b.crashAfterMs !== undefined) {
      const code = b.exitCode !== 0 ? b.exitCode : 1
      plans.push({at: start + b.crashAfterMs, code, reason: 'Error'})
    }
    const limit = c.resources?.limits?.memory
    if (b.memoryUsage !== undefined && limit !== undefined && b.memoryUsage > memoryBytes(limit)) {
      plans.push({at: start + TIMINGS.oomAfterMs, code: 137, reason: 'OOMKilled'})
    }
    let best: {at: number; code: number; reason: string} | undefined
    for (const p of plans) if (!best || p.at < best.at) best = p
    return best
  }

  /** liveness-fail-after: failureThreshold failed probes (Unhealthy), then the kubelet kills the container. */
  private livenessAction(pod: KubeObject, c: any, b: SimBehaviour, start: number, exitAt: number | undefined): Action | undefined {
    const probe = c.livenessProbe
    if (!probe || b.livenessFailAfterMs === undefined) return undefined
    const period = (probe.periodSeconds ?? 10) * 1000
    const delay = (probe.initialDelaySeconds ?? 0) * 1000
    const threshold = probe.failureThreshold ?? 3
    const failFrom = start + Math.max(b.livenessFailAfterMs, delay)
    const first = start + delay + Math.ceil((failFrom - start - delay) / period) * period
    const mem = this.memory(c.name)
    let sent = mem.livenessSent
    if (sent === undefined) {
      sent = 0
      while (sent < threshold - 1 && first + sent * period < this.env.now()) sent++
      mem.livenessSent = sent
    }
    const at = first + sent * period
    if (exitAt !== undefined && exitAt <= at) return undefined
    return this.act(at, `liveness ${c.name}`, (p) => {
      const fp = `spec.containers{${c.name}}`
      this.env.event(p, 'Warning', 'Unhealthy', `Liveness probe failed: ${probeFailure(probe, p)}`, fp)
      const n = (mem.livenessSent ?? 0) + 1
      mem.livenessSent = n
      if (n >= threshold) {
        this.env.event(p, 'Normal', 'Killing', `Container ${c.name} failed liveness probe, will be restarted`, fp)
        this.terminate(p, c, false, 137, 'Error')
      }
    })
  }

  private terminate(pod: KubeObject, c: any, init: boolean, code: number, reason: string): void {
    const s = this.statusOf(pod, c.name, init)
    const now = this.env.now()
    const run = s.state?.running
    s.state = {
      terminated: {containerID: s.containerID, exitCode: code, finishedAt: toRFC3339(now), reason, startedAt: run?.startedAt ?? toRFC3339(now)},
    }
    s.ready = false
    s.started = false
    this.memory(c.name).finishedAtMs = now
  }

  // ---- restarts: restartPolicy and the CrashLoopBackOff back-off ----

  private restartActions(pod: KubeObject, c: any, init: boolean, s: any): Action[] {
    const policy = init ? 'Always' : (pod.spec?.restartPolicy ?? 'Always')
    const term = s.state?.terminated ?? s.lastState?.terminated
    if (!term) return []
    if (init && !isSidecar(c) && term.exitCode === 0) return []
    const restart = isSidecar(c) || policy === 'Always' || (policy === 'OnFailure' && term.exitCode !== 0)
    if (!restart) return []
    const finished = this.memoryOf(c.name)?.finishedAtMs ?? parseRFC3339(term.finishedAt)
    const ran = finished - parseRFC3339(term.startedAt)
    const wait = ran > TIMINGS.backoffResetMs ? 0 : restartBackoffMs(s.restartCount ?? 0)
    if (wait > 0 && s.state?.terminated) {
      return [this.act(finished, `backoff ${c.name}`, (p) => this.enterCrashLoop(p, c, init, wait))]
    }
    return [this.act(finished + wait, `restart ${c.name}`, (p) => this.beginStart(p, c, init, true, wait > 0), wait > 0)]
  }

  private enterCrashLoop(pod: KubeObject, c: any, init: boolean, wait: number): void {
    const s = this.statusOf(pod, c.name, init)
    const who = `${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`
    s.lastState = {terminated: s.state.terminated}
    s.state = {waiting: {message: `back-off ${goSeconds(wait)} restarting failed container=${c.name} pod=${who}`, reason: 'CrashLoopBackOff'}}
    this.env.event(pod, 'Warning', 'BackOff', `Back-off restarting failed container ${c.name} in pod ${who}`, `spec.${init ? 'initContainers' : 'containers'}{${c.name}}`)
  }

  // ---- graceful termination ----

  private terminationActions(pod: KubeObject): Action[] {
    const now = this.env.now()
    const running = (): Array<{c: any; init: boolean}> => {
      const out: Array<{c: any; init: boolean}> = []
      for (const c of pod.spec?.containers ?? []) if (this.statusOf(pod, c.name, false)?.state?.running) out.push({c, init: false})
      for (const c of pod.spec?.initContainers ?? []) if (this.statusOf(pod, c.name, true)?.state?.running) out.push({c, init: true})
      return out
    }
    if (this.killingAt === undefined) {
      return [
        this.act(now, 'kill', (p) => {
          this.killingAt = now
          for (const m of this.containers.values()) m.starting = undefined
          const list = running()
          for (const {c, init} of list) {
            this.env.event(p, 'Normal', 'Killing', `Stopping container ${c.name}`, `spec.${init ? 'initContainers' : 'containers'}{${c.name}}`)
          }
          if (list.length === 0) this.remove = true
        }),
      ]
    }
    const deadline = parseRFC3339(pod.metadata.deletionTimestamp!)
    const at = Math.min(this.killingAt + TIMINGS.stopMs, Math.max(deadline, this.killingAt))
    return [
      this.act(at, 'stopped', (p) => {
        for (const {c, init} of running()) this.terminate(p, c, init, 0, 'Completed')
        this.remove = true
      }),
    ]
  }
}

function memoryBytes(q: string | number): number {
  return quantityValue(q)
}

/** Go's Duration.String() for whole seconds: 10s, 40s, 1m20s, 5m0s. */
function goSeconds(ms: number): string {
  const total = Math.round(ms / 1000)
  const m = Math.floor(total / 60)
  const s = total % 60
  return m > 0 ? `${m}m${s}s` : `${s}s`
}

function probeFailure(probe: any, pod: KubeObject): string {
  if (probe.httpGet) return 'HTTP probe failed with statuscode: 500'
  if (probe.tcpSocket) return `dial tcp ${pod.status?.podIP ?? ''}:${probe.tcpSocket.port}: connect: connection refused`
  if (probe.grpc) return 'service unhealthy (responded with "NOT_SERVING")'
  return ''
}
