// The EndpointSlice controller (pkg/controller/endpointslice): one IPv4 slice per selector Service, named
// `<service>-<5 chars>`, owned by the Service, with ready/serving/terminating conditions per pod (terminating
// pods included), zone and nodeName. A Service selecting nothing gets a placeholder slice.

import type {KubeObject} from '../../api/types.js'
import {keyOf, objectKey} from '../../api/store/keys.js'
import type {WatchEvent} from '../../api/store/store.js'
import {isApiError} from '../../engine/api-error.js'
import {QueueController} from '../runtime/base.js'
import {controllerRefOf, mapSelectorMatches, newControllerRef, rfc3339Nano} from '../runtime/util.js'
import {findPort, isReady, shouldPodBeInEndpoints} from '../runtime/endpoints.js'

const SERVICE_NAME = 'kubernetes.io/service-name'
const MANAGED_BY = 'endpointslice.kubernetes.io/managed-by'
const CONTROLLER_NAME = 'endpointslice-controller.k8s.io'
const TRIGGER_TIME = 'endpoints.kubernetes.io/last-change-trigger-time'
const ZONE = 'topology.kubernetes.io/zone'

export class EndpointSliceController extends QueueController {
  readonly name = 'endpointslice-controller'

  protected register(): void {
    this.hub.on('/Service', (ev) => this.queue.add(ev.key))
    this.hub.on('/Pod', (ev) => this.onPod(ev))
    this.hub.on('discovery.k8s.io/EndpointSlice', (ev) => {
      const svc = ev.object.metadata.labels?.[SERVICE_NAME]
      if (svc && ev.object.metadata.labels?.[MANAGED_BY] === CONTROLLER_NAME) this.queue.add(objectKey('', 'Service', ev.object.metadata.namespace, svc))
    })
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

  private slicesOf(svc: KubeObject): KubeObject[] {
    return this.hub
      .dependents(svc.metadata.uid ?? '')
      .filter((o) => o.kind === 'EndpointSlice' && o.metadata.labels?.[MANAGED_BY] === CONTROLLER_NAME && controllerRefOf(o)?.uid === svc.metadata.uid)
  }

  protected sync(key: string): void {
    const svc = this.ctx.store.get(key)
    if (!svc || svc.metadata.deletionTimestamp) return // the garbage collector removes owned slices
    if (!svc.spec?.selector || Object.keys(svc.spec.selector).length === 0 || svc.spec.type === 'ExternalName') return
    const namespace = svc.metadata.namespace ?? ''
    const endpoints: any[] = []
    const portsByUid = new Map<string, any[]>()
    const pods = this.hub.inNamespace('/Pod', namespace).filter((p) => mapSelectorMatches(svc.spec.selector, p.metadata.labels))
    pods.sort((a, b) => ((a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1))
    for (const pod of pods) {
      if (!shouldPodBeInEndpoints(pod, true)) continue
      const pp: any[] = []
      for (const sp of svc.spec.ports ?? []) {
        const port = findPort(pod, sp)
        if (port === undefined) continue
        const ep: any = {name: sp.name ?? '', port, protocol: sp.protocol ?? 'TCP'}
        if (sp.appProtocol) ep.appProtocol = sp.appProtocol
        pp.push(ep)
      }
      portsByUid.set(pod.metadata.uid ?? '', pp)
      const terminating = !!pod.metadata.deletionTimestamp
      const ready = isReady(pod)
      const e: any = {
        addresses: [pod.status.podIP],
        conditions: {ready: (ready && !terminating) || !!svc.spec.publishNotReadyAddresses, serving: ready, terminating},
      }
      if (pod.spec?.nodeName) e.nodeName = pod.spec.nodeName
      e.targetRef = {kind: 'Pod', name: pod.metadata.name, namespace, uid: pod.metadata.uid}
      const node = pod.spec?.nodeName ? this.ctx.store.get(objectKey('', 'Node', undefined, pod.spec.nodeName)) : undefined
      const zone = node?.metadata.labels?.[ZONE]
      if (zone) e.zone = zone
      endpoints.push(e)
    }
    const labels: Record<string, string> = {...(svc.metadata.labels ?? {}), [MANAGED_BY]: CONTROLLER_NAME, [SERVICE_NAME]: svc.metadata.name ?? ''}
    if (svc.spec.clusterIP === 'None') labels['service.kubernetes.io/headless'] = ''
    const existing = [...this.slicesOf(svc)].sort((a, b) =>
      (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? '') || (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''))
    const wanted = planSlices(existing, endpoints, portsByUid)
    try {
      wanted.forEach((w, i) => {
        const slice = existing[i]
        const body: any = {addressType: 'IPv4', endpoints: w.endpoints.length ? w.endpoints : null, ports: w.endpoints.length ? w.ports : null}
        if (slice) {
          if (JSON.stringify([slice.endpoints ?? null, slice.ports ?? null, slice.metadata.labels]) === JSON.stringify([body.endpoints, body.ports, labels])) return
          this.ctx.api.update({...slice, ...body, metadata: {...slice.metadata, labels, annotations: {[TRIGGER_TIME]: rfc3339Nano(this.ctx.clock.now())}, resourceVersion: undefined}})
        } else {
          this.ctx.api.create({
            apiVersion: 'discovery.k8s.io/v1',
            kind: 'EndpointSlice',
            metadata: {
              generateName: `${svc.metadata.name}-`,
              namespace,
              labels,
              annotations: {[TRIGGER_TIME]: rfc3339Nano(this.ctx.clock.now())},
              ownerReferences: [newControllerRef(svc)],
            },
            ...body,
          })
        }
      })
      for (const extra of existing.slice(wanted.length)) this.ctx.api.delete(keyOf(extra))
    } catch (e) {
      if (!isApiError(e)) throw e
      this.ctx.events.event(svc, 'Warning', 'FailedToUpdateEndpointSlices', `Error updating Endpoint Slices for Service ${namespace}/${svc.metadata.name}: ${e.message}`, {component: 'endpoint-slice-controller'})
      throw e
    }
  }
}

/** maxEndpointsPerSlice (kube-controller-manager --max-endpoints-per-slice default) */
const MAX_ENDPOINTS_PER_SLICE = 100

interface PlannedSlice {
  ports: any[]
  endpoints: any[]
}

/**
 * Which endpoints go in which slice: slices hold endpoints with one port set, at most 100 each; an endpoint stays
 * in the slice that already has it, new ones fill slices with room before a new slice is made (the reconciler
 * keeps churn low). No endpoints at all → one placeholder slice.
 */
export function planSlices(existing: KubeObject[], endpoints: any[], portsByUid: Map<string, any[]>): PlannedSlice[] {
  if (endpoints.length === 0) return [{ports: [], endpoints: []}]
  const portKey = (p: any[]) => JSON.stringify(p)
  const plan: PlannedSlice[] = existing.map((s) => ({ports: s.ports ?? [], endpoints: []}))
  const byUid = new Map(endpoints.map((e) => [e.targetRef?.uid ?? '', e]))
  const placed = new Set<string>()
  existing.forEach((s, i) => {
    for (const e of s.endpoints ?? []) {
      const uid = e.targetRef?.uid ?? ''
      const want = byUid.get(uid)
      if (!want || placed.has(uid) || portKey(portsByUid.get(uid) ?? []) !== portKey(plan[i].ports)) continue
      plan[i].endpoints.push(want)
      placed.add(uid)
    }
  })
  for (const e of endpoints) {
    const uid = e.targetRef?.uid ?? ''
    if (placed.has(uid)) continue
    const ports = portsByUid.get(uid) ?? []
    let slot = plan.find((p) => p.endpoints.length < MAX_ENDPOINTS_PER_SLICE && portKey(p.ports) === portKey(ports) && p.endpoints.length > 0)
    slot ??= plan.find((p) => p.endpoints.length === 0)
    if (slot && slot.endpoints.length === 0) slot.ports = ports
    if (!slot) plan.push((slot = {ports, endpoints: []}))
    slot.endpoints.push(e)
  }
  // slices left empty are deleted by the caller (surplus existing slices at the end)
  const kept = plan.filter((p) => p.endpoints.length > 0)
  return kept.length ? kept : [{ports: [], endpoints: []}]
}
