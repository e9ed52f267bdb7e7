// Hostile input must give issues quickly, never a crash or a hang.
import {describe, expect, it} from 'vitest'
import {parseManifestText} from '../../src/manifest/parse.js'
import {SeededRandom} from '../../src/clock/random.js'

const header = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n'

describe('hostile input', () => {
  it('stops a YAML alias bomb', () => {
    let bomb = 'data:\n  a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    for (let i = 1; i < 12; i++) {
      const prev = String.fromCharCode(96 + i)
      const cur = String.fromCharCode(97 + i)
      bomb += `  ${cur}: &${cur} [${Array(9).fill('*' + prev).join(',')}]\n`
    }
    const t = Date.now()
    const r = parseManifestText(header + bomb, 'bomb.yaml')
    expect(Date.now() - t).toBeLessThan(2000)
    expect(r.docs).toEqual([])
    expect(r.issues.map((i) => [i.code, i.message])).toEqual([['yaml', 'too many aliases (more than 100): possible YAML alias bomb']])
  })

  it('reports 5,000-deep nesting (flow, block, JSON) without crashing', () => {
    const flow = parseManifestText(header + 'x: ' + '['.repeat(5000) + ']'.repeat(5000) + '\n', 'flow.yaml')
    let blockText = header + 'x:\n'
    for (let i = 0; i < 5000; i++) blockText += ' '.repeat(i + 1) + 'k:\n'
    const block = parseManifestText(blockText, 'block.yaml')
    for (const r of [flow, block]) {
      expect(r.docs).toEqual([])
      expect(r.issues[0].message).toBe('document is nested too deeply')
    }
    const json = parseManifestText('{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"j"},"x":' + '['.repeat(5000) + ']'.repeat(5000) + '}', 'deep.json')
    expect(json.issues.length + json.docs.length).toBe(1)
  })

  it('survives random bytes and truncated files', () => {
    const rnd = new SeededRandom('hostile')
    for (let n = 0; n < 20; n++) {
      const bytes = Buffer.alloc(2000)
      for (let i = 0; i < bytes.length; i++) bytes[i] = rnd.intn(256)
      const r = parseManifestText(bytes.toString(n % 2 ? 'utf8' : 'latin1'), 'junk.bin')
      for (const i of r.issues) expect(i.message.length).toBeLessThan(200)
    }
    const full = header + 'data:\n  key: "value"\n  list: [1, 2, {a: b}]\n'
    for (let cut = 1; cut < full.length; cut += 3) {
      const r = parseManifestText(full.slice(0, cut), 'cut.yaml')
      expect(Array.isArray(r.issues)).toBe(true)
    }
    expect(parseManifestText('apiVersion: v1\nkind: Pod\nmetadata:\n  name: "abc', 't.yaml').issues[0]).toMatchObject({code: 'yaml', line: 4})
  })

  it('reads a 50 MB document', () => {
    const big = header + 'data:\n  big: "' + 'x'.repeat(50 * 1024 * 1024) + '"\n'
    const r = parseManifestText(big, 'big.yaml')
    expect(r.issues).toEqual([])
    expect(r.docs[0].obj.data.big.length).toBe(50 * 1024 * 1024)
  })
})
