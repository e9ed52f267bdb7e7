import type {KubeObject} from '../types.js'
import {parseApiVersion} from '../types.js'

/** The store key of an object: `group/Kind/namespace/name` ('' for core group and cluster-scoped namespace). */
export function objectKey(group: string, kind: string, namespace: string | undefined, name: string): string {
  return `${group}/${kind}/${namespace ?? ''}/${name}`
}

export function keyOf(obj: KubeObject): string {
  return `${groupKindOf(obj)}/${obj.metadata.namespace ?? ''}/${obj.metadata.name ?? ''}`
}

/** apiVersion → kind → `group/Kind`: every watch event and store write asks, for a handful of distinct pairs */
const groupKinds = new Map<string, Map<string, string>>()

export function groupKindOf(obj: KubeObject): string {
  let byKind = groupKinds.get(obj.apiVersion)
  if (!byKind) groupKinds.set(obj.apiVersion, (byKind = new Map()))
  let gk = byKind.get(obj.kind)
  if (gk === undefined) byKind.set(obj.kind, (gk = `${parseApiVersion(obj.apiVersion).group}/${obj.kind}`))
  return gk
}
