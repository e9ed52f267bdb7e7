// Golden scenarios: fixtures/golden/<name>/commands.txt lists k8sim commands (one per line, run from that folder
// in a fresh K8SIM_HOME); their transcript must equal expected.txt byte for byte, and running the scenario twice
// from scratch must print the same bytes (determinism). UPDATE_GOLDEN=1 rewrites expected.txt.
import {existsSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {k8simInProcess} from '../helpers/in-process.js'
import {repoRoot, tempHome} from '../helpers/cli.js'

const root = join(repoRoot, 'fixtures', 'golden')
const scenarios = existsSync(root) ? readdirSync(root).filter((d) => existsSync(join(root, d, 'commands.txt'))).sort() : []

function splitArgs(line: string): string[] {
  const out: string[] = []
  for (const m of line.matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)) out.push(m[1] ?? m[2] ?? m[3])
  return out
}

export async function transcript(dir: string): Promise<string> {
  const home = tempHome()
  const prev = process.cwd()
  process.chdir(dir)
  try {
    let out = ''
    for (const raw of readFileSync(join(dir, 'commands.txt'), 'utf8').split('\n')) {
      const line = raw.trim()
      if (!line || line.startsWith('#')) continue
      const r = await k8simInProcess(splitArgs(line), {home})
      out += `$ k8sim ${line}\n${r.stdout}${r.stderr ? `[stderr]\n${r.stderr}` : ''}${r.status !== 0 ? `[exit ${r.status}]\n` : ''}\n`
    }
    return out
  } finally {
    process.chdir(prev)
  }
}

describe('golden scenarios', () => {
  it('has scenarios', () => expect(scenarios.length).toBeGreaterThan(0))
  for (const name of scenarios) {
    it(name, async () => {
      const dir = join(root, name)
      const first = await transcript(dir)
      const expectedFile = join(dir, 'expected.txt')
      if (process.env.UPDATE_GOLDEN || !existsSync(expectedFile)) writeFileSync(expectedFile, first)
      expect(first).toBe(readFileSync(expectedFile, 'utf8'))
      expect(await transcript(dir)).toBe(first)
    })
  }
})
