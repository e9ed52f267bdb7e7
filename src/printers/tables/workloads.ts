// Workload tables: Deployment, ReplicaSet, ReplicationController, StatefulSet, DaemonSet, Job, CronJob,
// HorizontalPodAutoscaler, PodDisruptionBudget, ControllerRevision (printers.go).

import {formatLabelSelector, labelSelectorRequirements, requirementsString} from '../../api/selectors.js'
import {parseApiVersion} from '../../api/types.js'
import {humanDuration, timeOf} from '../age.js'
import {type TableDef, ageOf, col, containerCells, formatLabels, int, intOrString, quantityString} from './common.js'

const wideTemplate = [col('Containers', 1), col('Images', 1), col('Selector', 1)]

export const deploymentTable: TableDef = {
  columns: [col('Name'), col('Ready'), col('Up-to-date'), col('Available'), col('Age'), ...wideTemplate],
  row: (o, ctx) => {
    let selector: string
    try {
      selector = requirementsString(labelSelectorRequirements(o.spec?.selector) ?? [])
    } catch {
      selector = '<invalid>'
    }
    return [o.metadata.name ?? '', `${int(o.status?.readyReplicas)}/${int(o.spec?.replicas)}`, int(o.status?.updatedReplicas), int(o.status?.availableReplicas), ageOf(o, ctx), ...containerCells(o.spec?.template?.spec), selector]
  },
}

export const replicaSetTable: TableDef = {
  columns: [col('Name'), col('Desired'), col('Current'), col('Ready'), col('Age'), ...wideTemplate],
  row: (o, ctx) => [o.metadata.name ?? '', int(o.spec?.replicas), int(o.status?.replicas), int(o.status?.readyReplicas), ageOf(o, ctx), ...containerCells(o.spec?.template?.spec), formatLabelSelector(o.spec?.selector)],
}

export const replicationControllerTable: TableDef = {
  columns: replicaSetTable.columns,
  row: (o, ctx) => [o.metadata.name ?? '', int(o.spec?.replicas), int(o.status?.replicas), int(o.status?.readyReplicas), ageOf(o, ctx), ...containerCells(o.spec?.template?.spec), formatLabels(o.spec?.selector)],
}

export const statefulSetTable: TableDef = {
  columns: [col('Name'), col('Ready'), col('Age'), col('Containers', 1), col('Images', 1)],
  row: (o, ctx) => [o.metadata.name ?? '', `${int(o.status?.readyReplicas)}/${int(o.spec?.replicas)}`, ageOf(o, ctx), ...containerCells(o.spec?.template?.spec)],
}

export const daemonSetTable: TableDef = {
  columns: [col('Name'), col('Desired'), col('Current'), col('Ready'), col('Up-to-date'), col('Available'), col('Node Selector'), col('Age'), ...wideTemplate],
  row: (o, ctx) => {
    const s = o.status ?? {}
    return [o.metadata.name ?? '', int(s.desiredNumberScheduled), int(s.currentNumberScheduled), int(s.numberReady), int(s.updatedNumberScheduled), int(s.numberAvailable), formatLabels(o.spec?.template?.spec?.nodeSelector), ageOf(o, ctx), ...containerCells(o.spec?.template?.spec), formatLabelSelector(o.spec?.selector)]
  },
}

const hasJobCondition = (o: any, type: string): boolean => {
  const c = (o.status?.conditions ?? []).find((x: any) => x.type === type)
  return c ? c.status === 'True' : false
}

/** The Job STATUS column of v1.32. */
export function jobStatus(o: any): string {
  if (hasJobCondition(o, 'Complete')) return 'Complete'
  if (hasJobCondition(o, 'Failed')) return 'Failed'
  if (o.metadata?.deletionTimestamp) return 'Terminating'
  if (hasJobCondition(o, 'Suspended')) return 'Suspended'
  if (hasJobCondition(o, 'FailureTarget')) return 'FailureTarget'
  return 'Running'
}

export const jobTable: TableDef = {
  columns: [col('Name'), col('Status'), col('Completions'), col('Duration'), col('Age'), ...wideTemplate],
  row: (o, ctx) => {
    const succeeded = int(o.status?.succeeded)
    let completions: string
    if (o.spec?.completions != null) completions = `${succeeded}/${o.spec.completions}`
    else completions = (o.spec?.parallelism ?? 0) > 1 ? `${succeeded}/1 of ${o.spec.parallelism}` : `${succeeded}/1`
    const start = timeOf(o.status?.startTime)
    const done = timeOf(o.status?.completionTime)
    const duration = start === undefined ? '' : humanDuration((done ?? ctx.now) - start)
    return [o.metadata.name ?? '', jobStatus(o), completions, duration, ageOf(o, ctx), ...containerCells(o.spec?.template?.spec), formatLabelSelector(o.spec?.selector)]
  },
}

const boolPtr = (v: unknown): string => (v === undefined || v === null ? '<unset>' : v ? 'True' : 'False')

