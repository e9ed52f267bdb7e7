// The HorizontalPodAutoscaler controller (pkg/controller/podautoscaler/{horizontal,replica_calculator}.go),
// autoscaling/v2 with resource metrics (cpu/memory, Utilization or AverageValue): every 15 s it computes the
// desired replicas from the pods' usage (tolerance 10 %), applies the behavior (scale-up policies, the 5-minute
// scale-down stabilization window), clamps to min/max and writes the target's spec.replicas.

import type {KubeObject} from '../../api/types.js'
import {keyOf, objectKey} from '../../api/store/keys.js'
import {parseApiVersion} from '../../api/types.js'
import {toRFC3339} from '../../clock/clock.js'
import {isApiError} from '../../engine/api-error.js'
import {QueueController} from '../runtime/base.js'
import {clone, isPodReady, mapSelectorMatches, selectorMatches} from '../runtime/util.js'
import {podRequest, podUsage} from './metrics.js'

const SRC = {component: 'horizontal-pod-autoscaler'}
const SYNC_PERIOD_MS = 15_000
const TOLERANCE = 0.1

interface Recommendation {
  at: number
  replicas: number
}

interface MetricResult {
  replicas: number
  status: any
  description: string
}

export class HorizontalPodAutoscalerController extends QueueController {
  readonly name = 'horizontal-pod-autoscaler'
  private recommendations = new Map<string, Recommendation[]>()
  private scaleEvents = new Map<string, {at: number; change: number}[]>()

  protected register(): void {
    this.hub.on('autoscaling/HorizontalPodAutoscaler', (ev) => {
      if (ev.type === 'DELETED') {
        this.recommendations.delete(ev.key)
        this.scaleEvents.delete(ev.key)
      } else if (ev.type === 'ADDED' || JSON.stringify(ev.old?.spec) !== JSON.stringify(ev.object.spec)) this.queue.add(ev.key)
    })
    for (const h of this.ctx.store.list('autoscaling/HorizontalPodAutoscaler')) this.queue.add(keyOf(h))
  }

