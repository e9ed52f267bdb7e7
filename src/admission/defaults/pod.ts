// Pod and PodTemplate defaulting (pkg/apis/core/v1/defaults.go: SetDefaults_Pod, SetDefaults_PodSpec,
// SetDefaults_Container, SetDefaults_Probe, SetDefaults_Volume, ...).

import {each, isObj, objAt, setIfEmpty, setIfNil} from './util.js'

/** parsers.ParseImageName's tag: "latest" when neither a tag nor a digest is given; "" when unparseable. */
export function imageTag(image: string): string {
  if (!image || /\s/.test(image)) return ''
  const at = image.indexOf('@')
  const digest = at >= 0 ? image.slice(at + 1) : ''
  const name = at >= 0 ? image.slice(0, at) : image
  const lastSlash = name.lastIndexOf('/')
  const colon = name.indexOf(':', lastSlash + 1)
  const tag = colon >= 0 ? name.slice(colon + 1) : ''
  const repo = colon >= 0 ? name.slice(0, colon) : name
  // the path after an optional registry host must be lower case (docker reference grammar)
  const parts = repo.split('/')
  const hasDomain = parts.length > 1 && (parts[0].includes('.') || parts[0].includes(':') || parts[0] === 'localhost')
  const path = (hasDomain ? parts.slice(1) : parts).join('/')
  if (!path || path !== path.toLowerCase()) return ''
  if (!tag && !digest) return 'latest'
  return tag
}

function defaultProbe(probe: unknown): void {
  if (!isObj(probe)) return
  setIfEmpty(probe, 'timeoutSeconds', 1)
  setIfEmpty(probe, 'periodSeconds', 10)
  setIfEmpty(probe, 'successThreshold', 1)
  setIfEmpty(probe, 'failureThreshold', 3)
  defaultHandler(probe)
}

function defaultHandler(h: Record<string, any>): void {
  if (isObj(h.httpGet)) {
    setIfEmpty(h.httpGet, 'path', '/')
    setIfEmpty(h.httpGet, 'scheme', 'HTTP')
  }
  if (isObj(h.grpc)) setIfNil(h.grpc, 'service', '')
}

function defaultEnv(env: unknown): void {
  each(env, (e) => {
    if (isObj(e.valueFrom) && isObj(e.valueFrom.fieldRef)) setIfEmpty(e.valueFrom.fieldRef, 'apiVersion', 'v1')
    if (isObj(e.valueFrom) && isObj(e.valueFrom.resourceFieldRef)) setIfNil(e.valueFrom.resourceFieldRef, 'divisor', '0')
  })
}

export function defaultContainer(c: Record<string, any>): void {
  if (c.imagePullPolicy === undefined || c.imagePullPolicy === null || c.imagePullPolicy === '') {
    c.imagePullPolicy = imageTag(typeof c.image === 'string' ? c.image : '') === 'latest' ? 'Always' : 'IfNotPresent'
  }
  // a Go struct, never omitted when serialized: the API server returns `resources: {}`
  setIfNil(c, 'resources', {})
  setIfEmpty(c, 'terminationMessagePath', '/dev/termination-log')
  setIfEmpty(c, 'terminationMessagePolicy', 'File')
  each(c.ports, (p) => setIfEmpty(p, 'protocol', 'TCP'))
  defaultEnv(c.env)
  defaultProbe(c.livenessProbe)
  defaultProbe(c.readinessProbe)
  defaultProbe(c.startupProbe)
  if (isObj(c.lifecycle)) {
    if (isObj(c.lifecycle.postStart)) defaultHandler(c.lifecycle.postStart)
    if (isObj(c.lifecycle.preStop)) defaultHandler(c.lifecycle.preStop)
  }
}

const VOLUME_SOURCES = [
  'hostPath', 'emptyDir', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'secret', 'nfs', 'iscsi', 'glusterfs',
  'persistentVolumeClaim', 'rbd', 'flexVolume', 'cinder', 'cephfs', 'flocker', 'downwardAPI', 'fc', 'azureFile',
  'configMap', 'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk', 'projected', 'portworxVolume',
  'scaleIO', 'storageos', 'csi', 'ephemeral', 'image',
]

