// The Service registry's allocators (pkg/registry/core/service/ipallocator, portallocator): ClusterIPs from
// 10.96.0.0/12 and NodePorts from 30000-32767. As in 1.32, a requested IP or port is checked for conflicts and
// range, and dynamic allocation picks a free value in the upper band of the range (KEP-3070/3668), here from a
// hash of the Service's identity so the same cluster seed gives the same addresses.
import type {ObjectStore} from '../../api/store/store.js'
import type {KubeObject} from '../../api/types.js'
import {hashString} from '../../clock/random.js'
import {invalidField} from './errors.js'

export const SERVICE_CIDR = '10.96.0.0/12'
export const NODE_PORT_MIN = 30000
export const NODE_PORT_MAX = 32767
const CIDR_BASE = (10 << 24) + (96 << 16)
const CIDR_SIZE = 1 << 20

export function ipToInt(ip: string): number {
  return ip.split('.').reduce((a, p) => a * 256 + Number(p), 0)
}

export function intToIp(n: number): string {
  return [Math.floor(n / 16777216) % 256, Math.floor(n / 65536) % 256, Math.floor(n / 256) % 256, n % 256].join('.')
}

function usedClusterIPs(store: ObjectStore, except: KubeObject): Set<string> {
  const out = new Set<string>()
  for (const s of store.list('/Service')) {
    if (s.metadata.namespace === except.metadata.namespace && s.metadata.name === except.metadata.name) continue
    for (const ip of s.spec?.clusterIPs ?? (s.spec?.clusterIP ? [s.spec.clusterIP] : [])) if (ip && ip !== 'None') out.add(ip)
  }
  return out
}

function usedNodePorts(store: ObjectStore, except: KubeObject): Set<number> {
  const out = new Set<number>()
  for (const s of store.list('/Service')) {
    if (s.metadata.namespace === except.metadata.namespace && s.metadata.name === except.metadata.name) continue
    for (const p of s.spec?.ports ?? []) if (p.nodePort) out.add(p.nodePort)
    if (s.spec?.healthCheckNodePort) out.add(s.spec.healthCheckNodePort)
  }
  return out
}

/** Probe from a hashed start inside [lo, hi), then the rest of the range. */
function pick(seed: string, lo: number, hi: number, fullLo: number, taken: (v: number) => boolean): number | undefined {
  const span = hi - lo
  const start = hashString(seed) % span
  for (let i = 0; i < span; i++) {
    const v = lo + ((start + i) % span)
    if (!taken(v)) return v
  }
  for (let v = fullLo; v < lo; v++) if (!taken(v)) return v
  return undefined
}

function allocateClusterIP(svc: KubeObject, store: ObjectStore): string {
  const used = usedClusterIPs(store, svc)
  // the lower band (min(max(16, size/16), 256) addresses) is kept for static assignments like kube-dns' 10.96.0.10
  const band = Math.min(Math.max(16, CIDR_SIZE / 16), 256)
  const n = pick(`${svc.metadata.namespace}/${svc.metadata.name}/${svc.metadata.uid ?? ''}`, CIDR_BASE + band, CIDR_BASE + CIDR_SIZE - 1, CIDR_BASE + 1, (v) => used.has(intToIp(v)))
  if (n === undefined) throw invalidField(svc, 'spec.clusterIPs', '[]string(nil)', 'failed to allocate IP: range is full')
  return intToIp(n)
}

function checkRequestedIP(svc: KubeObject, store: ObjectStore, ip: string): void {
  const n = ipToInt(ip)
  const shown = `[]string{"${ip}"}`
  if (!/^\d+\.\d+\.\d+\.\d+$/.test(ip) || n <= CIDR_BASE || n >= CIDR_BASE + CIDR_SIZE - 1) {
    throw invalidField(svc, 'spec.clusterIPs', shown, `failed to allocate IP ${ip}: the provided IP (${ip}) is not in the valid range. The range of valid IPs is ${SERVICE_CIDR}`)
  }
  if (usedClusterIPs(store, svc).has(ip)) throw invalidField(svc, 'spec.clusterIPs', shown, `failed to allocate IP ${ip}: provided IP is already allocated`)
}

