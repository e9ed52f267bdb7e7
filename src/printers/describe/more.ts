// More kubectl describers: StatefulSet, DaemonSet, Job, PersistentVolumeClaim, Namespace (describe.go).

import {labelSelectorRequirements, requirementsString} from '../../api/selectors.js'
import type {KubeObject} from '../../api/types.js'
import {age, humanDuration, timeOf} from '../age.js'
import {accessModes} from '../tables/config.js'
import {formatLabels, quantityString} from '../tables/common.js'
import {DescribeWriter, LEVEL_0, LEVEL_1, controlledBy, describeEvents, printAnnotationsMultiline, printLabelsMultiline, rfc1123z} from './common.js'
import {describePodTemplate} from './workloads.js'

export interface WithPods {
  /** undefined: no Events block (--show-events=false) */
  events?: KubeObject[]
  now: number
  pods: KubeObject[]
}

const selectorString = (sel: any): string => {
  try {
    return requirementsString(labelSelectorRequirements(sel) ?? [])
  } catch {
    return '<error>'
  }
}
const q = quantityString

function podsStatus(pods: KubeObject[]): string {
  const n = (phase: string) => pods.filter((p) => (p.status?.phase ?? 'Pending') === phase).length
  return `${n('Running')} Running / ${n('Pending')} Waiting / ${n('Succeeded')} Succeeded / ${n('Failed')} Failed`
}

export function describeStatefulSet(ss: KubeObject, ctx: WithPods): string {
  const w = new DescribeWriter()
  const spec = ss.spec ?? {}
  w.write(LEVEL_0, `Name:\t${ss.metadata.name}\n`)
  w.write(LEVEL_0, `Namespace:\t${ss.metadata.namespace ?? ''}\n`)
  w.write(LEVEL_0, `CreationTimestamp:\t${rfc1123z(ss.metadata.creationTimestamp)}\n`)
  w.write(LEVEL_0, `Selector:\t${selectorString(spec.selector)}\n`)
  printLabelsMultiline(w, 'Labels', ss.metadata.labels)
  printAnnotationsMultiline(w, 'Annotations', ss.metadata.annotations)
  w.write(LEVEL_0, `Replicas:\t${spec.replicas ?? 0} desired | ${ss.status?.replicas ?? 0} total\n`)
  w.write(LEVEL_0, `Update Strategy:\t${spec.updateStrategy?.type ?? ''}\n`)
  const ru = spec.updateStrategy?.rollingUpdate
  if (ru?.partition != null) {
    w.write(LEVEL_1, `Partition:\t${ru.partition}\n`)
    if (ru.maxUnavailable != null) w.write(LEVEL_1, `MaxUnavailable:\t${ru.maxUnavailable}\n`)
  }
  w.write(LEVEL_0, `Pods Status:\t${podsStatus(ctx.pods)}\n`)
  describePodTemplate(w, spec.template)
  const vcts: any[] = spec.volumeClaimTemplates ?? []
  if (vcts.length === 0) w.write(LEVEL_0, 'Volume Claims:\t<none>\n')
  else {
    w.write(LEVEL_0, 'Volume Claims:\n')
    for (const pvc of vcts) {
      w.write(LEVEL_1, `Name:\t${pvc.metadata?.name ?? ''}\n`)
      w.write(LEVEL_1, `StorageClass:\t${pvc.spec?.storageClassName ?? ''}\n`)
      printLabelsMultiline(w, 'Labels', pvc.metadata?.labels, '  ')
      printLabelsMultiline(w, 'Annotations', pvc.metadata?.annotations, '  ')
      const cap = pvc.spec?.resources?.requests?.storage
      w.write(LEVEL_1, `Capacity:\t${cap !== undefined ? q(cap) : '<default>'}\n`)
      w.write(LEVEL_1, `Access Modes:\t[${(pvc.spec?.accessModes ?? []).join(' ')}]\n`)
    }
  }
  describeEvents(w, ctx.events, ctx.now)
  return w.toString()
}

