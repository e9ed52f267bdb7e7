// encoding/base64 StdEncoding's error position, as Go reports it when the API server decodes a Secret's data
// (`illegal base64 data at input byte 4`). A port of decodeQuantum's error paths.

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'

/** The byte offset Go reports for an invalid standard base64 string, or undefined when it decodes. */
export function base64ErrorOffset(s: string): number | undefined {
  const src = Buffer.from(s, 'utf8')
  const n = src.length
  const ch = (i: number) => String.fromCharCode(src[i])
  let si = 0
  for (;;) {
    for (let j = 0; j < 4; j++) {
      if (si === n) {
        if (j === 0) return undefined
        return si - j
      }
      const c = ch(si)
      si++
      if (ALPHABET.includes(c)) continue
      if (c === '\n' || c === '\r') {
        j--
        continue
      }
      if (c !== '=') return si - 1
      // padding
      if (j === 0 || j === 1) return si - 1
      if (j === 2) {
        while (si < n && (ch(si) === '\n' || ch(si) === '\r')) si++
        if (si === n) return n
        if (ch(si) !== '=') return si - 1
        si++
      }
      while (si < n && (ch(si) === '\n' || ch(si) === '\r')) si++
      return si < n ? si : undefined
    }
  }
}
