// Ingresses whose backends do not exist, or that no controller will serve (no class and no default class).
import type {Problem} from '../types.js'
import {problemAt, type ProblemContext} from './context.js'

const DEFAULT_CLASS = 'ingressclass.kubernetes.io/is-default-class'

function backends(ing: any): {service: any; where: string}[] {
  const out: {service: any; where: string}[] = []
  if (ing.spec?.defaultBackend?.service) out.push({service: ing.spec.defaultBackend.service, where: 'defaultBackend'})
  for (const rule of ing.spec?.rules ?? []) {
    for (const p of rule.http?.paths ?? []) {
      if (p.backend?.service) out.push({service: p.backend.service, where: `${rule.host ?? '*'}${p.path ?? '/'}`})
    }
  }
  return out
}

export function ingressProblems(ctx: ProblemContext): Problem[] {
  const out: Problem[] = []
  const classes = ctx.s.store.list('networking.k8s.io/IngressClass')
  for (const a of ctx.applied) {
    if (a.kind !== 'Ingress') continue
    const ing = ctx.live(a)
    if (!ing) continue
    const reported = new Set<string>()
    for (const b of backends(ing)) {
      const name: string = b.service.name
      const svc = ctx.s.store.get(`/Service/${a.namespace}/${name}`)
      const portText = b.service.port?.name ?? b.service.port?.number
      if (!svc) {
        if (reported.has(name)) continue
        reported.add(name)
        out.push(problemAt(a, 'ingress-backend-missing', 'error', `backend ${b.where} refers to Service ${name}, which does not exist`, `add Service ${name} or fix spec.rules[].http.paths[].backend.service.name`))
        continue
      }
      const ports: any[] = svc.spec?.ports ?? []
      const ok = b.service.port?.name !== undefined ? ports.some((p) => p.name === b.service.port.name) : ports.some((p) => p.port === b.service.port?.number)
      if (!ok && !reported.has(`${name}:${portText}`)) {
        reported.add(`${name}:${portText}`)
        out.push(problemAt(a, 'ingress-backend-missing', 'error', `backend ${b.where} refers to port ${portText} of Service ${name}, which has no such port`, `use one of: ${ports.map((p) => p.name ?? p.port).join(', ')}`))
      }
    }
    const className: string | undefined = ing.spec?.ingressClassName ?? ing.metadata.annotations?.['kubernetes.io/ingress.class']
    const hasDefault = classes.some((c) => c.metadata.annotations?.[DEFAULT_CLASS] === 'true')
    if (className ? !classes.some((c) => c.metadata.name === className) : !hasDefault) {
      const msg = className ? `IngressClass ${className} does not exist, so no controller serves this Ingress` : 'no spec.ingressClassName and no default IngressClass, so no controller serves this Ingress'
      out.push(problemAt(a, 'ingress-no-class', 'warning', msg, 'set spec.ingressClassName to the class of the ingress controller the target cluster runs'))
    }
  }
  return out
}
