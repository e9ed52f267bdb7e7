// Golden scenarios: fixtures/golden/<name>/commands.txt, run twice from scratch; both transcripts must equal
// expected.txt byte for byte (the second run proves determinism). See test/helpers/transcript.ts.
import {existsSync, readdirSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {repoRoot} from '../helpers/cli.js'
import {expectedTranscript, runTranscript} from '../helpers/transcript.js'

const root = join(repoRoot, 'fixtures', 'golden')
const scenarios = existsSync(root) ? readdirSync(root).filter((d) => existsSync(join(root, d, 'commands.txt'))).sort() : []

describe('golden scenarios', () => {
  it('has scenarios', () => expect(scenarios.length).toBeGreaterThan(0))
  for (const name of scenarios) {
    it(name, async () => {
      const dir = join(root, name)
      const first = (await runTranscript(dir)).text
      expect(first).toBe(expectedTranscript(dir, first))
      expect((await runTranscript(dir)).text).toBe(first)
    })
  }
})
