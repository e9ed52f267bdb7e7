// Container-level PodSpec validation (pkg/apis/core/validation/validation.go): volumes, ports, env, mounts,
// probes, resources, and the container lists.

import {FieldPath, fieldErrors, type FieldError} from './field-errors.js'
import {GoRepr} from './go-format.js'
import {isConfigMapKey, isDNS1123Label, isDNS1123Subdomain, isQualifiedName, isValidPortName, isValidPortNum} from './names.js'
import {validateNonnegative} from './meta.js'
import {validateResourceRequirements} from './resources.js'
import {asArray, isObject, str} from './util.js'

const PROTOCOLS = ['SCTP', 'TCP', 'UDP']
const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never']
const VOLUME_SOURCES = [
  'hostPath', 'emptyDir', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'secret', 'nfs', 'iscsi', 'glusterfs',
  'persistentVolumeClaim', 'rbd', 'flexVolume', 'cinder', 'cephfs', 'flocker', 'downwardAPI', 'fc', 'azureFile',
  'configMap', 'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk', 'projected', 'portworxVolume',
  'scaleIO', 'storageos', 'csi', 'ephemeral', 'image',
]

export function dns1123Label(v: string, p: FieldPath): FieldError[] {
  return isDNS1123Label(v).map((m) => fieldErrors.invalid(p, v, m))
}

export function validateVolumes(volumes: unknown, p: FieldPath): {names: Set<string>; errs: FieldError[]} {
  const errs: FieldError[] = []
  const names = new Set<string>()
  asArray(volumes).forEach((vol: any, i) => {
    const ip = p.index(i)
    const namePath = ip.child('name')
    const name = str(vol?.name)
    if (!name) errs.push(fieldErrors.required(namePath))
    else errs.push(...dns1123Label(name, namePath))
    if (names.has(name)) errs.push(fieldErrors.duplicate(namePath, name))
    else if (name) names.add(name)
    const sources = VOLUME_SOURCES.filter((s) => isObject(vol?.[s]))
    if (sources.length === 0) errs.push(fieldErrors.required(ip, 'must specify a volume type'))
    for (const extra of sources.slice(1)) errs.push(fieldErrors.forbidden(ip.child(extra), 'may not specify more than 1 volume type'))
    const src = sources[0]
    if (src === 'persistentVolumeClaim' && !str(vol.persistentVolumeClaim.claimName)) {
      errs.push(fieldErrors.required(ip.child('persistentVolumeClaim', 'claimName')))
    } else if (src === 'configMap' && !str(vol.configMap.name)) {
      errs.push(fieldErrors.required(ip.child('configMap', 'name')))
    } else if (src === 'secret' && !str(vol.secret.secretName)) {
      errs.push(fieldErrors.required(ip.child('secret', 'secretName')))
    } else if (src === 'hostPath' && !str(vol.hostPath.path)) {
      errs.push(fieldErrors.required(ip.child('hostPath', 'path')))
    }
  })
  return {names, errs}
}

function validateContainerPorts(ports: unknown, p: FieldPath): FieldError[] {
  const errs: FieldError[] = []
  const names = new Set<string>()
  const keys = new Set<string>()
  asArray(ports).forEach((port: any, i) => {
    const ip = p.index(i)
    const name = str(port?.name)
    if (name) {
      const msgs = isValidPortName(name)
      if (msgs.length) for (const m of msgs) errs.push(fieldErrors.invalid(ip.child('name'), name, m))
      else if (names.has(name)) errs.push(fieldErrors.duplicate(ip.child('name'), name))
      else names.add(name)
    }
    const cp = port?.containerPort
    if (!cp) errs.push(fieldErrors.required(ip.child('containerPort')))
    else for (const m of isValidPortNum(cp)) errs.push(fieldErrors.invalid(ip.child('containerPort'), cp, m))
    if (port?.hostPort) for (const m of isValidPortNum(port.hostPort)) errs.push(fieldErrors.invalid(ip.child('hostPort'), port.hostPort, m))
    const proto = str(port?.protocol)
    if (!proto) errs.push(fieldErrors.required(ip.child('protocol')))
    else if (!PROTOCOLS.includes(proto)) errs.push(fieldErrors.notSupported(ip.child('protocol'), proto, PROTOCOLS))
    // ports is a list-map keyed by (containerPort, protocol); the duplicate is shown as the key's JSON
    const key = JSON.stringify({containerPort: cp, protocol: proto || 'TCP'})
    if (keys.has(key)) errs.push(fieldErrors.duplicate(ip, new GoRepr(key)))
    keys.add(key)
  })
  return errs
}


