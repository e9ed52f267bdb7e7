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
  /** redraw (the simulation is synchronous, so the engine's progress hook drives the frames) */
  tick(text?: string): void
  stop(): void
}

/**
 * An ora spinner on stderr, only when interactive, shown once a run has taken half a second. ora is loaded up
 * front (await startSpinner) so a synchronous simulation can draw frames from its progress hook.
 */
export async function startSpinner(text: string): Promise<Spinner> {
  if (!interactive()) return {tick() {}, stop() {}}
  const {default: ora} = await import('ora')
  const started = Date.now()
  let spinner: ReturnType<typeof ora> | undefined
  const timer = setTimeout(() => (spinner ??= ora({text, stream: process.stderr}).start()), 500)
  return {
    tick(t?: string) {
      if (!spinner && Date.now() - started >= 500) spinner = ora({text, stream: process.stderr}).start()
      if (spinner) {
        if (t) spinner.text = t
        spinner.render()
      }
    },
    stop() {
      clearTimeout(timer)
      spinner?.stop()
      spinner = undefined
    },
  }
}
