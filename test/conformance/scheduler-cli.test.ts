// The scheduler conformance cases through the command-line path the suite's README describes:
// cluster create --nodes 0 → cluster import → apply the pod → decisions --attempt 1 -o json.
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {caseFiles, runSchedulerCase} from '../helpers/scheduler-case.js'

const dir = join(process.env.K8SIM_CONFORMANCE_DIR ?? join(import.meta.dirname, '..', '..', '..', 'shared', 'conformance'), 'scheduler', 'cases')
const files = caseFiles(dir)

describe('scheduler conformance through the CLI', () => {
  it('has cases', () => expect(files.length).toBeGreaterThan(10))
  for (const file of files) it(file, () => runSchedulerCase(join(dir, file)))
})