  protected sync(key: string): void {
    const stored = this.ctx.store.get(key)
    if (!stored) return
    // the periodic resync is housekeeping for settling: `advance` drives it
    this.queue.addAfter(key, SYNC_PERIOD_MS, true)
    const hpa = clone(stored)
    const now = this.ctx.clock.now()
    const spec = hpa.spec ?? {}
    const ref = spec.scaleTargetRef ?? {}
    const group = parseApiVersion(ref.apiVersion ?? 'apps/v1').group
    const target = this.ctx.store.get(objectKey(group, ref.kind ?? '', hpa.metadata.namespace, ref.name ?? ''))
    const status: any = {currentReplicas: 0, desiredReplicas: 0}
    if (hpa.status?.lastScaleTime) status.lastScaleTime = hpa.status.lastScaleTime
    const conditions: any[] = []
    const setCond = (type: string, st: string, reason: string, message: string) => {
      const prev = (hpa.status?.conditions ?? []).find((c: any) => c.type === type)
      conditions.push({type, status: st, lastTransitionTime: prev && prev.status === st ? prev.lastTransitionTime : toRFC3339(now), reason, message})
    }
    if (!target) {
      const msg = `the HPA controller was unable to get the target's current scale: ${qualified(group, ref.kind ?? '')} "${ref.name}" not found`
      setCond('AbleToScale', 'False', 'FailedGetScale', msg)
      this.ctx.events.event(hpa, 'Warning', 'FailedGetScale', `${qualified(group, ref.kind ?? '')} "${ref.name}" not found`, SRC)
      return this.write(hpa, status, conditions)
    }
    const current: number = target.spec?.replicas ?? 1
    status.currentReplicas = current
    // a new autoscaler starts from the current size (so scale-down waits a full stabilization window)
    if (!this.recommendations.has(key)) this.recommendations.set(key, [{at: now, replicas: current}])
    const min: number = spec.minReplicas ?? 1
    const max: number = spec.maxReplicas ?? current
    let desired = current
    let reason = ''
    let stabilizedReason = 'ReadyForNewScale'
    if (current === 0 && min !== 0) {
      desired = 0
      setCond('AbleToScale', 'True', 'SucceededGetScale', 'the HPA controller was able to get the target\'s current scale')
      setCond('ScalingActive', 'False', 'ScalingDisabled', 'scaling is disabled since the replica count of the target is zero')
      status.desiredReplicas = 0
      return this.write(hpa, status, conditions)
    }
    if (current > max) {
      desired = max
      reason = 'Current number of replicas above Spec.MaxReplicas'
    } else if (current < min) {
      desired = min
      reason = 'Current number of replicas below Spec.MinReplicas'
    } else {
      const pods = this.hub.inNamespace('/Pod', hpa.metadata.namespace ?? '').filter((p) => selects(target, p))
      const metrics = spec.metrics?.length ? spec.metrics : [{type: 'Resource', resource: {name: 'cpu', target: {type: 'Utilization', averageUtilization: 80}}}]
      const results: MetricResult[] = []
      for (const m of metrics) {
        const r = this.resourceMetric(m, pods, current)
        if (typeof r === 'string') {
          setCond('AbleToScale', 'True', 'SucceededGetScale', 'the HPA controller was able to get the target\'s current scale')
          setCond('ScalingActive', 'False', 'FailedGetResourceMetric', r)
          this.ctx.events.event(hpa, 'Warning', 'FailedGetResourceMetric', r, SRC)
          status.desiredReplicas = current
          return this.write(hpa, status, conditions)
        }
        results.push(r)
      }
      status.currentMetrics = results.map((r) => r.status)
      let best = results[0]
      for (const r of results) if (r.replicas > best.replicas) best = r
      const rec = this.stabilize(key, spec, best.replicas, current, now)
      stabilizedReason = rec === best.replicas ? 'ReadyForNewScale' : best.replicas < rec ? 'ScaleDownStabilized' : 'ScaleUpStabilized'
      desired = this.limitRate(key, spec, rec, current, now)
      reason = desired > current ? `${best.description} above target` : 'All metrics below target'
      setCond('ScalingActive', 'True', 'ValidMetricFound', `the HPA was able to successfully calculate a replica count from ${results[0].description}`)
    }
    const clamped = Math.min(max, Math.max(min, desired))
    let limited: [string, string, string] = ['False', 'DesiredWithinRange', 'the desired count is within the acceptable range']
    if (desired > max) limited = ['True', 'TooManyReplicas', 'the desired replica count is more than the maximum replica count']
    if (desired < min) limited = ['True', 'TooFewReplicas', 'the desired replica count is less than the minimum replica count']
    desired = clamped
    status.desiredReplicas = desired
    if (desired !== current) {
      try {
        this.ctx.api.update({...target, metadata: {...target.metadata, resourceVersion: undefined}, spec: {...target.spec, replicas: desired}})
      } catch (e) {
        if (!isApiError(e)) throw e
        const msg = `the HPA controller was unable to update the target scale: ${e.message}`
        conditions.unshift({type: 'AbleToScale', status: 'False', lastTransitionTime: toRFC3339(now), reason: 'FailedUpdateScale', message: msg})
        this.ctx.events.event(hpa, 'Warning', 'FailedRescale', `New size: ${desired}; reason: ${reason}; error: ${e.message}`, SRC)
        return this.write(hpa, status, conditions)
      }
      this.ctx.events.event(hpa, 'Normal', 'SuccessfulRescale', `New size: ${desired}; reason: ${reason}`, SRC)
      const events = this.scaleEvents.get(key) ?? []
      events.push({at: now, change: desired - current})
      this.scaleEvents.set(key, events)
      status.lastScaleTime = toRFC3339(now)
      conditions.unshift({type: 'AbleToScale', status: 'True', lastTransitionTime: toRFC3339(now), reason: 'SucceededRescale', message: `the HPA controller was able to update the target scale to ${desired}`})
    } else {
      const prev = (hpa.status?.conditions ?? []).find((c: any) => c.type === 'AbleToScale')
      const since = prev?.status === 'True' ? prev.lastTransitionTime : toRFC3339(now)
      const messages: Record<string, string> = {
        ReadyForNewScale: 'recommended size matches current size',
        ScaleDownStabilized: 'recent recommendations were higher than current one, applying the highest recent recommendation',
        ScaleUpStabilized: 'recent recommendations were lower than current one, applying the lowest recent recommendation',
      }
      conditions.unshift({type: 'AbleToScale', status: 'True', lastTransitionTime: since, reason: stabilizedReason, message: messages[stabilizedReason]})
    }
    setCond('ScalingLimited', limited[0], limited[1], limited[2])
    this.write(hpa, status, conditions)
  }

