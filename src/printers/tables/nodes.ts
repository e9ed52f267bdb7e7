// Nodes and namespaces (printNode, printNamespace).

import type {KubeObject} from '../../api/types.js'
import {type TableContext, type TableDef, ageOf, col, renderTable} from './common.js'

/** STATUS: from the Ready condition only, plus SchedulingDisabled. */
export function nodeStatus(node: KubeObject): string {
  const ready = (node.status?.conditions ?? []).find((c: any) => c.type === 'Ready')
  const status: string[] = []
  if (ready) status.push(ready.status === 'True' ? 'Ready' : 'NotReady')
  if (status.length === 0) status.push('Unknown')
  if (node.spec?.unschedulable) status.push('SchedulingDisabled')
  return status.join(',')
}

/** findNodeRoles: `node-role.kubernetes.io/<role>` keys and the `kubernetes.io/role` value, sorted. */
export function nodeRoles(node: KubeObject): string {
  const roles = new Set<string>()
  for (const [k, v] of Object.entries(node.metadata?.labels ?? {})) {
    if (k.startsWith('node-role.kubernetes.io/')) {
      const r = k.slice('node-role.kubernetes.io/'.length)
      if (r) roles.add(r)
    } else if (k === 'kubernetes.io/role' && v !== '') roles.add(v)
  }
  return roles.size === 0 ? '<none>' : [...roles].sort().join(',')
}

const address = (node: KubeObject, type: string): string => (node.status?.addresses ?? []).find((a: any) => a.type === type)?.address ?? '<none>'

export const nodeTable: TableDef = {
  namespaced: false,
  columns: [col('Name'), col('Status'), col('Roles'), col('Age'), col('Version'), col('Internal-IP', 1), col('External-IP', 1), col('OS-Image', 1), col('Kernel-Version', 1), col('Container-Runtime', 1)],
  row: (n, ctx) => {
    const info = n.status?.nodeInfo ?? {}
    return [n.metadata.name ?? '', nodeStatus(n), nodeRoles(n), ageOf(n, ctx), info.kubeletVersion ?? '', address(n, 'InternalIP'), address(n, 'ExternalIP'), info.osImage || '<unknown>', info.kernelVersion || '<unknown>', info.containerRuntimeVersion || '<unknown>']
  },
}

export const namespaceTable: TableDef = {
  namespaced: false,
  columns: [col('Name'), col('Status'), col('Age')],
  row: (o, ctx) => [o.metadata.name ?? '', o.status?.phase ?? '', ageOf(o, ctx)],
}

export const printNodes = (objs: KubeObject[], ctx: TableContext): string => renderTable(nodeTable, objs, ctx)
export const printNamespaces = (objs: KubeObject[], ctx: TableContext): string => renderTable(namespaceTable, objs, ctx)
