#!/usr/bin/env node
const args = process.argv.slice(2)

if (args.length === 1 && (args[0] === 'version' || args[0] === '--version')) {
  // the plain `k8sim version` answers without loading oclif (~100 ms of startup); same text as the command
  const {versionText} = await import('../dist/printers/version.js')
  process.stdout.write(versionText())
} else {
  const {execute} = await import('@oclif/core')
  // `k8sim --version` prints what `k8sim version` prints (CLI.md §4), not oclif's platform string
  await execute({dir: import.meta.url, args: args.length === 1 && args[0] === '--version' ? ['version'] : args})
}
