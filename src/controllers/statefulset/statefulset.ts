// The StatefulSet controller (pkg/controller/statefulset/{stateful_set_control,stateful_pod_control,
// stateful_set_utils}.go): stable pod names `<set>-<ordinal>`, PVCs from volumeClaimTemplates created before their
// pod, OrderedReady (one at a time, in order, each Running and Ready before the next) or Parallel management,
// RollingUpdate from the highest ordinal down to the partition, OnDelete, and the PVC retention policy.

import type {KubeObject} from '../../api/types.js'
import {keyOf, objectKey} from '../../api/store/keys.js'
import type {WatchEvent} from '../../api/store/store.js'
import {isApiError} from '../../engine/api-error.js'
import {QueueController} from '../runtime/base.js'
import {clone, controllerRefOf, isPodAvailable, isPodReady, newControllerRef} from '../runtime/util.js'
import {newRevision} from './revision.js'

const SRC = {component: 'statefulset-controller'}
export const POD_NAME_LABEL = 'statefulset.kubernetes.io/pod-name'
export const POD_INDEX_LABEL = 'apps.kubernetes.io/pod-index'
export const REVISION_LABEL = 'controller-revision-hash'

/** A revision's stored template, without the patch directive and Go's null creationTimestamp. */
function templateOfRevision(rev: KubeObject): any {
  const t = clone(rev.data.spec.template)
  delete t.$patch
  if (t.metadata?.creationTimestamp === null) delete t.metadata.creationTimestamp
  return t
}

function isRunningAndReady(p: KubeObject): boolean {
  return p.status?.phase === 'Running' && isPodReady(p)
}

function isFailed(p: KubeObject): boolean {
  return p.status?.phase === 'Failed'
}

export class StatefulSetController extends QueueController {
  readonly name = 'statefulset-controller'

  protected register(): void {
    this.hub.on('apps/StatefulSet', (ev) => this.queue.add(ev.key))
    this.hub.on('/Pod', (ev) => this.onPod(ev))
    for (const s of this.ctx.store.list('apps/StatefulSet')) this.queue.add(keyOf(s))
  }

  private onPod(ev: WatchEvent): void {
    const ref = controllerRefOf(ev.object)
    if (ref?.kind === 'StatefulSet') this.queue.add(objectKey('apps', 'StatefulSet', ev.object.metadata.namespace, ref.name))
  }

  protected sync(key: string): void {
    const stored = this.ctx.store.get(key)
    if (!stored || stored.metadata.deletionTimestamp) return
    const set = clone(stored)
    const ns = set.metadata.namespace ?? ''
    const name = set.metadata.name ?? ''
    const {current, update} = this.revisions(set)
    const start: number = set.spec?.ordinals?.start ?? 0
    const replicas: number = set.spec?.replicas ?? 1
    const parallel = set.spec?.podManagementPolicy === 'Parallel'
    const minReady = set.spec?.minReadySeconds ?? 0
    const now = this.ctx.clock.now()
    const pods = this.hub.dependents(set.metadata.uid ?? '').filter((p) => p.kind === 'Pod' && controllerRefOf(p)?.uid === set.metadata.uid)
    const ordinalOf = (p: KubeObject) => Number((p.metadata.name ?? '').slice(name.length + 1))
    const byOrdinal = new Map<number, KubeObject>()
    for (const p of pods) byOrdinal.set(ordinalOf(p), p)

    let blocked = false
    // create, replace failed pods, wait for readiness (ascending ordinals)
    for (let ord = start; ord < start + replicas; ord++) {
      const pod = byOrdinal.get(ord)
      if (!pod) {
        const revisionName = current && ord < start + (set.spec?.updateStrategy?.rollingUpdate?.partition ?? 0) ? current.metadata.name : update.metadata.name
        this.createPod(set, ord, revisionName === current?.metadata.name && current ? current : update)
        if (!parallel) {
          blocked = true
          break
        }
        continue
      }
      if (isFailed(pod) && !pod.metadata.deletionTimestamp) {
        this.ctx.events.event(set, 'Warning', 'RecreatingFailedPod', `StatefulSet ${ns}/${name} is recreating failed Pod ${pod.metadata.name}`, SRC)
        this.deletePod(set, pod)
        if (!parallel) {
          blocked = true
          break
        }
        continue
      }
      if (!parallel && (pod.metadata.deletionTimestamp || !isRunningAndReady(pod) || !isPodAvailable(pod, minReady, now))) {
        if (minReady > 0 && isRunningAndReady(pod)) this.queue.addAfter(key, minReady * 1000)
        blocked = true
        break
      }
    }
    // scale down: highest ordinal first; OrderedReady one at a time
    if (!blocked) {
      const condemned = [...byOrdinal.keys()].filter((o) => o < start || o >= start + replicas).sort((a, b) => b - a)
      for (const ord of condemned) {
        const pod = byOrdinal.get(ord)!
        if (pod.metadata.deletionTimestamp) {
          if (!parallel) {
            blocked = true
            break
          }
          continue
        }
        this.deletePod(set, pod)
        this.applyScaleRetention(set, ord)
        if (!parallel) {
          blocked = true
          break
        }
      }
    }
    // rolling update: highest ordinal down to the partition, one at a time
    const strategy = set.spec?.updateStrategy?.type ?? 'RollingUpdate'
    if (!blocked && strategy === 'RollingUpdate') {
      const partition = set.spec?.updateStrategy?.rollingUpdate?.partition ?? 0
      for (let ord = start + replicas - 1; ord >= start + partition; ord--) {
        const pod = byOrdinal.get(ord)
        if (!pod) break
        if (pod.metadata.labels?.[REVISION_LABEL] !== update.metadata.name) {
          if (!pod.metadata.deletionTimestamp) this.deletePod(set, pod)
          break
        }
        if (!isRunningAndReady(pod)) break
      }
    }
    this.writeStatus(set, current, update, start, replicas, minReady)
  }

