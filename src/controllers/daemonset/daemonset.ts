// The DaemonSet controller (pkg/controller/daemon/{daemon_controller,update}.go): one pod per eligible node,
// pinned through node affinity (the default scheduler binds it), created with the controller's tolerations;
// failed daemon pods are replaced; RollingUpdate replaces maxUnavailable old pods at a time.

import type {KubeObject} from '../../api/types.js'
import {keyOf, objectKey} from '../../api/store/keys.js'
import type {WatchEvent} from '../../api/store/store.js'
import {isApiError} from '../../engine/api-error.js'
import {computeHash} from '../runtime/hash.js'
import {QueueController} from '../runtime/base.js'
import {clone, controllerRefOf, isPodAvailable, isPodReady, ms, newControllerRef, scaledValue} from '../runtime/util.js'
import {daemonPodNode, daemonTolerations, nodeShouldRunDaemonPod, pinToNode} from './placement.js'

const SRC = {component: 'daemonset-controller'}
const REVISION_LABEL = 'controller-revision-hash'
const GENERATION_LABEL = 'pod-template-generation'

/** failedPodsBackoff: a node whose daemon pod keeps failing waits 1 s, 2 s, ... up to 15 min before the next one */
const FAILED_POD_BACKOFF_MS = 1000
const FAILED_POD_MAX_BACKOFF_MS = 900_000

export class DaemonSetController extends QueueController {
  readonly name = 'daemonset-controller'
  private failedBackoff = new Map<string, {n: number; until: number}>()

  protected register(): void {
    this.hub.on('apps/DaemonSet', (ev) => this.queue.add(ev.key))
    this.hub.on('/Pod', (ev) => this.onPod(ev))
    this.hub.on('/Node', (ev) => this.onNode(ev))
    for (const ds of this.ctx.store.list('apps/DaemonSet')) this.queue.add(keyOf(ds))
  }

  private onPod(ev: WatchEvent): void {
    const ref = controllerRefOf(ev.object)
    if (ref?.kind === 'DaemonSet') this.queue.add(objectKey('apps', 'DaemonSet', ev.object.metadata.namespace, ref.name))
  }

  private onNode(ev: WatchEvent): void {
    if (ev.type === 'MODIFIED' && ev.old &&
      JSON.stringify([ev.old.metadata.labels, ev.old.spec?.taints]) === JSON.stringify([ev.object.metadata.labels, ev.object.spec?.taints])) return
    for (const ds of this.ctx.store.list('apps/DaemonSet')) this.queue.add(keyOf(ds))
  }

  private hashOf(ds: KubeObject): string {
    return computeHash(ds.spec?.template, ds.status?.collisionCount)
  }

