// What every problem check needs: the applied objects with their file:line, the pods they own, and small helpers.
import type {KubeObject} from '../../api/types.js'
import {parseApiVersion} from '../../api/types.js'
import type {AppliedObject, Problem, Severity} from '../types.js'
import type {ApplySession, ManifestDocLike} from '../ports.js'

export interface ProblemContext {
  s: ApplySession
  /** each applied object once (the first definition, when the bundle defines one twice) */
  applied: AppliedObject[]
  /** every document's entry, duplicates included */
  all: AppliedObject[]
  docs: ManifestDocLike[]
  /** namespaces the bundle touched */
  namespaces: Set<string>
  /** the applied object of that kind/namespace/name */
  source(kind: string, ns: string | undefined, name: string): AppliedObject | undefined
  /** the applied object a pod belongs to, through its controller owner chain (or the pod itself) */
  ownerOf(pod: KubeObject): AppliedObject | undefined
  /** the live object of an applied entry */
  live(a: AppliedObject): KubeObject | undefined
  /** live pods of the bundle's namespaces, sorted by namespace/name */
  pods(): KubeObject[]
}

export function makeContext(s: ApplySession, applied: AppliedObject[], docs: ManifestDocLike[]): ProblemContext {
  const where = new Map<string, AppliedObject>()
  for (const a of applied) if (!where.has(`${a.kind}/${a.namespace ?? ''}/${a.name}`)) where.set(`${a.kind}/${a.namespace ?? ''}/${a.name}`, a)
  const namespaces = new Set(applied.map((a) => a.namespace).filter(Boolean) as string[])
  const source = (kind: string, ns: string | undefined, name: string) => where.get(`${kind}/${ns ?? ''}/${name}`)
  let podCache: KubeObject[] | undefined
  return {
    s,
    applied: [...where.values()],
    all: applied,
    docs,
    namespaces,
    source,
    ownerOf(pod) {
      let cur: KubeObject | undefined = pod
      for (let depth = 0; cur && depth < 5; depth++) {
        const hit = source(cur.kind, cur.metadata.namespace, cur.metadata.name ?? '')
        if (hit) return hit
        const ref = cur.metadata.ownerReferences?.find((r) => r.controller)
        if (!ref) return undefined
        const {group} = parseApiVersion(ref.apiVersion)
        cur = s.store.get(`${group}/${ref.kind}/${cur.metadata.namespace ?? ''}/${ref.name}`)
      }
      return undefined
    },
    live: (a) => s.store.get(`${a.group}/${a.kind}/${a.namespace ?? ''}/${a.name}`),
    pods() {
      podCache ??= s.store
        .list('/Pod')
        .filter((p) => namespaces.has(p.metadata.namespace ?? '') && !p.metadata.deletionTimestamp)
        .sort((a, b) => `${a.metadata.namespace}/${a.metadata.name}`.localeCompare(`${b.metadata.namespace}/${b.metadata.name}`))
      return podCache
    },
  }
}

/** A problem about an applied object, placed at its document. */
export function problemAt(a: AppliedObject, code: string, severity: Severity, message: string, hint?: string): Problem {
  const p: Problem = {code, severity, object: `${a.kind}/${a.name}`, file: a.file, line: a.lineNo, message}
  if (a.namespace) p.namespace = a.namespace
  if (hint) p.hint = hint
  return p
}

/** The pod spec an object runs: a Pod's spec, a workload's template, a CronJob's job template. */
export function podSpecOf(obj: KubeObject | undefined): any | undefined {
  if (!obj) return undefined
  if (obj.kind === 'Pod') return obj.spec
  if (obj.kind === 'CronJob') return obj.spec?.jobTemplate?.spec?.template?.spec
  if (['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'ReplicationController'].includes(obj.kind)) return obj.spec?.template?.spec
  return undefined
}

export function allContainers(spec: any): any[] {
  return [...(spec?.initContainers ?? []), ...(spec?.containers ?? []), ...(spec?.ephemeralContainers ?? [])]
}

export function podReady(pod: KubeObject): boolean {
  return pod.status?.conditions?.some((c: any) => c.type === 'Ready' && c.status === 'True') ?? false
}
