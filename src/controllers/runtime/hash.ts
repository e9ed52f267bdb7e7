// controller.ComputeHash (pkg/controller/controller_utils.go): FNV-32a over the pod template (plus the
// collision count as 8 little-endian bytes), printed in decimal and mapped through rand.SafeEncodeString.
// Kubernetes hashes the Go struct's spew dump; k8sim hashes the template's canonical JSON (keys sorted), so the
// hash has Kubernetes' shape and stability but not its exact value.

const SAFE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789'

/** k8s.io/apimachinery/pkg/util/rand.SafeEncodeString: each byte b → alphabet[b % 27]. */
export function safeEncodeString(s: string): string {
  let out = ''
  for (let i = 0; i < s.length; i++) out += SAFE_ALPHABET[s.charCodeAt(i) % SAFE_ALPHABET.length]
  return out
}

export function fnv32a(bytes: Uint8Array, h = 0x811c9dc5): number {
  for (let i = 0; i < bytes.length; i++) {
    h ^= bytes[i]
    h = Math.imul(h, 0x01000193) >>> 0
  }
  return h >>> 0
}

/** JSON with object keys sorted (the stable dump the hash is taken over). */
export function canonicalJSON(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null'
  if (Array.isArray(v)) return `[${v.map(canonicalJSON).join(',')}]`
  const o = v as Record<string, unknown>
  const keys = Object.keys(o).filter((k) => o[k] !== undefined).sort()
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJSON(o[k])}`).join(',')}}`
}

export function computeHash(template: unknown, collisionCount?: number): string {
  let h = fnv32a(new TextEncoder().encode(canonicalJSON(template)))
  if (collisionCount !== undefined && collisionCount !== null) {
    const b = new Uint8Array(8)
    new DataView(b.buffer).setUint32(0, collisionCount >>> 0, true)
    h = fnv32a(b, h)
  }
  return safeEncodeString(String(h))
}
