// The Job controller (pkg/controller/job/job_controller.go, backoff_utils.go): runs pods until `completions`
// succeed (or, without completions, until one succeeds and none is active), `parallelism` at a time, with the pod
// failure back-off (10 s doubling, capped at 10 min) and backoffLimit, activeDeadlineSeconds, suspend, Indexed
// completion. Terminated pods are counted through the batch.kubernetes.io/job-tracking finalizer.

import type {KubeObject} from '../../api/types.js'
import {keyOf, objectKey} from '../../api/store/keys.js'
import type {WatchEvent} from '../../api/store/store.js'
import {toRFC3339} from '../../clock/clock.js'
import {isApiError} from '../../engine/api-error.js'
import {QueueController} from '../runtime/base.js'
import {clone, controllerRefOf, isPodReady, ms, newControllerRef} from '../runtime/util.js'
import {COMPLETION_INDEX, formatIndexes, parseIndexes, podIndex} from './indexes.js'

export const JOB_TRACKING_FINALIZER = 'batch.kubernetes.io/job-tracking'
const SRC = {component: 'job-controller'}
const BACKOFF_BASE_MS = 10_000
const BACKOFF_MAX_MS = 600_000

interface BackoffRecord {
  failuresAfterLastSuccess: number
  lastFailureTime: number
}

