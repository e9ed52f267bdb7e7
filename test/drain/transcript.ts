// Golden transcripts for node operations: fixtures/drain/cases/<name>/commands.txt lists k8sim commands (run
// from that folder, in a fresh K8SIM_HOME); the transcript must equal expected.txt byte for byte.
// UPDATE_GOLDEN=1 rewrites expected.txt (then read the diff before committing it).
import {existsSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {k8simInProcess} from '../helpers/in-process.js'
import {repoRoot, tempHome} from '../helpers/cli.js'

export const casesRoot = join(repoRoot, 'fixtures', 'drain', 'cases')

export function splitArgs(line: string): string[] {
  const out: string[] = []
  for (const m of line.matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)) out.push(m[1] ?? m[2] ?? m[3])
  return out
}

export interface Step {
  line: string
  status: number
  stdout: string
  stderr: string
}

export async function runCase(name: string): Promise<{text: string; steps: Step[]}> {
  const dir = join(casesRoot, name)
  const home = tempHome()
  const prev = process.cwd()
  process.chdir(dir)
  const steps: Step[] = []
  try {
    let text = ''
    for (const raw of readFileSync(join(dir, 'commands.txt'), 'utf8').split('\n')) {
      const line = raw.trim()
      if (!line || line.startsWith('#')) continue
      const r = await k8simInProcess(splitArgs(line), {home})
      steps.push({line, ...r})
      text += `$ k8sim ${line}\n${r.stdout}${r.stderr ? `[stderr]\n${r.stderr}` : ''}${r.status !== 0 ? `[exit ${r.status}]\n` : ''}\n`
    }
    return {text, steps}
  } finally {
    process.chdir(prev)
  }
}

/** Compare with (or, with UPDATE_GOLDEN=1 or when missing, write) cases/<name>/expected.txt. */
export function golden(name: string, text: string): string {
  const file = join(casesRoot, name, 'expected.txt')
  if (process.env.UPDATE_GOLDEN || !existsSync(file)) writeFileSync(file, text)
  return readFileSync(file, 'utf8')
}
