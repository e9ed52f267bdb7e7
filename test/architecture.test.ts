// ARCHITECTURE.md's rules, enforced: the core never imports the CLI, reads the wall clock or Math.random, and
// controllers and scheduler plugins never import each other.
import {readdirSync, readFileSync, statSync} from 'node:fs'
import {join, relative} from 'node:path'
import {describe, expect, it} from 'vitest'

const root = join(import.meta.dirname, '..', 'src')

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f)
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : []
  })
}

const all = files(root).map((p) => ({path: relative(root, p), text: readFileSync(p, 'utf8')}))
const isCli = (p: string) => p.startsWith('commands/') || p.startsWith('cli/') || p.startsWith('printers/')
const core = all.filter((f) => !isCli(f.path))
// comments may mention the forbidden names; strip them before looking
const code = (t: string) => t.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1')
const imports = (t: string) => [...t.matchAll(/from\s+'([^']+)'|import\(\s*'([^']+)'\s*\)/g)].map((m) => m[1] ?? m[2])

describe('architecture rules', () => {
  it('finds the source tree', () => {
    expect(core.length).toBeGreaterThan(5)
  })

  it('the core never imports the CLI layer or terminal libraries', () => {
    const bad: string[] = []
    for (const f of core) {
      for (const spec of imports(code(f.text))) {
        if (/^(@oclif\/|chalk|ora|cli-table3)/.test(spec) || /\/(commands|cli|printers)\//.test(spec)) bad.push(`${f.path} imports ${spec}`)
      }
    }
    expect(bad).toEqual([])
  })

  it('the core never reads the wall clock, Math.random or touches process.stdout/exit', () => {
    const bad = core.filter((f) => /Date\.now\(|new Date\(\)|Math\.random\(|process\.stdout|process\.exit/.test(code(f.text))).map((f) => f.path)
    expect(bad).toEqual([])
  })

  it('controllers never import each other', () => {
    const bad: string[] = []
    for (const f of core.filter((x) => x.path.startsWith('controllers/') && !x.path.startsWith('controllers/runtime/'))) {
      const mine = f.path.split('/')[1]
      for (const spec of imports(code(f.text))) {
        const m = /^\.\.\/(?:\.\.\/)?([a-z-]+)\//.exec(spec)
        const target = spec.startsWith('../') && !spec.startsWith('../../') ? m?.[1] : undefined
        if (target && target !== 'runtime' && target !== mine) bad.push(`${f.path} imports ${spec}`)
      }
    }
    expect(bad).toEqual([])
  })

  it('scheduler plugins never import each other', () => {
    const bad: string[] = []
    for (const f of core.filter((x) => x.path.startsWith('scheduler/plugins/'))) {
      const mine = f.path.split('/')[2]
      for (const spec of imports(code(f.text))) {
        const m = /^\.\.\/([a-z-]+)\//.exec(spec)
        if (m && m[1] !== mine) bad.push(`${f.path} imports ${spec}`)
      }
    }
    expect(bad).toEqual([])
  })
})
