import {describe, expect, it} from 'vitest'
import type {KubeObject} from '../../src/api/types.js'
import {podSummary} from '../../src/printers/tables/pods.js'
import {printTable} from '../../src/printers/tables/index.js'
import type {TableContext} from '../../src/printers/tables/common.js'

const now = Date.parse('2026-01-01T01:00:00Z')
const T0 = '2026-01-01T00:00:00Z'
const ctx = (o: Partial<TableContext> = {}): TableContext => ({now, wide: false, showLabels: false, allNamespaces: false, ...o})
const meta = (name: string, extra: Record<string, unknown> = {}) => ({name, namespace: 'default', creationTimestamp: T0, ...extra})

function pod(name: string, status: any, spec: any = {}, m: any = {}): KubeObject {
  return {apiVersion: 'v1', kind: 'Pod', metadata: meta(name, m), spec: {containers: [{name: 'c', image: 'nginx'}], ...spec}, status}
}

const running = {running: {startedAt: T0}}

describe('pod STATUS, READY, RESTARTS (printPod)', () => {
  it.each([
    ['pending, unscheduled', {phase: 'Pending'}, {}, {}, '0/1', 'Pending', '0'],
    ['container creating', {phase: 'Pending', containerStatuses: [{name: 'c', ready: false, restartCount: 0, state: {waiting: {reason: 'ContainerCreating'}}}]}, {}, {}, '0/1', 'ContainerCreating', '0'],
    ['running', {phase: 'Running', conditions: [{type: 'Ready', status: 'True'}], containerStatuses: [{name: 'c', ready: true, restartCount: 0, state: running}]}, {}, {}, '1/1', 'Running', '0'],
    [
      'crash loop with last restart',
      {phase: 'Running', containerStatuses: [{name: 'c', ready: false, restartCount: 5, state: {waiting: {reason: 'CrashLoopBackOff'}}, lastState: {terminated: {exitCode: 1, reason: 'Error', finishedAt: '2026-01-01T00:58:00Z'}}}]},
      {},
      {},
      '0/1',
      'CrashLoopBackOff',
      '5 (2m ago)',
    ],
    ['completed', {phase: 'Succeeded', containerStatuses: [{name: 'c', ready: false, restartCount: 0, state: {terminated: {exitCode: 0, reason: 'Completed'}}}]}, {}, {}, '0/1', 'Completed', '0'],
    ['exit code without reason', {phase: 'Failed', containerStatuses: [{name: 'c', state: {terminated: {exitCode: 3}}}]}, {}, {}, '0/1', 'ExitCode:3', '0'],
    ['evicted', {phase: 'Failed', reason: 'Evicted'}, {}, {}, '0/1', 'Evicted', '0'],
    [
      'init 0/2',
      {phase: 'Pending', initContainerStatuses: [{name: 'i1', state: {waiting: {reason: 'PodInitializing'}}}, {name: 'i2', state: {waiting: {reason: 'PodInitializing'}}}]},
      {initContainers: [{name: 'i1'}, {name: 'i2'}]},
      {},
      '0/1',
      'Init:0/2',
      '0',
    ],
    [
      'init crash loop',
      {phase: 'Pending', initContainerStatuses: [{name: 'i1', restartCount: 3, state: {waiting: {reason: 'CrashLoopBackOff'}}}]},
      {initContainers: [{name: 'i1'}]},
      {},
      '0/1',
      'Init:CrashLoopBackOff',
      '3',
    ],
    ['init error', {phase: 'Pending', initContainerStatuses: [{name: 'i1', state: {terminated: {exitCode: 1, reason: 'Error'}}}]}, {initContainers: [{name: 'i1'}]}, {}, '0/1', 'Init:Error', '0'],
    [
      'sidecar counts toward READY',
      {
        phase: 'Running',
        conditions: [{type: 'Initialized', status: 'True'}, {type: 'Ready', status: 'True'}],
        initContainerStatuses: [{name: 'proxy', started: true, ready: true, restartCount: 1, state: running}],
        containerStatuses: [{name: 'c', ready: true, restartCount: 0, state: running}],
      },
      {initContainers: [{name: 'proxy', restartPolicy: 'Always'}]},
      {},
      '2/2',
      'Running',
      '1',
    ],
    ['terminating', {phase: 'Running', containerStatuses: [{name: 'c', ready: true, state: running}]}, {}, {deletionTimestamp: '2026-01-01T01:00:30Z'}, '1/1', 'Terminating', '0'],
    ['unknown on a lost node', {phase: 'Running', reason: 'NodeLost'}, {}, {deletionTimestamp: '2026-01-01T01:00:30Z'}, '0/1', 'Unknown', '0'],
    ['scheduling gated', {phase: 'Pending', conditions: [{type: 'PodScheduled', status: 'False', reason: 'SchedulingGated'}]}, {}, {}, '0/1', 'SchedulingGated', '0'],
  ])('%s', (_n, status, spec, m, ready, st, restarts) => {
    expect(podSummary(pod('p', status, spec, m), now)).toEqual({ready, status: st, restarts})
  })

  it('prints the pod table, wide with -A and --show-labels', () => {
    const p = pod('web-7c5ddbdf54-2xkqf', {phase: 'Running', podIPs: [{ip: '10.244.1.5'}], conditions: [{type: 'Ready', status: 'True'}], containerStatuses: [{name: 'c', ready: true, restartCount: 0, state: running}]}, {nodeName: 'node-1'}, {labels: {app: 'web'}})
    expect(printTable([p], ctx())).toBe('NAME                   READY   STATUS    RESTARTS   AGE\nweb-7c5ddbdf54-2xkqf   1/1     Running   0          60m\n')
    expect(printTable([p], ctx({wide: true, allNamespaces: true, showLabels: true}))).toBe(
      'NAMESPACE   NAME                   READY   STATUS    RESTARTS   AGE   IP           NODE     NOMINATED NODE   READINESS GATES   LABELS\n' +
        'default     web-7c5ddbdf54-2xkqf   1/1     Running   0          60m   10.244.1.5   node-1   <none>           <none>            app=web\n',
    )
    expect(printTable([], ctx())).toBe('')
  })
})

