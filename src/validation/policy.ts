// policy/v1 PodDisruptionBudget, autoscaling/v2 HorizontalPodAutoscaler and networking.k8s.io/v1 Ingress.

import {isIP} from 'node:net'
import {FieldPath, fieldErrors, type FieldError} from './field-errors.js'
import {GoRepr} from './go-format.js'
import {isNotMoreThan100Percent, validatePositiveIntOrPercent} from './apps.js'
import {isDNS1035Label, isDNS1123Subdomain, isValidPortName, isValidPortNum, nameIsDNSSubdomain, validatePathSegmentName} from './names.js'
import {validateLabelSelector, validateObjectMeta, validateObjectMetaUpdate} from './meta.js'
import {asArray, asObject, isObject, str} from './util.js'

const spec = FieldPath.root('spec')

export function validatePodDisruptionBudget(pdb: any): FieldError[] {
  const errs = validateObjectMeta(pdb.metadata, true, nameIsDNSSubdomain)
  errs.push(...validatePDBSpec(asObject(pdb.spec)))
  return errs
}

function validatePDBSpec(s: any): FieldError[] {
  const errs: FieldError[] = []
  const has = (v: unknown) => v !== undefined && v !== null
  if (has(s.minAvailable) && has(s.maxUnavailable)) {
    errs.push(fieldErrors.invalid(spec, new GoRepr('policy.PodDisruptionBudgetSpec{...}'), 'minAvailable and maxUnavailable cannot be both set'))
  }
  for (const f of ['minAvailable', 'maxUnavailable']) {
    if (!has(s[f])) continue
    errs.push(...validatePositiveIntOrPercent(s[f], spec.child(f)))
    errs.push(...isNotMoreThan100Percent(s[f], spec.child(f)))
  }
  errs.push(...validateLabelSelector(s.selector, spec.child('selector')))
  const u = s.unhealthyPodEvictionPolicy
  if (has(u) && u !== 'AlwaysAllow' && u !== 'IfHealthyBudget') {
    errs.push(fieldErrors.notSupported(spec.child('unhealthyPodEvictionPolicy'), u, ['AlwaysAllow', 'IfHealthyBudget']))
  }
  return errs
}

export function validatePodDisruptionBudgetUpdate(pdb: any, old: any): FieldError[] {
  return [...validateObjectMetaUpdate(pdb.metadata, old.metadata), ...validatePDBSpec(asObject(pdb.spec))]
}

const METRIC_TYPES = ['Object', 'Pods', 'Resource', 'External', 'ContainerResource']

function validateCrossVersionObjectReference(ref: any, p: FieldPath): FieldError[] {
  const errs: FieldError[] = []
  for (const f of ['kind', 'name']) {
    const v = str(ref?.[f])
    if (!v) errs.push(fieldErrors.required(p.child(f)))
    else for (const m of validatePathSegmentName(v, false)) errs.push(fieldErrors.invalid(p.child(f), v, m))
  }
  return errs
}

function validateMetricTarget(t: any, p: FieldPath): FieldError[] {
  const errs: FieldError[] = []
  const type = str(t?.type)
  if (!type) errs.push(fieldErrors.required(p.child('type'), 'must specify a metric target type'))
  else if (!['Utilization', 'Value', 'AverageValue'].includes(type)) {
    errs.push(fieldErrors.notSupported(p.child('type'), type, ['Utilization', 'Value', 'AverageValue']))
  }
  if (typeof t?.averageUtilization === 'number' && t.averageUtilization < 1) {
    errs.push(fieldErrors.invalid(p.child('averageUtilization'), t.averageUtilization, 'must be greater than 0'))
  }
  return errs
}

function validateMetrics(metrics: unknown, p: FieldPath): FieldError[] {
  const errs: FieldError[] = []
  asArray(metrics).forEach((m: any, i) => {
    const ip = p.index(i)
    const type = str(m?.type)
    if (!type) errs.push(fieldErrors.required(ip.child('type'), 'must specify a metric source type'))
    if (!METRIC_TYPES.includes(type)) errs.push(fieldErrors.notSupported(ip.child('type'), type, METRIC_TYPES))
    if (type === 'Resource' || type === 'ContainerResource') {
      const key = type === 'Resource' ? 'resource' : 'containerResource'
      const src = m?.[key]
      if (!isObject(src)) errs.push(fieldErrors.required(ip.child(key), `must populate information for the given metric source`))
      else {
        if (!str(src.name)) errs.push(fieldErrors.required(ip.child(key, 'name'), 'must specify a resource name'))
        errs.push(...validateMetricTarget(src.target, ip.child(key, 'target')))
      }
    }
  })
  return errs
}

