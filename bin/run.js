#!/usr/bin/env -S node --max-semi-space-size=64
// --max-semi-space-size: a young generation of up to 2 x 64 MB instead of V8's 16 MB default. Simulating 100k+ pods
// allocates gigabytes of short-lived objects; with small semi-spaces many survive a scavenge only to be promoted and
// then collected by costly full GCs of a multi-GB heap. It grows only when a command allocates that much.
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