export const cronJobTable: TableDef = {
  columns: [col('Name'), col('Schedule'), col('Timezone'), col('Suspend'), col('Active'), col('Last Schedule'), col('Age'), ...wideTemplate],
  row: (o, ctx) => {
    const last = timeOf(o.status?.lastScheduleTime)
    return [o.metadata.name ?? '', o.spec?.schedule ?? '', o.spec?.timeZone ?? '<none>', boolPtr(o.spec?.suspend), String((o.status?.active ?? []).length), last === undefined ? '<none>' : humanDuration(ctx.now - last), ageOf(o, ctx), ...containerCells(o.spec?.jobTemplate?.spec?.template?.spec), formatLabelSelector(o.spec?.jobTemplate?.spec?.selector)]
  },
}

const q = quantityString

/** formatHPAMetrics: at most two metrics, then ` + N more...`. */
export function formatHPAMetrics(specs: any[] | undefined, statuses: any[] | undefined): string {
  if (!specs || specs.length === 0) return '<none>'
  const st = statuses ?? []
  const list: string[] = []
  specs.forEach((spec, i) => {
    const cur = st[i]
    switch (spec.type) {
      case 'External': {
        const t = spec.external?.target ?? {}
        if (t.averageValue != null) list.push(`${cur?.external?.current?.averageValue != null ? q(cur.external.current.averageValue) : '<unknown>'}/${q(t.averageValue)} (avg)`)
        else list.push(`${cur?.external ? q(cur.external.current?.value) : '<unknown>'}/${q(t.value)}`)
        break
      }
      case 'Pods':
        list.push(`${cur?.pods ? q(cur.pods.current?.averageValue) : '<unknown>'}/${q(spec.pods?.target?.averageValue)}`)
        break
      case 'Object': {
        const t = spec.object?.target ?? {}
        if (t.averageValue != null) list.push(`${cur?.object?.current?.averageValue != null ? q(cur.object.current.averageValue) : '<unknown>'}/${q(t.averageValue)} (avg)`)
        else list.push(`${cur?.object ? q(cur.object.current?.value) : '<unknown>'}/${q(t.value)}`)
        break
      }
      case 'Resource':
      case 'ContainerResource': {
        const key = spec.type === 'Resource' ? 'resource' : 'containerResource'
        const r = spec[key] ?? {}
        const c = cur?.[key]
        if (r.target?.averageValue != null) list.push(`${r.name}: ${c ? q(c.current?.averageValue) : '<unknown>'}/${q(r.target.averageValue)}`)
        else {
          const current = c?.current?.averageUtilization != null ? `${c.current.averageUtilization}%` : '<unknown>'
          const target = r.target?.averageUtilization != null ? `${r.target.averageUtilization}%` : '<auto>'
          list.push(`${r.name}: ${current}/${target}`)
        }
        break
      }
      default:
        list.push('<unknown type>')
    }
  })
  if (list.length > 2) return `${list.slice(0, 2).join(', ')} + ${list.length - 2} more...`
  return list.join(', ')
}

export const hpaTable: TableDef = {
  columns: [col('Name'), col('Reference'), col('Targets'), col('MinPods'), col('MaxPods'), col('Replicas'), col('Age')],
  row: (o, ctx) => {
    let metrics = o.spec?.metrics
    // autoscaling/v1 objects carry targetCPUUtilizationPercentage instead of metrics
    if (!metrics && parseApiVersion(o.apiVersion).version === 'v1' && o.spec?.targetCPUUtilizationPercentage != null)
      metrics = [{type: 'Resource', resource: {name: 'cpu', target: {type: 'Utilization', averageUtilization: o.spec.targetCPUUtilizationPercentage}}}]
    const statuses = o.status?.currentMetrics ?? (o.status?.currentCPUUtilizationPercentage != null ? [{type: 'Resource', resource: {name: 'cpu', current: {averageUtilization: o.status.currentCPUUtilizationPercentage}}}] : undefined)
    const ref = o.spec?.scaleTargetRef ?? {}
    return [o.metadata.name ?? '', `${ref.kind ?? ''}/${ref.name ?? ''}`, formatHPAMetrics(metrics, statuses), o.spec?.minReplicas != null ? String(o.spec.minReplicas) : '<unset>', int(o.spec?.maxReplicas), int(o.status?.currentReplicas), ageOf(o, ctx)]
  },
}

export const pdbTable: TableDef = {
  columns: [col('Name'), col('Min Available'), col('Max Unavailable'), col('Allowed Disruptions'), col('Age')],
  row: (o, ctx) => [o.metadata.name ?? '', o.spec?.minAvailable != null ? intOrString(o.spec.minAvailable) : 'N/A', o.spec?.maxUnavailable != null ? intOrString(o.spec.maxUnavailable) : 'N/A', int(o.status?.disruptionsAllowed), ageOf(o, ctx)],
}

export const controllerRevisionTable: TableDef = {
  columns: [col('Name'), col('Controller'), col('Revision'), col('Age')],
  row: (o, ctx) => {
    const ref = (o.metadata.ownerReferences ?? []).find((r) => r.controller)
    let controller = '<none>'
    if (ref) {
      const {group} = parseApiVersion(ref.apiVersion)
      controller = `${group ? `${ref.kind}.${group}` : ref.kind}`.toLowerCase() + `/${ref.name}`
    }
    return [o.metadata.name ?? '', controller, int(o.revision), ageOf(o, ctx)]
  },
}
