// The control loops that live outside the controllers folder: the scheduler (helper 5), the kubelets and the
// persistent-volume controller (helper 7). Imported here so engine.ts stays about wiring.

import type {Controller} from '../controllers/runtime/types.js'
import {createKubelet} from '../kubelet/index.js'
import {createScheduler} from '../scheduler/index.js'
import {createPersistentVolumeController} from '../controllers/persistentvolume/index.js'

export interface SchedulerLike extends Controller {
  takeDecisions(): unknown[]
  decisionsFor?(podKey: string): unknown[]
}

export function makeScheduler(opts: {config?: unknown; explain?: boolean; fullDetailMaxNodes?: number}): SchedulerLike | undefined {
  return createScheduler(opts as never)
}

export function makeKubelet(): Controller | undefined {
  return createKubelet()
}

export function makePersistentVolumeController(): Controller | undefined {
  return createPersistentVolumeController()
}
