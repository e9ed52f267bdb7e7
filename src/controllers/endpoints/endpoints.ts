// The Endpoints controller (pkg/controller/endpoint/endpoints_controller.go): for every Service with a selector,
// an Endpoints object listing the selected pods' IPs (ready ones in addresses, others in notReadyAddresses) per
// resolved target port.

import type {KubeObject} from '../../api/types.js'
import {keyOf, objectKey} from '../../api/store/keys.js'
import type {WatchEvent} from '../../api/store/store.js'
import {isApiError} from '../../engine/api-error.js'
import {QueueController} from '../runtime/base.js'
import {mapSelectorMatches, rfc3339Nano} from '../runtime/util.js'
import {findPort, isReady, shouldPodBeInEndpoints} from '../runtime/endpoints.js'

const TRIGGER_TIME = 'endpoints.kubernetes.io/last-change-trigger-time'
const HEADLESS_LABEL = 'service.kubernetes.io/headless'
const OVER_CAPACITY = 'endpoints.kubernetes.io/over-capacity'
const MAX_CAPACITY = 1000

export class EndpointsController extends QueueController {
  readonly name = 'endpoint-controller'

  protected register(): void {
    this.hub.on('/Service', (ev) => this.queue.add(ev.key))
    this.hub.on('/Pod', (ev) => this.onPod(ev))
    for (const s of this.ctx.store.list('/Service')) this.queue.add(keyOf(s))
  }

  private onPod(ev: WatchEvent): void {
    const ns = ev.object.metadata.namespace ?? ''
    for (const svc of this.hub.inNamespace('/Service', ns)) {
      if (mapSelectorMatches(svc.spec?.selector, ev.object.metadata.labels) || (ev.old && mapSelectorMatches(svc.spec?.selector, ev.old.metadata.labels))) {
        this.queue.add(keyOf(svc))
      }
    }
  }

  protected sync(key: string): void {
    const [, , namespace, name] = key.split('/')
    const epKey = objectKey('', 'Endpoints', namespace, name)
    const svc = this.ctx.store.get(key)
    const existing = this.ctx.store.get(epKey)
    if (!svc) {
      if (existing) this.ctx.store.delete(epKey)
      return
    }
    if (!svc.spec?.selector || Object.keys(svc.spec.selector).length === 0 || svc.spec.type === 'ExternalName') return
    const publishNotReady = !!svc.spec.publishNotReadyAddresses
    // subsets keyed by their port list
    const subsets = new Map<string, {ports: any[]; addresses: any[]; notReadyAddresses: any[]}>()
    for (const pod of this.hub.inNamespace('/Pod', namespace)) {
      if (!mapSelectorMatches(svc.spec.selector, pod.metadata.labels)) continue
      if (!shouldPodBeInEndpoints(pod, publishNotReady)) continue
      const addr: any = {ip: pod.status.podIP}
      if (pod.spec?.nodeName) addr.nodeName = pod.spec.nodeName
      addr.targetRef = {kind: 'Pod', name: pod.metadata.name, namespace, uid: pod.metadata.uid}
      const ports: any[] = []
      for (const sp of svc.spec.ports ?? []) {
        const port = findPort(pod, sp)
        if (port === undefined) continue
        const ep: any = {}
        if (sp.name) ep.name = sp.name
        ep.port = port
        ep.protocol = sp.protocol ?? 'TCP'
        if (sp.appProtocol) ep.appProtocol = sp.appProtocol
        ports.push(ep)
      }
      if ((svc.spec.ports ?? []).length > 0 && ports.length === 0) continue
      ports.sort((a, b) => (a.name ?? '').localeCompare(b.name ?? '') || a.port - b.port)
      const sk = JSON.stringify(ports)
      let ss = subsets.get(sk)
      if (!ss) subsets.set(sk, (ss = {ports, addresses: [], notReadyAddresses: []}))
      if (publishNotReady || isReady(pod)) ss.addresses.push(addr)
      else ss.notReadyAddresses.push(addr)
    }
    const out: any[] = []
    for (const k of [...subsets.keys()].sort()) {
      const ss = subsets.get(k)!
      const sub: any = {}
      if (ss.addresses.length) sub.addresses = ss.addresses.sort(byIP)
      if (ss.notReadyAddresses.length) sub.notReadyAddresses = ss.notReadyAddresses.sort(byIP)
      if (ss.ports.length) sub.ports = ss.ports
      out.push(sub)
    }
    const truncated = truncateEndpoints(out)
    const labels: Record<string, string> = {...(svc.metadata.labels ?? {})}
    if (svc.spec.clusterIP === 'None') labels[HEADLESS_LABEL] = ''
    const ep: KubeObject = {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: {name, namespace},
    }
    if (Object.keys(labels).length) ep.metadata.labels = labels
    if (out.length) ep.subsets = out
    if (existing && JSON.stringify(existing.subsets ?? null) === JSON.stringify(ep.subsets ?? null) &&
      JSON.stringify(existing.metadata.labels ?? {}) === JSON.stringify(labels)) return
    ep.metadata.annotations = {[TRIGGER_TIME]: rfc3339Nano(this.ctx.clock.now())}
    if (truncated) ep.metadata.annotations[OVER_CAPACITY] = 'truncated'
    try {
      if (existing) this.ctx.api.update({...ep, metadata: {...existing.metadata, labels: ep.metadata.labels, annotations: ep.metadata.annotations, resourceVersion: undefined}})
      else this.ctx.api.create(ep)
    } catch (e) {
      if (!isApiError(e)) throw e
      this.ctx.events.event(svc, 'Warning', 'FailedToUpdateEndpoint', `Failed to update endpoint ${namespace}/${name}: ${e.message}`, {component: 'endpoint-controller'})
      throw e
    }
  }
}

/** LessEndpointAddress: IP strings compared bytewise, then UID. */
function byIP(a: any, b: any): number {
  const x = a.ip
  const y = b.ip
  if (x !== y) return x < y ? -1 : 1
  return (a.targetRef?.uid ?? '') < (b.targetRef?.uid ?? '') ? -1 : 1
}

/** truncateEndpoints: at most 1000 addresses, not-ready ones dropped first, each subset keeping its proportion. */
function truncateEndpoints(subsets: any[]): boolean {
  let ready = 0
  let notReady = 0
  for (const s of subsets) {
    ready += s.addresses?.length ?? 0
    notReady += s.notReadyAddresses?.length ?? 0
  }
  if (ready + notReady <= MAX_CAPACITY) return false
  const truncateReady = ready > MAX_CAPACITY
  const max = truncateReady ? MAX_CAPACITY : MAX_CAPACITY - ready
  const total = truncateReady ? ready : notReady
  let canBeAdded = max
  for (const s of subsets) {
    const n = truncateReady ? s.addresses?.length ?? 0 : s.notReadyAddresses?.length ?? 0
    const toBeAdded = Math.min(canBeAdded, Math.ceil((n / total) * max))
    if (truncateReady) {
      if (s.addresses) s.addresses = s.addresses.slice(0, toBeAdded)
      delete s.notReadyAddresses
      canBeAdded -= s.addresses?.length ?? 0
    } else {
      if (s.notReadyAddresses) s.notReadyAddresses = s.notReadyAddresses.slice(0, toBeAdded)
      canBeAdded -= s.notReadyAddresses?.length ?? 0
    }
  }
  return true
}
