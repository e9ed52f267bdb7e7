// ControllerRefManager.Claim* (pkg/controller/controller_ref_manager.go): an owner adopts orphans that match its
// selector and releases the objects it owns that no longer match. Neither happens while the owner is being deleted.

import type {KubeObject} from '../../api/types.js'
import type {ApiServer} from '../../engine/apiserver.js'
import {isApiError} from '../../engine/api-error.js'
import {controllerRefOf, newControllerRef} from './util.js'

export function claimObjects(api: ApiServer, owner: KubeObject, candidates: KubeObject[], matches: (o: KubeObject) => boolean): KubeObject[] {
  const owned: KubeObject[] = []
  for (const o of candidates) {
    const ref = controllerRefOf(o)
    if (ref) {
      if (ref.uid !== owner.metadata.uid) continue
      if (matches(o) || owner.metadata.deletionTimestamp) {
        owned.push(o)
        continue
      }
      // release
      const refs = (o.metadata.ownerReferences ?? []).filter((r) => r.uid !== owner.metadata.uid)
      const metadata: any = {...o.metadata, resourceVersion: undefined, ownerReferences: refs}
      if (refs.length === 0) delete metadata.ownerReferences
      write(api, {...o, metadata})
      continue
    }
    if (owner.metadata.deletionTimestamp || o.metadata.deletionTimestamp || !matches(o)) continue
    // adopt
    const metadata = {...o.metadata, resourceVersion: undefined, ownerReferences: [...(o.metadata.ownerReferences ?? []), newControllerRef(owner)]}
    const adopted = write(api, {...o, metadata})
    if (adopted) owned.push(adopted)
  }
  return owned
}

function write(api: ApiServer, o: KubeObject): KubeObject | undefined {
  try {
    return api.update(o)
  } catch (e) {
    if (isApiError(e) && (e.reason === 'NotFound' || e.reason === 'Conflict')) return undefined
    throw e
  }
}
