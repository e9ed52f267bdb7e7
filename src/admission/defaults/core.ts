// core/v1 defaulting other than pods (pkg/apis/core/v1/defaults.go) and the Service registry's IP-family
// fields (the cluster IP itself is allocated by the caller).

import {each, isObj, objAt, setIfEmpty, setIfNil} from './util.js'

export function defaultService(obj: Record<string, any>): void {
  const spec = objAt(obj, 'spec')
  setIfEmpty(spec, 'sessionAffinity', 'None')
  if (spec.sessionAffinity === 'None') delete spec.sessionAffinityConfig
  if (spec.sessionAffinity === 'ClientIP' && typeof spec.sessionAffinityConfig?.clientIP?.timeoutSeconds !== 'number') {
    spec.sessionAffinityConfig = {clientIP: {timeoutSeconds: 10800}}
  }
  setIfEmpty(spec, 'type', 'ClusterIP')
  each(spec.ports, (p) => {
    setIfEmpty(p, 'protocol', 'TCP')
    if (p.targetPort === undefined || p.targetPort === null || p.targetPort === 0 || p.targetPort === '') p.targetPort = p.port
  })
  const externallyAccessible =
    spec.type === 'LoadBalancer' || spec.type === 'NodePort' || (spec.type === 'ClusterIP' && Array.isArray(spec.externalIPs) && spec.externalIPs.length > 0)
  if (externallyAccessible) setIfEmpty(spec, 'externalTrafficPolicy', 'Cluster')
  if (spec.internalTrafficPolicy === undefined || spec.internalTrafficPolicy === null) {
    if (spec.type === 'NodePort' || spec.type === 'LoadBalancer' || spec.type === 'ClusterIP') spec.internalTrafficPolicy = 'Cluster'
  }
  if (spec.type === 'LoadBalancer') setIfNil(spec, 'allocateLoadBalancerNodePorts', true)
  // the registry fills the IP families of every non-ExternalName service (single-stack IPv4 cluster)
  if (spec.type !== 'ExternalName' && ['ClusterIP', 'NodePort', 'LoadBalancer'].includes(spec.type)) {
    setIfNil(spec, 'ipFamilyPolicy', 'SingleStack')
    if (!Array.isArray(spec.ipFamilies) || spec.ipFamilies.length === 0) spec.ipFamilies = ['IPv4']
  }
}

export function defaultNamespace(obj: Record<string, any>): void {
  const meta = objAt(obj, 'metadata')
  const labels = objAt(meta, 'labels')
  labels['kubernetes.io/metadata.name'] = String(meta.name ?? '')
  // the namespace strategy always sets this finalizer on create
  objAt(obj, 'spec').finalizers = ['kubernetes']
  setIfEmpty(objAt(obj, 'status'), 'phase', 'Active')
}

export function defaultSecret(obj: Record<string, any>): void {
  setIfEmpty(obj, 'type', 'Opaque')
  // Convert_v1_Secret_To_core_Secret: stringData overwrites data (base64 on the wire) and is never stored
  if (obj.stringData && typeof obj.stringData === 'object' && !Array.isArray(obj.stringData)) {
    const data: Record<string, unknown> = obj.data && typeof obj.data === 'object' ? obj.data : {}
    for (const [k, v] of Object.entries(obj.stringData)) data[k] = Buffer.from(String(v ?? ''), 'utf8').toString('base64')
    if (Object.keys(data).length > 0) obj.data = data
  }
  delete obj.stringData
}

export function defaultPersistentVolumeClaim(obj: Record<string, any>): void {
  setIfNil(objAt(obj, 'spec'), 'volumeMode', 'Filesystem')
  setIfEmpty(objAt(obj, 'status'), 'phase', 'Pending')
}

export function defaultPersistentVolume(obj: Record<string, any>): void {
  const spec = objAt(obj, 'spec')
  setIfEmpty(spec, 'persistentVolumeReclaimPolicy', 'Retain')
  setIfNil(spec, 'volumeMode', 'Filesystem')
  if (isObj(spec.hostPath)) setIfNil(spec.hostPath, 'type', '')
  setIfEmpty(objAt(obj, 'status'), 'phase', 'Pending')
}

export function defaultEndpoints(obj: Record<string, any>): void {
  each(obj.subsets, (s) => each(s.ports, (p) => setIfEmpty(p, 'protocol', 'TCP')))
}

export function defaultLimitRange(obj: Record<string, any>): void {
  // SetDefaults_LimitRangeItem (containers): default limit from max, default request from the default limit,
  // then from min
  each(obj.spec?.limits, (l) => {
    if (l.type !== 'Container') return
    const def = objAt(l, 'default')
    const req = objAt(l, 'defaultRequest')
    for (const [k, v] of Object.entries(isObj(l.max) ? l.max : {})) if (!(k in def)) def[k] = v
    for (const [k, v] of Object.entries(def)) if (!(k in req)) req[k] = v
    for (const [k, v] of Object.entries(isObj(l.min) ? l.min : {})) if (!(k in req)) req[k] = v
  })
}

/** SetDefaults_NodeStatus: allocatable defaults to capacity. */
export function defaultNode(obj: Record<string, any>): void {
  const status = obj.status
  if (isObj(status) && isObj(status.capacity) && !isObj(status.allocatable)) status.allocatable = {...status.capacity}
}
