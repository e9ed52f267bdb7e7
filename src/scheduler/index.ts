// Entry point: kube-scheduler v1.32 in k8sim. See scheduler.ts for the cycle, config.ts for configuration,
// recorder.ts for the decisions (CLI.md §6).
import type {Controller} from '../controllers/runtime/types.js'
import type {DecisionRecord} from './recorder.js'
import {Scheduler, type SchedulerOptions} from './scheduler.js'

export type {DecisionRecord, NodeDecision, FilterVerdict, ScoreEntry, DecisionSummary} from './recorder.js'
export type {SchedulerOptions} from './scheduler.js'
export {Scheduler} from './scheduler.js'
export {parseSchedulerConfig, defaultSchedulerConfig, DEFAULT_SCHEDULER_NAME} from './config.js'
export type {SchedulerConfig, ProfileConfig} from './config.js'

export type SchedulerController = Controller & {
  takeDecisions(): DecisionRecord[]
  decisionsFor(podKey: string): DecisionRecord[]
}

/** The scheduler as a Controller. Throws UserError (with the field path) for an invalid config. */
export function createScheduler(opts: SchedulerOptions = {}): SchedulerController {
  return new Scheduler(opts)
}
