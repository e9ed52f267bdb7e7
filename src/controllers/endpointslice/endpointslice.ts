// The EndpointSlice controller (pkg/controller/endpointslice): one IPv4 slice per selector Service, named
// `<service>-<5 chars>`, owned by the Service, with ready/serving/terminating conditions per pod (terminating
// pods included), zone and nodeName. A Service selecting nothing gets a placeholder slice.

import type {KubeObject} from '../../api/types.js'
import {keyOf, objectKey} from '../../api/store/keys.js'
import type {WatchEvent} from '../../api/store/store.js'
import {toRFC3339} from '../../clock/clock.js'
import {isApiError} from '../../engine/api-error.js'
import {QueueController} from '../runtime/base.js'
import {controllerRefOf, mapSelectorMatches, newControllerRef} from '../runtime/util.js'
import {findPort, isReady, shouldPodBeInEndpoints} from '../endpoints/pods.js'

const SERVICE_NAME = 'kubernetes.io/service-name'
const MANAGED_BY = 'endpointslice.kubernetes.io/managed-by'
const CONTROLLER_NAME = 'endpointslice-controller.k8s.io'
const TRIGGER_TIME = 'endpoints.kubernetes.io/last-change-trigger-time'
const ZONE = 'topology.kubernetes.io/zone'

export class EndpointSliceController extends QueueController {
  readonly name = 'endpointslice-controller'

  protected register(): void {
    this.hub.on('/Service', (ev) => this.queue.add(keyOf(ev.object)))
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
    let ports: any[] | undefined
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
      ports ??= pp
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
    const want: any = {addressType: 'IPv4', endpoints: endpoints.length ? endpoints : null, ports: endpoints.length ? ports ?? [] : null}
    const [slice, ...extra] = this.slicesOf(svc)
    for (const s of extra) this.ctx.store.delete(keyOf(s))
    try {
      if (slice) {
        if (JSON.stringify([slice.endpoints ?? null, slice.ports ?? null, slice.metadata.labels]) === JSON.stringify([want.endpoints, want.ports, labels])) return
        this.ctx.api.update({...slice, ...want, metadata: {...slice.metadata, labels, annotations: {[TRIGGER_TIME]: toRFC3339(this.ctx.clock.now())}, resourceVersion: undefined}})
      } else {
        this.ctx.api.create({
          apiVersion: 'discovery.k8s.io/v1',
          kind: 'EndpointSlice',
          metadata: {
            generateName: `${svc.metadata.name}-`,
            namespace,
            labels,
            annotations: {[TRIGGER_TIME]: toRFC3339(this.ctx.clock.now())},
            ownerReferences: [newControllerRef(svc)],
          },
          ...want,
        })
      }
    } catch (e) {
      if (!isApiError(e)) throw e
      this.ctx.events.event(svc, 'Warning', 'FailedToUpdateEndpointSlices', `Error updating Endpoint Slices for Service ${namespace}/${svc.metadata.name}: ${e.message}`, {component: 'endpoint-slice-controller'})
      throw e
    }
  }
}
