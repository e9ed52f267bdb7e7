// The CronJob controller (pkg/controller/cronjob/cronjob_controllerv2.go): at each scheduled time create the Job
// `<cronjob>-<minutes since epoch>`, honouring suspend, startingDeadlineSeconds, concurrencyPolicy and timeZone;
// track active jobs; keep successfulJobsHistoryLimit / failedJobsHistoryLimit finished jobs.

import type {KubeObject} from '../../api/types.js'
import {keyOf, objectKey} from '../../api/store/keys.js'
import {toRFC3339} from '../../clock/clock.js'
import {isApiError} from '../../engine/api-error.js'
import {QueueController} from '../runtime/base.js'
import {clone, controllerRefOf, ms, newControllerRef} from '../runtime/util.js'
import {formatRFC1123Z, formatRFC3339In, mostRecentScheduleTime, parseSchedule, type Schedule} from './schedule.js'

const SRC = {component: 'cronjob-controller'}
const SCHEDULED_TIMESTAMP = 'batch.kubernetes.io/cronjob-scheduled-timestamp'
/** nextScheduleDelta: look again a little after the activation */
const NEXT_DELTA_MS = 100

function finishedCondition(job: KubeObject): string | undefined {
  const c = (job.status?.conditions ?? []).find((x: any) => (x.type === 'Complete' || x.type === 'Failed') && x.status === 'True')
  return c?.type
}

export class CronJobController extends QueueController {
  readonly name = 'cronjob-controller'

  protected register(): void {
    this.hub.on('batch/CronJob', (ev) => this.queue.add(ev.key))
    this.hub.on('batch/Job', (ev) => {
      const ref = controllerRefOf(ev.object)
      if (ref?.kind === 'CronJob') this.queue.add(objectKey('batch', 'CronJob', ev.object.metadata.namespace, ref.name))
    })
    for (const cj of this.ctx.store.list('batch/CronJob')) this.queue.add(keyOf(cj))
  }

  protected sync(key: string): void {
    const stored = this.ctx.store.get(key)
    if (!stored) return
    const cj = clone(stored)
    const now = this.ctx.clock.now()
    const status: any = clone(cj.status ?? {})
    const jobs = this.hub.dependents(cj.metadata.uid ?? '').filter((o) => o.kind === 'Job' && controllerRefOf(o)?.uid === cj.metadata.uid)
    const byName = new Map(jobs.map((j) => [j.metadata.name, j]))
    let active: any[] = status.active ?? []

    // reconcile the active list with the jobs that exist
    for (const j of jobs) {
      const inActive = active.some((a) => a.uid === j.metadata.uid)
      const cond = finishedCondition(j)
      if (!cond && !inActive) active.push(objectRef(j))
      if (cond && inActive) {
        this.ctx.events.event(cj, 'Normal', 'SawCompletedJob', `Saw completed job: ${j.metadata.name}, condition: ${cond}`, SRC)
        active = active.filter((a) => a.uid !== j.metadata.uid)
      }
      if (cond === 'Complete' && j.status?.completionTime && (!status.lastSuccessfulTime || ms(status.lastSuccessfulTime) < ms(j.status.completionTime))) {
        status.lastSuccessfulTime = j.status.completionTime
      }
    }
    active = active.filter((a) => byName.has(a.name))
    if (!cj.metadata.deletionTimestamp) this.scheduleJob(key, cj, status, active, now)
    status.active = active
    this.cleanupFinished(cj, jobs)
    if (!status.active.length) delete status.active
    this.ctx.api.updateStatus({...cj, status: order(status)})
  }