  protected sync(key: string): void {
    const stored = this.ctx.store.get(key)
    if (!stored) return
    const ds = clone(stored)
    const hash = this.hashOf(ds)
    this.ensureRevision(ds, hash)
    const nodes = this.ctx.store.list('/Node')
    const pods = this.hub.dependents(ds.metadata.uid ?? '').filter((p) => p.kind === 'Pod' && controllerRefOf(p)?.uid === ds.metadata.uid)
    const byNode = new Map<string, KubeObject[]>()
    for (const p of pods) {
      const n = daemonPodNode(p) ?? ''
      const list = byNode.get(n) ?? []
      list.push(p)
      byNode.set(n, list)
    }
    const now = this.ctx.clock.now()
    const minReady = ds.spec?.minReadySeconds ?? 0
    const toCreate: string[] = []
    const toDelete: KubeObject[] = []
    if (!ds.metadata.deletionTimestamp) {
      for (const node of nodes) {
        const name = node.metadata.name ?? ''
        const should = nodeShouldRunDaemonPod(ds.spec?.template, node)
        const here = (byNode.get(name) ?? []).filter((p) => !p.metadata.deletionTimestamp)
        if (!should) {
          toDelete.push(...here)
          continue
        }
        const failed = here.filter((p) => p.status?.phase === 'Failed')
        for (const p of failed) {
          this.ctx.events.event(ds, 'Warning', 'FailedDaemonPod', `Found failed daemon pod ${p.metadata.namespace}/${p.metadata.name} on node ${name}, will try to kill it`, SRC)
          toDelete.push(p)
        }
        const live = here.filter((p) => p.status?.phase !== 'Failed')
        const backoffKey = `${ds.metadata.uid}/${name}`
        if (failed.length > 0) {
          const n = (this.failedBackoff.get(backoffKey)?.n ?? 0) + 1
          this.failedBackoff.set(backoffKey, {n, until: now + Math.min(FAILED_POD_MAX_BACKOFF_MS, FAILED_POD_BACKOFF_MS * 2 ** (n - 1))})
        }
        const wait = (this.failedBackoff.get(backoffKey)?.until ?? 0) - now
        if (live.length === 0 && failed.length === 0 && !(byNode.get(name) ?? []).some((p) => p.metadata.deletionTimestamp)) {
          if (wait > 0) this.queue.addAfter(key, wait, true)
          else toCreate.push(name)
        }
        if (live.length > 1) {
          live.sort((a, b) => ms(a.metadata.creationTimestamp) - ms(b.metadata.creationTimestamp))
          toDelete.push(...live.slice(1))
        }
      }
      // pods on nodes that no longer exist
      const nodeNames = new Set(nodes.map((n) => n.metadata.name))
      for (const [n, list] of byNode) if (n && !nodeNames.has(n)) toDelete.push(...list.filter((p) => !p.metadata.deletionTimestamp))
    }
    for (const p of toDelete) this.deletePod(ds, p)
    for (const n of toCreate) this.createPod(ds, n, hash)
    if (toDelete.length === 0 && toCreate.length === 0 && !ds.metadata.deletionTimestamp) this.rollingUpdate(ds, hash, nodes, byNode, now, minReady)
    this.writeStatus(ds, hash, nodes, now, minReady)
  }

  private rollingUpdate(ds: KubeObject, hash: string, nodes: KubeObject[], byNode: Map<string, KubeObject[]>, now: number, minReady: number): void {
    if ((ds.spec?.updateStrategy?.type ?? 'RollingUpdate') !== 'RollingUpdate') return
    const desired = nodes.filter((n) => nodeShouldRunDaemonPod(ds.spec?.template, n))
    const maxUnavailable = Math.max(1, scaledValue(ds.spec?.updateStrategy?.rollingUpdate?.maxUnavailable ?? 1, desired.length, true))
    let unavailable = 0
    const old: KubeObject[] = []
    for (const n of desired) {
      const p = (byNode.get(n.metadata.name ?? '') ?? []).find((x) => !x.metadata.deletionTimestamp)
      if (!p || !isPodAvailable(p, minReady, now)) unavailable++
      if (p && p.metadata.labels?.[REVISION_LABEL] !== hash) old.push(p)
    }
    // unavailable old pods go first, then available ones within the budget
    old.sort((a, b) => Number(isPodReady(a)) - Number(isPodReady(b)))
    for (const p of old) {
      if (!isPodAvailable(p, minReady, now)) this.deletePod(ds, p)
      else if (unavailable < maxUnavailable) {
        this.deletePod(ds, p)
        unavailable++
      }
    }
  }

