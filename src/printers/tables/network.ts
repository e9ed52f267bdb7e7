// Service, Endpoints, EndpointSlice, Ingress, IngressClass, NetworkPolicy tables (printers.go).

import {formatLabelSelector} from '../../api/selectors.js'
import {type TableDef, ageOf, col, formatLabels} from './common.js'

function lbIngress(status: any): string {
  const seen: string[] = []
  for (const i of status?.loadBalancer?.ingress ?? []) {
    const v = i.ip || i.hostname
    if (v && !seen.includes(v)) seen.push(v)
  }
  return seen.join(',')
}

/** getServiceExternalIP (always called with wide=true by printService). */
export function serviceExternalIP(svc: any): string {
  const ext: string[] = svc.spec?.externalIPs ?? []
  switch (svc.spec?.type ?? 'ClusterIP') {
    case 'ClusterIP':
    case 'NodePort':
      return ext.length > 0 ? ext.join(',') : '<none>'
    case 'LoadBalancer': {
      const lb = lbIngress(svc.status)
      if (ext.length > 0) return [...(lb ? lb.split(',') : []), ...ext].join(',')
      return lb || '<pending>'
    }
    case 'ExternalName':
      return svc.spec?.externalName ?? ''
  }
  return '<unknown>'
}

/** makePortString: `80/TCP`, `80:30080/TCP`, joined with ','. */
export function servicePorts(ports: any[] | undefined): string {
  return (ports ?? []).map((p) => (p.nodePort > 0 ? `${p.port}:${p.nodePort}/${p.protocol ?? 'TCP'}` : `${p.port}/${p.protocol ?? 'TCP'}`)).join(',')
}

export const serviceTable: TableDef = {
  columns: [col('Name'), col('Type'), col('Cluster-IP'), col('External-IP'), col('Port(s)'), col('Age'), col('Selector', 1)],
  row: (o, ctx) => [o.metadata.name ?? '', o.spec?.type ?? '', o.spec?.clusterIPs?.[0] ?? '<none>', serviceExternalIP(o), servicePorts(o.spec?.ports) || '<none>', ageOf(o, ctx), formatLabels(o.spec?.selector)],
}

const joinHostPort = (ip: string, port: number): string => (ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`)

/** formatEndpoints: at most 3 `ip:port`, then ` + N more...`; `<none>` without subsets. */
export function formatEndpoints(ep: any): string {
  const subsets: any[] = ep.subsets ?? []
  if (subsets.length === 0) return '<none>'
  const list: string[] = []
  const max = 3
  let more = false
  let count = 0
  for (const ss of subsets) {
    const addrs: any[] = ss.addresses ?? []
    const ports: any[] = ss.ports ?? []
    if (ports.length === 0) {
      count += addrs.length
      for (const a of addrs) {
        if (list.length === max) {
          more = true
          break
        }
        list.push(a.ip)
      }
      continue
    }
    for (const p of ports) {
      count += addrs.length
      for (const a of addrs) {
        if (list.length === max) {
          more = true
          break
        }
        list.push(joinHostPort(a.ip, p.port))
      }
    }
  }
  const ret = list.join(',')
  return more ? `${ret} + ${count - max} more...` : ret
}

export const endpointsTable: TableDef = {
  columns: [col('Name'), col('Endpoints'), col('Age')],
  row: (o, ctx) => [o.metadata.name ?? '', formatEndpoints(o), ageOf(o, ctx)],
}

function listWithMore(list: string[], more: boolean, count: number, max: number): string {
  const ret = list.join(',')
  if (more) return `${ret} + ${count - max} more...`
  return ret === '' ? '<unset>' : ret
}

export const endpointSliceTable: TableDef = {
  columns: [col('Name'), col('AddressType'), col('Ports'), col('Endpoints'), col('Age')],
  row: (o, ctx) => {
    const ports: string[] = []
    let pc = 0
    let pmore = false
    for (const p of o.ports ?? []) {
      if (ports.length < 3) ports.push(p.port != null ? String(p.port) : p.name != null ? p.name : '*')
      else if (ports.length === 3) pmore = true
      pc++
    }
    const addrs: string[] = []
    let ac = 0
    let amore = false
    for (const e of o.endpoints ?? [])
      for (const a of e.addresses ?? []) {
        if (addrs.length < 3) addrs.push(a)
        else if (addrs.length === 3) amore = true
        ac++
      }
    return [o.metadata.name ?? '', o.addressType ?? '', listWithMore(ports, pmore, pc, 3), listWithMore(addrs, amore, ac, 3), ageOf(o, ctx)]
  },
}

function formatHosts(rules: any[] | undefined): string {
  const list: string[] = []
  let more = false
  for (const r of rules ?? []) {
    if (list.length === 3) more = true
    if (!more && r.host) list.push(r.host)
  }
  if (list.length === 0) return '*'
  const ret = list.join(',')
  return more ? `${ret} + ${(rules ?? []).length - 3} more...` : ret
}

export const ingressTable: TableDef = {
  columns: [col('Name'), col('Class'), col('Hosts'), col('Address'), col('Ports'), col('Age')],
  row: (o, ctx) => [o.metadata.name ?? '', o.spec?.ingressClassName ?? '<none>', formatHosts(o.spec?.rules), lbIngress(o.status), (o.spec?.tls ?? []).length > 0 ? '80, 443' : '80', ageOf(o, ctx)],
}

export const ingressClassTable: TableDef = {
  namespaced: false,
  columns: [col('Name'), col('Controller'), col('Parameters'), col('Age')],
  row: (o, ctx) => {
    const p = o.spec?.parameters
    const params = p ? `${p.kind}${p.apiGroup ? `.${p.apiGroup}` : ''}/${p.name}` : '<none>'
    return [o.metadata.name ?? '', o.spec?.controller ?? '', params, ageOf(o, ctx)]
  },
}

export const networkPolicyTable: TableDef = {
  columns: [col('Name'), col('Pod-Selector'), col('Age')],
  row: (o, ctx) => [o.metadata.name ?? '', formatLabelSelector(o.spec?.podSelector ?? {}), ageOf(o, ctx)],
}