describe('other kinds', () => {
  it('nodes: Ready,SchedulingDisabled, roles, wide columns', () => {
    const n: KubeObject = {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: {name: 'node-1', creationTimestamp: T0, labels: {'node-role.kubernetes.io/control-plane': ''}},
      spec: {unschedulable: true},
      status: {conditions: [{type: 'Ready', status: 'True'}], nodeInfo: {kubeletVersion: 'v1.32.8'}, addresses: [{type: 'InternalIP', address: '172.18.0.2'}]},
    }
    const n2: KubeObject = {apiVersion: 'v1', kind: 'Node', metadata: {name: 'node-2', creationTimestamp: T0}, status: {conditions: [{type: 'Ready', status: 'Unknown'}]}}
    expect(printTable([n, n2], ctx({allNamespaces: true}), false)).toBe(
      'NAME     STATUS                     ROLES           AGE   VERSION\n' + 'node-1   Ready,SchedulingDisabled   control-plane   60m   v1.32.8\n' + 'node-2   NotReady                   <none>          60m   \n',
    )
    expect(printTable([n], ctx({wide: true}), false)).toBe(
      'NAME     STATUS                     ROLES           AGE   VERSION   INTERNAL-IP   EXTERNAL-IP   OS-IMAGE    KERNEL-VERSION   CONTAINER-RUNTIME\n' +
        'node-1   Ready,SchedulingDisabled   control-plane   60m   v1.32.8   172.18.0.2    <none>        <unknown>   <unknown>        <unknown>\n',
    )
  })

  it('deployments and replicasets, with kind prefixes as in get all', () => {
    const d: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: meta('web'),
      spec: {replicas: 3, selector: {matchLabels: {app: 'web'}}, template: {spec: {containers: [{name: 'nginx', image: 'nginx:1.27'}]}}},
      status: {readyReplicas: 2, updatedReplicas: 3, availableReplicas: 2},
    }
    expect(printTable([d], ctx({withKind: true}))).toBe('NAME                  READY   UP-TO-DATE   AVAILABLE   AGE\ndeployment.apps/web   2/3     3            2           60m\n')
    expect(printTable([d], ctx({wide: true}))).toBe('NAME   READY   UP-TO-DATE   AVAILABLE   AGE   CONTAINERS   IMAGES       SELECTOR\nweb    2/3     3            2           60m   nginx        nginx:1.27   app=web\n')
  })

  it('services: ClusterIP, NodePort, LoadBalancer pending, headless', () => {
    const svc = (name: string, spec: any): KubeObject => ({apiVersion: 'v1', kind: 'Service', metadata: meta(name), spec, status: {loadBalancer: {}}})
    const out = printTable(
      [
        svc('kubernetes', {type: 'ClusterIP', clusterIPs: ['10.96.0.1'], ports: [{port: 443, protocol: 'TCP'}]}),
        svc('np', {type: 'NodePort', clusterIPs: ['10.96.5.5'], ports: [{port: 80, nodePort: 30080, protocol: 'TCP'}, {port: 53, protocol: 'UDP'}]}),
        svc('lb', {type: 'LoadBalancer', clusterIPs: ['10.96.7.7'], ports: [{port: 80, nodePort: 31000, protocol: 'TCP'}]}),
        svc('headless', {type: 'ClusterIP', clusterIP: 'None', clusterIPs: ['None'], ports: []}),
      ],
      ctx(),
    )
    expect(out).toBe(
      'NAME         TYPE           CLUSTER-IP   EXTERNAL-IP   PORT(S)               AGE\n' +
        'kubernetes   ClusterIP      10.96.0.1    <none>        443/TCP               60m\n' +
        'np           NodePort       10.96.5.5    <none>        80:30080/TCP,53/UDP   60m\n' +
        'lb           LoadBalancer   10.96.7.7    <pending>     80:31000/TCP          60m\n' +
        'headless     ClusterIP      None         <none>        <none>                60m\n',
    )
  })

  it('jobs and cronjobs', () => {
    const job: KubeObject = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: meta('pi'),
      spec: {completions: 1, parallelism: 1, template: {spec: {containers: [{name: 'pi', image: 'perl'}]}}},
      status: {succeeded: 1, startTime: '2026-01-01T00:00:00Z', completionTime: '2026-01-01T00:00:12Z', conditions: [{type: 'Complete', status: 'True'}]},
    }
    const running: KubeObject = {apiVersion: 'batch/v1', kind: 'Job', metadata: meta('w'), spec: {parallelism: 3}, status: {startTime: '2026-01-01T00:59:00Z'}}
    expect(printTable([job, running], ctx())).toBe('NAME   STATUS     COMPLETIONS   DURATION   AGE\npi     Complete   1/1           12s        60m\nw      Running    0/1 of 3      60s        60m\n')
    const cj: KubeObject = {apiVersion: 'batch/v1', kind: 'CronJob', metadata: meta('hello'), spec: {schedule: '*/5 * * * *', suspend: false}, status: {lastScheduleTime: '2026-01-01T00:55:00Z', active: [{}]}}
    expect(printTable([cj], ctx())).toBe('NAME    SCHEDULE      TIMEZONE   SUSPEND   ACTIVE   LAST SCHEDULE   AGE\nhello   */5 * * * *   <none>     False     1        5m              60m\n')
  })

  it('storage classes, configmaps, secrets, pvc, pdb, hpa, roles', () => {
    const sc: KubeObject = {apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: {name: 'standard', creationTimestamp: T0, annotations: {'storageclass.kubernetes.io/is-default-class': 'true'}}, provisioner: 'rancher.io/local-path', reclaimPolicy: 'Delete', volumeBindingMode: 'WaitForFirstConsumer'}
    expect(printTable([sc], ctx(), false)).toBe('NAME                 PROVISIONER             RECLAIMPOLICY   VOLUMEBINDINGMODE      ALLOWVOLUMEEXPANSION   AGE\nstandard (default)   rancher.io/local-path   Delete          WaitForFirstConsumer   false                  60m\n')
    const cm: KubeObject = {apiVersion: 'v1', kind: 'ConfigMap', metadata: meta('kube-root-ca.crt'), data: {'ca.crt': 'x'}}
    expect(printTable([cm], ctx())).toBe('NAME               DATA   AGE\nkube-root-ca.crt   1      60m\n')
    const sec: KubeObject = {apiVersion: 'v1', kind: 'Secret', metadata: meta('s'), type: 'Opaque', data: {a: 'eA==', b: 'eQ=='}}
    expect(printTable([sec], ctx())).toBe('NAME   TYPE     DATA   AGE\ns      Opaque   2      60m\n')
    const pvc: KubeObject = {apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: meta('data'), spec: {storageClassName: 'standard', resources: {requests: {storage: '1Gi'}}}, status: {phase: 'Pending'}}
    expect(printTable([pvc], ctx())).toBe('NAME   STATUS    VOLUME   CAPACITY   ACCESS MODES   STORAGECLASS   VOLUMEATTRIBUTESCLASS   AGE\ndata   Pending                                      standard       <unset>                 60m\n')
    const pdb: KubeObject = {apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: meta('web'), spec: {minAvailable: 2}, status: {disruptionsAllowed: 1}}
    expect(printTable([pdb], ctx())).toBe('NAME   MIN AVAILABLE   MAX UNAVAILABLE   ALLOWED DISRUPTIONS   AGE\nweb    2               N/A               1                     60m\n')
    const hpa: KubeObject = {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: meta('web'),
      spec: {scaleTargetRef: {kind: 'Deployment', name: 'web'}, minReplicas: 1, maxReplicas: 10, metrics: [{type: 'Resource', resource: {name: 'cpu', target: {type: 'Utilization', averageUtilization: 80}}}]},
      status: {currentReplicas: 3, currentMetrics: [{type: 'Resource', resource: {name: 'cpu', current: {averageUtilization: 40}}}]},
    }
    expect(printTable([hpa], ctx())).toBe('NAME   REFERENCE        TARGETS        MINPODS   MAXPODS   REPLICAS   AGE\nweb    Deployment/web   cpu: 40%/80%   1         10        3          60m\n')
    const role: KubeObject = {apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: meta('reader')}
    expect(printTable([role], ctx())).toBe('NAME     CREATED AT\nreader   2026-01-01T00:00:00Z\n')
    const cr: KubeObject = {apiVersion: 'example.com/v1', kind: 'Widget', metadata: meta('w1')}
    expect(printTable([cr], ctx())).toBe('NAME   AGE\nw1     60m\n')
  })

  it('events (kubectl get events)', () => {
    const ev: KubeObject = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: meta('web-1.181a2b3c4d5e6f70'),
      involvedObject: {kind: 'Pod', name: 'web-1', namespace: 'default'},
      reason: 'Scheduled',
      message: 'Successfully assigned default/web-1 to node-1',
      type: 'Normal',
      source: {component: 'default-scheduler'},
      firstTimestamp: '2026-01-01T00:59:55Z',
      lastTimestamp: '2026-01-01T00:59:55Z',
      count: 1,
    }
    expect(printTable([ev], ctx())).toBe('LAST SEEN   TYPE     REASON      OBJECT      MESSAGE\n5s          Normal   Scheduled   pod/web-1   Successfully assigned default/web-1 to node-1\n')
  })
})
