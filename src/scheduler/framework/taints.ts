// Toleration matching (k8s.io/api/core/v1 Toleration.ToleratesTaint, v1helper.FindMatchingUntoleratedTaint).
import type {Taint} from './node-info.js'

export function toleratesTaint(t: any, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false
  if (t.key && t.key !== taint.key) return false
  switch (t.operator ?? '') {
    case '':
    case 'Equal':
      return (t.value ?? '') === taint.value
    case 'Exists':
      return true
    default:
      return false
  }
}

export function tolerationsTolerateTaint(tolerations: any[] | undefined, taint: Taint): boolean {
  for (const t of tolerations ?? []) if (toleratesTaint(t, taint)) return true
  return false
}

/** The first NoSchedule/NoExecute taint (in node order) no toleration tolerates. */
export function findUntoleratedTaint(taints: Taint[], tolerations: any[] | undefined): Taint | undefined {
  for (let i = 0; i < taints.length; i++) {
    const taint = taints[i]
    if (taint.effect !== 'NoSchedule' && taint.effect !== 'NoExecute') continue
    if (!tolerationsTolerateTaint(tolerations, taint)) return taint
  }
  return undefined
}