export function describeDaemonSet(ds: KubeObject, ctx: WithPods): string {
  const w = new DescribeWriter()
  const st = ds.status ?? {}
  w.write(LEVEL_0, `Name:\t${ds.metadata.name}\n`)
  w.write(LEVEL_0, `Selector:\t${selectorString(ds.spec?.selector)}\n`)
  w.write(LEVEL_0, `Node-Selector:\t${formatLabels(ds.spec?.template?.spec?.nodeSelector)}\n`)
  printLabelsMultiline(w, 'Labels', ds.metadata.labels)
  printAnnotationsMultiline(w, 'Annotations', ds.metadata.annotations)
  w.write(LEVEL_0, `Desired Number of Nodes Scheduled: ${st.desiredNumberScheduled ?? 0}\n`)
  w.write(LEVEL_0, `Current Number of Nodes Scheduled: ${st.currentNumberScheduled ?? 0}\n`)
  w.write(LEVEL_0, `Number of Nodes Scheduled with Up-to-date Pods: ${st.updatedNumberScheduled ?? 0}\n`)
  w.write(LEVEL_0, `Number of Nodes Scheduled with Available Pods: ${st.numberAvailable ?? 0}\n`)
  w.write(LEVEL_0, `Number of Nodes Misscheduled: ${st.numberMisscheduled ?? 0}\n`)
  w.write(LEVEL_0, `Pods Status:\t${podsStatus(ctx.pods)}\n`)
  describePodTemplate(w, ds.spec?.template)
  describeEvents(w, ctx.events, ctx.now)
  return w.toString()
}

export function describeJob(job: KubeObject, ctx: {events?: KubeObject[]; now: number}): string {
  const w = new DescribeWriter()
  const spec = job.spec ?? {}
  const st = job.status ?? {}
  w.write(LEVEL_0, `Name:\t${job.metadata.name}\n`)
  w.write(LEVEL_0, `Namespace:\t${job.metadata.namespace ?? ''}\n`)
  w.write(LEVEL_0, `Selector:\t${selectorString(spec.selector)}\n`)
  printLabelsMultiline(w, 'Labels', job.metadata.labels)
  printAnnotationsMultiline(w, 'Annotations', job.metadata.annotations)
  const ctl = controlledBy(job)
  if (ctl) w.write(LEVEL_0, `Controlled By:\t${ctl}\n`)
  if (spec.parallelism != null) w.write(LEVEL_0, `Parallelism:\t${spec.parallelism}\n`)
  w.write(LEVEL_0, `Completions:\t${spec.completions != null ? spec.completions : '<unset>'}\n`)
  if (spec.completionMode) w.write(LEVEL_0, `Completion Mode:\t${spec.completionMode}\n`)
  if (spec.suspend != null) w.write(LEVEL_0, `Suspend:\t${spec.suspend}\n`)
  if (spec.backoffLimit != null) w.write(LEVEL_0, `Backoff Limit:\t${spec.backoffLimit}\n`)
  if (spec.ttlSecondsAfterFinished != null) w.write(LEVEL_0, `TTL Seconds After Finished:\t${spec.ttlSecondsAfterFinished}\n`)
  if (st.startTime) w.write(LEVEL_0, `Start Time:\t${rfc1123z(st.startTime)}\n`)
  if (st.completionTime) w.write(LEVEL_0, `Completed At:\t${rfc1123z(st.completionTime)}\n`)
  const start = timeOf(st.startTime)
  const done = timeOf(st.completionTime)
  if (start !== undefined && done !== undefined) w.write(LEVEL_0, `Duration:\t${humanDuration(done - start)}\n`)
  if (spec.activeDeadlineSeconds != null) w.write(LEVEL_0, `Active Deadline Seconds:\t${spec.activeDeadlineSeconds}s\n`)
  if (st.ready == null) w.write(LEVEL_0, `Pods Statuses:\t${st.active ?? 0} Active / ${st.succeeded ?? 0} Succeeded / ${st.failed ?? 0} Failed\n`)
  else w.write(LEVEL_0, `Pods Statuses:\t${st.active ?? 0} Active (${st.ready} Ready) / ${st.succeeded ?? 0} Succeeded / ${st.failed ?? 0} Failed\n`)
  if (spec.completionMode === 'Indexed') w.write(LEVEL_0, `Completed Indexes:\t${st.completedIndexes || '<none>'}\n`)
  describePodTemplate(w, spec.template)
  describeEvents(w, ctx.events, ctx.now)
  return w.toString()
}

