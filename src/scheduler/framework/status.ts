// framework.Status: a code, reasons and the plugin that returned it. `null` means Success (Go's nil status).

export type Code = 'Success' | 'Error' | 'Unschedulable' | 'UnschedulableAndUnresolvable' | 'Wait' | 'Skip' | 'Pending'

export class Status {
  plugin = ''
  constructor(
    readonly code: Code,
    readonly reasons: string[] = [],
  ) {}

  static unschedulable(...reasons: string[]): Status {
    return new Status('Unschedulable', reasons)
  }

  static unresolvable(...reasons: string[]): Status {
    return new Status('UnschedulableAndUnresolvable', reasons)
  }

  static skip(): Status {
    return new Status('Skip')
  }

  static error(message: string): Status {
    return new Status('Error', [message])
  }

  withPlugin(name: string): Status {
    this.plugin = name
    return this
  }

  /** Status.Message(): reasons joined with ", " */
  message(): string {
    return this.reasons.join(', ')
  }
}

export function isSuccess(s: Status | null | undefined): boolean {
  return !s || s.code === 'Success'
}

/** IsRejected: Unschedulable, UnschedulableAndUnresolvable or Pending */
export function isRejected(s: Status | null | undefined): boolean {
  return !!s && (s.code === 'Unschedulable' || s.code === 'UnschedulableAndUnresolvable' || s.code === 'Pending')
}

export function isSkip(s: Status | null | undefined): boolean {
  return !!s && s.code === 'Skip'
}
