// Terminal policy: stdin reading, and the spinner only on a TTY outside CI (CLI.md §5).
export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = []
  for await (const c of process.stdin) chunks.push(c as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

export function interactive(): boolean {
  return Boolean(process.stderr.isTTY) && !process.env.CI
}

export function colorEnabled(noColorFlag = false): boolean {
  // no-color.org: NO_COLOR counts when set to a non-empty value
  if (noColorFlag || process.env.NO_COLOR) return false
  if (process.env.FORCE_COLOR && process.env.FORCE_COLOR !== '0') return true
  return Boolean(process.stdout.isTTY) && !process.env.CI
}

export interface Spinner {
  stop(): void
}

/** An ora spinner on stderr after half a second, only when interactive. */
export function startSpinner(text: string): Spinner {
  if (!interactive()) return {stop() {}}
  let spinner: {stop(): void} | undefined
  let stopped = false
  const timer = setTimeout(async () => {
    const {default: ora} = await import('ora')
    if (!stopped) spinner = ora({text, stream: process.stderr}).start()
  }, 500)
  return {
    stop() {
      stopped = true
      clearTimeout(timer)
      spinner?.stop()
    },
  }
}
