// Custom resources served by the CRDs found in a loaded cluster, registered so that commands resolve their names.
// The CRD code (src/schema/crd.ts) pulls in ajv, so it is imported only when the cluster holds CRDs.

import type {ResourceRegistry} from '../api/resources.js'
import type {ObjectStore} from '../api/store/store.js'

export async function registerStoredCRDs(registry: ResourceRegistry, store: ObjectStore): Promise<void> {
  const crds = store.list('apiextensions.k8s.io/CustomResourceDefinition')
  if (crds.length === 0) return
  const {resourceInfoFromCRD} = await import('../schema/crd.js')
  for (const crd of crds) {
    const info = resourceInfoFromCRD(crd)
    if (info.kind && info.group) registry.register(info)
  }
}
