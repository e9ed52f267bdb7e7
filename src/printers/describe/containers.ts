// Containers, probes, environment, mounts and volumes, as describePod / DescribePodTemplate print them.

import {milliValue, value} from '../../api/quantity.js'
import type {KubeObject} from '../../api/types.js'
import {type DescribeWriter, LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3, rfc1123z} from './common.js'
import {quantityString} from '../tables/common.js'

const q = quantityString

/** DescribeProbe */
export function describeProbe(p: any): string {
  const attrs = `delay=${p.initialDelaySeconds ?? 0}s timeout=${p.timeoutSeconds ?? 0}s period=${p.periodSeconds ?? 0}s #success=${p.successThreshold ?? 0} #failure=${p.failureThreshold ?? 0}`
  if (p.exec) return `exec [${(p.exec.command ?? []).join(' ')}] ${attrs}`
  if (p.httpGet) {
    const h = p.httpGet
    const port = h.port === undefined || h.port === null ? '' : String(h.port)
    const host = h.host ?? ''
    const hostPort = port ? (host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`) : host
    return `http-get ${String(h.scheme ?? 'HTTP').toLowerCase()}://${hostPort}${h.path ?? ''} ${attrs}`
  }
  if (p.tcpSocket) return `tcp-socket ${p.tcpSocket.host ?? ''}:${p.tcpSocket.port ?? ''} ${attrs}`
  if (p.grpc) return `grpc <pod>:${p.grpc.port} ${p.grpc.service ?? ''} ${attrs}`
  return `unknown ${attrs}`
}

/** fieldpath.ExtractFieldPathAsString for the env values describe resolves. */
function fieldRefValue(pod: KubeObject | undefined, path: string): string {
  if (!pod) return ''
  const m = /^metadata\.(labels|annotations)\['(.*)'\]$/.exec(path)
  if (m) return (pod.metadata as any)?.[m[1]]?.[m[2]] ?? ''
  switch (path) {
    case 'metadata.name':
      return pod.metadata?.name ?? ''
    case 'metadata.namespace':
      return pod.metadata?.namespace ?? ''
    case 'metadata.uid':
      return pod.metadata?.uid ?? ''
    case 'spec.nodeName':
      return pod.spec?.nodeName ?? ''
    case 'spec.serviceAccountName':
      return pod.spec?.serviceAccountName ?? ''
    case 'status.podIP':
      return pod.status?.podIP ?? ''
    case 'status.hostIP':
      return pod.status?.hostIP ?? ''
  }
  return ''
}

function resourceFieldValue(container: any, ref: any): string {
  const [kind, name] = String(ref.resource ?? '').split('.')
  const v = container.resources?.[kind]?.[name]
  if (v === undefined) return '0'
  // divisor 1: cpu rounds up to whole cores, everything else is bytes/units
  return name === 'cpu' ? String(Math.ceil(milliValue(v) / 1000)) : String(value(v))
}

function describeContainerEnv(w: DescribeWriter, c: any, pod: KubeObject | undefined): void {
  if ((c.envFrom ?? []).length > 0) {
    w.write(LEVEL_2, 'Environment Variables from:\n')
    for (const e of c.envFrom) {
      const from = e.configMapRef ? 'ConfigMap' : e.secretRef ? 'Secret' : ''
      const ref = e.configMapRef ?? e.secretRef ?? {}
      const optional = ref.optional === true
      if (!e.prefix) w.write(LEVEL_3, `${ref.name ?? ''}\t${from}\tOptional: ${optional}\n`)
      else w.write(LEVEL_3, `${ref.name ?? ''}\t${from} with prefix '${e.prefix}'\tOptional: ${optional}\n`)
    }
  }
  const env: any[] = c.env ?? []
  w.write(LEVEL_2, `Environment:${env.length === 0 ? '\t<none>' : ''}\n`)
  for (const e of env) {
    if (!e.valueFrom) {
      String(e.value ?? '')
        .split('\n')
        .forEach((s, i) => w.write(LEVEL_3, i === 0 ? `${e.name}:\t${s}\n` : `\t${s}\n`))
      continue
    }
    const vf = e.valueFrom
    if (vf.fieldRef) w.write(LEVEL_3, `${e.name}:\t${fieldRefValue(pod, vf.fieldRef.fieldPath)} (${vf.fieldRef.apiVersion ?? 'v1'}:${vf.fieldRef.fieldPath})\n`)
    else if (vf.resourceFieldRef) {
      let v = resourceFieldValue(c, vf.resourceFieldRef)
      const r = vf.resourceFieldRef.resource
      if (v === '0' && (r === 'limits.cpu' || r === 'limits.memory')) v = 'node allocatable'
      w.write(LEVEL_3, `${e.name}:\t${v} (${r})\n`)
    } else if (vf.secretKeyRef) w.write(LEVEL_3, `${e.name}:\t<set to the key '${vf.secretKeyRef.key}' in secret '${vf.secretKeyRef.name}'>\tOptional: ${vf.secretKeyRef.optional === true}\n`)
    else if (vf.configMapKeyRef) w.write(LEVEL_3, `${e.name}:\t<set to the key '${vf.configMapKeyRef.key}' of config map '${vf.configMapKeyRef.name}'>\tOptional: ${vf.configMapKeyRef.optional === true}\n`)
  }
}

function describeState(w: DescribeWriter, name: string, state: any): void {
  if (state?.running) {
    w.write(LEVEL_2, `${name}:\tRunning\n`)
    w.write(LEVEL_3, `Started:\t${rfc1123z(state.running.startedAt)}\n`)
  } else if (state?.waiting) {
    w.write(LEVEL_2, `${name}:\tWaiting\n`)
    if (state.waiting.reason) w.write(LEVEL_3, `Reason:\t${state.waiting.reason}\n`)
  } else if (state?.terminated) {
    const t = state.terminated
    w.write(LEVEL_2, `${name}:\tTerminated\n`)
    if (t.reason) w.write(LEVEL_3, `Reason:\t${t.reason}\n`)
    if (t.message) w.write(LEVEL_3, `Message:\t${t.message}\n`)
    w.write(LEVEL_3, `Exit Code:\t${t.exitCode ?? 0}\n`)
    if ((t.signal ?? 0) > 0) w.write(LEVEL_3, `Signal:\t${t.signal}\n`)
    w.write(LEVEL_3, `Started:\t${rfc1123z(t.startedAt)}\n`)
    w.write(LEVEL_3, `Finished:\t${rfc1123z(t.finishedAt)}\n`)
  } else w.write(LEVEL_2, `${name}:\tWaiting\n`)
}

/** describeContainers: `statuses` undefined for a pod template. */
export function describeContainers(w: DescribeWriter, label: string, containers: any[] | undefined, statuses: any[] | undefined, pod: KubeObject | undefined, space: string): void {
  const cs = containers ?? []
  const byName = new Map<string, any>((statuses ?? []).map((s) => [s.name, s]))
  w.write(LEVEL_0, `${space}${label}:${cs.length === 0 ? ' <none>' : ''}\n`)
  for (const c of cs) {
    const st = byName.get(c.name)
    w.write(LEVEL_1, `${space ? ' ' : ''}${c.name}:\n`)
    if (st) w.write(LEVEL_2, `Container ID:\t${st.containerID ?? ''}\n`)
    w.write(LEVEL_2, `Image:\t${c.image ?? ''}\n`)
    if (st) w.write(LEVEL_2, `Image ID:\t${st.imageID ?? ''}\n`)
    const ports: any[] = c.ports ?? []
    const portStr = ports.map((p) => `${p.containerPort}/${p.protocol ?? 'TCP'}`).join(', ')
    const hostPortStr = ports.map((p) => `${p.hostPort ?? 0}/${p.protocol ?? 'TCP'}`).join(', ')
    if (portStr.includes(',')) w.write(LEVEL_2, `Ports:\t${portStr}\n`)
    else w.write(LEVEL_2, `Port:\t${portStr || '<none>'}\n`)
    if (hostPortStr.includes(',')) w.write(LEVEL_2, `Host Ports:\t${hostPortStr}\n`)
    else w.write(LEVEL_2, `Host Port:\t${hostPortStr || '<none>'}\n`)
    if (c.restartPolicy) w.write(LEVEL_2, `Restart Policy:\t${c.restartPolicy}\n`)
    for (const [title, list] of [['Command', c.command], ['Args', c.args]] as const) {
      if ((list ?? []).length > 0) {
        w.write(LEVEL_2, `${title}:\n`)
        for (const item of list) for (const s of String(item).split('\n')) w.write(LEVEL_3, `${s}\n`)
      }
    }
    if (st) {
      describeState(w, 'State', st.state)
      if (st.lastState?.terminated) describeState(w, 'Last State', st.lastState)
      w.write(LEVEL_2, `Ready:\t${st.ready ? 'True' : 'False'}\n`)
      w.write(LEVEL_2, `Restart Count:\t${st.restartCount ?? 0}\n`)
    }
    for (const [title, list] of [['Limits', c.resources?.limits], ['Requests', c.resources?.requests]] as const) {
      const keys = Object.keys(list ?? {}).sort()
      if (keys.length > 0) w.write(LEVEL_2, `${title}:\n`)
      for (const k of keys) w.write(LEVEL_3, `${k}:\t${q(list[k])}\n`)
    }
    if (c.livenessProbe) w.write(LEVEL_2, `Liveness:\t${describeProbe(c.livenessProbe)}\n`)
    if (c.readinessProbe) w.write(LEVEL_2, `Readiness:\t${describeProbe(c.readinessProbe)}\n`)
    if (c.startupProbe) w.write(LEVEL_2, `Startup:\t${describeProbe(c.startupProbe)}\n`)
    describeContainerEnv(w, c, pod)
    const mounts: any[] = [...(c.volumeMounts ?? [])].sort((a, b) => (a.mountPath < b.mountPath ? -1 : a.mountPath > b.mountPath ? 1 : 0))
    w.write(LEVEL_2, `Mounts:${mounts.length === 0 ? '\t<none>' : ''}\n`)
    for (const m of mounts) {
      const flags = [m.readOnly ? 'ro' : 'rw']
      if (m.subPath) flags.push(`path=${JSON.stringify(m.subPath)}`)
      w.write(LEVEL_3, `${m.mountPath} from ${m.name} (${flags.join(',')})\n`)
    }
    if ((c.volumeDevices ?? []).length > 0) {
      w.write(LEVEL_2, 'Devices:\n')
      for (const d of c.volumeDevices) w.write(LEVEL_3, `${d.devicePath} from ${d.name}\n`)
    }
  }
}

const goPtrBool = (v: unknown): string => (v === undefined || v === null ? '<nil>' : String(v))

/** describeVolumes */
export function describeVolumes(w: DescribeWriter, volumes: any[] | undefined, space: string): void {
  const vs = volumes ?? []
  if (vs.length === 0) {
    w.write(LEVEL_0, `${space}Volumes:\t<none>\n`)
    return
  }
  w.write(LEVEL_0, `${space}Volumes:\n`)
  for (const v of vs) {
    w.write(LEVEL_1, `${space ? ' ' : ''}${v.name}:\n`)
    if (v.hostPath) w.write(LEVEL_2, `Type:\tHostPath (bare host directory volume)\n    Path:\t${v.hostPath.path}\n    HostPathType:\t${v.hostPath.type || '<none>'}\n`)
    else if (v.emptyDir) {
      const size = v.emptyDir.sizeLimit && v.emptyDir.sizeLimit !== '0' ? q(v.emptyDir.sizeLimit) : '<unset>'
      w.write(LEVEL_2, `Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t${v.emptyDir.medium ?? ''}\n    SizeLimit:\t${size}\n`)
    } else if (v.secret) w.write(LEVEL_2, `Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t${v.secret.secretName ?? ''}\n    Optional:\t${v.secret.optional === true}\n`)
    else if (v.configMap) w.write(LEVEL_2, `Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t${v.configMap.name ?? ''}\n    Optional:\t${v.configMap.optional === true}\n`)
    else if (v.persistentVolumeClaim) w.write(LEVEL_2, `Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n    ClaimName:\t${v.persistentVolumeClaim.claimName ?? ''}\n    ReadOnly:\t${v.persistentVolumeClaim.readOnly === true}\n`)
    else if (v.projected) {
      w.write(LEVEL_2, 'Type:\tProjected (a volume that contains injected data from multiple sources)\n')
      for (const s of v.projected.sources ?? []) {
        if (s.secret) w.write(LEVEL_2, `SecretName:\t${s.secret.name ?? ''}\n    SecretOptionalName:\t${goPtrBool(s.secret.optional)}\n`)
        else if (s.downwardAPI) w.write(LEVEL_2, 'DownwardAPI:\ttrue\n')
        else if (s.configMap) w.write(LEVEL_2, `ConfigMapName:\t${s.configMap.name ?? ''}\n    ConfigMapOptional:\t${goPtrBool(s.configMap.optional)}\n`)
        else if (s.serviceAccountToken) w.write(LEVEL_2, `TokenExpirationSeconds:\t${s.serviceAccountToken.expirationSeconds ?? 3600}\n`)
      }
    } else if (v.downwardAPI) {
      w.write(LEVEL_2, 'Type:\tDownwardAPI (a volume populated by information about the pod)\n    Items:\n')
      for (const it of v.downwardAPI.items ?? []) {
        if (it.fieldRef) w.write(LEVEL_3, `${it.fieldRef.fieldPath} -> ${it.path}\n`)
        if (it.resourceFieldRef) w.write(LEVEL_3, `${it.resourceFieldRef.resource} -> ${it.path}\n`)
      }
    } else w.write(LEVEL_1, '<unknown>\n')
  }
}

/** describeTopologySpreadConstraints */
export function describeTopologySpread(w: DescribeWriter, tscs: any[] | undefined, space: string, formatSelector: (s: any) => string): void {
  const list = [...(tscs ?? [])].sort((a, b) => (a.topologyKey < b.topologyKey ? -1 : a.topologyKey > b.topologyKey ? 1 : 0))
  if (list.length === 0) return
  w.write(LEVEL_0, `${space}Topology Spread Constraints:\t`)
  list.forEach((t, i) => {
    if (i !== 0) w.write(LEVEL_0, `${space}\t`)
    let s = `${t.topologyKey}:${t.whenUnsatisfiable} when max skew ${t.maxSkew} is exceeded`
    if (t.labelSelector) s += ` for selector ${formatSelector(t.labelSelector)}`
    w.write(LEVEL_0, s + '\n')
  })
}

