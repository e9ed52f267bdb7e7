// Golden transcripts for node operations live in fixtures/drain/cases/<name>/ (see test/helpers/transcript.ts).
import {join} from 'node:path'
import {repoRoot} from '../helpers/cli.js'
import {expectedTranscript, runTranscript, type Step} from '../helpers/transcript.js'

export type {Step}
export const casesRoot = join(repoRoot, 'fixtures', 'drain', 'cases')

export function runCase(name: string): Promise<{text: string; steps: Step[]}> {
  return runTranscript(join(casesRoot, name))
}

export function golden(name: string, text: string): string {
  return expectedTranscript(join(casesRoot, name), text)
}
