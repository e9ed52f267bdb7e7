// ControllerRevisions for StatefulSets (pkg/controller/statefulset/stateful_set_utils.go getPatch/newRevision,
// pkg/controller/history HashControllerRevision): the revision stores `{"spec":{"template":{...,"$patch":
// "replace"}}}` as Go's json.Marshal writes a map (keys sorted), and its name is `<set>-<hash>` where hash is
// FNV-1 (32 bit) over that patch plus the collision count in decimal, through rand.SafeEncodeString.

import type {KubeObject} from '../../api/types.js'
import {canonicalJSON, safeEncodeString} from '../runtime/hash.js'

/** The pod template as the API server encodes it from Go structs: zero-valued non-omitempty fields included. */
export function goEncodedTemplate(template: any): any {
  const t = structuredClone(template ?? {})
  t.metadata = {creationTimestamp: null, ...(t.metadata ?? {})}
  t.spec ??= {}
  for (const list of ['initContainers', 'containers']) {
    for (const c of t.spec[list] ?? []) c.resources ??= {}
  }
  return t
}

export function revisionPatch(set: KubeObject): string {
  return canonicalJSON({spec: {template: {...goEncodedTemplate(set.spec?.template), $patch: 'replace'}}})
}

function fnv1_32(bytes: Uint8Array, h = 0x811c9dc5): number {
  for (let i = 0; i < bytes.length; i++) {
    h = Math.imul(h, 0x01000193) >>> 0
    h = (h ^ bytes[i]) >>> 0
  }
  return h >>> 0
}

export function hashControllerRevision(patch: string, collisionCount: number): string {
  const enc = new TextEncoder()
  let h = fnv1_32(enc.encode(patch))
  h = fnv1_32(enc.encode(String(collisionCount)), h)
  return safeEncodeString(String(h))
}

export function newRevision(set: KubeObject, revision: number, collisionCount: number): KubeObject {
  const patch = revisionPatch(set)
  const hash = hashControllerRevision(patch, collisionCount)
  return {
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: {
      name: `${set.metadata.name}-${hash}`,
      namespace: set.metadata.namespace,
      labels: {...(set.spec?.template?.metadata?.labels ?? {})},
      ownerReferences: [{apiVersion: set.apiVersion, kind: set.kind, name: set.metadata.name ?? '', uid: set.metadata.uid ?? '', controller: true, blockOwnerDeletion: true}],
    },
    data: JSON.parse(patch),
    revision,
  }
}
