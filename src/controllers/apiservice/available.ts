// kube-aggregator's availability controllers (staging/src/k8s.io/kube-aggregator/pkg/controllers/status/{local,remote}):
// an APIService served by the kube-apiserver itself (no spec.service) is Available=True/Local; one backed by a
// Service is Available=False until that Service exists, listens on the port and has ready endpoints. The discovery
// GET the remote controller then sends cannot be simulated: a backend with ready endpoints passes.
import type {KubeObject} from '../../api/types.js'
import {objectKey} from '../../api/store/keys.js'
import {QueueController} from '../runtime/base.js'

const APISERVICE = 'apiregistration.k8s.io/APIService'

interface Availability {
  status: 'True' | 'False'
  reason: string
  message: string
}

export class APIServiceAvailableController extends QueueController {
  readonly name = 'apiservice-available-controller'

  protected register(): void {
    this.hub.on(APISERVICE, (ev) => {
      if (ev.type !== 'DELETED') this.queue.add(ev.object.metadata.name ?? '')
    })
    // a backing Service or its Endpoints changing changes the APIServices that point at it
    const onBackend = (ev: {object: KubeObject}) => {
      for (const a of this.ctx.store.list(APISERVICE)) {
        const svc = a.spec?.service
        if (svc && svc.namespace === ev.object.metadata.namespace && svc.name === ev.object.metadata.name) this.queue.add(a.metadata.name ?? '')
      }
    }
    this.hub.on('/Service', onBackend)
    this.hub.on('/Endpoints', onBackend)
    for (const a of this.ctx.store.list(APISERVICE)) this.queue.add(a.metadata.name ?? '')
  }

  protected sync(name: string): void {
    const a = this.ctx.store.get(objectKey('apiregistration.k8s.io', 'APIService', undefined, name))
    if (!a || a.metadata.deletionTimestamp) return
    const want = this.availability(a)
    const conditions: any[] = a.status?.conditions ?? []
    const cur = conditions.find((c) => c.type === 'Available')
    if (cur && cur.status === want.status && cur.reason === want.reason && cur.message === want.message) return
    // SetAPIServiceCondition keeps lastTransitionTime unless the status flips
    const lastTransitionTime = cur && cur.status === want.status ? cur.lastTransitionTime : this.ctx.clock.nowRFC3339()
    const next = {type: 'Available', status: want.status, lastTransitionTime, reason: want.reason, message: want.message}
    const status = {...(a.status ?? {}), conditions: [...conditions.filter((c) => c.type !== 'Available'), next]}
    this.ctx.api.updateStatus({...structuredClone(a), status})
  }

  private availability(a: KubeObject): Availability {
    const ref = a.spec?.service
    if (!ref) return {status: 'True', reason: 'Local', message: 'Local APIServices are always available'}
    const where = `service/${ref.name} in "${ref.namespace}"`
    const svc = this.ctx.store.get(objectKey('', 'Service', ref.namespace, ref.name))
    if (!svc) return {status: 'False', reason: 'ServiceNotFound', message: `${where} is not present`}
    if ((svc.spec?.type ?? 'ClusterIP') === 'ClusterIP') {
      const port: number = ref.port ?? 443
      const sp = (svc.spec?.ports ?? []).find((p: any) => p.port === port)
      if (!sp) return {status: 'False', reason: 'ServicePortError', message: `${where} is not listening on port ${port}`}
      const portName: string = sp.name ?? ''
      const ep = this.ctx.store.get(objectKey('', 'Endpoints', ref.namespace, ref.name))
      if (!ep) return {status: 'False', reason: 'EndpointsNotFound', message: `cannot find endpoints for ${where}`}
      const active = (ep.subsets ?? []).some((s: any) => (s.addresses ?? []).length > 0 && (s.ports ?? []).some((p: any) => (p.name ?? '') === portName))
      if (!active) return {status: 'False', reason: 'MissingEndpoints', message: `endpoints for ${where} have no addresses with port name "${portName}"`}
    }
    return {status: 'True', reason: 'Passed', message: 'all checks passed'}
  }
}
