// Run the real binary (bin/run.js) as a user would: piped, no TTY, CI set, in a throwaway K8SIM_HOME.
import {spawnSync} from 'node:child_process'
import {mkdtempSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

export const repoRoot = join(import.meta.dirname, '..', '..')
export const bin = join(repoRoot, 'bin', 'run.js')

export interface CliResult {
  status: number | null
  stdout: string
  stderr: string
}

export function tempHome(): string {
  return mkdtempSync(join(tmpdir(), 'k8sim-test-'))
}

export function k8sim(args: string[], opts: {home?: string; input?: string; cwd?: string; env?: Record<string, string>} = {}): CliResult {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd: opts.cwd ?? repoRoot,
    input: opts.input,
    encoding: 'utf8',
    env: {...process.env, K8SIM_HOME: opts.home ?? tempHome(), CI: 'true', NO_COLOR: '1', ...opts.env},
    maxBuffer: 256 << 20,
  })
  return {status: r.status, stdout: r.stdout, stderr: r.stderr}
}
