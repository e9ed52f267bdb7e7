// Pod, PodSpec and PodTemplateSpec validation (pkg/apis/core/validation/validation.go), in the order the Go
// code appends errors. Objects are validated after defaulting, as the API server does.

import {FieldPath, fieldErrors, type FieldError} from './field-errors.js'
import {goQuote, GoRepr} from './go-format.js'
import {
  isConfigMapKey,
  isDNS1123Label,
  isDNS1123Subdomain,
  isEnvVarName,
  isValidLabelValue,
  isValidPortName,
  isValidPortNum,
  inclusiveRangeError,
  nameIsDNSSubdomain,
} from './names.js'
import {validateAnnotations, validateLabelName, validateLabels, validateLabelSelector as validateLabelSelectorStrict, validateNonnegative, validateObjectMeta, validateObjectMetaUpdate} from './meta.js'
import {validateResourceRequirements} from './resources.js'
import {asArray, asObject, isObject, semanticEqual, str} from './util.js'

const PROTOCOLS = ['SCTP', 'TCP', 'UDP']
const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never']
const DNS_POLICIES = ['ClusterFirst', 'ClusterFirstWithHostNet', 'Default', 'None']
const RESTART_POLICIES = ['Always', 'OnFailure', 'Never']
const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute']
const VOLUME_SOURCES = [
  'hostPath', 'emptyDir', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'secret', 'nfs', 'iscsi', 'glusterfs',
  'persistentVolumeClaim', 'rbd', 'flexVolume', 'cinder', 'cephfs', 'flocker', 'downwardAPI', 'fc', 'azureFile',
  'configMap', 'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk', 'projected', 'portworxVolume',
  'scaleIO', 'storageos', 'csi', 'ephemeral', 'image',
]
const POD_UPDATE_FORBIDDEN =
  'pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)'

function dns1123Label(v: string, p: FieldPath): FieldError[] {
  return isDNS1123Label(v).map((m) => fieldErrors.invalid(p, v, m))
}

