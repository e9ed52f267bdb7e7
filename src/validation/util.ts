// Small helpers shared by the validators: semantic equality (apiequality.Semantic.DeepEqual treats nil and
// empty slices and maps as equal) and safe accessors over loosely typed JSON.

export function isObject(v: unknown): v is Record<string, any> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

function isEmpty(v: unknown): boolean {
  return v === undefined || v === null || (Array.isArray(v) && v.length === 0) || (isObject(v) && Object.keys(v).length === 0)
}

/** Semantic deep equality: missing, null, [] and {} compare equal to each other (Go nil vs empty). */
export function semanticEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (isEmpty(a) && isEmpty(b)) return true
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return false
    return a.every((x, i) => semanticEqual(x, b[i]))
  }
  if (isObject(a) && isObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)])
    for (const k of keys) if (!semanticEqual(a[k], b[k])) return false
    return true
  }
  // Go zero values: an unset scalar equals its zero value in a typed struct
  if ((a === undefined || a === null) && (b === '' || b === 0 || b === false)) return true
  if ((b === undefined || b === null) && (a === '' || a === 0 || a === false)) return true
  return false
}

export function asArray(v: unknown): any[] {
  return Array.isArray(v) ? v : []
}

export function asObject(v: unknown): Record<string, any> {
  return isObject(v) ? v : {}
}

export function str(v: unknown): string {
  return typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v)
}

export function sortedKeys(o: unknown): string[] {
  return isObject(o) ? Object.keys(o).sort() : []
}

/** Go's zero-value view of an optional integer field. */
export function num(v: unknown): number {
  return typeof v === 'number' ? v : 0
}
