// The wall clock is read only by the command layer (ARCHITECTURE.md: the core never reads the wall clock). Commands
// install it here (src/cli/base-command.ts does so for every command); the core asks for it only to stamp a
// newly created cluster's start time when neither --start-time nor SOURCE_DATE_EPOCH is given.

let source: (() => number) | undefined

export function setWallClock(fn: () => number): void {
  source = fn
}

/** Installed wall clock in whole seconds; without one (library use, tests) a fixed 2026-01-01T00:00:00Z. */
export function wallClockStartMs(): number {
  const ms = source ? source() : Date.UTC(2026, 0, 1)
  return Math.floor(ms / 1000) * 1000
}