const ENV_FIELD_PATHS = [
  'metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName', 'spec.serviceAccountName', 'status.hostIP',
  'status.hostIPs', 'status.podIP', 'status.podIPs',
]
const DOWNWARD_LABELS = new Set([
  'metadata.annotations', 'metadata.labels', 'metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName',
  'spec.restartPolicy', 'spec.serviceAccountName', 'spec.schedulerName', 'status.phase', 'status.hostIP', 'status.hostIPs',
  'status.podIP', 'status.podIPs',
])

/** validateObjectFieldSelector with the env var expressions (ConvertDownwardAPIFieldLabel's errors first). */
function validateFieldRef(fs: any, p: FieldPath): FieldError[] {
  const apiVersion = str(fs?.apiVersion)
  const fieldPath = str(fs?.fieldPath)
  if (!apiVersion) return [fieldErrors.required(p.child('apiVersion'))]
  if (!fieldPath) return [fieldErrors.required(p.child('fieldPath'))]
  const fp = p.child('fieldPath')
  if (apiVersion !== 'v1') return [fieldErrors.invalid(fp, fieldPath, `error converting fieldPath: unsupported pod version: ${apiVersion}`)]
  const sub = /^(.*)\['(.*)'\]$/.exec(fieldPath)
  if (sub) {
    if (sub[1] !== 'metadata.annotations' && sub[1] !== 'metadata.labels') {
      return [fieldErrors.invalid(fp, fieldPath, `error converting fieldPath: field label does not support subscript: ${fieldPath}`)]
    }
    const key = sub[1] === 'metadata.annotations' ? sub[2].toLowerCase() : sub[2]
    return isQualifiedName(key).map((m) => fieldErrors.invalid(p, key, m))
  }
  const label = fieldPath === 'spec.host' ? 'spec.nodeName' : fieldPath
  if (!DOWNWARD_LABELS.has(label)) return [fieldErrors.invalid(fp, fieldPath, `error converting fieldPath: field label not supported: ${fieldPath}`)]
  if (!ENV_FIELD_PATHS.includes(label)) return [fieldErrors.notSupported(fp, label, ENV_FIELD_PATHS)]
  return []
}

function validateKeySelector(sel: any, p: FieldPath): FieldError[] {
  const errs: FieldError[] = []
  const name = str(sel?.name)
  for (const m of isDNS1123Subdomain(name)) errs.push(fieldErrors.invalid(p.child('name'), name, m))
  const key = str(sel?.key)
  if (!key) errs.push(fieldErrors.required(p.child('key')))
  else for (const m of isConfigMapKey(key)) errs.push(fieldErrors.invalid(p.child('key'), key, m))
  return errs
}

/** IsRelaxedEnvVarName (RelaxedEnvironmentVariableValidation is on by default in v1.32). */
function relaxedEnvVarName(name: string): string[] {
  for (const ch of name) {
    const c = ch.codePointAt(0)!
    if (c > 0x7e || c < 0x20 || ch === '=') return ["a valid environment variable name must consist only of printable ASCII characters other than '='"]
  }
  return []
}

