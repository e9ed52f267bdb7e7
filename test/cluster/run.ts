// Run a command class in-process and capture what it writes and its exit code.
export async function runCmd(cmd: {run(argv: string[], root: string): Promise<unknown>}, argv: string[]): Promise<{stdout: string; stderr: string; code: number}> {
  let stdout = ''
  let stderr = ''
  const out = process.stdout.write
  const err = process.stderr.write
  ;(process.stdout as any).write = (c: any) => ((stdout += String(c)), true)
  ;(process.stderr as any).write = (c: any) => ((stderr += String(c)), true)
  let code = 0
  try {
    await cmd.run(argv, new URL('../..', import.meta.url).pathname)
  } catch (e: any) {
    code = e?.oclif?.exit ?? 99
    if (code === 99) stderr += String(e?.stack ?? e)
  } finally {
    process.stdout.write = out
    process.stderr.write = err
  }
  return {stdout, stderr, code}
}
