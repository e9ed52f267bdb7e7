// Golden transcripts: <dir>/commands.txt lists k8sim commands, one per line (# comments), run in-process from
// that folder in a fresh K8SIM_HOME. The transcript (command, stdout, stderr, non-zero exit) must equal
// <dir>/expected.txt byte for byte. UPDATE_GOLDEN=1 writes expected.txt (read the diff before committing it);
// a missing expected.txt fails.
import {existsSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {k8simInProcess} from './in-process.js'
import {tempHome} from './cli.js'

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

export async function runTranscript(dir: string): Promise<{text: string; steps: Step[]}> {
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

/** The expected transcript of <dir> (written first with UPDATE_GOLDEN=1); throws when it is missing. */
export function expectedTranscript(dir: string, text: string): string {
  const file = join(dir, 'expected.txt')
  if (process.env.UPDATE_GOLDEN) writeFileSync(file, text)
  if (!existsSync(file)) throw new Error(`${file} is missing: run with UPDATE_GOLDEN=1 and read it before committing`)
  return readFileSync(file, 'utf8')
}
