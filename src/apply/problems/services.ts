// Services that route nowhere: a selector no pod matches, a named targetPort no selected pod exposes, and
// LoadBalancers that never get an address (no cloud controller in a simulated cluster).
import {matchesMapSelector} from '../../api/selectors.js'
import type {Problem} from '../types.js'
import {podReady, problemAt, type ProblemContext} from './context.js'

export function serviceProblems(ctx: ProblemContext): Problem[] {
  const out: Problem[] = []
  for (const a of ctx.applied) {
    if (a.kind !== 'Service') continue
    const svc = ctx.live(a)
    if (!svc || svc.spec?.type === 'ExternalName') continue
    if (svc.spec?.type === 'LoadBalancer' && !(svc.status?.loadBalancer?.ingress?.length > 0)) {
      out.push(problemAt(a, 'lb-pending', 'warning', 'type LoadBalancer: no cloud load-balancer controller runs here, EXTERNAL-IP stays <pending>', 'reach it through its NodePort or ClusterIP, or use an Ingress'))
    }
    const sel = svc.spec?.selector as Record<string, string> | undefined
    if (!sel || Object.keys(sel).length === 0) continue
    const selText = Object.entries(sel).map(([k, v]) => `${k}=${v}`).join(',')
    const pods = ctx.s.store.list('/Pod', a.namespace).filter((p) => !p.metadata.deletionTimestamp && matchesMapSelector(sel, p.metadata.labels))
    if (pods.length === 0) {
      out.push(problemAt(a, 'service-no-endpoints', 'error', `selector ${selText} matches no pods`, 'check the selector against the pod template labels'))
      continue
    }
    const ready = pods.filter(podReady)
    if (ready.length === 0) {
      out.push(problemAt(a, 'service-no-endpoints', 'warning', `selector ${selText} matches ${pods.length} pod${pods.length === 1 ? '' : 's'}, none ready`, 'see the problems of the pods it selects'))
    }
    for (const port of svc.spec?.ports ?? []) {
      const target = port.targetPort
      if (typeof target !== 'string') continue
      const exposes = pods.some((p) => (p.spec?.containers ?? []).some((c: any) => (c.ports ?? []).some((cp: any) => cp.name === target)))
      if (!exposes) {
        const label = port.name ? `port ${port.name}` : `port ${port.port}`
        out.push(problemAt(a, 'service-port-mismatch', 'error', `${label} targets the named port ${target}, which no selected pod's containers declare`, `name a containerPort "${target}" in the pod template, or use the port number`))
      }
    }
  }
  return out
}
