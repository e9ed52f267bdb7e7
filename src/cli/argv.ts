// kubectl spellings oclif does not parse by itself. --dry-run takes none|client|server, but a bare `--dry-run` (and the old booleans) still mean client
// (GetDryRunStrategy: NoOptDefVal "unchanged" → client). oclif string flags need a value, so spell it out first.
export function normalizeDryRunArgv(argv: string[]): string[] {
  return argv.map((a) => (a === '--dry-run' || a === '--dry-run=true' ? '--dry-run=client' : a === '--dry-run=false' ? '--dry-run=none' : a))
}

/** kubectl's boolean flags also take `--flag=true|false` (pflag); oclif booleans take no value. */
export function normalizeBoolArgv(argv: string[], names: string[]): string[] {
  return argv.flatMap((a) => {
    const m = /^--([\w-]+)=(true|false)$/.exec(a)
    if (!m || !names.includes(m[1])) return [a]
    return m[2] === 'true' ? [`--${m[1]}`] : []
  })
}
