// APIServices the aggregator reports unavailable (Available=False): discovery of their group/version fails and
// namespace deletion blocks on them.
import type {Problem} from '../types.js'
import {problemAt, type ProblemContext} from './context.js'

export function apiServiceProblems(ctx: ProblemContext): Problem[] {
  const out: Problem[] = []
  for (const a of ctx.applied) {
    if (a.kind !== 'APIService') continue
    const live = ctx.live(a)
    const cond = (live?.status?.conditions ?? []).find((c: any) => c.type === 'Available')
    if (cond?.status !== 'False') continue
    const svc = live?.spec?.service
    const hint = cond.reason === 'ServiceNotFound' && svc ? `add Service ${svc.namespace}/${svc.name} (and the server behind it) to the bundle, or delete the APIService` : `see \`k8sim describe apiservice ${a.name}\``
    out.push(problemAt(a, 'apiservice-unavailable', 'error', `Available=False (${cond.reason}): ${cond.message}`, hint))
  }
  return out
}