  /** GetResourceReplicas (replica_calculator.go): usage ratio over ready pods, 10 % tolerance. */
  private resourceMetric(m: any, pods: KubeObject[], current: number): MetricResult | string {
    const name: string = m.resource?.name ?? 'cpu'
    const t = m.resource?.target ?? {}
    const live = pods.filter((p) => !p.metadata.deletionTimestamp && p.status?.phase !== 'Failed' && p.status?.phase !== 'Succeeded')
    if (live.length === 0) return `unable to get metrics for resource ${name}: no metrics returned from resource metrics API`
    const ready = live.filter((p) => p.status?.phase === 'Running' && isPodReady(p))
    let usage = 0
    let requests = 0
    for (const p of ready) {
      const r = podRequest(p, name)
      if (r.missing !== undefined && t.type !== 'AverageValue') {
        return `failed to get ${name} utilization: missing request for ${name} in container ${r.missing} of Pod ${p.metadata.name}`
      }
      usage += podUsage(p, name)
      requests += r.total
    }
    const description = t.type === 'AverageValue' ? `${name} resource` : `${name} resource utilization (percentage of request)`
    if (ready.length === 0) return {replicas: current, description, status: {type: 'Resource', resource: {name, current: {}}}}
    if (t.type === 'AverageValue') {
      const targetMilli = milli(t.averageValue)
      const avg = usage / ready.length
      const ratio = targetMilli > 0 ? avg / targetMilli : 1
      const replicas = Math.abs(1 - ratio) <= TOLERANCE ? current : Math.ceil(ratio * ready.length)
      return {replicas, description, status: {type: 'Resource', resource: {name, current: {averageValue: formatMilli(avg, name)}}}}
    }
    const targetUtil: number = t.averageUtilization ?? 80
    const utilization = requests > 0 ? Math.floor((usage * 100) / requests) : 0
    const ratio = requests > 0 ? usage / requests / (targetUtil / 100) : 1
    // not-ready pods count as 0 % when scaling up (they are still starting)
    let replicas = current
    if (Math.abs(1 - ratio) > TOLERANCE) {
      if (ratio > 1 && live.length > ready.length) {
        const ratio2 = requests > 0 ? usage / (requests + (live.length - ready.length) * (requests / ready.length)) / (targetUtil / 100) : 1
        replicas = ratio2 > 1 + TOLERANCE ? Math.ceil(ratio2 * live.length) : current
      } else replicas = Math.ceil(ratio * ready.length)
    }
    return {replicas, description, status: {type: 'Resource', resource: {name, current: {averageUtilization: utilization, averageValue: formatMilli(usage / ready.length, name)}}}}
  }

  /** stabilizeRecommendationWithBehaviors: up → min over the up window, down → max over the down window. */
  private stabilize(key: string, spec: any, rec: number, current: number, now: number): number {
    const up = (spec.behavior?.scaleUp?.stabilizationWindowSeconds ?? 0) * 1000
    const down = (spec.behavior?.scaleDown?.stabilizationWindowSeconds ?? 300) * 1000
    const list = (this.recommendations.get(key) ?? []).filter((r) => r.at > now - Math.max(up, down))
    let upRec = rec
    let downRec = rec
    for (const r of list) {
      if (r.at > now - up) upRec = Math.min(upRec, r.replicas)
      if (r.at > now - down) downRec = Math.max(downRec, r.replicas)
    }
    list.push({at: now, replicas: rec})
    this.recommendations.set(key, list)
    let out = current
    if (out < upRec) out = upRec
    if (out > downRec) out = downRec
    return out
  }

