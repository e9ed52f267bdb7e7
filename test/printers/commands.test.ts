import {describe, expect, it} from 'vitest'
import {ResourceRegistry} from '../../src/api/resources.js'
import {ObjectStore} from '../../src/api/store/store.js'
import type {KubeObject} from '../../src/api/types.js'
import {runDelete} from '../../src/printers/delete-run.js'
import {runDescribe} from '../../src/printers/describe/run.js'
import {runEvents} from '../../src/printers/events-run.js'
import {runGet} from '../../src/printers/get.js'

const T0 = '2026-01-01T00:00:00Z'
const now = Date.parse('2026-01-01T00:01:00Z')

function cluster() {
  const store = new ObjectStore()
  const add = (o: KubeObject) => store.create(o)
  add({apiVersion: 'v1', kind: 'Namespace', metadata: {name: 'default', creationTimestamp: T0}, status: {phase: 'Active'}})
  add({apiVersion: 'v1', kind: 'Service', metadata: {name: 'kubernetes', namespace: 'default', creationTimestamp: T0}, spec: {type: 'ClusterIP', clusterIPs: ['10.96.0.1'], ports: [{port: 443, protocol: 'TCP'}]}})
  add({apiVersion: 'apps/v1', kind: 'Deployment', metadata: {name: 'web', namespace: 'default', uid: 'd1', creationTimestamp: T0}, spec: {replicas: 1, selector: {matchLabels: {app: 'web'}}}, status: {readyReplicas: 1, updatedReplicas: 1, availableReplicas: 1}})
  for (const [name, ns, node] of [['web-abc12', 'default', 'node-1'], ['api-xyz34', 'shop', 'node-2']])
    add({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {name, namespace: ns, uid: name, creationTimestamp: T0, labels: {app: name.split('-')[0]}},
      spec: {nodeName: node, containers: [{name: 'c', image: 'nginx'}]},
      status: {phase: 'Running', conditions: [{type: 'Ready', status: 'True'}], containerStatuses: [{name: 'c', ready: true, restartCount: 0, state: {running: {startedAt: T0}}}]},
    })
  add({
    apiVersion: 'v1',
    kind: 'Event',
    metadata: {name: 'web-abc12.1', namespace: 'default'},
    involvedObject: {kind: 'Pod', name: 'web-abc12', namespace: 'default', uid: 'web-abc12'},
    reason: 'Scheduled',
    type: 'Normal',
    message: 'Successfully assigned default/web-abc12 to node-1',
    source: {component: 'default-scheduler'},
    firstTimestamp: T0,
    lastTimestamp: T0,
    count: 1,
  })
  add({
    apiVersion: 'v1',
    kind: 'Event',
    metadata: {name: 'web-abc12.2', namespace: 'default'},
    involvedObject: {kind: 'Pod', name: 'web-abc12', namespace: 'default', uid: 'web-abc12'},
    reason: 'BackOff',
    type: 'Warning',
    message: 'Back-off pulling image "nginx"',
    source: {component: 'kubelet'},
    firstTimestamp: T0,
    lastTimestamp: '2026-01-01T00:00:50Z',
    count: 4,
  })
  return {store, registry: new ResourceRegistry(), now}
}

const sel = {namespace: 'default', allNamespaces: false}

describe('get', () => {
  it('lists one kind', () => {
    expect(runGet(cluster(), {...sel, args: ['pods']})).toEqual({stdout: 'NAME        READY   STATUS    RESTARTS   AGE\nweb-abc12   1/1     Running   0          60s\n', stderr: [], failed: false})
  })

  it('prints several kinds with kind/name and a blank line between groups (get all)', () => {
    expect(runGet(cluster(), {...sel, args: ['all']}).stdout).toBe(
      'NAME            READY   STATUS    RESTARTS   AGE\npod/web-abc12   1/1     Running   0          60s\n\n' +
        'NAME                 TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE\nservice/kubernetes   ClusterIP   10.96.0.1    <none>        443/TCP   60s\n\n' +
        'NAME                  READY   UP-TO-DATE   AVAILABLE   AGE\ndeployment.apps/web   1/1     1            1           60s\n',
    )
  })

  it('-A adds NAMESPACE; -l and --field-selector filter', () => {
    expect(runGet(cluster(), {...sel, allNamespaces: true, args: ['po'], fieldSelector: 'spec.nodeName=node-2'}).stdout).toBe('NAMESPACE   NAME        READY   STATUS    RESTARTS   AGE\nshop        api-xyz34   1/1     Running   0          60s\n')
    expect(runGet(cluster(), {...sel, allNamespaces: true, args: ['pods'], labelSelector: 'app=api', output: 'name'}).stdout).toBe('pod/api-xyz34\n')
  })

  it('reports NotFound and empty results as kubectl', () => {
    expect(runGet(cluster(), {...sel, args: ['deployments', 'nope']})).toEqual({stdout: '', stderr: ['Error from server (NotFound): deployments.apps "nope" not found'], failed: true})
    expect(runGet(cluster(), {...sel, namespace: 'empty', args: ['pods']})).toEqual({stdout: '', stderr: ['No resources found in empty namespace.'], failed: false})
    expect(runGet(cluster(), {...sel, args: ['nodes']}).stderr).toEqual(['No resources found'])
    expect(() => runGet(cluster(), {...sel, args: ['widgets']})).toThrow('the server doesn\'t have a resource type "widgets"')
  })

  it('prints a named object bare and lists as a List', () => {
    expect(runGet(cluster(), {...sel, args: ['deploy/web'], output: 'jsonpath={.kind}'}).stdout).toBe('Deployment')
    expect(runGet(cluster(), {...sel, args: ['pods'], output: 'jsonpath={.kind}'}).stdout).toBe('List')
  })
})

