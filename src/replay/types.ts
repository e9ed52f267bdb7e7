// A `k8sim.io/v1alpha1 Scenario` (schema: schemas/k8sim/scenario.schema.json) and the report `replay` makes of it.
import type {Problem} from '../apply/types.js'

export type Expectation =
  | {podsRunning: {selector?: string; namespace?: string; count?: number; min?: number}}
  | {podsPending: {selector?: string; namespace?: string; count?: number; min?: number}}
  | {rolloutComplete: string}
  | {noUnschedulablePods: boolean}
  | {event: {reason: string; object?: string; message?: string; type?: string}}
  | {noEvent: {reason: string; object?: string}}
  | {nodeEmpty: string}
  | {pdbRespected: string}
  | {problem: string | {code: string; object?: string}}
  | {noProblem: string | {code: string; object?: string}}

export interface ReplayStepResult {
  index: number
  /** apply, delete, scale, rollout, advance, cordon, uncordon, drain, nodeFail, nodeRecover, expect */
  action: string
  description: string
  line?: number
  /** virtual time when the step ended */
  time: string
  ok: boolean
  error?: string
  output: string[]
}

export interface ExpectationResult {
  step: number
  type: string
  description: string
  line?: number
  passed: boolean
  message: string
  time: string
}

export interface ReplayReport {
  apiVersion: 'k8sim.io/v1alpha1'
  kind: 'ReplayReport'
  scenario: string
  file: string
  passed: boolean
  startTime: string
  endTime: string
  simulatedSeconds: number
  steps: ReplayStepResult[]
  expectations: ExpectationResult[]
  /** problems of the last apply (or rejection) */
  problems: Problem[]
}