function validateHPASpec(s: any): FieldError[] {
  const errs: FieldError[] = []
  if (typeof s.minReplicas === 'number' && s.minReplicas < 1) {
    errs.push(fieldErrors.invalid(spec.child('minReplicas'), s.minReplicas, 'must be greater than or equal to 1'))
  }
  const max = typeof s.maxReplicas === 'number' ? s.maxReplicas : 0
  if (max < 1) errs.push(fieldErrors.invalid(spec.child('maxReplicas'), max, 'must be greater than 0'))
  if (typeof s.minReplicas === 'number' && max < s.minReplicas) {
    errs.push(fieldErrors.invalid(spec.child('maxReplicas'), max, 'must be greater than or equal to `minReplicas`'))
  }
  const refErrs = validateCrossVersionObjectReference(s.scaleTargetRef, spec.child('scaleTargetRef'))
  if (refErrs.length) errs.push(...refErrs)
  else errs.push(...validateMetrics(s.metrics, spec.child('metrics')))
  return errs
}

export function validateHorizontalPodAutoscaler(hpa: any): FieldError[] {
  return [...validateObjectMeta(hpa.metadata, true, nameIsDNSSubdomain), ...validateHPASpec(asObject(hpa.spec))]
}

export function validateHorizontalPodAutoscalerUpdate(hpa: any, old: any): FieldError[] {
  return [...validateObjectMetaUpdate(hpa.metadata, old.metadata), ...validateHPASpec(asObject(hpa.spec))]
}

const PATH_TYPES = ['Exact', 'ImplementationSpecific', 'Prefix']
const INVALID_PATH_SEQUENCES = ['//', '/./', '/../', '%2f', '%2F']
const INVALID_PATH_SUFFIXES = ['/..', '/.']
const WILDCARD_FMT = '\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*'
const WILDCARD_RE = new RegExp('^' + WILDCARD_FMT + '$')

function isWildcardDNS1123Subdomain(v: string): string[] {
  const errs: string[] = []
  if (Buffer.byteLength(v) > 253) errs.push('must be no more than 253 characters')
  if (!WILDCARD_RE.test(v)) {
    errs.push(
      "a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character (e.g. '*.example.com', regex used for validation is '" +
        WILDCARD_FMT +
        "')",
    )
  }
  return errs
}

function validateHost(host: string, p: FieldPath): FieldError[] {
  const errs: FieldError[] = []
  if (isIP(host) !== 0) errs.push(fieldErrors.invalid(p, host, 'must be a DNS name, not an IP address'))
  const msgs = host.includes('*') ? isWildcardDNS1123Subdomain(host) : isDNS1123Subdomain(host)
  for (const m of msgs) errs.push(fieldErrors.invalid(p, host, m))
  return errs
}

function validateIngressBackend(b: any, p: FieldPath): FieldError[] {
  const errs: FieldError[] = []
  const hasService = isObject(b?.service)
  const hasResource = isObject(b?.resource)
  if (hasService && hasResource) return [fieldErrors.invalid(p, '', 'cannot set both resource and service backends')]
  if (hasResource) {
    const r = b.resource
    if (!str(r.kind)) errs.push(fieldErrors.required(p.child('resource', 'kind'), 'kind is required'))
    if (!str(r.name)) errs.push(fieldErrors.required(p.child('resource', 'name'), 'name is required'))
    return errs
  }
  if (!hasService) return [fieldErrors.invalid(p, '', 'resource or service backend is required')]
  const name = str(b.service.name)
  if (!name) errs.push(fieldErrors.required(p.child('service', 'name')))
  else for (const m of isDNS1035Label(name)) errs.push(fieldErrors.invalid(p.child('service', 'name'), name, m))
  const port = asObject(b.service.port)
  const hasName = str(port.name).length > 0
  const hasNumber = typeof port.number === 'number' && port.number !== 0
  if (hasName && hasNumber) errs.push(fieldErrors.invalid(p, '', 'cannot set both port name & port number'))
  else if (hasName) for (const m of isValidPortName(str(port.name))) errs.push(fieldErrors.invalid(p.child('service', 'port', 'name'), str(port.name), m))
  else if (hasNumber) for (const m of isValidPortNum(port.number)) errs.push(fieldErrors.invalid(p.child('service', 'port', 'number'), port.number, m))
  else errs.push(fieldErrors.required(p, 'port name or number is required'))
  return errs
}

