// kubectl describe pod (describePod), with k8sim's pre-rendered `Scheduling:` section before the Events.

import {formatLabelSelector} from '../../api/selectors.js'
import {milliValue, value} from '../../api/quantity.js'
import type {KubeObject} from '../../api/types.js'
import {age} from '../age.js'
import {
  DescribeWriter,
  LEVEL_0,
  LEVEL_1,
  controlledBy,
  describeEvents,
  printAnnotationsMultiline,
  printLabelsMultiline,
  printTolerationsMultiline,
  rfc1123z,
} from './common.js'
import {describeContainers, describeTopologySpread, describeVolumes} from './containers.js'

export interface DescribePodContext {
  /** undefined: no Events block (--show-events=false) */
  events?: KubeObject[]
  now: number
  /** pre-rendered `Scheduling:` section (the scheduler's decision), inserted before Events */
  scheduling?: string
}

/** GetPodQOS (status.qosClass when the API server set it). */
export function podQOS(pod: KubeObject): string {
  if (pod.status?.qosClass) return pod.status.qosClass
  const all = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])]
  let any = false
  let guaranteed = true
  for (const c of all) {
    const req = c.resources?.requests ?? {}
    const lim = c.resources?.limits ?? {}
    for (const r of ['cpu', 'memory']) {
      if (req[r] !== undefined && milliValue(req[r]) !== 0) any = true
      if (lim[r] !== undefined && milliValue(lim[r]) !== 0) any = true
      if (lim[r] === undefined) guaranteed = false
      else if (req[r] !== undefined && value(req[r]) !== value(lim[r])) guaranteed = false
    }
  }
  if (!any) return 'BestEffort'
  return guaranteed ? 'Guaranteed' : 'Burstable'
}

export function describePod(pod: KubeObject, ctx: DescribePodContext): string {
  const w = new DescribeWriter()
  const spec = pod.spec ?? {}
  const status = pod.status ?? {}
  w.write(LEVEL_0, `Name:\t${pod.metadata.name}\n`)
  w.write(LEVEL_0, `Namespace:\t${pod.metadata.namespace ?? ''}\n`)
  if (spec.priority != null) w.write(LEVEL_0, `Priority:\t${spec.priority}\n`)
  if (spec.priorityClassName) w.write(LEVEL_0, `Priority Class Name:\t${spec.priorityClassName}\n`)
  if (spec.runtimeClassName) w.write(LEVEL_0, `Runtime Class Name:\t${spec.runtimeClassName}\n`)
  if (spec.serviceAccountName) w.write(LEVEL_0, `Service Account:\t${spec.serviceAccountName}\n`)
  if (!spec.nodeName) w.write(LEVEL_0, 'Node:\t<none>\n')
  else w.write(LEVEL_0, `Node:\t${spec.nodeName}/${status.hostIP ?? ''}\n`)
  if (status.startTime) w.write(LEVEL_0, `Start Time:\t${rfc1123z(status.startTime)}\n`)
  printLabelsMultiline(w, 'Labels', pod.metadata.labels)
  printAnnotationsMultiline(w, 'Annotations', pod.metadata.annotations)
  if (pod.metadata.deletionTimestamp && status.phase !== 'Failed' && status.phase !== 'Succeeded') {
    w.write(LEVEL_0, `Status:\tTerminating (lasts ${age(ctx.now, pod.metadata.deletionTimestamp)})\n`)
    w.write(LEVEL_0, `Termination Grace Period:\t${pod.metadata.deletionGracePeriodSeconds ?? 0}s\n`)
  } else w.write(LEVEL_0, `Status:\t${status.phase ?? ''}\n`)
  if (status.reason) w.write(LEVEL_0, `Reason:\t${status.reason}\n`)
  if (status.message) w.write(LEVEL_0, `Message:\t${status.message}\n`)
  const seccomp = spec.securityContext?.seccompProfile
  if (seccomp) {
    w.write(LEVEL_0, `SeccompProfile:\t${seccomp.type}\n`)
    if (seccomp.type === 'Localhost') w.write(LEVEL_0, `LocalhostProfile:\t${seccomp.localhostProfile ?? ''}\n`)
  }
  w.write(LEVEL_0, `IP:\t${status.podIP ?? ''}\n`)
  const ips: any[] = status.podIPs ?? []
  if (ips.length === 0) w.write(LEVEL_0, 'IPs:\t<none>\n')
  else {
    w.write(LEVEL_0, 'IPs:\n')
    for (const ip of ips) w.write(LEVEL_1, `IP:\t${ip.ip}\n`)
  }
  const ctl = controlledBy(pod)
  if (ctl) w.write(LEVEL_0, `Controlled By:\t${ctl}\n`)
  if (status.nominatedNodeName) w.write(LEVEL_0, `NominatedNodeName:\t${status.nominatedNodeName}\n`)
  if ((spec.initContainers ?? []).length > 0) describeContainers(w, 'Init Containers', spec.initContainers, status.initContainerStatuses ?? [], pod, '')
  describeContainers(w, 'Containers', spec.containers, status.containerStatuses ?? [], pod, '')
  if ((spec.readinessGates ?? []).length > 0) {
    w.write(LEVEL_0, 'Readiness Gates:\n  Type\tStatus\n')
    for (const g of spec.readinessGates) {
      const c = (status.conditions ?? []).find((x: any) => x.type === g.conditionType)
      w.write(LEVEL_1, `${g.conditionType} \t${c ? c.status : '<none>'} \n`)
    }
  }
  if ((status.conditions ?? []).length > 0) {
    w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\n')
    for (const c of status.conditions) w.write(LEVEL_1, `${c.type} \t${c.status} \n`)
  }
  describeVolumes(w, spec.volumes, '')
  w.write(LEVEL_0, `QoS Class:\t${podQOS(pod)}\n`)
  printLabelsMultiline(w, 'Node-Selectors', spec.nodeSelector)
  printTolerationsMultiline(w, 'Tolerations', spec.tolerations)
  describeTopologySpread(w, spec.topologySpreadConstraints, '', formatLabelSelector)
  const ew = new DescribeWriter()
  describeEvents(ew, ctx.events, ctx.now)
  // Events are tabbed with the rest (kubectl aligns `Events:  <none>` with the block above), so render together
  // and slip the scheduling section in just before the Events line.
  const whole = new DescribeWriter()
  whole.write(LEVEL_0, w.raw())
  whole.write(LEVEL_0, ew.raw())
  const text = whole.toString()
  if (!ctx.scheduling) return text
  const sched = ctx.scheduling.endsWith('\n') ? ctx.scheduling : ctx.scheduling + '\n'
  if (!ctx.events) return text + sched
  const at = text.startsWith('Events:') ? 0 : text.lastIndexOf('\nEvents:') + 1
  return text.slice(0, at) + sched + text.slice(at)
}