function validateVolumes(volumes: unknown, p: FieldPath): {names: Set<string>; errs: FieldError[]} {
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


function validateEnv(env: unknown, p: FieldPath): FieldError[] {
  const errs: FieldError[] = []
  asArray(env).forEach((ev: any, i) => {
    const ip = p.index(i)
    const name = str(ev?.name)
    if (!name) errs.push(fieldErrors.required(ip.child('name')))
    else for (const m of isEnvVarName(name)) errs.push(fieldErrors.invalid(ip.child('name'), name, m))
    const vf = ev?.valueFrom
    if (isObject(vf)) {
      const vp = ip.child('valueFrom')
      const kinds = ['fieldRef', 'resourceFieldRef', 'configMapKeyRef', 'secretKeyRef'].filter((k) => isObject(vf[k]))
      if (kinds.length === 0) errs.push(fieldErrors.invalid(vp, '', 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`'))
      else if (kinds.length > 1) errs.push(fieldErrors.invalid(vp, '', 'may not have more than one field specified at a time'))
      for (const k of ['configMapKeyRef', 'secretKeyRef']) {
        if (!isObject(vf[k])) continue
        const key = str(vf[k].key)
        if (!key) errs.push(fieldErrors.required(vp.child(k, 'key')))
        else for (const m of isConfigMapKey(key)) errs.push(fieldErrors.invalid(vp.child(k, 'key'), key, m))
      }
      if (ev.value !== undefined && ev.value !== '' && kinds.length > 0) {
        errs.push(fieldErrors.invalid(vp, '', 'may not be specified when `value` is not empty'))
      }
    }
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

function validateContainers(containers: unknown, volumes: Set<string>, p: FieldPath): FieldError[] {
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

function validateInitContainers(inits: unknown, containers: unknown, volumes: Set<string>, p: FieldPath): FieldError[] {
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

/** %#v of a core.Toleration */
function goToleration(t: any): GoRepr {
  const secs = typeof t?.tolerationSeconds === 'number' ? '(*int64)(0xc000000000)' : '(*int64)(nil)'
  return new GoRepr(
    `core.Toleration{Key:${goQuote(str(t?.key))}, Operator:${goQuote(str(t?.operator))}, Value:${goQuote(str(t?.value))}, Effect:${goQuote(str(t?.effect))}, TolerationSeconds:${secs}}`,
  )
}

function validateTolerations(tols: unknown, p: FieldPath): FieldError[] {
  const errs: FieldError[] = []
  asArray(tols).forEach((t: any, i) => {
    const ip = p.index(i)
    const key = str(t?.key)
    const op = str(t?.operator)
    const value = str(t?.value)
    if (key) errs.push(...validateLabelName(key, ip.child('key')))
    if (!key && op !== 'Exists') {
      errs.push(fieldErrors.invalid(ip.child('operator'), op, 'operator must be Exists when `key` is empty, which means "match all values and all keys"'))
    }
    if (t?.tolerationSeconds !== undefined && t?.tolerationSeconds !== null && str(t?.effect) !== 'NoExecute') {
      errs.push(fieldErrors.invalid(ip.child('effect'), str(t?.effect), "effect must be 'NoExecute' when `tolerationSeconds` is set"))
    }
    switch (op) {
      case 'Equal':
      case '':
        for (const m of isValidLabelValue(value)) errs.push(fieldErrors.invalid(ip.child('operator'), value, m))
        break
      case 'Exists':
        if (value) errs.push(fieldErrors.invalid(ip.child('operator'), goToleration(t), "value must be empty when `operator` is 'Exists'"))
        break
      default:
        errs.push(fieldErrors.notSupported(ip.child('operator'), op, ['Equal', 'Exists']))
    }
    const effect = str(t?.effect)
    if (effect && !TAINT_EFFECTS.includes(effect)) errs.push(fieldErrors.notSupported(ip.child('effect'), effect, TAINT_EFFECTS))
  })
  return errs
}

function validateTopologySpread(tscs: unknown, p: FieldPath): FieldError[] {
  const errs: FieldError[] = []
  const seen = new Set<string>()
  asArray(tscs).forEach((c: any, i) => {
    const ip = p.index(i)
    if (typeof c?.maxSkew !== 'number' || c.maxSkew <= 0) errs.push(fieldErrors.invalid(ip.child('maxSkew'), c?.maxSkew ?? 0, 'must be greater than zero'))
    const key = str(c?.topologyKey)
    if (!key) errs.push(fieldErrors.required(ip.child('topologyKey'), 'can not be empty'))
    else errs.push(...validateLabelName(key, ip.child('topologyKey')))
    const wu = str(c?.whenUnsatisfiable)
    if (!['DoNotSchedule', 'ScheduleAnyway'].includes(wu)) {
      errs.push(fieldErrors.notSupported(ip.child('whenUnsatisfiable'), wu, ['DoNotSchedule', 'ScheduleAnyway']))
    }
    const pair = `${key}/${wu}`
    if (seen.has(pair)) errs.push(fieldErrors.duplicate(ip, new GoRepr(`{${key}, ${wu}}`)))
    seen.add(pair)
  })
  return errs
}

function validateNodeSelectorRequirements(reqs: unknown, p: FieldPath): FieldError[] {
  const errs: FieldError[] = []
  asArray(reqs).forEach((r: any, i) => {
    const rp = p.index(i)
    const values = asArray(r?.values)
    switch (r?.operator) {
      case 'In':
      case 'NotIn':
        if (values.length === 0) errs.push(fieldErrors.required(rp.child('values'), "must be specified when `operator` is 'In' or 'NotIn'"))
        break
      case 'Exists':
      case 'DoesNotExist':
        if (values.length > 0) errs.push(fieldErrors.forbidden(rp.child('values'), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"))
        break
      case 'Gt':
      case 'Lt':
        if (values.length !== 1) errs.push(fieldErrors.required(rp.child('values'), "must be specified single value when `operator` is 'Lt' or 'Gt'"))
        break
      default:
        errs.push(fieldErrors.invalid(rp.child('operator'), str(r?.operator), 'not a valid selector operator'))
    }
    errs.push(...validateLabelName(str(r?.key), rp.child('key')))
  })
  return errs
}

function validateNodeSelectorTerm(term: any, p: FieldPath): FieldError[] {
  return [
    ...validateNodeSelectorRequirements(term?.matchExpressions, p.child('matchExpressions')),
    ...asArray(term?.matchFields).flatMap((r: any, i) => {
      const rp = p.child('matchFields').index(i)
      const errs: FieldError[] = []
      if (str(r?.key) !== 'metadata.name') errs.push(fieldErrors.invalid(rp.child('key'), str(r?.key), 'not a valid field selector key'))
      if (!['In', 'NotIn'].includes(r?.operator)) errs.push(fieldErrors.invalid(rp.child('operator'), str(r?.operator), 'not a valid selector operator'))
      else if (asArray(r?.values).length !== 1) errs.push(fieldErrors.required(rp.child('values'), 'must be only one value when `operator` is \'In\' or \'NotIn\' for node field selector'))
      return errs
    }),
  ]
}

function validatePodAffinityTerm(term: any, p: FieldPath): FieldError[] {
  const errs: FieldError[] = []
  if (isObject(term?.labelSelector)) errs.push(...validateLabelSelectorStrict(term.labelSelector, p.child('labelSelector')))
  if (isObject(term?.namespaceSelector)) errs.push(...validateLabelSelectorStrict(term.namespaceSelector, p.child('namespaceSelector')))
  for (const ns of asArray(term?.namespaces).map(str)) {
    for (const m of isDNS1123Label(ns)) errs.push(fieldErrors.invalid(p.child('namespace'), ns, m))
  }
  const key = str(term?.topologyKey)
  if (!key) errs.push(fieldErrors.required(p.child('topologyKey'), 'can not be empty'))
  errs.push(...validateLabelName(key, p.child('topologyKey')))
  return errs
}

function validateWeight(w: unknown, p: FieldPath): FieldError[] {
  return typeof w === 'number' && w >= 1 && w <= 100 ? [] : [fieldErrors.invalid(p, typeof w === 'number' ? w : 0, 'must be in the range 1-100')]
}

function validateAffinity(aff: unknown, p: FieldPath): FieldError[] {
  const errs: FieldError[] = []
  if (!isObject(aff)) return errs
  const na = aff.nodeAffinity
  if (isObject(na)) {
    const np = p.child('nodeAffinity')
    const req = na.requiredDuringSchedulingIgnoredDuringExecution
    if (isObject(req)) {
      const rp = np.child('requiredDuringSchedulingIgnoredDuringExecution')
      const terms = asArray(req.nodeSelectorTerms)
      if (terms.length === 0) errs.push(fieldErrors.required(rp.child('nodeSelectorTerms'), 'must have at least one node selector term'))
      terms.forEach((t, i) => errs.push(...validateNodeSelectorTerm(t, rp.child('nodeSelectorTerms').index(i))))
    }
    asArray(na.preferredDuringSchedulingIgnoredDuringExecution).forEach((t: any, i) => {
      const tp = np.child('preferredDuringSchedulingIgnoredDuringExecution').index(i)
      errs.push(...validateWeight(t?.weight, tp.child('weight')))
      errs.push(...validateNodeSelectorTerm(t?.preference, tp.child('preference')))
    })
  }
  for (const kind of ['podAffinity', 'podAntiAffinity']) {
    const pa = aff[kind]
    if (!isObject(pa)) continue
    const pp = p.child(kind)
    asArray(pa.requiredDuringSchedulingIgnoredDuringExecution).forEach((t, i) => {
      errs.push(...validatePodAffinityTerm(t, pp.child('requiredDuringSchedulingIgnoredDuringExecution').index(i)))
    })
    asArray(pa.preferredDuringSchedulingIgnoredDuringExecution).forEach((t: any, i) => {
      const tp = pp.child('preferredDuringSchedulingIgnoredDuringExecution').index(i)
      errs.push(...validateWeight(t?.weight, tp.child('weight')))
      errs.push(...validatePodAffinityTerm(t?.podAffinityTerm, tp.child('podAffinityTerm')))
    })
  }
  return errs
}

/** ValidatePodSpec */
export function validatePodSpec(spec: unknown, p: FieldPath): FieldError[] {
  const s = asObject(spec)
  const errs: FieldError[] = []
  const vols = validateVolumes(s.volumes, p.child('volumes'))
  errs.push(...vols.errs)
  errs.push(...validateContainers(s.containers, vols.names, p.child('containers')))
  errs.push(...validateInitContainers(s.initContainers, s.containers, vols.names, p.child('initContainers')))
  if (s.hostNetwork === true) {
    asArray(s.containers).forEach((c: any, ci) => {
      asArray(c?.ports).forEach((port: any, pi) => {
        if (port?.hostPort !== undefined && port.hostPort !== port.containerPort) {
          errs.push(
            fieldErrors.invalid(p.child('containers').index(ci).child('ports').index(pi).child('containerPort'), port.containerPort, 'must match `hostPort` when `hostNetwork` is true'),
          )
        }
      })
    })
  }
  const rp = str(s.restartPolicy)
  if (!rp) errs.push(fieldErrors.required(p.child('restartPolicy')))
  else if (!RESTART_POLICIES.includes(rp)) errs.push(fieldErrors.notSupported(p.child('restartPolicy'), rp, RESTART_POLICIES))
  const dp = str(s.dnsPolicy)
  if (!dp) errs.push(fieldErrors.required(p.child('dnsPolicy')))
  else if (!DNS_POLICIES.includes(dp)) errs.push(fieldErrors.notSupported(p.child('dnsPolicy'), dp, DNS_POLICIES))
  errs.push(...validateLabels(s.nodeSelector, p.child('nodeSelector')))
  errs.push(...validateAffinity(s.affinity, p.child('affinity')))
  if (dp === 'None' && !isObject(s.dnsConfig)) {
    errs.push(fieldErrors.required(p.child('dnsConfig'), 'must provide `dnsConfig` when `dnsPolicy` is None'))
  } else if (dp === 'None' && asArray(s.dnsConfig.nameservers).length === 0) {
    errs.push(fieldErrors.required(p.child('dnsConfig', 'nameservers'), 'must provide at least one DNS nameserver when `dnsPolicy` is None'))
  }
  errs.push(...validateTopologySpread(s.topologySpreadConstraints, p.child('topologySpreadConstraints')))
  const sa = str(s.serviceAccountName)
  if (sa) for (const m of isDNS1123Subdomain(sa)) errs.push(fieldErrors.invalid(p.child('serviceAccountName'), sa, m))
  const node = str(s.nodeName)
  if (node) for (const m of isDNS1123Subdomain(node)) errs.push(fieldErrors.invalid(p.child('nodeName'), node, m))
  if (typeof s.activeDeadlineSeconds === 'number' && s.activeDeadlineSeconds < 1) {
    errs.push(fieldErrors.invalid(p.child('activeDeadlineSeconds'), s.activeDeadlineSeconds, inclusiveRangeError(1, 2147483647)))
  }
  if (str(s.hostname)) errs.push(...dns1123Label(str(s.hostname), p.child('hostname')))
  if (str(s.subdomain)) errs.push(...dns1123Label(str(s.subdomain), p.child('subdomain')))
  errs.push(...validateTolerations(s.tolerations, p.child('tolerations')))
  const pc = str(s.priorityClassName)
  if (pc) for (const m of isDNS1123Subdomain(pc)) errs.push(fieldErrors.invalid(p.child('priorityClassName'), pc, m))
  if (s.preemptionPolicy !== undefined && !['Never', 'PreemptLowerPriority'].includes(s.preemptionPolicy)) {
    errs.push(fieldErrors.notSupported(p.child('preemptionPolicy'), s.preemptionPolicy, ['Never', 'PreemptLowerPriority']))
  }
  return errs
}

/** ValidatePodTemplateSpec: note labels are reported at `<path>.labels`, not `.metadata.labels`. */
export function validatePodTemplateSpec(tpl: unknown, p: FieldPath): FieldError[] {
  const t = asObject(tpl)
  const meta = asObject(t.metadata)
  const errs: FieldError[] = []
  errs.push(...validateLabels(meta.labels, p.child('labels')))
  errs.push(...validateAnnotations(meta.annotations, p.child('annotations')))
  errs.push(...validatePodSpec(t.spec, p.child('spec')))
  if (asArray(asObject(t.spec).ephemeralContainers).length > 0) {
    errs.push(fieldErrors.forbidden(p.child('spec', 'ephemeralContainers'), 'ephemeral containers not allowed in pod template'))
  }
  return errs
}

export function validatePod(pod: any): FieldError[] {
  const errs = validateObjectMeta(pod?.metadata, true, nameIsDNSSubdomain)
  errs.push(...validatePodSpec(pod?.spec, FieldPath.root('spec')))
  if (asArray(pod?.spec?.ephemeralContainers).length > 0) {
    errs.push(fieldErrors.forbidden(FieldPath.root('spec', 'ephemeralContainers'), 'cannot be set on a pod create'))
  }
  if (str(pod?.spec?.nodeName) && asArray(pod?.spec?.schedulingGates).length > 0) {
    errs.push(fieldErrors.forbidden(FieldPath.root('spec', 'nodeName'), 'cannot be set until all schedulingGates have been cleared'))
  }
  return errs
}

/** ValidatePodUpdate: only images, activeDeadlineSeconds, added tolerations and a few more may change. */
export function validatePodUpdate(pod: any, old: any): FieldError[] {
  const errs = validateObjectMetaUpdate(pod?.metadata, old?.metadata)
  const specPath = FieldPath.root('spec')
  errs.push(...validatePodSpec(pod?.spec, specPath))
  const spec = structuredClone(asObject(pod?.spec))
  const oldSpec = asObject(old?.spec)
  // munge the mutable fields of the new spec to the old values, then compare
  for (const kind of ['containers', 'initContainers'] as const) {
    const oldList = asArray(oldSpec[kind])
    asArray(spec[kind]).forEach((c: any, i) => {
      if (isObject(c) && isObject(oldList[i])) c.image = oldList[i].image
    })
  }
  const oldADS = oldSpec.activeDeadlineSeconds
  const newADS = spec.activeDeadlineSeconds
  if (newADS !== undefined && (oldADS === undefined || newADS <= oldADS)) spec.activeDeadlineSeconds = oldADS
  if (typeof oldSpec.terminationGracePeriodSeconds === 'number' && oldSpec.terminationGracePeriodSeconds < 0 && spec.terminationGracePeriodSeconds === 1) {
    spec.terminationGracePeriodSeconds = oldSpec.terminationGracePeriodSeconds
  }
  const oldTols = asArray(oldSpec.tolerations)
  const newTols = asArray(spec.tolerations)
  if (oldTols.every((t) => newTols.some((n) => semanticEqual(n, t)))) spec.tolerations = oldSpec.tolerations
  // the scheduler binds through spec.nodeName; the kubelet owns status
  if (!oldSpec.nodeName) spec.nodeName = oldSpec.nodeName
  if (!semanticEqual(spec, oldSpec)) {
    errs.push(fieldErrors.forbidden(specPath, `${POD_UPDATE_FORBIDDEN}\n${specDiff(oldSpec, spec)}`))
  }
  return errs
}

/** A short stand-in for the cmp.Diff the API server appends: one line per changed field. */
function specDiff(a: unknown, b: unknown, path = 'spec'): string {
  const lines: string[] = []
  const walk = (x: unknown, y: unknown, p: string) => {
    if (semanticEqual(x, y)) return
    if (isObject(x) && isObject(y)) {
      for (const k of new Set([...Object.keys(x), ...Object.keys(y)])) walk(x[k], y[k], `${p}.${k}`)
      return
    }
    if (Array.isArray(x) && Array.isArray(y) && x.length === y.length) {
      x.forEach((v, i) => walk(v, y[i], `${p}[${i}]`))
      return
    }
    lines.push(`  ${p}: ${JSON.stringify(x ?? null)} -> ${JSON.stringify(y ?? null)}`)
  }
  walk(a, b, path)
  return lines.join('\n')
}
