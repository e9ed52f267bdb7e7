// Where a DaemonSet runs (pkg/controller/daemon/util/daemonset_util.go, NodeShouldRunDaemonPod): the node must
// match the template's nodeSelector and required node affinity, and its NoSchedule/NoExecute taints must be
// tolerated once the controller's own tolerations are added.

import type {KubeObject} from '../../api/types.js'

/** AddOrUpdateDaemonPodTolerations */
export function daemonTolerations(spec: any): any[] {
  const out = [...(spec?.tolerations ?? [])]
  const add = (key: string, effect: string) => {
    if (!out.some((t) => t.key === key && t.effect === effect && (t.operator ?? 'Equal') === 'Exists')) out.push({key, operator: 'Exists', effect})
  }
  add('node.kubernetes.io/not-ready', 'NoExecute')
  add('node.kubernetes.io/unreachable', 'NoExecute')
  add('node.kubernetes.io/disk-pressure', 'NoSchedule')
  add('node.kubernetes.io/memory-pressure', 'NoSchedule')
  add('node.kubernetes.io/pid-pressure', 'NoSchedule')
  add('node.kubernetes.io/unschedulable', 'NoSchedule')
  if (spec?.hostNetwork) add('node.kubernetes.io/network-unavailable', 'NoSchedule')
  return out
}

export function tolerates(tolerations: any[], taint: any): boolean {
  return tolerations.some((t) => {
    if (t.effect && t.effect !== taint.effect) return false
    if ((t.operator ?? 'Equal') === 'Exists') return !t.key || t.key === taint.key
    return t.key === taint.key && (t.value ?? '') === (taint.value ?? '')
  })
}

function matchRequirement(r: any, value: string | undefined): boolean {
  switch (r.operator) {
    case 'In':
      return value !== undefined && (r.values ?? []).includes(value)
    case 'NotIn':
      return value === undefined || !(r.values ?? []).includes(value)
    case 'Exists':
      return value !== undefined
    case 'DoesNotExist':
      return value === undefined
    case 'Gt':
      return value !== undefined && Number(value) > Number(r.values?.[0])
    case 'Lt':
      return value !== undefined && Number(value) < Number(r.values?.[0])
    default:
      return false
  }
}

/** The required node affinity terms (ORed), each with matchExpressions on labels and matchFields (ANDed). */
export function matchesNodeAffinity(spec: any, node: KubeObject): boolean {
  const labels = node.metadata.labels ?? {}
  for (const [k, v] of Object.entries(spec?.nodeSelector ?? {})) if (labels[k] !== v) return false
  const terms = spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms
  if (!terms || terms.length === 0) return true
  return terms.some((t: any) => {
    const exprs = t.matchExpressions ?? []
    const fields = t.matchFields ?? []
    if (exprs.length === 0 && fields.length === 0) return false
    return exprs.every((r: any) => matchRequirement(r, labels[r.key])) &&
      fields.every((r: any) => matchRequirement(r, r.key === 'metadata.name' ? node.metadata.name : undefined))
  })
}

export function nodeShouldRunDaemonPod(template: any, node: KubeObject): boolean {
  if (!matchesNodeAffinity(template?.spec, node)) return false
  const tolerations = daemonTolerations(template?.spec)
  return (node.spec?.taints ?? []).every((t: any) => (t.effect !== 'NoSchedule' && t.effect !== 'NoExecute') || tolerates(tolerations, t))
}

/** ReplaceDaemonSetPodNodeNameNodeAffinity: pin the pod to one node through a matchFields term. */
export function pinToNode(spec: any, nodeName: string): void {
  const req = {key: 'metadata.name', operator: 'In', values: [nodeName]}
  spec.affinity ??= {}
  spec.affinity.nodeAffinity ??= {}
  const na = spec.affinity.nodeAffinity
  const sel = na.requiredDuringSchedulingIgnoredDuringExecution
  if (!sel?.nodeSelectorTerms?.length) {
    na.requiredDuringSchedulingIgnoredDuringExecution = {nodeSelectorTerms: [{matchFields: [req]}]}
    return
  }
  for (const t of sel.nodeSelectorTerms) t.matchFields = [req]
}

/** The node a daemon pod is (or will be) on. */
export function daemonPodNode(pod: KubeObject): string | undefined {
  if (pod.spec?.nodeName) return pod.spec.nodeName
  for (const t of pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? []) {
    for (const f of t.matchFields ?? []) if (f.key === 'metadata.name' && f.operator === 'In' && f.values?.length === 1) return f.values[0]
  }
  return undefined
}
