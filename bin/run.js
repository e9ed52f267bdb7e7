#!/usr/bin/env node
import {execute} from '@oclif/core'

// `k8sim --version` prints what `k8sim version` prints (CLI.md §4), not oclif's platform string
const args = process.argv.slice(2)
await execute({dir: import.meta.url, args: args.length === 1 && args[0] === '--version' ? ['version'] : args})