describe('describe and events', () => {
  it('describes by name prefix and reports NotFound', () => {
    const out = runDescribe(cluster(), {...sel, args: ['pod', 'web']})
    expect(out.stdout.split('\n')[0]).toBe('Name:         web-abc12')
    expect(out.stdout).toContain('  Warning  BackOff    10s (x4 over 60s)  kubelet            Back-off pulling image "nginx"\n')
    expect(runDescribe(cluster(), {...sel, args: ['pod', 'zzz']}).stderr).toEqual(['Error from server (NotFound): pods "zzz" not found'])
  })

  it('prints kubectl events sorted by time with --for and --types', () => {
    expect(runEvents(cluster(), {...sel}).stdout).toBe(
      'LAST SEEN           TYPE      REASON      OBJECT          MESSAGE\n' +
        '60s                 Normal    Scheduled   Pod/web-abc12   Successfully assigned default/web-abc12 to node-1\n' +
        '10s (x4 over 60s)   Warning   BackOff     Pod/web-abc12   Back-off pulling image "nginx"\n',
    )
    expect(runEvents(cluster(), {...sel, types: ['warning']}).stdout).toBe('LAST SEEN           TYPE      REASON    OBJECT          MESSAGE\n10s (x4 over 60s)   Warning   BackOff   Pod/web-abc12   Back-off pulling image "nginx"\n')
    expect(runEvents(cluster(), {...sel, for: 'deploy/web'})).toEqual({stdout: '', stderr: ['No events found in default namespace.'], failed: false})
    expect(() => runEvents(cluster(), {...sel, types: ['Bad']})).toThrow('valid --types are Normal or Warning')
  })
})

describe('delete', () => {
  const calls: Array<[string, unknown]> = []
  const api = {delete: (key: string, opts: unknown) => void calls.push([key, opts])}

  it('prints kubectl lines and passes cascade and grace period to the API server', () => {
    calls.length = 0
    const out = runDelete(cluster(), api, {...sel, args: ['deploy', 'web', 'nope'], cascade: 'orphan'})
    expect(out).toEqual({stdout: 'deployment.apps "web" deleted\n', stderr: ['Error from server (NotFound): deployments.apps "nope" not found'], failed: true})
    expect(calls).toEqual([['apps/Deployment/default/web', {propagationPolicy: 'Orphan'}]])
  })

  it('force deletes with --grace-period=0 --force and warns', () => {
    calls.length = 0
    const out = runDelete(cluster(), api, {...sel, args: ['pod/web-abc12'], gracePeriod: 0, force: true})
    expect(out.stdout).toBe('pod "web-abc12" force deleted\n')
    expect(out.stderr[0]).toMatch(/^Warning: Immediate deletion does not wait/)
    expect(calls).toEqual([['/Pod/default/web-abc12', {propagationPolicy: 'Background', gracePeriodSeconds: 0}]])
  })

  it('deletes by selector and from files; rejects a type without names', () => {
    calls.length = 0
    expect(runDelete(cluster(), api, {...sel, allNamespaces: true, args: ['pods'], labelSelector: 'app=api'}).stdout).toBe('pod "api-xyz34" deleted\n')
    const file = {obj: {apiVersion: 'v1', kind: 'Service', metadata: {name: 'kubernetes'}} as KubeObject, file: 'svc.yaml'}
    expect(runDelete(cluster(), api, {...sel, args: [], fromFiles: [file], dryRun: 'client'}).stdout).toBe('service "kubernetes" deleted (dry run)\n')
    expect(() => runDelete(cluster(), api, {...sel, args: ['pods']})).toThrow('resource(s) were provided, but no name was specified')
    expect(() => runDelete(cluster(), api, {...sel, args: ['pods'], all: true, cascade: 'sideways'})).toThrow('invalid cascade value (sideways)')
  })
})
