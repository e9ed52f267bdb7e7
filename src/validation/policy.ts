// policy/v1 PodDisruptionBudget, autoscaling/v2 HorizontalPodAutoscaler and networking.k8s.io/v1 Ingress.

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

function validateIngressBackend(b: any, p: FieldPath): FieldError[] {
  const errs: FieldError[] = []
  const hasService = isObject(b?.service)
  const hasResource = isObject(b?.resource)
  if (hasService && hasResource) return [fieldErrors.invalid(p, '', 'cannot set both resource and service backends')]
  if (hasResource) return errs
  if (!hasService) return [fieldErrors.invalid(p, '', 'resource or service backend is required')]
  const name = str(b.service.name)
  if (!name) errs.push(fieldErrors.required(p.child('service', 'name')))
  else for (const m of isDNS1035Label(name)) errs.push(fieldErrors.invalid(p.child('service', 'name'), name, m))
  const port = asObject(b.service.port)
  const pp = p.child('service', 'port')
  if (port.name && port.number) {
    errs.push(fieldErrors.invalid(pp, new GoRepr(`networking.ServiceBackendPort{Name:${JSON.stringify(str(port.name))}, Number:${port.number}}`), 'cannot set both port name & port number'))
  } else if (port.name) for (const m of isValidPortName(str(port.name))) errs.push(fieldErrors.invalid(pp.child('name'), str(port.name), m))
  else if (port.number) for (const m of isValidPortNum(port.number)) errs.push(fieldErrors.invalid(pp.child('number'), port.number, m))
  else errs.push(fieldErrors.required(pp, 'port name or number is required'))
  return errs
}

function validateIngressSpec(s: any): FieldError[] {
  const errs: FieldError[] = []
  const rules = asArray(s.rules)
  if (rules.length === 0 && !isObject(s.defaultBackend)) {
    errs.push(fieldErrors.invalid(spec.child('rules'), new GoRepr('[]networking.IngressRule(nil)'), 'either `defaultBackend` or `rules` must be specified'))
  }
  if (isObject(s.defaultBackend)) errs.push(...validateIngressBackend(s.defaultBackend, spec.child('defaultBackend')))
  rules.forEach((r: any, i) => {
    const rp = spec.child('rules').index(i)
    const host = str(r?.host)
    if (host) {
      if (/^[0-9.]+$/.test(host) || host.includes(':')) errs.push(fieldErrors.invalid(rp.child('host'), host, 'must be a DNS name, not an IP address'))
      else if (host.includes('*')) {
        if (!/^\*\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(host)) {
          errs.push(
            fieldErrors.invalid(
              rp.child('host'),
              host,
              "a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character (e.g. '*.example.com', regex used for validation is '\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
            ),
          )
        }
      } else for (const m of isDNS1123Subdomain(host)) errs.push(fieldErrors.invalid(rp.child('host'), host, m))
    }
    if (!isObject(r?.http)) return
    const paths = asArray(r.http.paths)
    const hp = rp.child('http')
    if (paths.length === 0) errs.push(fieldErrors.required(hp.child('paths')))
    paths.forEach((path: any, j) => {
      const pp = hp.child('paths').index(j)
      const pt = path?.pathType
      if (pt === undefined || pt === null || pt === '') {
        errs.push(fieldErrors.required(pp.child('pathType'), 'pathType must be specified'))
        return
      }
      if (!PATH_TYPES.includes(pt)) errs.push(fieldErrors.notSupported(pp.child('pathType'), pt, PATH_TYPES))
      else if (pt !== 'ImplementationSpecific' && !str(path?.path).startsWith('/')) {
        errs.push(fieldErrors.invalid(pp.child('path'), str(path?.path), 'must be an absolute path'))
      }
      errs.push(...validateIngressBackend(path?.backend, pp.child('backend')))
    })
  })
  return errs
}

export function validateIngress(ing: any): FieldError[] {
  return [...validateObjectMeta(ing.metadata, true, nameIsDNSSubdomain), ...validateIngressSpec(asObject(ing.spec))]
}

export function validateIngressUpdate(ing: any, old: any): FieldError[] {
  return [...validateObjectMetaUpdate(ing.metadata, old.metadata), ...validateIngressSpec(asObject(ing.spec))]
}