  private scheduleJob(key: string, cj: KubeObject, status: any, active: any[], now: number): void {
    if (cj.spec?.suspend) return
    let sched: Schedule
    try {
      sched = parseSchedule(cj.spec?.schedule ?? '', cj.spec?.timeZone)
    } catch {
      this.ctx.events.event(cj, 'Warning', 'UnparseableSchedule', `unparseable schedule: ${JSON.stringify(cj.spec?.schedule)} : invalid schedule`, SRC)
      return
    }
    let earliest = ms(status.lastScheduleTime ?? cj.metadata.creationTimestamp)
    const deadline: number | undefined = cj.spec?.startingDeadlineSeconds ?? undefined
    if (deadline !== undefined && now - deadline * 1000 > earliest) earliest = now - deadline * 1000
    const recent = mostRecentScheduleTime(sched, earliest, now)
    const requeue = () => this.queue.addAfter(key, sched.next(now) - now + NEXT_DELTA_MS, true)
    if (recent.missed > 100) {
      this.ctx.events.event(cj, 'Warning', 'TooManyMissedTimes', `too many missed start times: ${recent.missed}. Set or decrease .spec.startingDeadlineSeconds or check clock skew`, SRC)
    }
    if (recent.time === undefined) return requeue()
    const scheduled = recent.time
    if (deadline !== undefined && scheduled + deadline * 1000 < now) {
      this.ctx.events.event(cj, 'Warning', 'MissSchedule', `Missed scheduled time to start a job: ${formatRFC1123Z(scheduled)}`, SRC)
      return requeue()
    }
    const jobName = `${cj.metadata.name}-${Math.floor(scheduled / 60_000)}`
    if (active.some((a) => a.name === jobName) || this.ctx.store.get(objectKey('batch', 'Job', cj.metadata.namespace, jobName))) return requeue()
    const policy = cj.spec?.concurrencyPolicy ?? 'Allow'
    if (policy === 'Forbid' && active.length > 0) {
      this.ctx.events.event(cj, 'Normal', 'JobAlreadyActive', 'Not starting job because prior execution is running and concurrency policy is Forbid', SRC)
      return requeue()
    }
    if (policy === 'Replace') {
      for (const a of [...active]) {
        const k = objectKey('batch', 'Job', a.namespace, a.name)
        if (!this.ctx.store.get(k)) continue
        try {
          this.ctx.api.delete(k, {propagationPolicy: 'Background'})
          this.ctx.events.event(cj, 'Normal', 'SuccessfulDelete', `Deleted job ${a.name}`, SRC)
        } catch (e) {
          if (!isApiError(e) || e.reason !== 'NotFound') throw e
        }
        active.splice(active.indexOf(a), 1)
      }
    }
    const tmpl = cj.spec?.jobTemplate ?? {}
    const job: KubeObject = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: {
        name: jobName,
        namespace: cj.metadata.namespace,
        labels: {...(tmpl.metadata?.labels ?? {})},
        annotations: {...(tmpl.metadata?.annotations ?? {}), [SCHEDULED_TIMESTAMP]: formatRFC3339In(scheduled, cj.spec?.timeZone)},
        ownerReferences: [newControllerRef(cj)],
      },
      spec: clone(tmpl.spec ?? {}),
    }
    if (Object.keys(job.metadata.labels!).length === 0) delete job.metadata.labels
    try {
      const created = this.ctx.api.create(job)
      this.ctx.events.event(cj, 'Normal', 'SuccessfulCreate', `Created job ${created.metadata.name}`, SRC)
      active.push(objectRef(created))
    } catch (e) {
      if (!isApiError(e)) throw e
      if (e.reason !== 'AlreadyExists') {
        this.ctx.events.event(cj, 'Warning', 'FailedCreate', `Error creating job: ${e.message}`, SRC)
        throw e
      }
    }
    status.lastScheduleTime = toRFC3339(scheduled)
    requeue()
  }

  private cleanupFinished(cj: KubeObject, jobs: KubeObject[]): void {
    const byStart = (a: KubeObject, b: KubeObject) => {
      const x = a.status?.startTime ? ms(a.status.startTime) : Infinity
      const y = b.status?.startTime ? ms(b.status.startTime) : Infinity
      return x !== y ? x - y : (a.metadata.name ?? '').localeCompare(b.metadata.name ?? '')
    }
    const prune = (list: KubeObject[], limit: number | undefined) => {
      if (limit === undefined || limit === null) return
      list.sort(byStart)
      for (const j of list.slice(0, Math.max(0, list.length - limit))) {
        if (j.metadata.deletionTimestamp) continue
        try {
          this.ctx.api.delete(keyOf(j), {propagationPolicy: 'Background'})
          this.ctx.events.event(cj, 'Normal', 'SuccessfulDelete', `Deleted job ${j.metadata.name}`, SRC)
        } catch (e) {
          if (!isApiError(e) || e.reason !== 'NotFound') throw e
        }
      }
    }
    prune(jobs.filter((j) => finishedCondition(j) === 'Complete'), cj.spec?.successfulJobsHistoryLimit ?? 3)
    prune(jobs.filter((j) => finishedCondition(j) === 'Failed'), cj.spec?.failedJobsHistoryLimit ?? 1)
  }
}

function objectRef(j: KubeObject): any {
  return {apiVersion: 'batch/v1', kind: 'Job', name: j.metadata.name, namespace: j.metadata.namespace, resourceVersion: j.metadata.resourceVersion, uid: j.metadata.uid}
}

function order(s: any): any {
  const out: any = {}
  if (s.active) out.active = s.active
  if (s.lastScheduleTime) out.lastScheduleTime = s.lastScheduleTime
  if (s.lastSuccessfulTime) out.lastSuccessfulTime = s.lastSuccessfulTime
  return out
}