function validateHTTPIngressPath(path: any, p: FieldPath): FieldError[] {
  const errs: FieldError[] = []
  const pt = path?.pathType
  if (pt === undefined || pt === null) return [fieldErrors.required(p.child('pathType'), 'pathType must be specified')]
  const value = str(path?.path)
  if (pt === 'Exact' || pt === 'Prefix') {
    if (!value.startsWith('/')) errs.push(fieldErrors.invalid(p.child('path'), value, 'must be an absolute path'))
    if (value) {
      for (const seq of INVALID_PATH_SEQUENCES) if (value.includes(seq)) errs.push(fieldErrors.invalid(p.child('path'), value, `must not contain '${seq}'`))
      for (const suf of INVALID_PATH_SUFFIXES) if (value.endsWith(suf)) errs.push(fieldErrors.invalid(p.child('path'), value, `cannot end with '${suf}'`))
    }
  } else if (pt === 'ImplementationSpecific') {
    if (value && !value.startsWith('/')) errs.push(fieldErrors.invalid(p.child('path'), value, 'must be an absolute path'))
  } else {
    errs.push(fieldErrors.notSupported(p.child('pathType'), str(pt), PATH_TYPES))
  }
  errs.push(...validateIngressBackend(path?.backend, p.child('backend')))
  return errs
}

function validateIngressSpec(s: any): FieldError[] {
  const errs: FieldError[] = []
  const rules = asArray(s.rules)
  if (rules.length === 0 && !isObject(s.defaultBackend)) {
    errs.push(fieldErrors.invalid(spec, new GoRepr('[]networking.IngressRule(nil)'), 'either `defaultBackend` or `rules` must be specified'))
  }
  if (isObject(s.defaultBackend)) errs.push(...validateIngressBackend(s.defaultBackend, spec.child('defaultBackend')))
  rules.forEach((r: any, i) => {
    const rp = spec.child('rules').index(i)
    const host = str(r?.host)
    if (host) errs.push(...validateHost(host, rp.child('host')))
    if (!isObject(r?.http)) return
    const paths = asArray(r.http.paths)
    const hp = rp.child('http')
    if (paths.length === 0) errs.push(fieldErrors.required(hp.child('paths')))
    paths.forEach((path, j) => errs.push(...validateHTTPIngressPath(path, hp.child('paths').index(j))))
  })
  asArray(s.tls).forEach((t: any, i) => {
    const tp = spec.child('tls').index(i)
    asArray(t?.hosts).forEach((h: unknown, j) => {
      const host = str(h)
      const msgs = host.includes('*') ? isWildcardDNS1123Subdomain(host) : isDNS1123Subdomain(host)
      for (const m of msgs) errs.push(fieldErrors.invalid(tp.child('hosts').index(j), host, m))
    })
    const secretName = str(t?.secretName)
    if (secretName) for (const m of isDNS1123Subdomain(secretName)) errs.push(fieldErrors.invalid(tp.child('secretName'), secretName, m))
  })
  if (typeof s.ingressClassName === 'string') {
    for (const m of isDNS1123Subdomain(s.ingressClassName)) errs.push(fieldErrors.invalid(spec.child('ingressClassName'), s.ingressClassName, m))
  }
  return errs
}

export function validateIngress(ing: any): FieldError[] {
  const errs = [...validateObjectMeta(ing.metadata, true, nameIsDNSSubdomain), ...validateIngressSpec(asObject(ing.spec))]
  const cls = ing.metadata?.annotations?.['kubernetes.io/ingress.class']
  if (cls !== undefined && typeof ing.spec?.ingressClassName === 'string') {
    errs.push(fieldErrors.invalid(FieldPath.root('annotations', 'kubernetes.io/ingress.class'), str(cls), 'can not be set when the class field is also set'))
  }
  return errs
}

export function validateIngressUpdate(ing: any, old: any): FieldError[] {
  return [...validateObjectMetaUpdate(ing.metadata, old.metadata), ...validateIngressSpec(asObject(ing.spec))]
}

