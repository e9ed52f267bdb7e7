import {describe, expect, it} from 'vitest'
import {eventLines, makeRealCluster} from './harness.js'

function ds(image: string) {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: {name: 'fluentd', namespace: 'default'},
    spec: {
      selector: {matchLabels: {app: 'fluentd'}},
      updateStrategy: {type: 'RollingUpdate', rollingUpdate: {maxUnavailable: 1, maxSurge: 0}},
      template: {metadata: {labels: {app: 'fluentd'}}, spec: {containers: [{name: 'fluentd', image}]}},
    },
  }
}

describe('daemonset controller', () => {
  it('runs one pod per node except tainted ones, with the controller tolerations', () => {
    const c = makeRealCluster()
    const n3 = structuredClone(c.store.get('/Node//node-3')!)
    n3.spec.taints = [{key: 'dedicated', value: 'db', effect: 'NoSchedule'}]
    c.store.update(n3)
    c.engine.api.create(ds('fluentd:v1'))
    c.engine.runUntilSettled({timeoutMs: 300_000})
    const pods = c.store.list('/Pod')
    expect(pods.map((p) => p.spec.nodeName).sort()).toEqual(['node-1', 'node-2'])
    expect(pods[0].spec.tolerations.map((t: any) => `${t.key}:${t.effect}`)).toContain('node.kubernetes.io/unschedulable:NoSchedule')
    expect(pods[0].spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchFields[0].key).toBe('metadata.name')
    const st = c.store.get('apps/DaemonSet/default/fluentd')!.status
    expect(st).toMatchObject({desiredNumberScheduled: 2, currentNumberScheduled: 2, numberReady: 2, numberAvailable: 2, updatedNumberScheduled: 2, numberMisscheduled: 0})
    expect(eventLines(c.store, 'daemonset-controller').every((e) => /SuccessfulCreate: Created pod: fluentd-[a-z0-9]{5}$/.test(e))).toBe(true)
  })

  it('rolls an update one node at a time', () => {
    const c = makeRealCluster()
    c.engine.api.create(ds('fluentd:v1'))
    c.engine.runUntilSettled({timeoutMs: 300_000})
    const d = structuredClone(c.store.get('apps/DaemonSet/default/fluentd')!)
    d.spec.template.spec.containers[0].image = 'fluentd:v2'
    c.engine.api.update(d)
    c.engine.runUntilSettled({timeoutMs: 300_000})
    const pods = c.store.list('/Pod')
    expect(pods).toHaveLength(3)
    expect(pods.every((p) => p.spec.containers[0].image === 'fluentd:v2')).toBe(true)
    const ev = eventLines(c.store, 'daemonset-controller').slice(3).map((e) => e.split(':')[0])
    expect(ev).toEqual(['DaemonSet/fluentd SuccessfulDelete', 'DaemonSet/fluentd SuccessfulCreate', 'DaemonSet/fluentd SuccessfulDelete', 'DaemonSet/fluentd SuccessfulCreate', 'DaemonSet/fluentd SuccessfulDelete', 'DaemonSet/fluentd SuccessfulCreate'])
  })
})
