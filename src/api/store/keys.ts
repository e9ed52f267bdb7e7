import type {KubeObject} from '../types.js'
import {parseApiVersion} from '../types.js'

/** The store key of an object: `group/Kind/namespace/name` ('' for core group and cluster-scoped namespace). */
export function objectKey(group: string, kind: string, namespace: string | undefined, name: string): string {
  return `${group}/${kind}/${namespace ?? ''}/${name}`
}

export function keyOf(obj: KubeObject): string {
  return objectKey(parseApiVersion(obj.apiVersion).group, obj.kind, obj.metadata.namespace, obj.metadata.name ?? '')
}

export function groupKindOf(obj: KubeObject): string {
  return `${parseApiVersion(obj.apiVersion).group}/${obj.kind}`
}
