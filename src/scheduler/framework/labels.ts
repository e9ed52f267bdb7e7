// Label selectors as kube-scheduler evaluates them (k8s.io/apimachinery/pkg/labels). A private copy so the
// scheduler does not depend on unfinished shared code: nil selector = Nothing, {} = Everything (Empty()).

export type Labels = Record<string, string> | undefined

export interface Requirement {
  key: string
  op: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist'
  values: string[]
}

export class Selector {
  constructor(
    readonly requirements: Requirement[],
    /** labels.Nothing(): matches nothing, not Empty() */
    readonly nothing = false,
  ) {}

  /** Empty() in Go: no requirements (labels.Everything()). */
  get empty(): boolean {
    return !this.nothing && this.requirements.length === 0
  }

  matches(labels: Labels): boolean {
    if (this.nothing) return false
    for (const r of this.requirements) {
      const has = labels !== undefined && Object.prototype.hasOwnProperty.call(labels, r.key)
      switch (r.op) {
        case 'In':
          if (!has || !r.values.includes(labels![r.key])) return false
          break
        case 'NotIn':
          if (has && r.values.includes(labels![r.key])) return false
          break
        case 'Exists':
          if (!has) return false
          break
        case 'DoesNotExist':
          if (has) return false
          break
      }
    }
    return true
  }

  add(reqs: Requirement[]): Selector {
    if (this.nothing) return this
    return new Selector([...this.requirements, ...reqs])
  }
}

export const NOTHING = new Selector([], true)
export const EVERYTHING = new Selector([])

/** metav1.LabelSelectorAsSelector */
export function labelSelectorAsSelector(sel: any): Selector {
  if (sel === null || sel === undefined) return NOTHING
  const reqs: Requirement[] = []
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) reqs.push({key: k, op: 'In', values: [String(v)]})
  for (const e of sel.matchExpressions ?? []) {
    const op = e.operator
    if (op === 'In' || op === 'NotIn' || op === 'Exists' || op === 'DoesNotExist') {
      reqs.push({key: e.key, op, values: (e.values ?? []).map(String)})
    } else {
      return NOTHING // invalid operator: Go returns an error; callers treat it as matching nothing
    }
  }
  return new Selector(reqs)
}

/** labels.Set(m).AsSelector() */
export function setAsSelector(set: Record<string, string> | undefined): Selector {
  return new Selector(Object.entries(set ?? {}).map(([k, v]) => ({key: k, op: 'In' as const, values: [String(v)]})))
}

// ---- node selectors (k8s.io/component-helpers/scheduling/corev1/nodeaffinity) ----

function matchNodeSelectorRequirement(r: any, value: string | undefined, has: boolean): boolean {
  const values: string[] = (r.values ?? []).map(String)
  switch (r.operator) {
    case 'In':
      return has && values.includes(value!)
    case 'NotIn':
      return !has || !values.includes(value!)
    case 'Exists':
      return has
    case 'DoesNotExist':
      return !has
    case 'Gt':
    case 'Lt': {
      if (!has || values.length !== 1) return false
      const a = parseIntStrict(value!)
      const b = parseIntStrict(values[0])
      if (a === undefined || b === undefined) return false
      return r.operator === 'Gt' ? a > b : a < b
    }
    default:
      return false
  }
}

function parseIntStrict(s: string): number | undefined {
  return /^[+-]?\d+$/.test(s) ? Number(s) : undefined
}

/** One NodeSelectorTerm: matchExpressions AND matchFields; an empty term matches nothing. */
export function nodeSelectorTermMatches(term: any, node: {name: string; labels: Record<string, string>}): boolean {
  const exprs: any[] = term?.matchExpressions ?? []
  const fields: any[] = term?.matchFields ?? []
  if (exprs.length === 0 && fields.length === 0) return false
  for (const r of exprs) {
    const has = Object.prototype.hasOwnProperty.call(node.labels, r.key)
    if (!matchNodeSelectorRequirement(r, node.labels[r.key], has)) return false
  }
  for (const r of fields) {
    if (r.key !== 'metadata.name') return false
    if (!matchNodeSelectorRequirement(r, node.name, true)) return false
  }
  return true
}

/** NodeSelector: terms ORed. */
export function nodeSelectorMatches(terms: any[], node: {name: string; labels: Record<string, string>}): boolean {
  for (const t of terms) if (nodeSelectorTermMatches(t, node)) return true
  return false
}

/** nodeaffinity.GetRequiredNodeAffinity(pod).Match(node): nodeSelector AND required node affinity. */
export function requiredNodeAffinityMatches(pod: any, node: {name: string; labels: Record<string, string>}): boolean {
  const ns: Record<string, string> | undefined = pod.spec?.nodeSelector
  if (ns) {
    for (const [k, v] of Object.entries(ns)) if (node.labels[k] !== String(v)) return false
  }
  const req = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution
  if (req) return nodeSelectorMatches(req.nodeSelectorTerms ?? [], node)
  return true
}

/** Label maps equal as Go's reflect.DeepEqual sees them: the same keys and values, in any order; nil equals empty. */
export function sameLabels(a: Labels, b: Labels): boolean {
  if (a === b) return true
  a ??= {}
  b ??= {}
  const ka = Object.keys(a)
  if (ka.length !== Object.keys(b).length) return false
  for (const k of ka) if (a[k] !== b[k]) return false
  return true
}
