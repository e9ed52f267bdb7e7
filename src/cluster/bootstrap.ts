// What a fresh cluster holds right after `cluster create` (CLI.md §1): nodes from the node pools, the four
// system namespaces with their `default` ServiceAccount and `kube-root-ca.crt` ConfigMap, service/kubernetes with
// its Endpoints and EndpointSlice, the two system PriorityClasses the API server creates at start-up, and kind's
// default StorageClass `standard`. Everything goes through store.create (resourceVersion); uids from the rng.

import type {KubeObject, ObjectMeta} from '../api/types.js'
import type {ObjectStore} from '../api/store/store.js'
import type {VirtualClock} from '../clock/clock.js'
import type {SeededRandom} from '../clock/random.js'
import type {ClusterCreateOptions} from './options.js'
import {API_SERVER_IP, newNodeObject} from './nodes.js'

export const SYSTEM_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease']

const ROOT_CA_DESCRIPTION =
  'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.'

export function bootstrapCluster(store: ObjectStore, clock: VirtualClock, rng: SeededRandom, opts: ClusterCreateOptions): void {
  const meta = (name: string, namespace?: string, extra: Partial<ObjectMeta> = {}): ObjectMeta => ({
    ...(extra.annotations ? {annotations: extra.annotations} : {}),
    creationTimestamp: clock.nowRFC3339(),
    ...(extra.generation ? {generation: extra.generation} : {}),
    ...(extra.labels ? {labels: extra.labels} : {}),
    name,
    ...(namespace ? {namespace} : {}),
    uid: rng.uuid(),
  })
  const create = (o: KubeObject) => store.create(o)

  for (const ns of SYSTEM_NAMESPACES) {
    create({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: meta(ns, undefined, {labels: {'kubernetes.io/metadata.name': ns}}),
      spec: {finalizers: ['kubernetes']},
      status: {phase: 'Active'},
    })
  }

  create({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: meta('kubernetes', 'default', {labels: {component: 'apiserver', provider: 'kubernetes'}}),
    spec: {
      clusterIP: '10.96.0.1',
      clusterIPs: ['10.96.0.1'],
      internalTrafficPolicy: 'Cluster',
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      ports: [{name: 'https', port: 443, protocol: 'TCP', targetPort: 6443}],
      sessionAffinity: 'None',
      type: 'ClusterIP',
    },
    status: {loadBalancer: {}},
  })
  create({
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: meta('kubernetes', 'default', {labels: {'endpointslice.kubernetes.io/skip-mirror': 'true'}}),
    subsets: [{addresses: [{ip: API_SERVER_IP}], ports: [{name: 'https', port: 6443, protocol: 'TCP'}]}],
  })
  create({
    addressType: 'IPv4',
    apiVersion: 'discovery.k8s.io/v1',
    endpoints: [{addresses: [API_SERVER_IP], conditions: {ready: true}}],
    kind: 'EndpointSlice',
    metadata: meta('kubernetes', 'default', {generation: 1, labels: {'kubernetes.io/service-name': 'kubernetes'}}),
    ports: [{name: 'https', port: 6443, protocol: 'TCP'}],
  })

  create({
    apiVersion: 'scheduling.k8s.io/v1',
    description: 'Used for system critical pods that must not be moved from their current node.',
    kind: 'PriorityClass',
    metadata: meta('system-node-critical', undefined, {generation: 1}),
    preemptionPolicy: 'PreemptLowerPriority',
    value: 2000001000,
  })
  create({
    apiVersion: 'scheduling.k8s.io/v1',
    description: 'Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.',
    kind: 'PriorityClass',
    metadata: meta('system-cluster-critical', undefined, {generation: 1}),
    preemptionPolicy: 'PreemptLowerPriority',
    value: 2000000000,
  })

  const caCrt = fakeCACertificate(rng)
  for (const ns of SYSTEM_NAMESPACES) {
    create({apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta('default', ns)})
    create({
      apiVersion: 'v1',
      data: {'ca.crt': caCrt},
      kind: 'ConfigMap',
      metadata: meta('kube-root-ca.crt', ns, {annotations: {'kubernetes.io/description': ROOT_CA_DESCRIPTION}}),
    })
  }

  create({
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: meta('standard', undefined, {annotations: {'storageclass.kubernetes.io/is-default-class': 'true'}}),
    provisioner: 'rancher.io/local-path',
    reclaimPolicy: 'Delete',
    volumeBindingMode: 'WaitForFirstConsumer',
  })

  let index = 0
  for (const pool of opts.nodePools) {
    for (let i = 1; i <= pool.count; i++) {
      index++
      create(
        newNodeObject(
          {
            name: `${pool.name}-${i}`,
            cpu: pool.cpu,
            memory: pool.memory,
            pods: pool.pods,
            ephemeralStorage: pool.ephemeralStorage,
            labels: pool.labels,
            taints: pool.taints,
            zone: pool.zones.length > 0 ? pool.zones[(i - 1) % pool.zones.length] : undefined,
            index,
            kubeletVersion: opts.kubeletVersion,
          },
          clock,
          rng,
        ),
      )
    }
  }
}

/** A PEM block shaped like a kubeadm CA certificate; the bytes are random (nothing verifies them). */
function fakeCACertificate(rng: SeededRandom): string {
  const b64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
  let body = 'MIIDBTCCAe2gAwIBAgII'
  while (body.length < 1044) body += b64[rng.intn(64)]
  body += '='
  const lines = body.match(/.{1,64}/g)!
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`
}
