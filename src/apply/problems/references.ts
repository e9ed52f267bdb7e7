// Names a pod spec refers to that do not exist once the apply settled: ConfigMaps, Secrets, PVCs,
// ServiceAccounts, PriorityClasses. Checked on the applied object's template, so the object is the one to fix.
import type {Problem} from '../types.js'
import {allContainers, podSpecOf, problemAt, type ProblemContext} from './context.js'

interface Ref {
  code: string
  kind: string
  key: string
  name: string
  where: string
}

function refsOf(spec: any, ns: string): Ref[] {
  const out: Ref[] = []
  const add = (code: string, kind: string, group: string, namespaced: boolean, name: string | undefined, where: string) => {
    if (name) out.push({code, kind, key: `${group}/${kind}/${namespaced ? ns : ''}/${name}`, name, where})
  }
  for (const v of spec?.volumes ?? []) {
    if (v.configMap && !v.configMap.optional) add('missing-configmap', 'ConfigMap', '', true, v.configMap.name, `volume ${v.name}`)
    if (v.secret && !v.secret.optional) add('missing-secret', 'Secret', '', true, v.secret.secretName, `volume ${v.name}`)
    if (v.persistentVolumeClaim) add('missing-pvc', 'PersistentVolumeClaim', '', true, v.persistentVolumeClaim.claimName, `volume ${v.name}`)
    for (const src of v.projected?.sources ?? []) {
      if (src.configMap && !src.configMap.optional) add('missing-configmap', 'ConfigMap', '', true, src.configMap.name, `volume ${v.name}`)
      if (src.secret && !src.secret.optional) add('missing-secret', 'Secret', '', true, src.secret.name, `volume ${v.name}`)
    }
  }
  for (const c of allContainers(spec)) {
    for (const e of c.env ?? []) {
      const cm = e.valueFrom?.configMapKeyRef
      const sec = e.valueFrom?.secretKeyRef
      if (cm && !cm.optional) add('missing-configmap', 'ConfigMap', '', true, cm.name, `container ${c.name} env ${e.name}`)
      if (sec && !sec.optional) add('missing-secret', 'Secret', '', true, sec.name, `container ${c.name} env ${e.name}`)
    }
    for (const e of c.envFrom ?? []) {
      if (e.configMapRef && !e.configMapRef.optional) add('missing-configmap', 'ConfigMap', '', true, e.configMapRef.name, `container ${c.name} envFrom`)
      if (e.secretRef && !e.secretRef.optional) add('missing-secret', 'Secret', '', true, e.secretRef.name, `container ${c.name} envFrom`)
    }
  }
  const sa = spec?.serviceAccountName ?? spec?.serviceAccount
  if (sa && sa !== 'default') add('missing-serviceaccount', 'ServiceAccount', '', true, sa, 'serviceAccountName')
  if (spec?.priorityClassName) add('missing-priorityclass', 'PriorityClass', 'scheduling.k8s.io', false, spec.priorityClassName, 'priorityClassName')
  return out
}

const HINTS: Record<string, (r: Ref) => string> = {
  'missing-configmap': (r) => `create ConfigMap ${r.name} in the bundle, or mark the reference optional: true`,
  'missing-secret': (r) => `create Secret ${r.name} (kubectl create secret ... --dry-run=client -o yaml), or mark the reference optional: true`,
  'missing-pvc': (r) => `add a PersistentVolumeClaim named ${r.name}, or use a StatefulSet volumeClaimTemplate`,
  'missing-serviceaccount': (r) => `add a ServiceAccount named ${r.name} to the bundle; without it the controller cannot create pods`,
  'missing-priorityclass': (r) => `add a scheduling.k8s.io/v1 PriorityClass named ${r.name}; pods naming an unknown class are rejected`,
}

export function referenceProblems(ctx: ProblemContext): Problem[] {
  const out: Problem[] = []
  for (const a of ctx.applied) {
    const live = ctx.live(a)
    const spec = podSpecOf(live)
    if (!spec) continue
    const ns = a.namespace ?? 'default'
    // claims a StatefulSet makes from its templates are not references to something missing
    const templated = new Set<string>((live?.spec?.volumeClaimTemplates ?? []).map((t: any) => t.metadata?.name))
    const seen = new Set<string>()
    for (const r of refsOf(spec, ns)) {
      if (r.code === 'missing-pvc' && live?.kind === 'StatefulSet' && templated.has(r.name)) continue
      if (seen.has(`${r.code}/${r.name}`) || ctx.s.store.get(r.key)) continue
      seen.add(`${r.code}/${r.name}`)
      const scope = r.kind === 'PriorityClass' ? '' : ` in namespace ${ns}`
      out.push(problemAt(a, r.code, 'error', `${r.where} refers to ${r.kind} ${r.name}, which does not exist${scope}`, HINTS[r.code]?.(r)))
    }
  }
  return out
}
