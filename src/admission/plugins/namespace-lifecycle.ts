// NamespaceLifecycle (plugin/pkg/admission/namespace/lifecycle): no new objects in a namespace that does not exist
// or is being deleted.
import {objectKey} from '../../api/store/keys.js'
import type {ObjectStore} from '../../api/store/store.js'
import type {KubeObject} from '../../api/types.js'
import {AdmissionError, forbidden} from './errors.js'

export function namespaceLifecycle(op: 'CREATE' | 'UPDATE', obj: KubeObject, store: ObjectStore): void {
  const ns = obj.metadata.namespace
  if (op !== 'CREATE' || !ns || obj.kind === 'Namespace') return
  const namespace = store.get(objectKey('', 'Namespace', undefined, ns))
  if (!namespace) throw new AdmissionError(404, 'NotFound', `namespaces "${ns}" not found`)
  // Events may still be written while a namespace terminates (the namespace controller reports through them)
  if ((namespace.metadata.deletionTimestamp || namespace.status?.phase === 'Terminating') && obj.kind !== 'Event') {
    throw forbidden(obj, `unable to create new content in namespace ${ns} because it is being terminated`)
  }
}
