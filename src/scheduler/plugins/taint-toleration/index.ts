// TaintToleration (Filter, PreScore, Score): untolerated NoSchedule/NoExecute taints reject a node; untolerated
// PreferNoSchedule taints lower its score (reverse-normalized).
import type {FilterPlugin, PreScorePlugin, ScorePlugin} from '../../framework/interfaces.js'
import {defaultNormalizeScore} from '../../framework/normalize.js'
import {Status} from '../../framework/status.js'
import {findUntoleratedTaint, tolerationsTolerateTaint} from '../../framework/taints.js'

export const NAME = 'TaintToleration'
const PRE_SCORE_KEY = 'PreScore' + NAME

export function newTaintToleration(): FilterPlugin & PreScorePlugin & ScorePlugin {
  let scoringState: object | undefined
  let tolerations: any[] = []
  return {
    name: NAME,
    filter(_state, pod, node) {
      const taint = findUntoleratedTaint(node.taints, pod.pod.spec?.tolerations)
      if (!taint) return null
      return Status.unresolvable(`node(s) had untolerated taint {${taint.key}: ${taint.value}}`)
    },
    preScore(state, pod) {
      const tols = (pod.pod.spec?.tolerations ?? []).filter((t: any) => !t.effect || t.effect === 'PreferNoSchedule')
      state.write(PRE_SCORE_KEY, tols)
      return null
    },
    score(state, _pod, node) {
      // the cycle's tolerations, looked up once per cycle rather than per node
      if (state !== scoringState) {
        scoringState = state
        tolerations = state.read<any[]>(PRE_SCORE_KEY) ?? []
      }
      const tols = tolerations
      let n = 0
      // an indexed loop: for-of over the shared frozen empty list (most nodes') is several times slower
      const taints = node.taints
      for (let i = 0; i < taints.length; i++) {
        const taint = taints[i]
        if (taint.effect !== 'PreferNoSchedule') continue
        if (!tolerationsTolerateTaint(tols, taint)) n++
      }
      return n
    },
    normalizeScore(_state, _pod, scores) {
      defaultNormalizeScore(100, true, scores)
    },
  }
}
