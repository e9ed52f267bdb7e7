// Pod, PodSpec and PodTemplateSpec validation (pkg/apis/core/validation/validation.go), in the order the Go
// code appends errors. Objects are validated after defaulting, as the API server does.

import {FieldPath, fieldErrors, type FieldError} from './field-errors.js'
import {inclusiveRangeError, isDNS1123Subdomain, nameIsDNSSubdomain} from './names.js'
import {validateAnnotations, validateLabels, validateObjectMeta, validateObjectMetaUpdate} from './meta.js'
import {dns1123Label, validateContainers, validateInitContainers, validateVolumes} from './pod-containers.js'
import {validateAffinity, validateTolerations, validateTopologySpread} from './pod-scheduling.js'
import {asArray, asObject, isObject, semanticEqual, str} from './util.js'

const DNS_POLICIES = ['ClusterFirst', 'ClusterFirstWithHostNet', 'Default', 'None']
const RESTART_POLICIES = ['Always', 'OnFailure', 'Never']
const POD_UPDATE_FORBIDDEN =
  'pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)'

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
