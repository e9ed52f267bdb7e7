// What the bundle's documents say about themselves: API versions deprecated in the target Kubernetes version,
// deprecated annotations the API server warns about, and the same object defined twice.
import {isDeepStrictEqual} from 'node:util'
import type {Problem} from '../types.js'
import {problemAt, type ProblemContext} from './context.js'

interface Deprecation {
  apiVersion: string
  kinds: string[]
  deprecatedIn: number
  use: string
}

// Served but deprecated (removed ones are rejected at apply: src/schema/removed-apis.ts).
const DEPRECATED: Deprecation[] = [
  {apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta3', kinds: ['FlowSchema', 'PriorityLevelConfiguration'], deprecatedIn: 29, use: 'flowcontrol.apiserver.k8s.io/v1'},
  {apiVersion: 'v1', kinds: ['ComponentStatus'], deprecatedIn: 19, use: 'nothing (ComponentStatus is deprecated with no replacement)'},
  {apiVersion: 'v1', kinds: ['Endpoints'], deprecatedIn: 33, use: 'discovery.k8s.io/v1 EndpointSlice'},
]

// annotation → [kinds it applies to, what to use]
const DEPRECATED_ANNOTATIONS: Record<string, [string[], string]> = {
  'kubernetes.io/ingress.class': [['Ingress'], 'spec.ingressClassName'],
  'volume.beta.kubernetes.io/storage-class': [['PersistentVolumeClaim', 'PersistentVolume'], 'spec.storageClassName'],
  'storageclass.beta.kubernetes.io/is-default-class': [['StorageClass'], 'storageclass.kubernetes.io/is-default-class'],
  'seccomp.security.alpha.kubernetes.io/pod': [['Pod'], 'securityContext.seccompProfile'],
  'service.alpha.kubernetes.io/tolerate-unready-endpoints': [['Service'], 'spec.publishNotReadyAddresses'],
  'scheduler.alpha.kubernetes.io/critical-pod': [['Pod'], 'spec.priorityClassName (system-cluster-critical)'],
}

export function apiProblems(ctx: ProblemContext): Problem[] {
  const out: Problem[] = []
  const minor = Number((ctx.s.kubernetesVersion ?? '1.32').split('.')[1])
  const byDoc = new Map(ctx.docs.map((d) => [`${d.file}#${d.docIndex}`, d]))
  const firstSeen = new Map<string, {obj: unknown; file: string; line: number}>()
  for (const a of ctx.all) {
    const doc = byDoc.get(`${a.file}#${a.docIndex}`)
    if (!doc) continue
    const dep = DEPRECATED.find((d) => d.apiVersion === doc.obj.apiVersion && d.kinds.includes(a.kind) && minor >= d.deprecatedIn)
    if (dep) out.push(problemAt(a, 'deprecated-api', 'warning', `${dep.apiVersion} ${a.kind} is deprecated in v1.${dep.deprecatedIn}+`, `use ${dep.use}`))
    for (const key of Object.keys(doc.obj.metadata?.annotations ?? {}).sort()) {
      const d = DEPRECATED_ANNOTATIONS[key]
      if (d && d[0].includes(a.kind)) out.push(problemAt(a, 'deprecated-annotation', 'warning', `annotation ${key} is deprecated`, `use ${d[1]}`))
    }
    // annotations of the objects a workload makes: claim templates and the pod template
    const templates: [string, any, string][] = [
      ...((doc.obj.spec?.volumeClaimTemplates ?? []) as any[]).map((t, i): [string, any, string] => [`volumeClaimTemplates[${i}]`, t, 'PersistentVolumeClaim']),
      ...(doc.obj.spec?.template?.metadata ? [['template', doc.obj.spec.template, 'Pod'] as [string, any, string]] : []),
    ]
    for (const [where, t, kind] of templates) {
      for (const key of Object.keys(t?.metadata?.annotations ?? {}).sort()) {
        const d = DEPRECATED_ANNOTATIONS[key]
        if (d && d[0].includes(kind)) out.push(problemAt(a, 'deprecated-annotation', 'warning', `${where}: annotation ${key} is deprecated`, `use ${d[1]}`))
      }
    }
    const id = `${a.group}/${a.kind}/${a.namespace ?? ''}/${a.name}`
    const first = firstSeen.get(id)
    if (!first) {
      firstSeen.set(id, {obj: doc.obj, file: a.file, line: a.lineNo})
      continue
    }
    const same = isDeepStrictEqual(first.obj, doc.obj)
    out.push(problemAt(a, 'duplicate-object', same ? 'info' : 'warning', `${a.kind}/${a.name} is also defined at ${first.file}:${first.line}${same ? ' (identical)' : '; this later definition wins'}`, 'keep one definition'))
  }
  return out
}
