// The base of every command: shared flags, the output gate (stdout for results, stderr for progress and
// warnings), and the mapping from errors to exit codes (CLI.md §5). User errors print one line, never a stack.

import {Command, Flags, Errors} from '@oclif/core'
import {BugError, EXIT_BUG, EXIT_USAGE, UserError, InvalidInputError} from '../errors.js'
import {setWallClock} from '../state/wall-clock.js'

// The only wall-clock reading: a new cluster's start time when neither --start-time nor SOURCE_DATE_EPOCH is set.
setWallClock(() => Date.now())

export const globalFlags = {
  cluster: Flags.string({description: 'cluster to work on (default: $K8SIM_CLUSTER, the current cluster, else "default")', helpGroup: 'GLOBAL'}),
  home: Flags.string({description: 'k8sim home directory (default: $K8SIM_HOME or ~/.k8sim)', helpGroup: 'GLOBAL'}),
  'no-color': Flags.boolean({description: 'disable colour (also NO_COLOR)', helpGroup: 'GLOBAL', default: false}),
}

export abstract class BaseCommand extends Command {
  static override baseFlags = globalFlags

  /** Results go to stdout, exactly as given (no newline added). */
  protected write(text: string): void {
    if (text.length > 0) process.stdout.write(text)
  }

  /** Progress, warnings: stderr. */
  protected warnLine(text: string): void {
    process.stderr.write(text.endsWith('\n') ? text : text + '\n')
  }

  protected override async catch(err: Error & {exitCode?: number; oclif?: {exit?: number}}): Promise<any> {
    // oclif's own parse errors (unknown flag, missing arg) are usage errors: exit 2
    if (err instanceof Errors.CLIError && !(err instanceof UserError)) {
      const exit = (err as any).oclif?.exit
      if (exit === 0) return
      if ((err as any).code === 'EEXIT') throw err
      const [first, ...rest] = usageErrorLines(err.message)
      process.stderr.write(`error: ${first}\n`)
      if (rest.length > 0) process.stderr.write(rest.join('\n') + '\n')
      process.exitCode = EXIT_USAGE
      this.exit(EXIT_USAGE)
    }
    if ((err as any).code === 'EEXIT') throw err
    if (err instanceof InvalidInputError) {
      for (const l of err.lines) process.stderr.write(l.startsWith('error:') ? `${l}\n` : `error: ${l}\n`)
      this.exit(err.exitCode)
    }
    if (err instanceof UserError) {
      process.stderr.write(err.message.startsWith('error:') || err.message.startsWith('Error from server') ? `${err.message}\n` : `error: ${err.message}\n`)
      if (err.hint) process.stderr.write(`hint: ${err.hint}\n`)
      this.exit(err.exitCode)
    }
    const msg = err instanceof BugError ? err.message : `${err.name}: ${err.message}`
    process.stderr.write(`error: internal error (this is a bug in k8sim, please report it): ${msg}\n`)
    if (process.env.K8SIM_DEBUG) process.stderr.write(`${err.stack}\n`)
    this.exit(EXIT_BUG)
  }
}

/** oclif's parse errors, one clear first line: drop the "The following error occurred:" header and join
 * "Parsing --flag" with its reason; the "See more help with --help" line stays last. */
export function usageErrorLines(message: string): string[] {
  const lines = message.split('\n').map((l) => l.trim()).filter((l) => l.length > 0)
  const help = lines.filter((l) => l.startsWith('See more help'))
  let body = lines.filter((l) => !l.startsWith('See more help'))
  if (body.length > 1 && /^The following errors? occurred:$/.test(body[0])) body = body.slice(1)
  if (body.length > 1 && /^Parsing --[\w-]+$/.test(body[0])) body = [`invalid value for ${body[0].slice('Parsing '.length)}: ${body.slice(1).join(' ')}`]
  // "Missing 1 required arg:" then "name  description" lines → "Missing 1 required arg: name"
  if (body.length > 1 && /^Missing \d+ required args?:$/.test(body[0])) body = [`${body[0]} ${body.slice(1).map((l) => l.split(/\s{2,}/)[0]).join(', ')}`]
  return [...(body.length > 0 ? body : ['invalid usage']), ...help]
}
