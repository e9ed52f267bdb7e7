// What apply needs from the rest of the core, as narrow shapes (so this module stays testable on its own).
import type {KubeObject} from '../api/types.js'
import type {ObjectStore} from '../api/store/store.js'
import type {VirtualClock} from '../clock/clock.js'
import type {ResourceRegistry} from '../api/resources.js'

export interface ManifestDocLike {
  obj: KubeObject
  file: string
  docIndex: number
  line: number
  col: number
  positionOf(path: (string | number)[]): {line: number; col: number} | undefined
}

export interface ApiServerLike {
  create(obj: KubeObject): KubeObject
  update(obj: KubeObject): KubeObject
}

export interface EngineLike {
  api: ApiServerLike
  runUntilSettled(opts: {timeoutMs: number; onProgress?: (virtualNowMs: number) => void}): {settled: boolean; elapsedMs: number}
  /** scheduling decisions recorded during this run, if the scheduler is present */
  decisions?(): unknown[]
}

export interface ApplySession {
  name: string
  store: ObjectStore
  clock: VirtualClock
  registry: ResourceRegistry
  engine: EngineLike
  /** minor version simulated, e.g. '1.32' (problem checks for deprecated APIs) */
  kubernetesVersion?: string
}
