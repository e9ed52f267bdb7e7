// Helpers for defaulting loosely typed objects: set a field only when it is unset, as the generated
// SetDefaults_* functions do for nil pointers and empty strings.

export function isObj(v: unknown): v is Record<string, any> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/** Set o[k] = v when o[k] is undefined or null (a nil pointer in Go). */
export function setIfNil(o: Record<string, any>, k: string, v: unknown): void {
  if (o[k] === undefined || o[k] === null) o[k] = v
}

/** Set o[k] = v when o[k] is unset or the empty string (a Go string's zero value). */
export function setIfEmpty(o: Record<string, any>, k: string, v: unknown): void {
  if (o[k] === undefined || o[k] === null || o[k] === '') o[k] = v
}

/** The object at o[k], created when missing. */
export function objAt(o: Record<string, any>, k: string): Record<string, any> {
  if (!isObj(o[k])) o[k] = {}
  return o[k]
}

export function each(list: unknown, fn: (item: Record<string, any>) => void): void {
  if (Array.isArray(list)) for (const x of list) if (isObj(x)) fn(x)
}
