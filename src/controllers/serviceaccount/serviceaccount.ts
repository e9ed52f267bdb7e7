// The service account controller (pkg/controller/serviceaccount/serviceaccounts_controller.go) keeps a `default`
// ServiceAccount in every active namespace; the root CA publisher (pkg/controller/certificates/rootcacertpublisher)
// keeps the `kube-root-ca.crt` ConfigMap there.

import type {KubeObject} from '../../api/types.js'
import {keyOf, objectKey} from '../../api/store/keys.js'
import {isApiError} from '../../engine/api-error.js'
import {QueueController} from '../runtime/base.js'

export const ROOT_CA_CONFIGMAP = 'kube-root-ca.crt'
const ROOT_CA_DESCRIPTION =
  'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.'

/** A fixed, syntactically valid-looking bundle: the simulated cluster has no real CA. */
export const SIMULATED_CA_CRT =
  '-----BEGIN CERTIFICATE-----\nMIIBdzCCAR2gAwIBAgIBADAKBggqhkjOPQQDAjAjMSEwHwYDVQQDDBhrOHNpbS1z\naW11bGF0ZWQtY2x1c3Rlci1jYTAeFw0yNjAxMDEwMDAwMDBaFw0zNjAxMDEwMDAw\nMDBaMCMxITAfBgNVBAMMGGs4c2ltLXNpbXVsYXRlZC1jbHVzdGVyLWNhMFkwEwYH\n-----END CERTIFICATE-----\n'

export class ServiceAccountController extends QueueController {
  readonly name = 'serviceaccount-controller'

  protected register(): void {
    this.hub.on('/Namespace', (ev) => {
      if (ev.type !== 'DELETED') this.queue.add(ev.object.metadata.name ?? '')
    })
    const onChild = (ev: {type: string; object: KubeObject}) => {
      if (ev.type === 'DELETED' && ev.object.metadata.namespace) this.queue.add(ev.object.metadata.namespace)
    }
    this.hub.on('/ServiceAccount', onChild)
    this.hub.on('/ConfigMap', onChild)
    for (const ns of this.ctx.store.list('/Namespace')) this.queue.add(ns.metadata.name ?? '')
  }

  protected sync(namespace: string): void {
    const ns = this.ctx.store.get(objectKey('', 'Namespace', undefined, namespace))
    if (!ns || ns.metadata.deletionTimestamp || ns.status?.phase === 'Terminating') return
    if (!this.ctx.store.get(objectKey('', 'ServiceAccount', namespace, 'default'))) {
      this.create({apiVersion: 'v1', kind: 'ServiceAccount', metadata: {name: 'default', namespace}})
    }
    if (!this.ctx.store.get(objectKey('', 'ConfigMap', namespace, ROOT_CA_CONFIGMAP))) {
      this.create({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: {name: ROOT_CA_CONFIGMAP, namespace, annotations: {'kubernetes.io/description': ROOT_CA_DESCRIPTION}},
        data: {'ca.crt': SIMULATED_CA_CRT},
      })
    }
  }

  private create(o: KubeObject): void {
    try {
      this.ctx.api.create(o)
    } catch (e) {
      if (!isApiError(e) || e.reason !== 'AlreadyExists') throw e
    }
    void keyOf
  }
}
