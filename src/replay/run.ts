// `k8sim replay`: a Scenario run in an in-memory cluster (nothing is saved), step by step on the virtual clock.
import {toRFC3339} from '../clock/clock.js'
import {Engine} from '../engine/engine.js'
import {openMemoryCluster} from '../state/session.js'
import {checkExpectation} from './expect.js'
import {loadScenario} from './load.js'
import {actionOf, describeStep, runStep, StepError} from './steps.js'
import type {ReplayState} from './state.js'
import type {ExpectationResult, ReplayReport, ReplayStepResult} from './types.js'

export async function runReplay(file: string): Promise<ReplayReport> {
  const sc = await loadScenario(file)
  const cluster = openMemoryCluster(sc.name, sc.options)
  try {
    return await cluster.session({write: true}, async (session) => {
      const engine = new Engine(session, {schedulerConfig: session.meta?.schedulerConfig})
      engine.start()
      const st: ReplayState = {session, engine, dir: sc.dir, applied: [], problems: []}
      const start = session.clock.now()
      const steps: ReplayStepResult[] = []
      const expectations: ExpectationResult[] = []
      let failed = false
      for (const [i, step] of (sc.spec.steps as any[]).entries()) {
        const line = sc.stepLines[i] || undefined
        const action = actionOf(step)
        const result: ReplayStepResult = {index: i + 1, action, description: describeStep(step), line, time: '', ok: true, output: []}
        if (failed) {
          result.ok = false
          result.error = 'skipped: an earlier step failed'
        } else if (action === 'expect') {
          for (const x of step.expect as any[]) {
            const o = checkExpectation(st, x)
            expectations.push({step: i + 1, line, time: toRFC3339(session.clock.now()), ...o})
            if (!o.passed) result.ok = false
          }
        } else {
          try {
            result.output = await runStep(st, step)
          } catch (e) {
            if (!(e instanceof StepError) && !(e && typeof (e as any).status === 'number')) throw e
            result.ok = false
            result.error = (e as Error).message
            failed = true
          }
        }
        result.time = toRFC3339(session.clock.now())
        steps.push(result)
      }
      const end = session.clock.now()
      return {
        apiVersion: 'k8sim.io/v1alpha1',
        kind: 'ReplayReport',
        scenario: sc.name,
        file,
        passed: steps.every((s) => s.ok),
        startTime: toRFC3339(start),
        endTime: toRFC3339(end),
        simulatedSeconds: Math.round((end - start) / 1000),
        steps,
        expectations,
        problems: st.problems,
      }
    })
  } finally {
    cluster.close()
  }
}