  /** convertDesiredReplicasWithBehaviorRate with the default policies (or the spec's). */
  private limitRate(key: string, spec: any, desired: number, current: number, now: number): number {
    const events = this.scaleEvents.get(key) ?? []
    if (desired > current) {
      const rules = spec.behavior?.scaleUp ?? {selectPolicy: 'Max', policies: [{type: 'Pods', value: 4, periodSeconds: 15}, {type: 'Percent', value: 100, periodSeconds: 15}]}
      if (rules.selectPolicy === 'Disabled') return current
      let limit = rules.selectPolicy === 'Min' ? Infinity : -Infinity
      for (const p of rules.policies ?? []) {
        const added = events.filter((e) => e.at > now - p.periodSeconds * 1000 && e.change > 0).reduce((n, e) => n + e.change, 0)
        const base = current - added
        const l = p.type === 'Pods' ? base + p.value : Math.ceil(base * (1 + p.value / 100))
        limit = rules.selectPolicy === 'Min' ? Math.min(limit, l) : Math.max(limit, l)
      }
      return Math.min(desired, limit)
    }
    if (desired < current) {
      const rules = spec.behavior?.scaleDown ?? {selectPolicy: 'Max', policies: [{type: 'Percent', value: 100, periodSeconds: 15}]}
      if (rules.selectPolicy === 'Disabled') return current
      let limit = rules.selectPolicy === 'Min' ? -Infinity : Infinity
      for (const p of rules.policies ?? []) {
        const removed = events.filter((e) => e.at > now - p.periodSeconds * 1000 && e.change < 0).reduce((n, e) => n - e.change, 0)
        const base = current + removed
        const l = p.type === 'Pods' ? base - p.value : Math.ceil(base * (1 - p.value / 100))
        limit = rules.selectPolicy === 'Min' ? Math.max(limit, l) : Math.min(limit, l)
      }
      return Math.max(desired, limit)
    }
    return desired
  }

  private write(hpa: KubeObject, status: any, conditions: any[]): void {
    const order = ['AbleToScale', 'ScalingActive', 'ScalingLimited']
    const byType = new Map<string, any>()
    for (const c of conditions) if (!byType.has(c.type)) byType.set(c.type, c)
    const out: any = {}
    if (status.currentMetrics) out.currentMetrics = status.currentMetrics
    out.currentReplicas = status.currentReplicas
    out.desiredReplicas = status.desiredReplicas
    if (status.lastScaleTime) out.lastScaleTime = status.lastScaleTime
    const conds = order.map((t) => byType.get(t)).filter(Boolean)
    if (conds.length) out.conditions = conds
    this.ctx.api.updateStatus({...hpa, status: out})
  }
}

function selects(target: KubeObject, pod: KubeObject): boolean {
  return target.kind === 'ReplicationController'
    ? mapSelectorMatches(target.spec?.selector, pod.metadata.labels)
    : selectorMatches(target.spec?.selector, pod.metadata.labels)
}

function qualified(group: string, kind: string): string {
  const plural = kind.toLowerCase() + 's'
  return group ? `${plural}.${group}` : plural
}

function milli(q: unknown): number {
  if (q === undefined || q === null) return 0
  const s = String(q)
  const m = /^(\d+(?:\.\d+)?)(m?)$/.exec(s)
  if (m) return m[2] ? Number(m[1]) : Number(m[1]) * 1000
  return podUsage({apiVersion: 'v1', kind: 'Pod', metadata: {annotations: {'sim.k8sim.io/x-usage': s}}}, 'x')
}

/** A quantity as metrics are reported: cpu in millicores (`250m`), memory in bytes or Ki/Mi. */
function formatMilli(v: number, resource: string): string {
  if (resource === 'cpu') return `${Math.round(v)}m`
  const bytes = Math.round(v / 1000)
  if (bytes % (1024 * 1024) === 0 && bytes > 0) return `${bytes / (1024 * 1024)}Mi`
  if (bytes % 1024 === 0 && bytes > 0) return `${bytes / 1024}Ki`
  return String(bytes)
}