export function describePVC(pvc: KubeObject, ctx: WithPods): string {
  const w = new DescribeWriter()
  const spec = pvc.spec ?? {}
  w.write(LEVEL_0, `Name:\t${pvc.metadata.name}\n`)
  w.write(LEVEL_0, `Namespace:\t${pvc.metadata.namespace ?? ''}\n`)
  w.write(LEVEL_0, `StorageClass:\t${spec.storageClassName ?? ''}\n`)
  if (pvc.metadata.deletionTimestamp) w.write(LEVEL_0, `Status:\tTerminating (lasts ${age(ctx.now, pvc.metadata.deletionTimestamp)})\n`)
  else w.write(LEVEL_0, `Status:\t${pvc.status?.phase ?? ''}\n`)
  w.write(LEVEL_0, `Volume:\t${spec.volumeName ?? ''}\n`)
  printLabelsMultiline(w, 'Labels', pvc.metadata.labels)
  printAnnotationsMultiline(w, 'Annotations', pvc.metadata.annotations)
  w.write(LEVEL_0, `Finalizers:\t[${(pvc.metadata.finalizers ?? []).join(' ')}]\n`)
  const bound = !!spec.volumeName
  w.write(LEVEL_0, `Capacity:\t${bound ? q(pvc.status?.capacity?.storage) : ''}\n`)
  w.write(LEVEL_0, `Access Modes:\t${bound ? accessModes(pvc.status?.accessModes) : ''}\n`)
  if (spec.volumeMode) w.write(LEVEL_0, `VolumeMode:\t${spec.volumeMode}\n`)
  w.write(LEVEL_0, 'Used By:\t')
  const users = ctx.pods.filter((p) => (p.spec?.volumes ?? []).some((v: any) => v.persistentVolumeClaim?.claimName === pvc.metadata.name)).map((p) => p.metadata.name ?? '')
  if (users.length === 0) w.line('<none>')
  else users.forEach((n, i) => w.write(LEVEL_0, `${i === 0 ? '' : '\t'}${n}\n`))
  describeEvents(w, ctx.events, ctx.now)
  return w.toString()
}

export function describeNamespace(ns: KubeObject, ctx: {quotas: KubeObject[]; limitRanges: KubeObject[]}): string {
  const w = new DescribeWriter()
  w.write(LEVEL_0, `Name:\t${ns.metadata.name}\n`)
  printLabelsMultiline(w, 'Labels', ns.metadata.labels)
  printAnnotationsMultiline(w, 'Annotations', ns.metadata.annotations)
  w.write(LEVEL_0, `Status:\t${ns.status?.phase ?? ''}\n`)
  if ((ns.status?.conditions ?? []).length > 0) {
    w.write(LEVEL_0, 'Conditions:\n')
    w.write(LEVEL_1, 'Type\tStatus\tLastTransitionTime\tReason\tMessage\n')
    w.write(LEVEL_1, '----\t------\t------------------\t------\t-------\n')
    for (const c of ns.status.conditions) w.write(LEVEL_1, `${c.type}\t${c.status}\t${rfc1123z(c.lastTransitionTime)}\t${c.reason ?? ''}\t${c.message ?? ''}\n`)
  }
  if (ctx.quotas.length === 0) w.write(LEVEL_0, '\nNo resource quota.\n')
  else {
    w.write(LEVEL_0, '\nResource Quotas\n')
    for (const rq of [...ctx.quotas].sort((a, b) => String(a.metadata.name).localeCompare(String(b.metadata.name)))) {
      w.write(LEVEL_1, `Name:\t${rq.metadata.name}\n`)
      w.write(LEVEL_1, 'Resource\tUsed\tHard\n')
      w.write(LEVEL_1, '--------\t---\t---\n')
      const hard = rq.status?.hard ?? {}
      for (const r of Object.keys(hard).sort()) w.write(LEVEL_1, `${r}\t${q(rq.status?.used?.[r])}\t${q(hard[r])}\n`)
    }
  }
  if (ctx.limitRanges.length === 0) w.write(LEVEL_0, '\nNo LimitRange resource.\n')
  else {
    w.write(LEVEL_0, '\nResource Limits\n Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n')
    w.write(LEVEL_0, ' ----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n')
    for (const lr of ctx.limitRanges)
      for (const item of lr.spec?.limits ?? []) {
        const names = new Set<string>([...Object.keys(item.min ?? {}), ...Object.keys(item.max ?? {}), ...Object.keys(item.defaultRequest ?? {}), ...Object.keys(item.default ?? {}), ...Object.keys(item.maxLimitRequestRatio ?? {})])
        for (const r of [...names].sort()) {
          const cell = (m: any) => (m?.[r] !== undefined ? q(m[r]) : '-')
          w.write(LEVEL_0, ` ${item.type}\t${r}\t${cell(item.min)}\t${cell(item.max)}\t${cell(item.defaultRequest)}\t${cell(item.default)}\t${cell(item.maxLimitRequestRatio)}\n`)
        }
      }
  }
  return w.toString()
}


