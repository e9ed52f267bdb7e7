// HorizontalPodAutoscalers whose scale target does not exist.
import {parseApiVersion} from '../../api/types.js'
import type {Problem} from '../types.js'
import {problemAt, type ProblemContext} from './context.js'

export function hpaProblems(ctx: ProblemContext): Problem[] {
  const out: Problem[] = []
  for (const a of ctx.applied) {
    if (a.kind !== 'HorizontalPodAutoscaler') continue
    const ref = ctx.live(a)?.spec?.scaleTargetRef
    if (!ref?.kind || !ref?.name) continue
    const {group} = parseApiVersion(ref.apiVersion ?? 'apps/v1')
    if (ctx.s.store.get(`${group}/${ref.kind}/${a.namespace}/${ref.name}`)) continue
    out.push(problemAt(a, 'hpa-target-missing', 'error', `scaleTargetRef ${ref.kind}/${ref.name} does not exist in namespace ${a.namespace}`, 'fix spec.scaleTargetRef (apiVersion, kind, name) or add the workload to the bundle'))
  }
  return out
}
