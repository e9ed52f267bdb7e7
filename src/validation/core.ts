// core/v1 kinds other than Pod (pkg/apis/core/validation/validation.go): Service, ConfigMap, Secret, Namespace,
// PersistentVolumeClaim, PersistentVolume, ServiceAccount.

import {isIP} from 'node:net'
import {canonicalQuantity, parseQuantity} from '../api/quantity.js'
import {FieldPath, fieldErrors, type FieldError} from './field-errors.js'
import {goStringSlice, goQuote, GoRepr} from './go-format.js'
import {
  isConfigMapKey,
  isDNS1123Label,
  isDNS1123Subdomain,
  isQualifiedName,
  isValidPortName,
  isValidPortNum,
  nameIsDNS1035Label,
  nameIsDNSLabel,
  nameIsDNSSubdomain,
} from './names.js'
import {FIELD_IMMUTABLE, validateLabelSelector, validateLabels, validateObjectMeta, validateObjectMetaUpdate} from './meta.js'
import {asArray, asObject, isObject, semanticEqual, str} from './util.js'

const spec = FieldPath.root('spec')
const PROTOCOLS = ['SCTP', 'TCP', 'UDP']
const SERVICE_TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort']
const MAX_SECRET_SIZE = 1 * 1024 * 1024

function isHeadless(svc: any): boolean {
  return svc?.spec?.clusterIP === 'None'
}

function validateServicePort(sp: any, requireName: boolean, names: Set<string>, p: FieldPath): FieldError[] {
  const errs: FieldError[] = []
  const name = str(sp?.name)
  if (requireName && !name) errs.push(fieldErrors.required(p.child('name')))
  else if (name) {
    errs.push(...isDNS1123Label(name).map((m) => fieldErrors.invalid(p.child('name'), name, m)))
    if (names.has(name)) errs.push(fieldErrors.duplicate(p.child('name'), name))
    else names.add(name)
  }
  const port = typeof sp?.port === 'number' ? sp.port : 0
  for (const m of isValidPortNum(port)) errs.push(fieldErrors.invalid(p.child('port'), port, m))
  const proto = str(sp?.protocol)
  if (!proto) errs.push(fieldErrors.required(p.child('protocol')))
  else if (!PROTOCOLS.includes(proto)) errs.push(fieldErrors.notSupported(p.child('protocol'), proto, PROTOCOLS))
  const tp = sp?.targetPort
  if (typeof tp === 'number') for (const m of isValidPortNum(tp)) errs.push(fieldErrors.invalid(p.child('targetPort'), tp, m))
  else if (typeof tp === 'string') for (const m of isValidPortName(tp)) errs.push(fieldErrors.invalid(p.child('targetPort'), tp, m))
  if (typeof sp?.appProtocol === 'string') {
    for (const m of isQualifiedName(sp.appProtocol)) errs.push(fieldErrors.invalid(p.child('appProtocol'), sp.appProtocol, m))
  }
  return errs
}

function goServicePortKey(proto: string, port: number): GoRepr {
  return new GoRepr(
    `core.ServicePort{Name:"", Protocol:${goQuote(proto)}, AppProtocol:(*string)(nil), Port:${port}, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}`,
  )
}