export function isJobFinished(job: KubeObject): boolean {
  return (job.status?.conditions ?? []).some((c: any) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True')
}

export class JobController extends QueueController {
  readonly name = 'job-controller'
  private backoff = new Map<string, BackoffRecord>()

  protected register(): void {
    this.hub.on('batch/Job', (ev) => this.queue.add(ev.key))
    this.hub.on('/Pod', (ev) => this.onPod(ev))
    for (const j of this.ctx.store.list('batch/Job')) this.queue.add(keyOf(j))
  }

  private onPod(ev: WatchEvent): void {
    const ref = controllerRefOf(ev.object)
    if (ref?.kind === 'Job') this.queue.add(objectKey('batch', 'Job', ev.object.metadata.namespace, ref.name))
  }

  private condition(type: string, reason: string, message: string, status = 'True'): any {
    const t = toRFC3339(this.ctx.clock.now())
    return {lastProbeTime: t, lastTransitionTime: t, message, reason, status, type}
  }

  protected sync(key: string): void {
    const stored = this.ctx.store.get(key)
    if (!stored) return void this.backoff.delete(key)
    if (isJobFinished(stored) || stored.metadata.deletionTimestamp) {
      // a finished or deleted Job only lets go of its pods
      for (const p of this.hub.dependents(stored.metadata.uid ?? '')) {
        if (p.kind === 'Pod' && p.metadata.finalizers?.includes(JOB_TRACKING_FINALIZER)) this.releaseFinalizer(p)
      }
      return
    }
    const job = clone(stored)
    const now = this.ctx.clock.now()
    const status: any = clone(job.status ?? {})
    const pods = this.hub.dependents(job.metadata.uid ?? '').filter((p) => p.kind === 'Pod' && controllerRefOf(p)?.uid === job.metadata.uid)
    const indexed = job.spec?.completionMode === 'Indexed'
    const completions: number | undefined = job.spec?.completions ?? undefined
    const parallelism: number = job.spec?.parallelism ?? 1
    const backoffLimit: number = job.spec?.backoffLimit ?? 6
    const suspended = !!job.spec?.suspend

    // count terminated pods once, releasing their finalizer
    let newFailures = 0
    let newSuccess = false
    const succeededIndexes = parseIndexes(status.completedIndexes)
    for (const p of pods) {
      if (!p.metadata.finalizers?.includes(JOB_TRACKING_FINALIZER)) continue
      const phase = p.status?.phase
      const failed = phase === 'Failed' || (!!p.metadata.deletionTimestamp && phase !== 'Succeeded')
      if (phase !== 'Succeeded' && !failed) continue
      if (phase === 'Succeeded') {
        const idx = podIndex(p)
        if (!indexed || (idx !== undefined && !succeededIndexes.has(idx))) {
          status.succeeded = (status.succeeded ?? 0) + 1
          if (idx !== undefined) succeededIndexes.add(idx)
        }
        newSuccess = true
      } else {
        status.failed = (status.failed ?? 0) + 1
        newFailures++
      }
      this.releaseFinalizer(p)
    }
    if (indexed && succeededIndexes.size > 0) status.completedIndexes = formatIndexes(succeededIndexes)
    const rec = this.backoff.get(key) ?? {failuresAfterLastSuccess: 0, lastFailureTime: 0}
    if (newSuccess) rec.failuresAfterLastSuccess = 0
    if (newFailures > 0) {
      rec.failuresAfterLastSuccess += newFailures
      rec.lastFailureTime = now
    }
    this.backoff.set(key, rec)

    const active = pods.filter((p) => !p.metadata.deletionTimestamp && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed')
    const terminating = pods.filter((p) => p.metadata.deletionTimestamp && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed')
    if (!status.startTime && !suspended) status.startTime = toRFC3339(now)

    // finishing conditions
    const conditions: any[] = status.conditions ?? []
    const has = (t: string) => conditions.some((c) => c.type === t && c.status === 'True')
    let failure: [string, string] | undefined
    if (has('FailureTarget')) {
      const c = conditions.find((x) => x.type === 'FailureTarget')
      failure = [c.reason, c.message]
    } else {
      const restarts = job.spec?.template?.spec?.restartPolicy === 'OnFailure'
        ? active.reduce((n, p) => n + (p.status?.containerStatuses ?? []).reduce((m: number, s: any) => m + (s.restartCount ?? 0), 0), 0)
        : 0
      if ((newFailures > 0 || restarts > 0) && (status.failed ?? 0) + restarts > backoffLimit) {
        failure = ['BackoffLimitExceeded', 'Job has reached the specified backoff limit']
      } else if (job.spec?.activeDeadlineSeconds !== undefined && status.startTime && !suspended &&
        ms(status.startTime) + job.spec.activeDeadlineSeconds * 1000 <= now) {
        failure = ['DeadlineExceeded', 'Job was active longer than specified deadline']
      }
      if (failure) conditions.push(this.condition('FailureTarget', failure[0], failure[1]))
    }
    const done = completions !== undefined
      ? (status.succeeded ?? 0) >= completions
      : (status.succeeded ?? 0) > 0 && active.length === 0
    if (!failure && done && !has('SuccessCriteriaMet')) {
      conditions.push(this.condition('SuccessCriteriaMet', 'CompletionsReached', 'Reached expected number of succeeded pods'))
    }

    if (failure || has('SuccessCriteriaMet')) {
      for (const p of active) this.deletePod(job, p)
      if (active.length === 0 && terminating.length === 0) {
        if (failure) {
          conditions.push(this.condition('Failed', failure[0], failure[1]))
          this.ctx.events.event(job, 'Warning', failure[0], failure[1], SRC)
        } else {
          conditions.push(this.condition('Complete', 'CompletionsReached', 'Reached expected number of succeeded pods'))
          status.completionTime = toRFC3339(now)
          this.ctx.events.event(job, 'Normal', 'Completed', 'Job completed', SRC)
        }
      }
    } else if (suspended) {
      for (const p of active) this.deletePod(job, p)
      const c = conditions.find((x) => x.type === 'Suspended')
      if (!c || c.status !== 'True') {
        status.conditions = conditions.filter((x) => x.type !== 'Suspended')
        conditions.length = 0
        conditions.push(...status.conditions, this.condition('Suspended', 'JobSuspended', 'Job suspended'))
        this.ctx.events.event(job, 'Normal', 'Suspended', 'Job suspended', SRC)
      }
    } else {
      const c = conditions.find((x) => x.type === 'Suspended')
      if (c?.status === 'True') {
        Object.assign(c, this.condition('Suspended', 'JobResumed', 'Job resumed', 'False'))
        this.ctx.events.event(job, 'Normal', 'Resumed', 'Job resumed', SRC)
      }
      this.manageActive(key, job, active, status, succeededIndexes, rec, parallelism, completions)
      if (job.spec?.activeDeadlineSeconds !== undefined && status.startTime) {
        // a far deadline is housekeeping: it does not keep the cluster from settling
        this.queue.addAfter(key, ms(status.startTime) + job.spec.activeDeadlineSeconds * 1000 - now, true)
      }
    }
    if (conditions.length) status.conditions = conditions
    const live = pods.filter((p) => !p.metadata.deletionTimestamp && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed')
    const ownedNow = this.hub.dependents(job.metadata.uid ?? '').filter((p) => p.kind === 'Pod' && controllerRefOf(p)?.uid === job.metadata.uid)
    const activeNow = ownedNow.filter((p) => !p.metadata.deletionTimestamp && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed')
    void live
    status.active = activeNow.length
    status.ready = activeNow.filter(isPodReady).length
    status.terminating = ownedNow.filter((p) => p.metadata.deletionTimestamp && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed').length
    status.uncountedTerminatedPods = {}
    this.ctx.api.updateStatus({...job, status: orderStatus(status)})
  }

  private manageActive(key: string, job: KubeObject, active: KubeObject[], status: any, succeededIndexes: Set<number>,
    rec: BackoffRecord, parallelism: number, completions: number | undefined): void {
    // podReplacementPolicy Failed: a terminating pod is only replaced once it has fully terminated
    const terminating = job.spec?.podReplacementPolicy === 'Failed'
      ? this.hub.dependents(job.metadata.uid ?? '').filter((p) => p.kind === 'Pod' && p.metadata.deletionTimestamp &&
        p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed').length
      : 0
    let wantActive: number
    if (completions === undefined) wantActive = (status.succeeded ?? 0) > 0 ? active.length : parallelism
    else wantActive = Math.max(0, Math.min(parallelism, completions - (status.succeeded ?? 0)))
    if (active.length > wantActive) {
      const victims = [...active].sort((a, b) => ms(b.metadata.creationTimestamp) - ms(a.metadata.creationTimestamp))
      for (const p of victims.slice(0, active.length - wantActive)) this.deletePod(job, p)
      return
    }
    if (active.length + terminating >= wantActive) return
    // pod failure back-off
    if (rec.failuresAfterLastSuccess > 0) {
      const delay = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** (rec.failuresAfterLastSuccess - 1))
      const remaining = rec.lastFailureTime + delay - this.ctx.clock.now()
      if (remaining > 0) return this.queue.addAfter(key, remaining)
    }
    let indexes: (number | undefined)[] = []
    const diff = wantActive - active.length - terminating
    if (job.spec?.completionMode === 'Indexed') {
      const busy = new Set(active.map(podIndex))
      for (let i = 0; i < (completions ?? 0) && indexes.length < diff; i++) if (!succeededIndexes.has(i) && !busy.has(i)) indexes.push(i)
    } else indexes = new Array(diff).fill(undefined)
    for (const idx of indexes) {
      try {
        const pod = this.ctx.api.create(this.podFor(job, idx))
        this.ctx.events.event(job, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata.name}`, SRC)
      } catch (e) {
        if (!isApiError(e)) throw e
        this.ctx.events.event(job, 'Warning', 'FailedCreate', `Error creating: ${e.message}`, SRC)
        throw e
      }
    }
  }

  private podFor(job: KubeObject, index: number | undefined): KubeObject {
    const t = job.spec?.template ?? {}
    const name = job.metadata.name ?? ''
    const metadata: any = {generateName: index === undefined ? `${name}-` : `${name}-${index}-`, namespace: job.metadata.namespace}
    metadata.labels = {...(t.metadata?.labels ?? {})}
    if (t.metadata?.annotations || index !== undefined) metadata.annotations = {...(t.metadata?.annotations ?? {})}
    const spec = clone(t.spec ?? {})
    if (index !== undefined) {
      metadata.annotations[COMPLETION_INDEX] = String(index)
      metadata.labels[COMPLETION_INDEX] = String(index)
      spec.hostname ??= `${name}-${index}`
      for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) {
        c.env = [...(c.env ?? []), {name: 'JOB_COMPLETION_INDEX', valueFrom: {fieldRef: {apiVersion: 'v1', fieldPath: `metadata.labels['${COMPLETION_INDEX}']`}}}]
      }
    }
    metadata.ownerReferences = [newControllerRef(job)]
    metadata.finalizers = [JOB_TRACKING_FINALIZER]
    return {apiVersion: 'v1', kind: 'Pod', metadata, spec}
  }

  private deletePod(job: KubeObject, p: KubeObject): void {
    if (p.metadata.deletionTimestamp) return
    try {
      this.ctx.api.delete(keyOf(p))
      this.ctx.events.event(job, 'Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata.name}`, SRC)
    } catch (e) {
      if (!isApiError(e) || e.reason !== 'NotFound') throw e
    }
  }

  private releaseFinalizer(p: KubeObject): void {
    const cur = this.ctx.store.get(keyOf(p))
    if (!cur) return
    const finalizers = (cur.metadata.finalizers ?? []).filter((f) => f !== JOB_TRACKING_FINALIZER)
    const metadata: any = {...cur.metadata, finalizers}
    if (finalizers.length === 0) delete metadata.finalizers
    this.ctx.store.update({...cur, metadata})
    // a pod already terminated and being deleted goes once its last finalizer is released
    if (metadata.deletionTimestamp && finalizers.length === 0 && (cur.status?.phase === 'Succeeded' || cur.status?.phase === 'Failed')) {
      this.ctx.store.delete(keyOf(cur))
    }
  }
}

/** JobStatus in the API's field order; zero counters that Kubernetes omits are left out. */
function orderStatus(s: any): any {
  const out: any = {}
  if (s.conditions?.length) out.conditions = s.conditions
  if (s.startTime) out.startTime = s.startTime
  if (s.completionTime) out.completionTime = s.completionTime
  if (s.active) out.active = s.active
  if (s.succeeded) out.succeeded = s.succeeded
  if (s.failed) out.failed = s.failed
  if (s.terminating !== undefined) out.terminating = s.terminating
  if (s.completedIndexes) out.completedIndexes = s.completedIndexes
  out.uncountedTerminatedPods = s.uncountedTerminatedPods ?? {}
  out.ready = s.ready ?? 0
  return out
}