function validateEnv(env: unknown, p: FieldPath): FieldError[] {
  const errs: FieldError[] = []
  asArray(env).forEach((ev: any, i) => {
    const ip = p.index(i)
    const name = str(ev?.name)
    if (!name) errs.push(fieldErrors.required(ip.child('name')))
    else for (const m of relaxedEnvVarName(name)) errs.push(fieldErrors.invalid(ip.child('name'), name, m))
    const vf = ev?.valueFrom
    if (!isObject(vf)) return
    const vp = ip.child('valueFrom')
    let sources = 0
    if (isObject(vf.fieldRef)) {
      sources++
      errs.push(...validateFieldRef(vf.fieldRef, vp.child('fieldRef')))
    }
    if (isObject(vf.resourceFieldRef)) {
      sources++
      const r = str(vf.resourceFieldRef.resource)
      if (!r) errs.push(fieldErrors.required(vp.child('resourceFieldRef', 'resource')))
    }
    if (isObject(vf.configMapKeyRef)) {
      sources++
      errs.push(...validateKeySelector(vf.configMapKeyRef, vp.child('configMapKeyRef')))
    }
    if (isObject(vf.secretKeyRef)) {
      sources++
      errs.push(...validateKeySelector(vf.secretKeyRef, vp.child('secretKeyRef')))
    }
    if (sources === 0) errs.push(fieldErrors.invalid(vp, '', 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`'))
    else if (str(ev.value) !== '') errs.push(fieldErrors.invalid(vp, '', 'may not be specified when `value` is not empty'))
    else if (sources > 1) errs.push(fieldErrors.invalid(vp, '', 'may not have more than one field specified at a time'))
  })
  return errs
}

function validateVolumeMounts(mounts: unknown, volumes: Set<string>, p: FieldPath): FieldError[] {
  const errs: FieldError[] = []
  const paths = new Set<string>()
  asArray(mounts).forEach((m: any, i) => {
    const ip = p.index(i)
    const name = str(m?.name)
    if (!name) errs.push(fieldErrors.required(ip.child('name')))
    if (!volumes.has(name)) errs.push(fieldErrors.notFound(ip.child('name'), name))
    const mountPath = str(m?.mountPath)
    if (!mountPath) errs.push(fieldErrors.required(ip.child('mountPath')))
    if (paths.has(mountPath)) errs.push(fieldErrors.invalid(ip.child('mountPath'), mountPath, 'must be unique'))
    paths.add(mountPath)
  })
  return errs
}

function validatePortNumOrName(port: unknown, p: FieldPath): FieldError[] {
  if (typeof port === 'number') return isValidPortNum(port).map((m) => fieldErrors.invalid(p, port, m))
  if (typeof port === 'string') {
    if (port === '') return [fieldErrors.required(p)]
    return isValidPortName(port).map((m) => fieldErrors.invalid(p, port, m))
  }
  return [fieldErrors.required(p)]
}

function validateProbe(probe: unknown, p: FieldPath, kind: 'liveness' | 'readiness' | 'startup'): FieldError[] {
  const errs: FieldError[] = []
  if (!isObject(probe)) return errs
  const handlers = ['exec', 'httpGet', 'tcpSocket', 'grpc'].filter((h) => isObject(probe[h]))
  if (handlers.length === 0) errs.push(fieldErrors.required(p, 'must specify a handler type'))
  for (const extra of handlers.slice(1)) errs.push(fieldErrors.forbidden(p.child(extra), 'may not specify more than 1 handler type'))
  if (isObject(probe.httpGet)) {
    errs.push(...validatePortNumOrName(probe.httpGet.port, p.child('httpGet', 'port')))
    const scheme = str(probe.httpGet.scheme)
    if (scheme && scheme !== 'HTTP' && scheme !== 'HTTPS') errs.push(fieldErrors.notSupported(p.child('httpGet', 'scheme'), scheme, ['HTTP', 'HTTPS']))
  }
  if (isObject(probe.tcpSocket)) errs.push(...validatePortNumOrName(probe.tcpSocket.port, p.child('tcpSocket', 'port')))
  if (isObject(probe.exec) && asArray(probe.exec.command).length === 0) errs.push(fieldErrors.required(p.child('exec', 'command')))
  for (const f of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold']) {
    errs.push(...validateNonnegative(probe[f], p.child(f)))
  }
  if (isObject(probe) && typeof probe.terminationGracePeriodSeconds === 'number' && probe.terminationGracePeriodSeconds <= 0) {
    errs.push(fieldErrors.invalid(p.child('terminationGracePeriodSeconds'), probe.terminationGracePeriodSeconds, 'must be greater than 0'))
  }
  if (kind !== 'readiness' && probe.successThreshold !== undefined && probe.successThreshold !== 1) {
    errs.push(fieldErrors.invalid(p.child('successThreshold'), probe.successThreshold, 'must be 1'))
  }
  return errs
}

function validateContainerCommon(c: any, volumes: Set<string>, p: FieldPath): FieldError[] {
  const errs: FieldError[] = []
  const name = str(c?.name)
  if (!name) errs.push(fieldErrors.required(p.child('name')))
  else errs.push(...dns1123Label(name, p.child('name')))
  if (!str(c?.image)) errs.push(fieldErrors.required(p.child('image')))
  const tmp = str(c?.terminationMessagePolicy)
  if (!tmp) errs.push(fieldErrors.required(p.child('terminationMessagePolicy')))
  else if (tmp !== 'File' && tmp !== 'FallbackToLogsOnError') {
    errs.push(fieldErrors.notSupported(p.child('terminationMessagePolicy'), tmp, ['File', 'FallbackToLogsOnError']))
  }
  errs.push(...validateContainerPorts(c?.ports, p.child('ports')))
  errs.push(...validateEnv(c?.env, p.child('env')))
  errs.push(...validateVolumeMounts(c?.volumeMounts, volumes, p.child('volumeMounts')))
  const pull = str(c?.imagePullPolicy)
  if (!pull) errs.push(fieldErrors.required(p.child('imagePullPolicy')))
  else if (!PULL_POLICIES.includes(pull)) errs.push(fieldErrors.notSupported(p.child('imagePullPolicy'), pull, PULL_POLICIES))
  errs.push(...validateResourceRequirements(c?.resources, p.child('resources')))
  return errs
}

export function validateContainers(containers: unknown, volumes: Set<string>, p: FieldPath): FieldError[] {
  const errs: FieldError[] = []
  const list = asArray(containers)
  if (list.length === 0) errs.push(fieldErrors.required(p))
  const names = new Set<string>()
  list.forEach((c: any, i) => {
    const ip = p.index(i)
    errs.push(...validateContainerCommon(c, volumes, ip))
    const name = str(c?.name)
    if (names.has(name)) errs.push(fieldErrors.duplicate(ip.child('name'), name))
    else names.add(name)
    errs.push(...validateProbe(c?.livenessProbe, ip.child('livenessProbe'), 'liveness'))
    errs.push(...validateProbe(c?.readinessProbe, ip.child('readinessProbe'), 'readiness'))
    errs.push(...validateProbe(c?.startupProbe, ip.child('startupProbe'), 'startup'))
    if (c?.restartPolicy !== undefined) errs.push(fieldErrors.forbidden(ip.child('restartPolicy'), 'may not be set for non-init containers'))
  })
  return errs
}

export function validateInitContainers(inits: unknown, containers: unknown, volumes: Set<string>, p: FieldPath): FieldError[] {
  const errs: FieldError[] = []
  const names = new Set(asArray(containers).map((c: any) => str(c?.name)))
  asArray(inits).forEach((c: any, i) => {
    const ip = p.index(i)
    errs.push(...validateContainerCommon(c, volumes, ip))
    const name = str(c?.name)
    if (names.has(name)) errs.push(fieldErrors.duplicate(ip.child('name'), name))
    else names.add(name)
    const rp = c?.restartPolicy
    if (rp !== undefined && rp !== 'Always') errs.push(fieldErrors.notSupported(ip.child('restartPolicy'), rp, ['Always']))
    if (rp !== 'Always') {
      for (const f of ['lifecycle', 'livenessProbe', 'readinessProbe', 'startupProbe']) {
        if (c?.[f] !== undefined) errs.push(fieldErrors.forbidden(ip.child(f), `may not be set for init containers without restartPolicy=Always`))
      }
    }
  })
  return errs
}
