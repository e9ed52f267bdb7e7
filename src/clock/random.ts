// Seeded pseudo-random generator (xoshiro128**). All randomness in the core comes from here so the same seed
// gives the same names, IPs and tie-breaks. Its state is saved with the cluster between commands.

export class SeededRandom {
  private s: Uint32Array

  constructor(seed: number | string | number[]) {
    this.s = new Uint32Array(4)
    if (Array.isArray(seed)) {
      this.s.set(seed.slice(0, 4).map((x) => x >>> 0))
    } else {
      let h = typeof seed === 'number' ? seed >>> 0 : hashString(seed)
      for (let i = 0; i < 4; i++) {
        h = splitmix32(h)
        this.s[i] = h
      }
    }
    if (this.s.every((x) => x === 0)) this.s[0] = 1
  }

  /** The generator's state, to persist. */
  state(): number[] {
    return Array.from(this.s)
  }

  nextUint32(): number {
    const s = this.s
    const result = Math.imul(rotl(Math.imul(s[1], 5), 7), 9) >>> 0
    const t = s[1] << 9
    s[2] ^= s[0]
    s[3] ^= s[1]
    s[1] ^= s[2]
    s[0] ^= s[3]
    s[2] ^= t
    s[3] = rotl(s[3], 11)
    return result
  }

  /** Uniform integer in [0, n). */
  intn(n: number): number {
    if (n <= 0) return 0
    return Math.floor((this.nextUint32() / 0x100000000) * n)
  }

  float(): number {
    return this.nextUint32() / 0x100000000
  }

  /** k8s.io/apimachinery/pkg/util/rand.String: lowercase consonants and digits without vowels or 0/1/3. */
  nameSuffix(n = 5): string {
    const alphabet = 'bcdfghjklmnpqrstvwxz2456789'
    let out = ''
    for (let i = 0; i < n; i++) out += alphabet[this.intn(alphabet.length)]
    return out
  }

  /** A version-4 UUID drawn from this generator. */
  uuid(): string {
    const b: number[] = []
    for (let i = 0; i < 4; i++) {
      const x = this.nextUint32()
      b.push(x >>> 24, (x >>> 16) & 255, (x >>> 8) & 255, x & 255)
    }
    b[6] = (b[6] & 0x0f) | 0x40
    b[8] = (b[8] & 0x3f) | 0x80
    // joined, not concatenated: a string built with + or a template literal is a tree of V8 cons strings (~300
    // bytes for a uid instead of ~50), and every stored object and event keeps its uid for the whole run
    const parts: string[] = []
    for (let i = 0; i < 16; i++) {
      if (i === 4 || i === 6 || i === 8 || i === 10) parts.push('-')
      parts.push(HEX_BYTE[b[i]])
    }
    return parts.join('')
  }
}

const HEX_BYTE: string[] = Array.from({length: 256}, (_, i) => i.toString(16).padStart(2, '0'))

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0
}

function splitmix32(a: number): number {
  a = (a + 0x9e3779b9) >>> 0
  let z = a
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0
  return (z ^ (z >>> 16)) >>> 0
}

export function hashString(s: string): number {
  // FNV-1a 32-bit
  let h = 0x811c9dc5
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i)
    h = Math.imul(h, 0x01000193) >>> 0
  }
  return h >>> 0
}
