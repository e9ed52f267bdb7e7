// `cluster export`: the cluster as a `kubectl get ... -A -o yaml` dump (a v1 List), which `cluster import` takes
// back unchanged. Events are left out, as in such a dump. Order: namespaces, other objects by kind, nodes, pods.

import type {ObjectStore} from '../api/store/store.js'
import type {KubeObject} from '../api/types.js'
import type {ResourceRegistry} from '../api/resources.js'

export function exportList(store: ObjectStore, registry: ResourceRegistry): KubeObject {
  const rank = (group: string, kind: string) =>
    group === '' && kind === 'Namespace' ? 0 : group === '' && kind === 'Node' ? 2 : group === '' && kind === 'Pod' ? 3 : 1
  const kinds = registry
    .all()
    .filter((r) => r.kind !== 'Event')
    .map((r, i) => ({r, i}))
    .sort((a, b) => rank(a.r.group, a.r.kind) - rank(b.r.group, b.r.kind) || a.i - b.i)
  const items: KubeObject[] = []
  for (const {r} of kinds) {
    const objs = store.list(`${r.group}/${r.kind}`)
    const sorted = [...objs].sort((a, b) =>
      `${a.metadata.namespace ?? ''}/${a.metadata.name}`.localeCompare(`${b.metadata.namespace ?? ''}/${b.metadata.name}`, 'en'),
    )
    // Nodes keep the cluster's order (node-2 before node-10)
    for (const o of r.group === '' && r.kind === 'Node' ? objs : sorted) items.push(o) // no push(...): large lists overflow the stack
  }
  return {apiVersion: 'v1', items, kind: 'List', metadata: {resourceVersion: ''}}
}