/** ValidateServiceClusterIPsRelatedFields, after the strategy copied clusterIP into an empty clusterIPs. */
function validateClusterIPs(s: any): FieldError[] {
  const errs: FieldError[] = []
  const p = spec.child('clusterIPs')
  const clusterIP = str(s.clusterIP)
  let ips: string[] = asArray(s.clusterIPs).map(str)
  if (clusterIP && ips.length === 0) ips = [clusterIP]
  if (clusterIP && ips[0] !== clusterIP) errs.push(fieldErrors.invalid(p, goStringSlice(ips), 'first value must match `clusterIP`'))
  if (!clusterIP && ips.length > 0) errs.push(fieldErrors.invalid(p, goStringSlice(ips), 'must be empty when `clusterIP` is not specified'))
  asArray(s.ipFamilies).forEach((f: unknown, i) => {
    if (f !== 'IPv4' && f !== 'IPv6') errs.push(fieldErrors.notSupported(spec.child('ipFamilies').index(i), str(f), ['IPv4', 'IPv6']))
  })
  const policy = s.ipFamilyPolicy
  if (policy !== undefined && policy !== null && !['PreferDualStack', 'RequireDualStack', 'SingleStack'].includes(policy)) {
    errs.push(fieldErrors.notSupported(spec.child('ipFamilyPolicy'), str(policy), ['PreferDualStack', 'RequireDualStack', 'SingleStack']))
  }
  ips.forEach((ip, i) => {
    if (i === 0 && ip === 'None') {
      if (ips.length > 1) errs.push(fieldErrors.invalid(p, goStringSlice(ips), "'None' must be the first and only value"))
      return
    }
    if (isIP(ip) === 0) errs.push(fieldErrors.invalid(p.index(i), ip, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'))
  })
  return errs
}

export function validateService(svc: any): FieldError[] {
  const errs = validateObjectMeta(svc.metadata, true, nameIsDNS1035Label)
  const s = asObject(svc.spec)
  const type = str(s.type)
  const ports = asArray(s.ports)
  if (ports.length === 0 && !isHeadless(svc) && type !== 'ExternalName') errs.push(fieldErrors.required(spec.child('ports')))
  if ((type === 'LoadBalancer' || type === 'NodePort') && isHeadless(svc)) {
    errs.push(fieldErrors.invalid(spec.child('clusterIPs').index(0), 'None', `may not be set to 'None' for ${type} services`))
  }
  if (type === 'ExternalName') {
    if (asArray(s.clusterIPs).length > 0 || (s.clusterIP && s.clusterIP !== '')) errs.push(fieldErrors.forbidden(spec.child('clusterIPs'), 'may not be set for ExternalName services'))
    if (asArray(s.ipFamilies).length > 0) errs.push(fieldErrors.forbidden(spec.child('ipFamilies'), 'may not be set for ExternalName services'))
    if (s.ipFamilyPolicy !== undefined && s.ipFamilyPolicy !== null) errs.push(fieldErrors.forbidden(spec.child('ipFamilyPolicy'), 'may not be set for ExternalName services'))
    const cname = str(s.externalName).replace(/\.$/, '')
    if (cname) errs.push(...isDNS1123Subdomain(cname).map((m) => fieldErrors.invalid(spec.child('externalName'), cname, m)))
    else errs.push(fieldErrors.required(spec.child('externalName')))
  }
  const names = new Set<string>()
  ports.forEach((sp, i) => errs.push(...validateServicePort(sp, ports.length > 1, names, spec.child('ports').index(i))))
  if (isObject(s.selector)) errs.push(...validateLabels(s.selector, spec.child('selector')))
  const sa = str(s.sessionAffinity)
  if (!sa) errs.push(fieldErrors.required(spec.child('sessionAffinity')))
  else if (sa !== 'ClientIP' && sa !== 'None') errs.push(fieldErrors.notSupported(spec.child('sessionAffinity'), sa, ['ClientIP', 'None']))
  if (sa === 'ClientIP') {
    const t = s.sessionAffinityConfig?.clientIP?.timeoutSeconds
    if (typeof t !== 'number') errs.push(fieldErrors.required(spec.child('sessionAffinityConfig', 'clientIP', 'timeoutSeconds')))
    else if (t <= 0 || t > 86400) errs.push(fieldErrors.invalid(spec.child('sessionAffinityConfig', 'clientIP', 'timeoutSeconds'), t, 'must be greater than 0 and less than 86400'))
  } else if (sa === 'None' && s.sessionAffinityConfig !== undefined && s.sessionAffinityConfig !== null) {
    errs.push(fieldErrors.forbidden(spec.child('sessionAffinityConfig'), 'must not be set when session affinity is None'))
  }
  if (type !== 'ExternalName') errs.push(...validateClusterIPs(s))
  if (!type) errs.push(fieldErrors.required(spec.child('type')))
  else if (!SERVICE_TYPES.includes(type)) errs.push(fieldErrors.notSupported(spec.child('type'), type, SERVICE_TYPES))
  if (type === 'ClusterIP') {
    ports.forEach((sp: any, i) => {
      if (sp?.nodePort) errs.push(fieldErrors.forbidden(spec.child('ports').index(i).child('nodePort'), "may not be used when `type` is 'ClusterIP'"))
    })
  }
  const nodePorts = new Set<string>()
  ports.forEach((sp: any, i) => {
    if (!sp?.nodePort) return
    const key = `${sp.protocol}/${sp.nodePort}`
    if (nodePorts.has(key)) errs.push(fieldErrors.duplicate(spec.child('ports').index(i).child('nodePort'), sp.nodePort))
    nodePorts.add(key)
  })
  const seen = new Set<string>()
  ports.forEach((sp: any, i) => {
    const key = `${str(sp?.protocol)}/${sp?.port}`
    if (seen.has(key)) errs.push(fieldErrors.duplicate(spec.child('ports').index(i), goServicePortKey(str(sp?.protocol), sp?.port ?? 0)))
    seen.add(key)
  })
  const externallyAccessible = type === 'LoadBalancer' || type === 'NodePort' || (type === 'ClusterIP' && asArray(s.externalIPs).length > 0)
  const etp = str(s.externalTrafficPolicy)
  if (!externallyAccessible) {
    if (etp) errs.push(fieldErrors.invalid(spec.child('externalTrafficPolicy'), etp, 'may only be set for externally-accessible services'))
  } else if (!etp) errs.push(fieldErrors.required(spec.child('externalTrafficPolicy')))
  else if (etp !== 'Cluster' && etp !== 'Local') errs.push(fieldErrors.notSupported(spec.child('externalTrafficPolicy'), etp, ['Cluster', 'Local']))
  const itp = s.internalTrafficPolicy
  if (itp === undefined || itp === null) {
    // only these types require it (other types are tolerated for historical reasons)
    if (type === 'NodePort' || type === 'LoadBalancer' || type === 'ClusterIP') errs.push(fieldErrors.required(spec.child('internalTrafficPolicy')))
  } else if (itp !== 'Cluster' && itp !== 'Local') errs.push(fieldErrors.notSupported(spec.child('internalTrafficPolicy'), itp, ['Cluster', 'Local']))
  return errs
}

export function validateServiceUpdate(svc: any, old: any): FieldError[] {
  const errs = validateObjectMetaUpdate(svc.metadata, old.metadata)
  const oldType = str(old.spec?.type)
  const newType = str(svc.spec?.type)
  const oldIP = str(old.spec?.clusterIP)
  const newIP = str(svc.spec?.clusterIP)
  if (oldType !== 'ExternalName' && newType !== 'ExternalName' && oldIP && newIP && oldIP !== newIP) {
    const ips: string[] = asArray(svc.spec?.clusterIPs).length ? asArray(svc.spec.clusterIPs).map(str) : [newIP]
    errs.push(fieldErrors.invalid(spec.child('clusterIPs').index(0), goStringSlice(ips), 'may not change once set'))
  }
  errs.push(...validateService(svc).filter((e) => !e.field.startsWith('metadata.')))
  return errs
}

function validateDataKeys(data: unknown, p: FieldPath): FieldError[] {
  const errs: FieldError[] = []
  if (!isObject(data)) return errs
  for (const k of Object.keys(data)) for (const m of isConfigMapKey(k)) errs.push(fieldErrors.invalid(p.key(k), k, m))
  return errs
}

function dataSize(data: unknown, base64: boolean): number {
  if (!isObject(data)) return 0
  let n = 0
  for (const v of Object.values(data)) n += base64 ? Buffer.from(str(v), 'base64').length : Buffer.byteLength(str(v))
  return n
}

export function validateConfigMap(cm: any): FieldError[] {
  const errs = validateObjectMeta(cm.metadata, true, nameIsDNSSubdomain)
  errs.push(...validateDataKeys(cm.data, FieldPath.root('data')))
  errs.push(...validateDataKeys(cm.binaryData, FieldPath.root('binaryData')))
  for (const k of Object.keys(asObject(cm.binaryData))) {
    if (k in asObject(cm.data)) errs.push(fieldErrors.invalid(FieldPath.root('binaryData').key(k), k, 'duplicate of key present in data'))
  }
  if (dataSize(cm.data, false) + dataSize(cm.binaryData, true) > MAX_SECRET_SIZE) errs.push(fieldErrors.tooLong(FieldPath.root(''), MAX_SECRET_SIZE))
  return errs
}

function validateImmutableData(obj: any, old: any, dataFields: string[]): FieldError[] {
  const errs: FieldError[] = []
  if (old.immutable !== true) return errs
  if (obj.immutable !== true) errs.push(fieldErrors.forbidden(FieldPath.root('immutable'), 'field is immutable when `immutable` is set'))
  for (const f of dataFields) {
    if (!semanticEqual(obj[f], old[f])) errs.push(fieldErrors.forbidden(FieldPath.root(f), 'field is immutable when `immutable` is set'))
  }
  return errs
}

export function validateConfigMapUpdate(cm: any, old: any): FieldError[] {
  const errs = validateObjectMetaUpdate(cm.metadata, old.metadata)
  errs.push(...validateImmutableData(cm, old, ['data', 'binaryData']))
  errs.push(...validateConfigMap(cm).filter((e) => !e.field.startsWith('metadata.')))
  return errs
}

const SECRET_REQUIRED_KEYS: Record<string, string[]> = {
  'kubernetes.io/dockercfg': ['.dockercfg'],
  'kubernetes.io/dockerconfigjson': ['.dockerconfigjson'],
  'kubernetes.io/ssh-auth': ['ssh-privatekey'],
  'kubernetes.io/tls': ['tls.crt', 'tls.key'],
}

export function validateSecret(secret: any): FieldError[] {
  const errs = validateObjectMeta(secret.metadata, true, nameIsDNSSubdomain)
  const dataPath = FieldPath.root('data')
  // stringData is merged into data when the request is decoded
  const data: Record<string, unknown> = {...asObject(secret.data), ...asObject(secret.stringData)}
  errs.push(...validateDataKeys(data, dataPath))
  const size = dataSize(secret.data, true) + dataSize(secret.stringData, false)
  if (size > MAX_SECRET_SIZE) errs.push(fieldErrors.tooLong(dataPath, MAX_SECRET_SIZE))
  const type = str(secret.type)
  if (type === 'kubernetes.io/service-account-token') {
    if (!str(secret.metadata?.annotations?.['kubernetes.io/service-account.name'])) {
      errs.push(fieldErrors.required(FieldPath.root('metadata', 'annotations').key('kubernetes.io/service-account.name')))
    }
  } else if (type === 'kubernetes.io/basic-auth') {
    if (!('username' in data) && !('password' in data)) {
      errs.push(fieldErrors.required(dataPath.key('username')))
      errs.push(fieldErrors.required(dataPath.key('password')))
    }
  }
  for (const key of SECRET_REQUIRED_KEYS[type] ?? []) if (!(key in data)) errs.push(fieldErrors.required(dataPath.key(key)))
  return errs
}

export function validateSecretUpdate(secret: any, old: any): FieldError[] {
  const errs = validateObjectMetaUpdate(secret.metadata, old.metadata)
  if (str(secret.type) !== str(old.type)) errs.push(fieldErrors.invalid(FieldPath.root('type'), str(secret.type), FIELD_IMMUTABLE))
  errs.push(...validateImmutableData(secret, old, ['data']))
  errs.push(...validateSecret(secret).filter((e) => !e.field.startsWith('metadata.')))
  return errs
}

export function validateNamespace(ns: any): FieldError[] {
  const errs = validateObjectMeta(ns.metadata, false, nameIsDNSLabel)
  for (const f of asArray(ns.spec?.finalizers).map(str)) {
    const p = spec.child('finalizers')
    for (const m of isQualifiedName(f)) errs.push(fieldErrors.invalid(p, f, m))
  }
  return errs
}

export function validateNamespaceUpdate(ns: any, old: any): FieldError[] {
  return [...validateObjectMetaUpdate(ns.metadata, old.metadata), ...validateNamespace(ns).filter((e) => !e.field.startsWith('metadata.'))]
}

const ACCESS_MODES = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod']

function validatePositiveQuantity(q: unknown, p: FieldPath): FieldError[] {
  if (typeof q !== 'string' && typeof q !== 'number') return []
  const parsed = parseQuantity(q)
  if (parsed && parsed.nanos <= 0n) return [fieldErrors.invalid(p, canonicalQuantity(q) ?? str(q), 'must be greater than zero')]
  return []
}

export function validatePersistentVolumeClaimSpec(s: any, p: FieldPath): FieldError[] {
  const errs: FieldError[] = []
  const modes = asArray(s.accessModes).map(str)
  if (modes.length === 0) errs.push(fieldErrors.required(p.child('accessModes'), 'at least 1 access mode is required'))
  if (isObject(s.selector)) errs.push(...validateLabelSelector(s.selector, p.child('selector')))
  for (const m of modes) if (!ACCESS_MODES.includes(m)) errs.push(fieldErrors.notSupported(p.child('accessModes'), m, ACCESS_MODES))
  const storage = asObject(asObject(s.resources).requests).storage
  const sp = p.child('resources').key('storage')
  if (storage === undefined || storage === null) errs.push(fieldErrors.required(sp))
  else errs.push(...validatePositiveQuantity(storage, sp))
  const sc = s.storageClassName
  if (typeof sc === 'string' && sc) for (const m of isDNS1123Subdomain(sc)) errs.push(fieldErrors.invalid(p.child('storageClassName'), sc, m))
  if (s.volumeMode !== undefined && s.volumeMode !== null && s.volumeMode !== 'Block' && s.volumeMode !== 'Filesystem') {
    errs.push(fieldErrors.notSupported(p.child('volumeMode'), s.volumeMode, ['Block', 'Filesystem']))
  }
  return errs
}

export function validatePersistentVolumeClaim(pvc: any): FieldError[] {
  return [...validateObjectMeta(pvc.metadata, true, nameIsDNSSubdomain), ...validatePersistentVolumeClaimSpec(asObject(pvc.spec), spec)]
}

export function validatePersistentVolumeClaimUpdate(pvc: any, old: any): FieldError[] {
  const errs = validateObjectMetaUpdate(pvc.metadata, old.metadata)
  errs.push(...validatePersistentVolumeClaimSpec(asObject(pvc.spec), spec))
  const a = structuredClone(asObject(pvc.spec))
  const b = structuredClone(asObject(old.spec))
  for (const x of [a, b]) if (isObject(x.resources)) delete x.resources.requests
  if (!b.volumeName) delete a.volumeName
  if (!semanticEqual(a, b)) errs.push(fieldErrors.forbidden(spec, 'spec is immutable after creation except resources.requests for bound claims'))
  return errs
}

const PV_SOURCES = [
  'gcePersistentDisk', 'awsElasticBlockStore', 'hostPath', 'glusterfs', 'nfs', 'rbd', 'quobyte', 'cinder', 'cephfs', 'fc',
  'flocker', 'flexVolume', 'azureFile', 'vsphereVolume', 'azureDisk', 'photonPersistentDisk', 'portworxVolume', 'scaleIO',
  'local', 'storageos', 'csi', 'iscsi',
]

export function validatePersistentVolume(pv: any): FieldError[] {
  const errs = validateObjectMeta(pv.metadata, false, nameIsDNSSubdomain)
  const s = asObject(pv.spec)
  const modes = asArray(s.accessModes).map(str)
  if (modes.length === 0) errs.push(fieldErrors.required(spec.child('accessModes'), 'must specify at least 1 access mode'))
  for (const m of modes) if (!ACCESS_MODES.includes(m)) errs.push(fieldErrors.notSupported(spec.child('accessModes'), m, ACCESS_MODES))
  const cap = asObject(s.capacity)
  if (Object.keys(cap).length === 0) errs.push(fieldErrors.required(spec.child('capacity')))
  if (!('storage' in cap) || Object.keys(cap).length > 1) {
    const keys = Object.keys(cap).sort()
    errs.push(fieldErrors.notSupported(spec.child('capacity'), new GoRepr(`core.ResourceList{${keys.map((k) => `${goQuote(k)}:resource.Quantity{...}`).join(', ')}}`), ['storage']))
  }
  for (const [k, q] of Object.entries(cap)) errs.push(...validatePositiveQuantity(q, spec.child('capacity').key(k)))
  const rp = s.persistentVolumeReclaimPolicy
  if (rp !== undefined && !['Delete', 'Recycle', 'Retain'].includes(rp)) {
    errs.push(fieldErrors.notSupported(spec.child('persistentVolumeReclaimPolicy'), rp, ['Delete', 'Recycle', 'Retain']))
  }
  const sources = PV_SOURCES.filter((k) => isObject(s[k]))
  if (sources.length === 0) errs.push(fieldErrors.required(spec, 'must specify a volume type'))
  for (const extra of sources.slice(1)) errs.push(fieldErrors.forbidden(spec.child(extra), 'may not specify more than 1 volume type'))
  if (sources[0] === 'hostPath' && !str(s.hostPath.path)) errs.push(fieldErrors.required(spec.child('hostPath', 'path')))
  if (sources[0] === 'local' && !str(s.local.path)) errs.push(fieldErrors.required(spec.child('local', 'path')))
  if (s.volumeMode !== undefined && s.volumeMode !== 'Block' && s.volumeMode !== 'Filesystem') {
    errs.push(fieldErrors.notSupported(spec.child('volumeMode'), s.volumeMode, ['Block', 'Filesystem']))
  }
  return errs
}

export function validatePersistentVolumeUpdate(pv: any, old: any): FieldError[] {
  const errs = validateObjectMetaUpdate(pv.metadata, old.metadata)
  errs.push(...validatePersistentVolume(pv).filter((e) => !e.field.startsWith('metadata.')))
  for (const src of PV_SOURCES) {
    if (old.spec?.[src] !== undefined && !semanticEqual(pv.spec?.[src], old.spec?.[src])) {
      errs.push(fieldErrors.forbidden(spec.child('persistentvolumesource'), 'spec.persistentvolumesource is forbidden once set'))
      break
    }
  }
  return errs
}

export function validateServiceAccount(sa: any): FieldError[] {
  return validateObjectMeta(sa.metadata, true, nameIsDNSSubdomain)
}
