// Run k8sim commands in-process (no spawn): oclif's runCommand captures stdout/stderr; the exit code comes from
// the thrown exit error. Used by suites with many cases (conformance), where spawning would cost minutes.
import {runCommand} from '@oclif/test'
import {repoRoot} from './cli.js'

export interface InProcessResult {
  status: number
  stdout: string
  stderr: string
}

export async function k8simInProcess(args: string[], opts: {home: string; stdin?: string}): Promise<InProcessResult> {
  const prevHome = process.env.K8SIM_HOME
  const prevCI = process.env.CI
  process.env.K8SIM_HOME = opts.home
  process.env.CI = 'true'
  try {
    // K8SIM_CLI_ROOT: run another build of the package (e.g. sources compiled elsewhere with tsc --outDir)
    const {stdout, stderr, error} = await runCommand(args, {root: process.env.K8SIM_CLI_ROOT ?? repoRoot})
    const status = error ? ((error as any).oclif?.exit ?? (error as any).exitCode ?? 10) : Number(process.exitCode ?? 0)
    process.exitCode = 0
    return {status, stdout, stderr}
  } finally {
    if (prevHome === undefined) delete process.env.K8SIM_HOME
    else process.env.K8SIM_HOME = prevHome
    if (prevCI === undefined) delete process.env.CI
    else process.env.CI = prevCI
  }
}
