// helper.DefaultNormalizeScore (plugins/helper/normalize_score.go), integer arithmetic as in Go.
import type {NodeScore} from './interfaces.js'

export function defaultNormalizeScore(maxPriority: number, reverse: boolean, scores: NodeScore[]): void {
  let max = 0
  for (const s of scores) if (s.score > max) max = s.score
  if (max === 0) {
    if (reverse) for (const s of scores) s.score = maxPriority
    return
  }
  for (const s of scores) {
    let v = Math.trunc((maxPriority * s.score) / max)
    if (reverse) v = maxPriority - v
    s.score = v
  }
}
