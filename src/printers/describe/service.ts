// kubectl describe service (describeService), endpoints from EndpointSlices (or the Endpoints object).

import type {KubeObject} from '../../api/types.js'
import {formatLabels} from '../tables/common.js'
import {DescribeWriter, LEVEL_0, describeEvents, printAnnotationsMultiline, printLabelsMultiline} from './common.js'

export interface DescribeServiceContext {
  /** undefined: no Events block (--show-events=false) */
  events?: KubeObject[]
  now: number
  endpointSlices: KubeObject[]
  /** used when there are no EndpointSlices */
  endpoints?: KubeObject
}

const joinHostPort = (ip: string, port: number): string => (ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`)

/** formatEndpointSlices: ready endpoints for the port named `portName`, at most 3, then ` + N more...`. */
export function formatEndpointSlices(slices: KubeObject[], portName: string): string {
  if (slices.length === 0) return '<none>'
  const list: string[] = []
  let more = false
  let count = 0
  for (const s of slices) {
    const eps: any[] = s.endpoints ?? []
    const ready = (e: any) => e.conditions?.ready == null || e.conditions.ready === true
    if ((s.ports ?? []).length === 0) {
      for (const e of eps) {
        if (list.length === 3) more = true
        if (!more && ready(e)) list.push(e.addresses?.[0])
        count++
      }
      continue
    }
    for (const p of s.ports) {
      if ((p.name ?? '') !== portName) continue
      for (const e of eps) {
        if (list.length === 3) more = true
        if (!more && ready(e)) list.push(joinHostPort(e.addresses?.[0], p.port))
        count++
      }
    }
  }
  const ret = list.join(',')
  return more ? `${ret} + ${count - 3} more...` : ret
}

function formatEndpointsForPort(ep: KubeObject | undefined, portName: string): string {
  const subsets: any[] = ep?.subsets ?? []
  if (!ep || subsets.length === 0) return '<none>'
  const list: string[] = []
  let count = 0
  for (const ss of subsets)
    for (const p of ss.ports ?? []) {
      if ((p.name ?? '') !== portName) continue
      for (const a of ss.addresses ?? []) {
        if (list.length < 3) list.push(joinHostPort(a.ip, p.port))
        count++
      }
    }
  const ret = list.join(',')
  return count > 3 ? `${ret} + ${count - 3} more...` : ret
}

export function describeService(svc: KubeObject, ctx: DescribeServiceContext): string {
  const w = new DescribeWriter()
  const spec = svc.spec ?? {}
  w.write(LEVEL_0, `Name:\t${svc.metadata.name}\n`)
  w.write(LEVEL_0, `Namespace:\t${svc.metadata.namespace ?? ''}\n`)
  printLabelsMultiline(w, 'Labels', svc.metadata.labels)
  printAnnotationsMultiline(w, 'Annotations', svc.metadata.annotations)
  w.write(LEVEL_0, `Selector:\t${formatLabels(spec.selector)}\n`)
  w.write(LEVEL_0, `Type:\t${spec.type ?? ''}\n`)
  if (spec.ipFamilyPolicy) w.write(LEVEL_0, `IP Family Policy:\t${spec.ipFamilyPolicy}\n`)
  w.write(LEVEL_0, `IP Families:\t${(spec.ipFamilies ?? []).length > 0 ? spec.ipFamilies.join(',') : '<none>'}\n`)
  w.write(LEVEL_0, `IP:\t${spec.clusterIP ?? ''}\n`)
  w.write(LEVEL_0, `IPs:\t${(spec.clusterIPs ?? []).length > 0 ? spec.clusterIPs.join(',') : '<none>'}\n`)
  if ((spec.externalIPs ?? []).length > 0) w.write(LEVEL_0, `External IPs:\t${spec.externalIPs.join(',')}\n`)
  if (spec.loadBalancerIP) w.write(LEVEL_0, `IP:\t${spec.loadBalancerIP}\n`)
  if (spec.externalName) w.write(LEVEL_0, `External Name:\t${spec.externalName}\n`)
  const ingress: any[] = svc.status?.loadBalancer?.ingress ?? []
  if (ingress.length > 0) w.write(LEVEL_0, `LoadBalancer Ingress:\t${ingress.map((i) => i.ip || i.hostname).join(', ')}\n`)
  for (const p of spec.ports ?? []) {
    const name = p.name || '<unset>'
    const proto = p.protocol ?? 'TCP'
    w.write(LEVEL_0, `Port:\t${name}\t${p.port}/${proto}\n`)
    w.write(LEVEL_0, `TargetPort:\t${p.targetPort ?? p.port}/${proto}\n`)
    if (p.nodePort) w.write(LEVEL_0, `NodePort:\t${name}\t${p.nodePort}/${proto}\n`)
    const eps = ctx.endpointSlices.length > 0 || !ctx.endpoints ? formatEndpointSlices(ctx.endpointSlices, p.name ?? '') : formatEndpointsForPort(ctx.endpoints, p.name ?? '')
    w.write(LEVEL_0, `Endpoints:\t${eps}\n`)
  }
  w.write(LEVEL_0, `Session Affinity:\t${spec.sessionAffinity ?? ''}\n`)
  if (spec.sessionAffinityConfig?.clientIP?.timeoutSeconds != null) w.write(LEVEL_0, `Session Affinity Timeout:\t${spec.sessionAffinityConfig.clientIP.timeoutSeconds}s\n`)
  if (spec.externalTrafficPolicy) w.write(LEVEL_0, `External Traffic Policy:\t${spec.externalTrafficPolicy}\n`)
  if (spec.internalTrafficPolicy) w.write(LEVEL_0, `Internal Traffic Policy:\t${spec.internalTrafficPolicy}\n`)
  if (spec.healthCheckNodePort) w.write(LEVEL_0, `HealthCheck NodePort:\t${spec.healthCheckNodePort}\n`)
  if ((spec.loadBalancerSourceRanges ?? []).length > 0) w.write(LEVEL_0, `LoadBalancer Source Ranges:\t${spec.loadBalancerSourceRanges.join(',')}\n`)
  describeEvents(w, ctx.events, ctx.now)
  return w.toString()
}