function defaultDownwardItems(items: unknown): void {
  each(items, (i) => {
    if (isObj(i.fieldRef)) setIfEmpty(i.fieldRef, 'apiVersion', 'v1')
    if (isObj(i.resourceFieldRef)) setIfNil(i.resourceFieldRef, 'divisor', '0')
  })
}

export function defaultVolume(v: Record<string, any>): void {
  if (!VOLUME_SOURCES.some((s) => v[s] !== undefined && v[s] !== null)) v.emptyDir = {}
  if (isObj(v.secret)) setIfNil(v.secret, 'defaultMode', 420)
  if (isObj(v.configMap)) setIfNil(v.configMap, 'defaultMode', 420)
  if (isObj(v.downwardAPI)) {
    setIfNil(v.downwardAPI, 'defaultMode', 420)
    defaultDownwardItems(v.downwardAPI.items)
  }
  if (isObj(v.projected)) {
    setIfNil(v.projected, 'defaultMode', 420)
    each(v.projected.sources, (s) => {
      if (isObj(s.serviceAccountToken)) setIfNil(s.serviceAccountToken, 'expirationSeconds', 3600)
      if (isObj(s.downwardAPI)) defaultDownwardItems(s.downwardAPI.items)
    })
  }
  if (isObj(v.hostPath)) setIfNil(v.hostPath, 'type', '')
  if (isObj(v.iscsi)) setIfEmpty(v.iscsi, 'iscsiInterface', 'default')
  if (isObj(v.ephemeral) && isObj(v.ephemeral.volumeClaimTemplate) && isObj(v.ephemeral.volumeClaimTemplate.spec)) {
    setIfNil(v.ephemeral.volumeClaimTemplate.spec, 'volumeMode', 'Filesystem')
  }
}

/** SetDefaults_PodSpec and everything it reaches (containers, volumes). */
export function defaultPodSpec(spec: Record<string, any>): void {
  setIfEmpty(spec, 'dnsPolicy', 'ClusterFirst')
  setIfEmpty(spec, 'restartPolicy', 'Always')
  if (spec.hostNetwork === true) {
    for (const list of [spec.containers, spec.initContainers]) {
      each(list, (c) => each(c.ports, (p) => setIfEmpty(p, 'hostPort', p.containerPort)))
    }
  }
  setIfNil(spec, 'securityContext', {})
  setIfNil(spec, 'terminationGracePeriodSeconds', 30)
  setIfEmpty(spec, 'schedulerName', 'default-scheduler')
  each(spec.containers, defaultContainer)
  each(spec.initContainers, defaultContainer)
  each(spec.ephemeralContainers, defaultContainer)
  each(spec.volumes, defaultVolume)
}

/** A pod template inside a workload: PodSpec defaults only (no enableServiceLinks, no request-from-limit). */
export function defaultPodTemplate(tpl: unknown): void {
  if (!isObj(tpl)) return
  embeddedObjectMeta(tpl)
  defaultPodSpec(objAt(tpl, 'spec'))
}

/**
 * An embedded ObjectMeta (pod templates, claim templates, job templates) serializes its zero creationTimestamp
 * as `creationTimestamp: null` in v1.32, as `kubectl get -o yaml` shows.
 */
export function embeddedObjectMeta(holder: Record<string, any>): void {
  const meta = objAt(holder, 'metadata')
  if (!('creationTimestamp' in meta)) meta.creationTimestamp = null
}

/** SetDefaults_Pod: PodSpec defaults plus enableServiceLinks and requests copied from limits. */
export function defaultPod(pod: Record<string, any>): void {
  const spec = objAt(pod, 'spec')
  for (const list of [spec.containers, spec.initContainers]) {
    each(list, (c) => {
      const res = c.resources
      if (!isObj(res) || !isObj(res.limits)) return
      const requests = isObj(res.requests) ? res.requests : (res.requests = {})
      for (const [k, v] of Object.entries(res.limits)) if (!(k in requests)) requests[k] = v
    })
  }
  setIfNil(spec, 'enableServiceLinks', true)
  defaultPodSpec(spec)
}
