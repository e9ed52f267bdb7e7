// Loose Kubernetes object types. Objects are plain JSON (what the API server stores); typed views are
// narrow helpers where code needs them. Everything is JSON-serializable.

export type Json = null | boolean | number | string | Json[] | {[k: string]: Json}

export interface OwnerReference {
  apiVersion: string
  kind: string
  name: string
  uid: string
  controller?: boolean
  blockOwnerDeletion?: boolean
}

export interface ObjectMeta {
  name?: string
  generateName?: string
  namespace?: string
  uid?: string
  resourceVersion?: string
  generation?: number
  creationTimestamp?: string
  deletionTimestamp?: string
  deletionGracePeriodSeconds?: number
  labels?: Record<string, string>
  annotations?: Record<string, string>
  ownerReferences?: OwnerReference[]
  finalizers?: string[]
  [k: string]: unknown
}

export interface KubeObject {
  apiVersion: string
  kind: string
  metadata: ObjectMeta
  spec?: any
  status?: any
  [k: string]: any
}

/** Group/version/kind. group is '' for the core group. */
export interface GVK {
  group: string
  version: string
  kind: string
}

export function parseApiVersion(apiVersion: string): {group: string; version: string} {
  const i = apiVersion.indexOf('/')
  return i < 0 ? {group: '', version: apiVersion} : {group: apiVersion.slice(0, i), version: apiVersion.slice(i + 1)}
}

export function gvkOf(obj: {apiVersion: string; kind: string}): GVK {
  return {...parseApiVersion(obj.apiVersion), kind: obj.kind}
}

/** Where a value came from in a manifest file. line and col are 1-based. */
export interface SourcePos {
  file: string // as the user named it ('-' shown as '<stdin>')
  docIndex: number // 1-based document index within the file (after splitting, counting empty documents)
  line: number
  col: number
}
