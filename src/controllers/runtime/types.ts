// What every control loop (controllers, scheduler, kubelets) is given. They talk to each other only through
// the store, as in Kubernetes.
import type {EventRecorder} from '../../api/events.js'
import type {ResourceRegistry} from '../../api/resources.js'
import type {ObjectStore} from '../../api/store/store.js'
import type {VirtualClock} from '../../clock/clock.js'
import type {SeededRandom} from '../../clock/random.js'
import type {ApiServer} from '../../engine/apiserver.js'
import type {InformerHub} from './informer.js'

export interface ControllerContext {
  store: ObjectStore
  clock: VirtualClock
  rng: SeededRandom
  events: EventRecorder
  registry: ResourceRegistry
  /** the API server's create/update/delete flow (defaulting, validation, admission); status writes may use store */
  api: ApiServer
  /** the engine's shared informers (one store watch, owner and namespace indexes); optional for hand-built contexts */
  informers?: InformerHub
}

export interface Controller {
  readonly name: string
  /** subscribe to the store and queue the initial keys; all later work runs from clock timers */
  start(ctx: ControllerContext): void
  /** true while it has queued or in-flight work (used by run-until-settled) */
  hasPendingWork(): boolean
}
