// kubectl describe for CronJobs (describeCronJob, describeJobTemplate, printActiveJobs) and networking.k8s.io/v1
// Ingresses (describeIngressV1, describeBackendV1).

import {labelSelectorRequirements, requirementsString} from '../../api/selectors.js'
import type {KubeObject} from '../../api/types.js'
import {DescribeWriter, LEVEL_0, LEVEL_1, LEVEL_2, describeEvents, printAnnotationsMultiline, printLabelsMultiline, rfc1123z} from './common.js'
import {formatEndpointSlices} from './service.js'
import {describePodTemplate} from './workloads.js'

const orUnset = (v: unknown, suffix = ''): string => (v === undefined || v === null ? '<unset>' : `${v}${suffix}`)

export function describeCronJob(cj: KubeObject, ctx: {events?: KubeObject[]; now: number}): string {
  const w = new DescribeWriter()
  const spec = cj.spec ?? {}
  w.write(LEVEL_0, `Name:\t${cj.metadata.name}\n`)
  w.write(LEVEL_0, `Namespace:\t${cj.metadata.namespace ?? ''}\n`)
  printLabelsMultiline(w, 'Labels', cj.metadata.labels)
  printAnnotationsMultiline(w, 'Annotations', cj.metadata.annotations)
  w.write(LEVEL_0, `Schedule:\t${spec.schedule ?? ''}\n`)
  w.write(LEVEL_0, `Concurrency Policy:\t${spec.concurrencyPolicy ?? ''}\n`)
  w.write(LEVEL_0, `Suspend:\t${typeof spec.suspend === 'boolean' ? String(spec.suspend) : '<unset>'}\n`)
  w.write(LEVEL_0, `Successful Job History Limit:\t${orUnset(spec.successfulJobsHistoryLimit)}\n`)
  w.write(LEVEL_0, `Failed Job History Limit:\t${orUnset(spec.failedJobsHistoryLimit)}\n`)
  w.write(LEVEL_0, `Starting Deadline Seconds:\t${orUnset(spec.startingDeadlineSeconds, 's')}\n`)
  // describeJobTemplate
  const job = spec.jobTemplate?.spec ?? {}
  w.write(LEVEL_0, `Selector:\t${job.selector ? requirementsString(labelSelectorRequirements(job.selector) ?? []) : '<unset>'}\n`)
  w.write(LEVEL_0, `Parallelism:\t${orUnset(job.parallelism)}\n`)
  w.write(LEVEL_0, `Completions:\t${orUnset(job.completions)}\n`)
  if (job.activeDeadlineSeconds !== undefined && job.activeDeadlineSeconds !== null) w.write(LEVEL_0, `Active Deadline Seconds:\t${job.activeDeadlineSeconds}s\n`)
  describePodTemplate(w, job.template ?? {})
  w.write(LEVEL_0, `Last Schedule Time:\t${cj.status?.lastScheduleTime ? rfc1123z(cj.status.lastScheduleTime) : '<unset>'}\n`)
  const active: any[] = cj.status?.active ?? []
  w.write(LEVEL_0, 'Active Jobs:\t')
  w.line(active.length === 0 ? '<none>' : active.map((j) => j.name).join(', '))
  describeEvents(w, ctx.events, ctx.now)
  return w.toString()
}

export interface DescribeIngressContext {
  events?: KubeObject[]
  now: number
  services: KubeObject[]
  endpointSlices: KubeObject[]
}

/** describeBackendV1: `svc:port (endpoints)`, or the resource backend. */
function describeBackend(backend: any, ctx: DescribeIngressContext): string {
  if (backend?.service) {
    const port = backend.service.port ?? {}
    const sb = `${backend.service.name}:${port.number ? port.number : (port.name ?? '')}`
    const svc = ctx.services.find((s) => s.metadata.name === backend.service.name)
    if (!svc) return `${sb} (<error: services "${backend.service.name}" not found>)`
    let spName = ''
    for (const sp of svc.spec?.ports ?? []) {
      if (port.number && port.number === sp.port) spName = sp.name ?? ''
      else if (port.name && port.name === sp.name) spName = sp.name ?? ''
    }
    const slices = ctx.endpointSlices.filter((s) => s.metadata.labels?.['kubernetes.io/service-name'] === backend.service.name)
    return `${sb} (${formatEndpointSlices(slices, spName)})`
  }
  if (backend?.resource) {
    const r = backend.resource
    return `APIGroup: ${r.apiGroup ?? '<none>'}, Kind: ${r.kind ?? ''}, Name: ${r.name ?? ''}`
  }
  return ''
}

export function describeIngress(ing: KubeObject, ctx: DescribeIngressContext): string {
  const w = new DescribeWriter()
  const spec = ing.spec ?? {}
  w.write(LEVEL_0, `Name:\t${ing.metadata.name}\n`)
  printLabelsMultiline(w, 'Labels', ing.metadata.labels)
  w.write(LEVEL_0, `Namespace:\t${ing.metadata.namespace ?? ''}\n`)
  const addresses = [...new Set<string>((ing.status?.loadBalancer?.ingress ?? []).map((i: any) => i.ip || i.hostname).filter(Boolean))].sort()
  w.write(LEVEL_0, `Address:\t${addresses.join(',')}\n`)
  w.write(LEVEL_0, `Ingress Class:\t${spec.ingressClassName ?? '<none>'}\n`)
  const def = spec.defaultBackend ? describeBackend(spec.defaultBackend, ctx) : '<default>'
  w.write(LEVEL_0, `Default backend:\t${def}\n`)
  if ((spec.tls ?? []).length > 0) {
    w.write(LEVEL_0, 'TLS:\n')
    for (const t of spec.tls) {
      const hosts = (t.hosts ?? []).join(',')
      w.write(LEVEL_1, t.secretName ? `${t.secretName} terminates ${hosts}\n` : `SNI routes ${hosts}\n`)
    }
  }
  w.write(LEVEL_0, 'Rules:\n  Host\tPath\tBackends\n')
  w.write(LEVEL_1, '----\t----\t--------\n')
  let count = 0
  for (const rule of spec.rules ?? []) {
    if (!rule.http) continue
    count++
    w.write(LEVEL_1, `${rule.host || '*'}\t\n`)
    for (const p of rule.http.paths ?? []) w.write(LEVEL_2, `\t${p.path ?? ''} \t${describeBackend(p.backend, ctx)}\n`)
  }
  if (count === 0) w.write(LEVEL_1, `*\t*\t${def}\n`)
  printAnnotationsMultiline(w, 'Annotations', ing.metadata.annotations)
  describeEvents(w, ctx.events, ctx.now)
  return w.toString()
}
