// kubectl's --dry-run takes none|client|server, but a bare `--dry-run` (and the old booleans) still mean client
// (GetDryRunStrategy: NoOptDefVal "unchanged" → client). oclif string flags need a value, so spell it out first.
export function normalizeDryRunArgv(argv: string[]): string[] {
  return argv.map((a) => (a === '--dry-run' || a === '--dry-run=true' ? '--dry-run=client' : a === '--dry-run=false' ? '--dry-run=none' : a))
}
