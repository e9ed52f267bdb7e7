// What a replay carries from step to step.
import type {ClusterSession} from '../state/session.js'
import type {Engine} from '../engine/engine.js'
import type {AppliedObject, Problem} from '../apply/types.js'

export interface ReplayState {
  session: ClusterSession
  engine: Engine
  /** the scenario file's folder: apply paths are relative to it */
  dir: string
  applied: AppliedObject[]
  problems: Problem[]
}
