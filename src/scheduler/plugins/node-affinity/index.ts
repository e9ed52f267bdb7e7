// NodeAffinity (PreFilter, Filter, PreScore, Score): nodeSelector and required node affinity filter nodes
// (matchFields metadata.name In → a PreFilterResult); preferred terms add their weights.
import type {FilterPlugin, PreFilterPlugin, PreScorePlugin, ScorePlugin} from '../../framework/interfaces.js'
import {nodeSelectorMatches, nodeSelectorTermMatches, requiredNodeAffinityMatches} from '../../framework/labels.js'
import {defaultNormalizeScore} from '../../framework/normalize.js'
import {Status} from '../../framework/status.js'

export const NAME = 'NodeAffinity'
export const ERR_REASON_POD = "node(s) didn't match Pod's node affinity/selector"
export const ERR_REASON_ENFORCED = "node(s) didn't match scheduler-enforced node affinity"
export const ERR_REASON_CONFLICT = 'pod affinity terms conflict'
const PREFILTER_KEY = 'PreFilter' + NAME
const PRESCORE_KEY = 'PreScore' + NAME

interface Args {
  addedAffinity?: {
    requiredDuringSchedulingIgnoredDuringExecution?: {nodeSelectorTerms?: any[]}
    preferredDuringSchedulingIgnoredDuringExecution?: any[]
  }
}

function usableTerms(terms: any[] | undefined): Array<{weight: number; preference: any}> {
  return (terms ?? []).filter((t) => (t.weight ?? 0) !== 0 && ((t.preference?.matchExpressions ?? []).length > 0 || (t.preference?.matchFields ?? []).length > 0))
}

export function newNodeAffinity(args: Args = {}): PreFilterPlugin & FilterPlugin & PreScorePlugin & ScorePlugin {
  const addedRequired = args.addedAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms
  const addedPreferred = usableTerms(args.addedAffinity?.preferredDuringSchedulingIgnoredDuringExecution)
  return {
    name: NAME,
    preFilter(state, pod) {
      const req = pod.pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution
      const noNodeAffinity = !req
      if (noNodeAffinity && !addedRequired && !pod.pod.spec?.nodeSelector) return {status: Status.skip()}
      state.write(PREFILTER_KEY, true)
      const terms: any[] = req?.nodeSelectorTerms ?? []
      if (noNodeAffinity || terms.length === 0) return {status: null}
      let nodeNames: Set<string> | undefined
      for (const t of terms) {
        let termNames: Set<string> | undefined
        for (const r of t.matchFields ?? []) {
          if (r.key === 'metadata.name' && r.operator === 'In') {
            const s = new Set<string>((r.values ?? []).map(String))
            termNames = termNames ? new Set([...termNames].filter((x) => s.has(x))) : s
          }
        }
        if (!termNames) return {status: null}
        nodeNames = new Set([...(nodeNames ?? []), ...termNames])
      }
      if (nodeNames && nodeNames.size === 0) return {status: Status.unresolvable(ERR_REASON_CONFLICT)}
      return {nodeNames: nodeNames ?? null, status: null}
    },
    filter(state, pod, node) {
      if (!state.read(PREFILTER_KEY) && !addedRequired && !pod.pod.spec?.nodeSelector && !pod.pod.spec?.affinity?.nodeAffinity) return null
      const n = {name: node.name, labels: node.labels}
      if (addedRequired && !nodeSelectorMatches(addedRequired, n)) return Status.unresolvable(ERR_REASON_ENFORCED)
      if (!requiredNodeAffinityMatches(pod.pod, n)) return Status.unresolvable(ERR_REASON_POD)
      return null
    },
    preScore(state, pod) {
      // Skip only when the field is absent (an empty list still scores: every node gets 0)
      const raw = pod.pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution
      if ((raw === undefined || raw === null) && addedPreferred.length === 0) return Status.skip()
      const terms = usableTerms(raw)
      state.write(PRESCORE_KEY, terms)
      return null
    },
    score(state, _pod, node) {
      const terms = state.read<Array<{weight: number; preference: any}>>(PRESCORE_KEY) ?? []
      const n = {name: node.name, labels: node.labels}
      let count = 0
      for (const t of addedPreferred) if (nodeSelectorTermMatches(t.preference, n)) count += t.weight
      for (const t of terms) if (nodeSelectorTermMatches(t.preference, n)) count += t.weight
      return count
    },
    normalizeScore(_state, _pod, scores) {
      defaultNormalizeScore(100, false, scores)
    },
  }
}
