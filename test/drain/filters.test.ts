// kubectl's drain filters, one pod at a time (kubectl.md §4.2): order, the last status wins, grouping of messages.
import {describe, expect, it} from 'vitest'
import {ObjectStore} from '../../src/api/store/store.js'
import type {KubeObject} from '../../src/api/types.js'
import {listErrors, listWarnings, podDeleteStatus, podsForDeletion, type FilterOptions} from '../../src/drain/filters.js'
import {goDuration} from '../../src/drain/drain.js'

const NOW = Date.parse('2026-01-01T00:10:00Z')
const none: FilterOptions = {force: false, ignoreDaemonSets: false, deleteEmptyDirData: false, skipWaitForDeleteTimeoutSeconds: 0}

function pod(name: string, extra: {owner?: string; emptyDir?: boolean; mirror?: boolean; phase?: string; deleted?: string} = {}): KubeObject {
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: {
      name, namespace: 'default', uid: `uid-${name}`,
      ...(extra.owner ? {ownerReferences: [{apiVersion: 'apps/v1', kind: extra.owner, name: 'x', uid: 'o', controller: true}]} : {}),
      ...(extra.mirror ? {annotations: {'kubernetes.io/config.mirror': 'abc'}} : {}),
      ...(extra.deleted ? {deletionTimestamp: extra.deleted} : {}),
    },
    spec: {nodeName: 'n1', containers: [{name: 'c', image: 'i'}], ...(extra.emptyDir ? {volumes: [{name: 'v', emptyDir: {}}]} : {})},
    status: {phase: extra.phase ?? 'Running'},
  }
}

function storeWith(...objs: KubeObject[]): ObjectStore {
  const s = new ObjectStore(0)
  for (const o of objs) s.create(o)
  return s
}

describe('drain filters', () => {
  it('a later Okay drops an earlier warning (v1.32 quirk)', () => {
    const s = storeWith()
    const st = podDeleteStatus(s, pod('a', {owner: 'ReplicaSet', emptyDir: true}), {...none, deleteEmptyDirData: true}, NOW)
    expect(st).toEqual({delete: true, reason: 'Okay', message: ''})
  })

  it('a DaemonSet pod whose DaemonSet is gone: error, or deleted with a warning under --force', () => {
    const s = storeWith()
    const p = pod('d', {owner: 'DaemonSet'})
    expect(podDeleteStatus(s, p, none, NOW)).toEqual({delete: false, reason: 'Error', message: 'daemonsets.apps "x" not found'})
    expect(podDeleteStatus(s, p, {...none, force: true}, NOW)).toEqual({delete: true, reason: 'Okay', message: ''})
  })

  it('mirror pods and long-deleted pods are skipped silently; finished pods go', () => {
    const s = storeWith()
    expect(podDeleteStatus(s, pod('m', {mirror: true}), none, NOW).reason).toBe('Skip')
    expect(podDeleteStatus(s, pod('old', {owner: 'ReplicaSet', deleted: '2026-01-01T00:00:00Z'}), {...none, skipWaitForDeleteTimeoutSeconds: 60}, NOW).reason).toBe('Skip')
    expect(podDeleteStatus(s, pod('done', {phase: 'Succeeded', emptyDir: true}), none, NOW)).toEqual({delete: true, reason: 'Okay', message: ''})
  })

  it('groups errors and warnings by message', () => {
    const s = storeWith(pod('b1'), pod('b2'), pod('e', {owner: 'ReplicaSet', emptyDir: true}))
    const list = podsForDeletion(s, 'n1', () => true, none, NOW)
    expect(listErrors(list)).toEqual([
      'cannot delete cannot delete Pods that declare no controller (use --force to override): default/b1, default/b2',
      'cannot delete Pods with local storage (use --delete-emptydir-data to override): default/e',
    ])
    const forced = podsForDeletion(s, 'n1', () => true, {...none, force: true, deleteEmptyDirData: true}, NOW)
    expect(listErrors(forced)).toEqual([])
    expect(listWarnings(forced)).toBe('deleting Pods that declare no controller: default/b1, default/b2')
  })

  it('formats timeouts as Go durations', () => {
    expect(goDuration(300_000)).toBe('5m0s')
    expect(goDuration(30_000)).toBe('30s')
    expect(goDuration(3_600_000)).toBe('1h0m0s')
    expect(goDuration(90_500)).toBe('1m30.5s')
  })
})