export function serviceAllocation(op: 'CREATE' | 'UPDATE', svc: KubeObject, old: KubeObject | undefined, store: ObjectStore): void {
  if (svc.kind !== 'Service' || svc.apiVersion !== 'v1') return
  const spec = (svc.spec ??= {})
  const type: string = spec.type ?? 'ClusterIP'
  if (type === 'ExternalName') return
  // ClusterIP: kept across updates; requested ones are checked; None makes a headless Service
  if (op === 'UPDATE' && old?.spec?.clusterIP && !spec.clusterIP) {
    spec.clusterIP = old.spec.clusterIP
    spec.clusterIPs = old.spec.clusterIPs ?? [old.spec.clusterIP]
  }
  const requested: string | undefined = spec.clusterIP || spec.clusterIPs?.[0] || undefined
  if (requested === 'None') {
    spec.clusterIP = 'None'
    spec.clusterIPs = ['None']
  } else if (requested) {
    if (op === 'CREATE' || requested !== old?.spec?.clusterIP) checkRequestedIP(svc, store, requested)
    spec.clusterIP = requested
    spec.clusterIPs = [requested]
  } else {
    const ip = allocateClusterIP(svc, store)
    spec.clusterIP = ip
    spec.clusterIPs = [ip]
  }
  spec.ipFamilies ??= ['IPv4']
  spec.ipFamilyPolicy ??= 'SingleStack'
  // NodePorts for NodePort and LoadBalancer Services
  const needsPorts = type === 'NodePort' || (type === 'LoadBalancer' && spec.allocateLoadBalancerNodePorts !== false)
  const used = usedNodePorts(store, svc)
  const ports: any[] = spec.ports ?? []
  const oldPorts: any[] = old?.spec?.ports ?? []
  ports.forEach((p, i) => {
    if (!needsPorts && !p.nodePort) return
    if (!p.nodePort) {
      const prev = oldPorts.find((o) => o.port === p.port && (o.protocol ?? 'TCP') === (p.protocol ?? 'TCP'))?.nodePort
      if (prev) p.nodePort = prev
    }
    if (p.nodePort) {
      const mine = oldPorts.some((o) => o.nodePort === p.nodePort)
      if (p.nodePort < NODE_PORT_MIN || p.nodePort > NODE_PORT_MAX) {
        throw invalidField(svc, `spec.ports[${i}].nodePort`, String(p.nodePort), `provided port is not in the valid range. The range of valid ports is ${NODE_PORT_MIN}-${NODE_PORT_MAX}`)
      }
      if (!mine && used.has(p.nodePort)) throw invalidField(svc, `spec.ports[${i}].nodePort`, String(p.nodePort), 'provided port is already allocated')
      used.add(p.nodePort)
      return
    }
    p.nodePort = allocateNodePort(svc, i, used)
    used.add(p.nodePort)
  })
  if (type === 'LoadBalancer' && spec.externalTrafficPolicy === 'Local' && !spec.healthCheckNodePort) {
    spec.healthCheckNodePort = old?.spec?.healthCheckNodePort ?? allocateNodePort(svc, -1, used)
  }
}

function allocateNodePort(svc: KubeObject, index: number, used: Set<number>): number {
  const size = NODE_PORT_MAX - NODE_PORT_MIN + 1
  const band = Math.min(Math.max(16, Math.floor(size / 32)), 128)
  const p = pick(`${svc.metadata.namespace}/${svc.metadata.name}/${svc.metadata.uid ?? ''}/${index}`, NODE_PORT_MIN + band, NODE_PORT_MAX + 1, NODE_PORT_MIN, (v) => used.has(v))
  if (p === undefined) throw invalidField(svc, `spec.ports[${Math.max(0, index)}].nodePort`, '0', 'range is full')
  return p
}
