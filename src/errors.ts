// Error classes carry their exit code (CLI.md §5). Expected failures are values elsewhere; these are for
// aborting a command. The base command maps them to exit codes and one-line messages, never stack traces.

export const EXIT_OK = 0
export const EXIT_INVALID = 1
export const EXIT_USAGE = 2
export const EXIT_UNHEALTHY = 3
export const EXIT_BUG = 10

/** A user mistake or a failed operation: exit 1, one line, optional hint. Nothing was changed. */
export class UserError extends Error {
  readonly exitCode: number = EXIT_INVALID
  constructor(message: string, readonly hint?: string) {
    super(message)
    this.name = 'UserError'
  }
}

/** Invalid input (manifests): exit 1. `lines` are the already formatted `error: file:line:col ...` lines. */
export class InvalidInputError extends UserError {
  constructor(readonly lines: string[]) {
    super(lines.join('\n'))
    this.name = 'InvalidInputError'
  }
}

/** Wrong flags or arguments: exit 2. */
export class UsageError extends UserError {
  override readonly exitCode: number = EXIT_USAGE
  constructor(message: string, hint?: string) {
    super(message, hint)
    this.name = 'UsageError'
  }
}

/** A bug in k8sim: exit 10, the message says so. */
export class BugError extends Error {
  readonly exitCode = EXIT_BUG
  constructor(message: string) {
    super(message)
    this.name = 'BugError'
  }
}
