// metav1.LabelSelector matching (LabelSelectorAsSelector + Matches) for the selector-vs-template check.

import {asArray, isObject} from './util.js'

/** undefined when the selector cannot be converted (invalid operator); null selector matches nothing. */
export function labelSelectorMatcher(sel: unknown): ((labels: Record<string, string>) => boolean) | undefined {
  if (sel === undefined || sel === null) return () => false // labels.Nothing()
  if (!isObject(sel)) return undefined
  const ml = isObject(sel.matchLabels) ? (sel.matchLabels as Record<string, string>) : {}
  const exprs = asArray(sel.matchExpressions)
  for (const e of exprs) {
    if (!['In', 'NotIn', 'Exists', 'DoesNotExist'].includes(e?.operator)) return undefined
  }
  return (labels) => {
    for (const [k, v] of Object.entries(ml)) if (labels[k] !== String(v)) return false
    for (const e of exprs) {
      const has = Object.prototype.hasOwnProperty.call(labels, e.key)
      const values: string[] = asArray(e.values).map(String)
      switch (e.operator) {
        case 'In':
          if (!has || !values.includes(labels[e.key])) return false
          break
        case 'NotIn':
          if (has && values.includes(labels[e.key])) return false
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
}

/** selector.Empty(): a non-nil selector with no requirements (matches everything). */
export function isEmptySelector(sel: unknown): boolean {
  return isObject(sel) && Object.keys(asObjectSafe(sel.matchLabels)).length === 0 && asArray(sel.matchExpressions).length === 0
}

function asObjectSafe(v: unknown): Record<string, unknown> {
  return isObject(v) ? v : {}
}
