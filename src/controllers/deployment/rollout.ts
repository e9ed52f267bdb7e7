// What `kubectl rollout history|undo` read and write (staging/src/k8s.io/kubectl/pkg/polymorphichelpers/
// {history,rollback}.go): a Deployment's revisions are its ReplicaSets' revision annotations; undo copies a
// revision's pod template (without pod-template-hash) and annotations back into the Deployment.

import type {KubeObject} from '../../api/types.js'
import type {ObjectStore} from '../../api/store/store.js'
import {UserError} from '../../errors.js'
import {controllerRefOf} from '../runtime/util.js'
import * as u from './util.js'

export interface DeploymentRevision {
  revision: number
  replicaSet: KubeObject
  /** the kubernetes.io/change-cause annotation, if any */
  changeCause?: string
}

const SKIP_ANNOTATIONS = new Set([u.LAST_APPLIED, u.REVISION, u.REVISION_HISTORY, u.DESIRED_REPLICAS, u.MAX_REPLICAS, 'deprecated.deployment.rollback.to'])

/** The Deployment's revisions, oldest first (one per ReplicaSet it controls). */
export function deploymentRevisions(store: ObjectStore, d: KubeObject): DeploymentRevision[] {
  const out: DeploymentRevision[] = []
  for (const rs of store.list('apps/ReplicaSet', d.metadata.namespace)) {
    if (controllerRefOf(rs)?.uid !== d.metadata.uid) continue
    const v = rs.metadata.annotations?.[u.REVISION]
    if (v === undefined || !/^\d+$/.test(v)) continue
    out.push({revision: Number(v), replicaSet: rs, changeCause: rs.metadata.annotations?.['kubernetes.io/change-cause']})
  }
  return out.sort((a, b) => a.revision - b.revision)
}

export interface RollbackResult {
  /** kubectl's suffix after `deployment.apps/web `: `rolled back` or `skipped rollback (current template ...)` */
  message: string
  /** the Deployment to write (undefined when skipped) */
  updated?: KubeObject
}

/** DeploymentRollbacker.Rollback; toRevision 0 = the previous revision. Throws UserError with kubectl's wording. */
export function rollbackDeployment(store: ObjectStore, d: KubeObject, toRevision = 0): RollbackResult {
  if (toRevision < 0) throw new UserError(`unable to find specified revision ${toRevision} in history`)
  if (d.spec?.paused) {
    throw new UserError("you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again")
  }
  const revs = deploymentRevisions(store, d)
  let target: DeploymentRevision | undefined
  if (toRevision > 0) {
    target = revs.find((r) => r.revision === toRevision)
    if (!target) throw new UserError(`unable to find specified revision ${toRevision} in history`)
  } else {
    target = revs.length >= 2 ? revs[revs.length - 2] : undefined
    if (!target) throw new UserError(`no rollout history found for deployment "${d.metadata.name}"`)
  }
  const rs = target.replicaSet
  if (u.templateIgnoringHash(rs.spec?.template) === u.templateIgnoringHash(d.spec?.template)) {
    return {message: `skipped rollback (current template already matches revision ${target.revision})`}
  }
  const template = structuredClone(rs.spec.template)
  if (template.metadata?.labels) delete template.metadata.labels[u.POD_TEMPLATE_HASH]
  const annotations: Record<string, string> = {}
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) if (SKIP_ANNOTATIONS.has(k)) annotations[k] = v
  for (const [k, v] of Object.entries(rs.metadata.annotations ?? {})) if (!SKIP_ANNOTATIONS.has(k)) annotations[k] = v
  const updated = structuredClone(d)
  updated.spec.template = template
  updated.metadata.annotations = annotations
  return {message: 'rolled back', updated}
}
