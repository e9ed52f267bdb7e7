// PodDisruptionBudgets that protect nothing, or that can never allow a voluntary disruption (drains hang).
import {matchesLabelSelector} from '../../api/selectors.js'
import type {Problem} from '../types.js'
import {problemAt, type ProblemContext} from './context.js'

/** Whether a budget forbids every eviction even when all `expected` pods are healthy. */
export function neverAllowsDisruption(spec: any, expected: number): boolean {
  const min = spec?.minAvailable
  const max = spec?.maxUnavailable
  if (max !== undefined) return max === 0 || max === '0%' || (typeof max === 'string' && /^0+%$/.test(max))
  if (min === undefined) return false
  if (typeof min === 'number') return min >= expected
  const pct = /^(\d+)%$/.exec(String(min))
  return pct ? Math.ceil((Number(pct[1]) * expected) / 100) >= expected : false
}

export function pdbProblems(ctx: ProblemContext): Problem[] {
  const out: Problem[] = []
  for (const a of ctx.applied) {
    if (a.kind !== 'PodDisruptionBudget') continue
    const pdb = ctx.live(a)
    if (!pdb) continue
    const pods = ctx.s.store.list('/Pod', a.namespace).filter((p) => !p.metadata.deletionTimestamp && matchesLabelSelector(pdb.spec?.selector, p.metadata.labels))
    if (pods.length === 0) {
      out.push(problemAt(a, 'pdb-no-pods', 'warning', 'selector matches no pods: this budget protects nothing', 'check spec.selector against the pod template labels'))
      continue
    }
    if (neverAllowsDisruption(pdb.spec, pods.length)) {
      const what = pdb.spec?.maxUnavailable !== undefined ? `maxUnavailable ${pdb.spec.maxUnavailable}` : `minAvailable ${pdb.spec.minAvailable} with ${pods.length} pod${pods.length === 1 ? '' : 's'}`
      out.push(problemAt(a, 'pdb-blocks-drain', 'warning', `${what}: no pod can ever be evicted, so draining a node that runs one never finishes`, 'allow at least one disruption (for example maxUnavailable: 1), or run more replicas than minAvailable'))
    }
  }
  return out
}