  /** The current and update ControllerRevisions, creating the update revision when the template changed. */
  private revisions(set: KubeObject): {current: KubeObject | undefined; update: KubeObject} {
    const revs = this.hub.dependents(set.metadata.uid ?? '').filter((o) => o.kind === 'ControllerRevision')
    revs.sort((a, b) => (a.revision ?? 0) - (b.revision ?? 0))
    const want = newRevision(set, (revs[revs.length - 1]?.revision ?? 0) + 1, set.status?.collisionCount ?? 0)
    let update = revs.find((r) => r.metadata.name === want.metadata.name)
    if (!update) {
      update = this.ctx.api.create(want)
    } else if (update !== revs[revs.length - 1]) {
      // a rollback to an older template: the old revision becomes the newest
      update = this.ctx.api.update({...clone(update), revision: want.revision, metadata: {...update.metadata, resourceVersion: undefined}})
    }
    const current = revs.find((r) => r.metadata.name === set.status?.currentRevision) ?? update
    return {current, update}
  }

  private createPod(set: KubeObject, ord: number, revision: KubeObject): void {
    const name = `${set.metadata.name}-${ord}`
    const ns = set.metadata.namespace ?? ''
    const template = revision.metadata.name === set.status?.updateRevision || !revision.data?.spec?.template
      ? set.spec.template
      : templateOfRevision(revision)
    // PVCs first
    const volumes: any[] = []
    for (const tmpl of set.spec?.volumeClaimTemplates ?? []) {
      const claimName = `${tmpl.metadata?.name}-${set.metadata.name}-${ord}`
      volumes.push({name: tmpl.metadata?.name, persistentVolumeClaim: {claimName}})
      if (this.ctx.store.get(objectKey('', 'PersistentVolumeClaim', ns, claimName))) continue
      const claim: KubeObject = {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: {
          name: claimName,
          namespace: ns,
          labels: {...(tmpl.metadata?.labels ?? {}), ...(set.spec.selector?.matchLabels ?? {})},
          ...(tmpl.metadata?.annotations ? {annotations: {...tmpl.metadata.annotations}} : {}),
        },
        spec: clone(tmpl.spec ?? {}),
      }
      if (set.spec?.persistentVolumeClaimRetentionPolicy?.whenDeleted === 'Delete') {
        // setOwnerRef: a plain reference (not a controller ref), so the garbage collector removes the claim
        claim.metadata.ownerReferences = [{apiVersion: set.apiVersion, kind: set.kind, name: set.metadata.name ?? '', uid: set.metadata.uid ?? ''}]
      }
      try {
        this.ctx.api.create(claim)
        this.ctx.events.event(set, 'Normal', 'SuccessfulCreate', `create Claim ${claimName} Pod ${name} in StatefulSet ${set.metadata.name} success`, SRC)
      } catch (e) {
        if (!isApiError(e)) throw e
        this.ctx.events.event(set, 'Warning', 'FailedCreate', `create Claim ${claimName} for Pod ${name} in StatefulSet ${set.metadata.name} failed error: ${e.message}`, SRC)
        throw e
      }
    }
    const spec = clone(template.spec ?? {})
    if (volumes.length) {
      const names = new Set(volumes.map((v) => v.name))
      spec.volumes = [...(spec.volumes ?? []).filter((v: any) => !names.has(v.name)), ...volumes]
    }
    spec.hostname = name
    if (set.spec?.serviceName) spec.subdomain = set.spec.serviceName
    const pod: KubeObject = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name,
        namespace: ns,
        labels: {
          ...(template.metadata?.labels ?? {}),
          [REVISION_LABEL]: revision.metadata.name ?? '',
          [POD_NAME_LABEL]: name,
          [POD_INDEX_LABEL]: String(ord),
        },
        ...(template.metadata?.annotations ? {annotations: {...template.metadata.annotations}} : {}),
        ownerReferences: [newControllerRef(set)],
      },
      spec,
    }
    try {
      this.ctx.api.create(pod)
      this.ctx.events.event(set, 'Normal', 'SuccessfulCreate', `create Pod ${name} in StatefulSet ${set.metadata.name} successful`, SRC)
    } catch (e) {
      if (!isApiError(e)) throw e
      this.ctx.events.event(set, 'Warning', 'FailedCreate', `create Pod ${name} in StatefulSet ${set.metadata.name} failed error: ${e.message}`, SRC)
      throw e
    }
  }

  private deletePod(set: KubeObject, pod: KubeObject): void {
    try {
      this.ctx.api.delete(keyOf(pod))
      this.ctx.events.event(set, 'Normal', 'SuccessfulDelete', `delete Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} successful`, SRC)
    } catch (e) {
      if (!isApiError(e) || e.reason !== 'NotFound') throw e
    }
  }

  /** whenScaled: Delete removes the claims of a condemned ordinal. */
  private applyScaleRetention(set: KubeObject, ord: number): void {
    if (set.spec?.persistentVolumeClaimRetentionPolicy?.whenScaled !== 'Delete') return
    for (const tmpl of set.spec?.volumeClaimTemplates ?? []) {
      const key = objectKey('', 'PersistentVolumeClaim', set.metadata.namespace, `${tmpl.metadata?.name}-${set.metadata.name}-${ord}`)
      if (this.ctx.store.get(key)) {
        try {
          this.ctx.api.delete(key)
        } catch (e) {
          if (!isApiError(e) || e.reason !== 'NotFound') throw e
        }
      }
    }
  }

  private writeStatus(set: KubeObject, current: KubeObject | undefined, update: KubeObject, start: number, replicas: number, minReady: number): void {
    const now = this.ctx.clock.now()
    const pods = this.hub.dependents(set.metadata.uid ?? '').filter((p) => p.kind === 'Pod' && controllerRefOf(p)?.uid === set.metadata.uid)
    const live = pods.filter((p) => !p.metadata.deletionTimestamp)
    const updateName = update.metadata.name
    let currentName = current?.metadata.name ?? updateName
    const updated = live.filter((p) => p.metadata.labels?.[REVISION_LABEL] === updateName).length
    const ready = live.filter(isRunningAndReady)
    // the update is complete when every replica runs the update revision
    if (updated === replicas && ready.length === replicas && live.length === replicas) currentName = updateName
    const status: any = {
      observedGeneration: set.metadata.generation,
      replicas: live.length,
      readyReplicas: ready.length,
      currentReplicas: live.filter((p) => p.metadata.labels?.[REVISION_LABEL] === currentName).length,
      updatedReplicas: updated,
      currentRevision: currentName,
      updateRevision: updateName,
      collisionCount: set.status?.collisionCount ?? 0,
      availableReplicas: ready.filter((p) => isPodAvailable(p, minReady, now)).length,
    }
    if (!status.readyReplicas) delete status.readyReplicas
    if (!status.currentReplicas) delete status.currentReplicas
    if (!status.updatedReplicas) delete status.updatedReplicas
    void start
    this.ctx.api.updateStatus({...set, status})
  }
}