  private ensureRevision(ds: KubeObject, hash: string): void {
    const name = `${ds.metadata.name}-${hash}`
    const revs = this.hub.dependents(ds.metadata.uid ?? '').filter((o) => o.kind === 'ControllerRevision')
    const existing = this.ctx.store.get(objectKey('apps', 'ControllerRevision', ds.metadata.namespace, name))
    if (existing) {
      // constructHistory: a template seen before (rollout undo) becomes the newest revision again
      const next = revs.filter((r) => r.metadata.name !== name).reduce((m, r) => Math.max(m, r.revision ?? 0), 0) + 1
      if ((existing.revision ?? 0) < next) this.ctx.api.update({...clone(existing), revision: next})
      return
    }
    const revision = revs.reduce((m, r) => Math.max(m, r.revision ?? 0), 0) + 1
    try {
      this.ctx.api.create({
        apiVersion: 'apps/v1',
        kind: 'ControllerRevision',
        metadata: {name, namespace: ds.metadata.namespace, labels: {...(ds.spec?.template?.metadata?.labels ?? {}), [REVISION_LABEL]: hash}, ownerReferences: [newControllerRef(ds)]},
        data: {spec: {template: {...clone(ds.spec?.template ?? {}), $patch: 'replace'}}},
        revision,
      })
    } catch (e) {
      if (!isApiError(e) || e.reason !== 'AlreadyExists') throw e
    }
  }

  private createPod(ds: KubeObject, nodeName: string, hash: string): void {
    const t = ds.spec?.template ?? {}
    const spec = clone(t.spec ?? {})
    spec.tolerations = daemonTolerations(spec)
    pinToNode(spec, nodeName)
    const pod: KubeObject = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        generateName: `${ds.metadata.name}-`,
        namespace: ds.metadata.namespace,
        labels: {...(t.metadata?.labels ?? {}), [REVISION_LABEL]: hash, [GENERATION_LABEL]: String(ds.metadata.generation ?? 1)},
        ...(t.metadata?.annotations ? {annotations: {...t.metadata.annotations}} : {}),
        ownerReferences: [newControllerRef(ds)],
      },
      spec,
    }
    try {
      const created = this.ctx.api.create(pod)
      this.ctx.events.event(ds, 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata.name}`, SRC)
    } catch (e) {
      if (!isApiError(e)) throw e
      this.ctx.events.event(ds, 'Warning', 'FailedCreate', `Error creating: ${e.message}`, SRC)
      throw e
    }
  }

  private deletePod(ds: KubeObject, p: KubeObject): void {
    if (p.metadata.deletionTimestamp) return
    try {
      this.ctx.api.delete(keyOf(p))
      this.ctx.events.event(ds, 'Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata.name}`, SRC)
    } catch (e) {
      if (!isApiError(e) || e.reason !== 'NotFound') throw e
    }
  }

  private writeStatus(ds: KubeObject, hash: string, nodes: KubeObject[], now: number, minReady: number): void {
    const pods = this.hub.dependents(ds.metadata.uid ?? '').filter((p) => p.kind === 'Pod' && controllerRefOf(p)?.uid === ds.metadata.uid && !p.metadata.deletionTimestamp)
    let desired = 0
    let current = 0
    let misscheduled = 0
    let ready = 0
    let available = 0
    let updated = 0
    for (const n of nodes) {
      const should = nodeShouldRunDaemonPod(ds.spec?.template, n)
      const here = pods.filter((p) => daemonPodNode(p) === n.metadata.name)
      if (should) {
        desired++
        if (here.length > 0) {
          current++
          const p = here[0]
          if (isPodReady(p)) ready++
          if (isPodAvailable(p, minReady, now)) available++
          if (p.metadata.labels?.[REVISION_LABEL] === hash) updated++
        }
      } else if (here.length > 0) misscheduled++
    }
    const status: any = {
      currentNumberScheduled: current,
      numberMisscheduled: misscheduled,
      desiredNumberScheduled: desired,
      numberReady: ready,
      observedGeneration: ds.metadata.generation,
      updatedNumberScheduled: updated,
      numberAvailable: available,
      numberUnavailable: desired - available,
    }
    if (!status.updatedNumberScheduled) delete status.updatedNumberScheduled
    if (!status.numberAvailable) delete status.numberAvailable
    if (!status.numberUnavailable) delete status.numberUnavailable
    if (ds.status?.collisionCount !== undefined) status.collisionCount = ds.status.collisionCount
    this.ctx.api.updateStatus({...ds, status})
    if (minReady > 0 && ready > available) this.queue.addAfter(keyOf(ds), minReady * 1000)
  }
}
