// Pods that do not run, attributed to the applied object that owns them: one problem per object and cause.
import type {KubeObject} from '../../api/types.js'
import type {Problem} from '../types.js'
import {problemAt, type ProblemContext} from './context.js'

function more(n: number): string {
  return n > 0 ? ` (and ${n} more pod${n === 1 ? '' : 's'})` : ''
}

/** The code an unschedulable pod's FailedScheduling message points at. */
export function unschedulableCode(message: string): string {
  if (/didn't have free ports/.test(message)) return 'hostport'
  if (/persistentvolumeclaim "[^"]*" not found/i.test(message)) return 'missing-pvc'
  return 'unschedulable'
}

interface Finding {
  code: string
  pod: KubeObject
  message: string
  hint?: string
}

/** The latest Warning event about a pod with one of these reasons. */
function warningEvent(events: KubeObject[], pod: KubeObject, reasons: string[]): KubeObject | undefined {
  const mine = events.filter((e: any) => e.type === 'Warning' && reasons.includes(e.reason) && e.involvedObject?.kind === 'Pod' && e.involvedObject?.name === pod.metadata.name && e.involvedObject?.namespace === pod.metadata.namespace)
  return mine[mine.length - 1]
}

function podFindings(pod: KubeObject, events: KubeObject[]): Finding[] {
  const out: Finding[] = []
  const ns = pod.metadata.namespace ?? 'default'
  const scheduled = pod.status?.conditions?.find((c: any) => c.type === 'PodScheduled')
  if (!pod.spec?.nodeName && scheduled?.status === 'False' && scheduled.reason === 'Unschedulable') {
    const msg: string = scheduled.message ?? 'pod is unschedulable'
    out.push({code: unschedulableCode(msg), pod, message: msg, hint: `see \`k8sim decisions ${ns}/${pod.metadata.name}\``})
    return out
  }
  for (const cs of [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])]) {
    const reason: string | undefined = cs.state?.waiting?.reason
    const msg: string | undefined = cs.state?.waiting?.message
    if (reason === 'CrashLoopBackOff') {
      out.push({code: 'crash-loop', pod, message: `container ${cs.name} is in CrashLoopBackOff (restarts: ${cs.restartCount ?? 0})`, hint: `see \`k8sim describe pod ${pod.metadata.name} -n ${ns}\` for the exit code`})
    } else if (reason === 'ErrImagePull' || reason === 'ImagePullBackOff') {
      out.push({code: 'image-pull', pod, message: `container ${cs.name}: ${reason}${msg ? `: ${msg}` : ''}`, hint: 'check the image name and tag, and imagePullSecrets for a private registry'})
    } else if (reason === 'CreateContainerConfigError') {
      const code = /secret/i.test(msg ?? '') ? 'missing-secret' : /configmap/i.test(msg ?? '') ? 'missing-configmap' : 'container-config'
      out.push({code, pod, message: `container ${cs.name}: ${msg ?? reason}`})
    }
  }
  // scheduled, yet the sandbox never starts: a volume that cannot be attached or mounted
  const creating = (pod.status?.containerStatuses ?? []).some((cs: any) => cs.state?.waiting?.reason === 'ContainerCreating')
  if (out.length === 0 && pod.spec?.nodeName && creating) {
    const ev: any = warningEvent(events, pod, ['FailedAttachVolume', 'FailedMount'])
    if (ev) out.push({code: 'volume-not-attachable', pod, message: `stuck in ContainerCreating: ${ev.reason}: ${ev.message}`, hint: 'use a volume type this cluster can attach (a PVC on an available StorageClass), or install its CSI driver'})
  }
  if (pod.status?.phase === 'Failed' && out.length === 0 && !pod.metadata.ownerReferences?.some((r) => r.kind === 'Job')) {
    out.push({code: 'pod-failed', pod, message: `pod ${pod.metadata.name} failed${pod.status?.reason ? ` (${pod.status.reason})` : ''}`})
  }
  return out
}

export function podProblems(ctx: ProblemContext): Problem[] {
  // group by applied owner and code; the first pod (by name) speaks for the others
  const groups = new Map<string, {owner: NonNullable<ReturnType<ProblemContext['ownerOf']>>; findings: Finding[]}>()
  const events = ctx.s.store.list('/Event')
  for (const pod of ctx.pods()) {
    const owner = ctx.ownerOf(pod)
    if (!owner) continue
    for (const f of podFindings(pod, events)) {
      const key = `${owner.kind}/${owner.namespace}/${owner.name}|${f.code}`
      const g = groups.get(key) ?? {owner, findings: []}
      g.findings.push(f)
      groups.set(key, g)
    }
  }
  const out: Problem[] = []
  for (const {owner, findings} of groups.values()) {
    const f = findings[0]
    const pods = new Set(findings.map((x) => x.pod.metadata.name))
    const who = owner.kind === 'Pod' ? '' : `pod ${f.pod.metadata.name}${more(pods.size - 1)}: `
    out.push(problemAt(owner, f.code, 'error', `${who}${f.message}`, f.hint))
  }
  return out
}
