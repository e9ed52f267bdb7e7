// kubectl's drain filters (k8s.io/kubectl/pkg/drain/filters.go), run in kubectl's order; each pod keeps the status
// of the last filter that ran (a filter saying "don't delete" stops the chain), so a warning from an earlier
// filter is dropped when a later one says Okay, as in v1.32.

import type {KubeObject} from '../api/types.js'
import type {ObjectStore} from '../api/store/store.js'
import {objectKey} from '../api/store/keys.js'
import {parseRFC3339} from '../clock/clock.js'

export const MIRROR_POD_ANNOTATION = 'kubernetes.io/config.mirror'
export const DAEMONSET_FATAL = 'DaemonSet-managed Pods (use --ignore-daemonsets to ignore)'
export const DAEMONSET_WARNING = 'ignoring DaemonSet-managed Pods'
export const LOCAL_STORAGE_FATAL = 'Pods with local storage (use --delete-emptydir-data to override)'
export const LOCAL_STORAGE_WARNING = 'deleting Pods with local storage'
export const UNMANAGED_FATAL = 'cannot delete Pods that declare no controller (use --force to override)'
export const UNMANAGED_WARNING = 'deleting Pods that declare no controller'

export type PodDeleteReason = 'Okay' | 'Skip' | 'Warning' | 'Error'

export interface PodDeleteStatus {
  delete: boolean
  reason: PodDeleteReason
  message: string
}

export interface FilterOptions {
  force: boolean
  ignoreDaemonSets: boolean
  deleteEmptyDirData: boolean
  /** seconds; > 0 skips pods whose deletionTimestamp is older */
  skipWaitForDeleteTimeoutSeconds: number
}

const okay = (): PodDeleteStatus => ({delete: true, reason: 'Okay', message: ''})
const skip = (): PodDeleteStatus => ({delete: false, reason: 'Skip', message: ''})
const warning = (del: boolean, message: string): PodDeleteStatus => ({delete: del, reason: 'Warning', message})
const error = (message: string): PodDeleteStatus => ({delete: false, reason: 'Error', message})

function finished(pod: KubeObject): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed'
}

function controllerOf(pod: KubeObject) {
  return pod.metadata.ownerReferences?.find((r) => r.controller === true)
}

/** shouldSkipPod: deletionTimestamp older than --skip-wait-for-delete-timeout seconds. */
export function shouldSkipPod(pod: KubeObject, skipSeconds: number, now: number): boolean {
  const ts = pod.metadata.deletionTimestamp
  return skipSeconds > 0 && !!ts && now - parseRFC3339(ts) > skipSeconds * 1000
}

export function podDeleteStatus(store: ObjectStore, pod: KubeObject, o: FilterOptions, now: number): PodDeleteStatus {
  const filters: Array<() => PodDeleteStatus> = [
    // skipDeletedFilter
    () => (shouldSkipPod(pod, o.skipWaitForDeleteTimeoutSeconds, now) ? skip() : okay()),
    // daemonSetFilter
    () => {
      const ref = controllerOf(pod)
      if (!ref || ref.kind !== 'DaemonSet' || finished(pod)) return okay()
      if (!store.get(objectKey('apps', 'DaemonSet', pod.metadata.namespace, ref.name))) {
        const msg = `daemonsets.apps "${ref.name}" not found`
        return o.force ? warning(true, msg) : error(msg)
      }
      return o.ignoreDaemonSets ? warning(false, DAEMONSET_WARNING) : error(DAEMONSET_FATAL)
    },
    // mirrorPodFilter
    () => (pod.metadata.annotations?.[MIRROR_POD_ANNOTATION] !== undefined ? skip() : okay()),
    // localStorageFilter
    () => {
      if (!(pod.spec?.volumes ?? []).some((v: any) => v.emptyDir)) return okay()
      if (finished(pod)) return okay()
      return o.deleteEmptyDirData ? warning(true, LOCAL_STORAGE_WARNING) : error(LOCAL_STORAGE_FATAL)
    },
    // unreplicatedFilter
    () => {
      if (finished(pod) || controllerOf(pod)) return okay()
      return o.force ? warning(true, UNMANAGED_WARNING) : error(UNMANAGED_FATAL)
    },
  ]
  let status = okay()
  for (const f of filters) {
    status = f()
    if (!status.delete) break
  }
  return status
}

export interface PodDeleteList {
  items: Array<{pod: KubeObject; status: PodDeleteStatus}>
}

/** GetPodsForDeletion: the node's pods (by namespace/name, as the API lists them), each with its status. */
export function podsForDeletion(store: ObjectStore, nodeName: string, podSelector: (labels: Record<string, string>) => boolean, o: FilterOptions, now: number): PodDeleteList {
  const pods = store.list('/Pod').filter((p) => p.spec?.nodeName === nodeName && podSelector(p.metadata.labels ?? {}))
  pods.sort((a, b) => (a.metadata.namespace ?? '').localeCompare(b.metadata.namespace ?? '') || (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''))
  return {items: pods.map((pod) => ({pod, status: podDeleteStatus(store, pod, o, now)}))}
}

export function podsToDelete(list: PodDeleteList): KubeObject[] {
  return list.items.filter((i) => i.status.delete).map((i) => i.pod)
}

function grouped(list: PodDeleteList, reason: PodDeleteReason): Map<string, string[]> {
  const m = new Map<string, string[]>()
  for (const i of list.items) {
    if (i.status.reason !== reason) continue
    const msg = i.status.message || (reason === 'Error' ? 'unexpected error' : '')
    const a = m.get(msg) ?? []
    a.push(`${i.pod.metadata.namespace}/${i.pod.metadata.name}`)
    m.set(msg, a)
  }
  return m
}

/** `<msg>: ns/a, ns/b` groups joined by "; " (kubectl iterates a Go map; k8sim keeps first-seen order). */
export function listWarnings(list: PodDeleteList): string {
  return [...grouped(list, 'Warning')].map(([msg, pods]) => `${msg}: ${pods.join(', ')}`).join('; ')
}

/** `cannot delete <msg>: ns/a, ns/b`, one per message. */
export function listErrors(list: PodDeleteList): string[] {
  return [...grouped(list, 'Error')].map(([msg, pods]) => `cannot delete ${msg}: ${pods.join(', ')}`)
}

/** utilerrors.NewAggregate(...).Error(): one error as is, several as `[e1, e2]`. */
export function aggregate(errs: string[]): string {
  return errs.length === 1 ? errs[0] : `[${errs.join(', ')}]`
}
