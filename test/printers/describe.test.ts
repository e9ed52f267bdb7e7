import {describe, expect, it} from 'vitest'
import {ObjectStore} from '../../src/api/store/store.js'
import type {KubeObject} from '../../src/api/types.js'
import {describeObject} from '../../src/printers/describe/index.js'
import {describePod} from '../../src/printers/describe/pod.js'
import {formatSchedulingSection} from '../../src/printers/describe/scheduling.js'

const now = Date.parse('2026-01-01T00:10:00Z')
const T0 = '2026-01-01T00:00:00Z'

const pod: KubeObject = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {name: 'web-7c5ddbdf54-2xkqf', namespace: 'default', uid: 'u1', creationTimestamp: T0, labels: {app: 'web', 'pod-template-hash': '7c5ddbdf54'}, ownerReferences: [{apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-7c5ddbdf54', uid: 'r1', controller: true}]},
  spec: {
    nodeName: 'node-1',
    priority: 0,
    serviceAccountName: 'default',
    containers: [{name: 'nginx', image: 'nginx:1.27', ports: [{containerPort: 80, protocol: 'TCP'}], volumeMounts: [{name: 'kube-api-access-abcde', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true}]}],
    volumes: [{name: 'kube-api-access-abcde', projected: {sources: [{serviceAccountToken: {expirationSeconds: 3607, path: 'token'}}, {configMap: {name: 'kube-root-ca.crt'}}, {downwardAPI: {items: []}}]}}],
    tolerations: [
      {key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300},
      {key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300},
    ],
  },
  status: {
    phase: 'Running',
    hostIP: '172.18.0.2',
    podIP: '10.244.1.5',
    podIPs: [{ip: '10.244.1.5'}],
    startTime: '2026-01-01T00:00:01Z',
    qosClass: 'BestEffort',
    conditions: [
      {type: 'PodReadyToStartContainers', status: 'True'},
      {type: 'Initialized', status: 'True'},
      {type: 'Ready', status: 'True'},
      {type: 'ContainersReady', status: 'True'},
      {type: 'PodScheduled', status: 'True'},
    ],
    containerStatuses: [{name: 'nginx', ready: true, restartCount: 0, image: 'nginx:1.27', imageID: 'docker.io/library/nginx@sha256:abc', containerID: 'containerd://123', state: {running: {startedAt: '2026-01-01T00:00:04Z'}}}],
  },
}

const POD_BODY = `Name:             web-7c5ddbdf54-2xkqf
Namespace:        default
Priority:         0
Service Account:  default
Node:             node-1/172.18.0.2
Start Time:       Thu, 01 Jan 2026 00:00:01 +0000
Labels:           app=web
                  pod-template-hash=7c5ddbdf54
Annotations:      <none>
Status:           Running
IP:               10.244.1.5
IPs:
  IP:           10.244.1.5
Controlled By:  ReplicaSet/web-7c5ddbdf54
Containers:
  nginx:
    Container ID:   containerd://123
    Image:          nginx:1.27
    Image ID:       docker.io/library/nginx@sha256:abc
    Port:           80/TCP
    Host Port:      0/TCP
    State:          Running
      Started:      Thu, 01 Jan 2026 00:00:04 +0000
    Ready:          True
    Restart Count:  0
    Environment:    <none>
    Mounts:
      /var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-abcde (ro)
Conditions:
  Type                        Status
  PodReadyToStartContainers   True 
  Initialized                 True 
  Ready                       True 
  ContainersReady             True 
  PodScheduled                True 
Volumes:
  kube-api-access-abcde:
    Type:                    Projected (a volume that contains injected data from multiple sources)
    TokenExpirationSeconds:  3607
    ConfigMapName:           kube-root-ca.crt
    ConfigMapOptional:       <nil>
    DownwardAPI:             true
QoS Class:                   BestEffort
Node-Selectors:              <none>
Tolerations:                 node.kubernetes.io/not-ready:NoExecute op=Exists for 300s
                             node.kubernetes.io/unreachable:NoExecute op=Exists for 300s
`

const ev = (reason: string, message: string, first: string, last = first, count = 1, component = 'kubelet'): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Event',
  metadata: {name: `web-7c5ddbdf54-2xkqf.${reason}`, namespace: 'default'},
  involvedObject: {kind: 'Pod', name: 'web-7c5ddbdf54-2xkqf', namespace: 'default', uid: 'u1'},
  reason,
  message,
  type: 'Normal',
  source: {component},
  firstTimestamp: first,
  lastTimestamp: last,
  count,
})

describe('describe pod', () => {
  it('prints kubectl layout with Events: <none> aligned to the block above', () => {
    expect(describePod(pod, {events: [], now})).toBe(POD_BODY + 'Events:                      <none>\n')
  })

  it('prints the Events table sorted by time, with (xN over M)', () => {
    const events = [
      ev('Pulling', 'Pulling image "nginx:1.27"', '2026-01-01T00:00:01Z'),
      ev('Scheduled', 'Successfully assigned default/web-7c5ddbdf54-2xkqf to node-1', '2026-01-01T00:00:00Z', undefined, 1, 'default-scheduler'),
      ev('BackOff', 'Back-off restarting failed container nginx', '2026-01-01T00:02:00Z', '2026-01-01T00:08:00Z', 4),
    ]
    expect(describePod(pod, {events, now})).toBe(
      POD_BODY +
        `Events:
  Type    Reason     Age              From               Message
  ----    ------     ----             ----               -------
  Normal  Scheduled  10m              default-scheduler  Successfully assigned default/web-7c5ddbdf54-2xkqf to node-1
  Normal  Pulling    9m59s            kubelet            Pulling image "nginx:1.27"
  Normal  BackOff    2m (x4 over 8m)  kubelet            Back-off restarting failed container nginx
`,
    )
  })

  it('inserts the Scheduling: section before Events', () => {
    const sched = formatSchedulingSection({
      attempt: 1,
      attempts: 1,
      time: '2026-01-01T00:00:00Z',
      result: 'Scheduled',
      node: 'node-1',
      nodes: [
        {name: 'node-1', feasible: true, filters: [], scores: [], total: 436},
        {name: 'node-2', feasible: true, filters: [], scores: [], total: 420},
        {name: 'node-3', feasible: false, filters: [{plugin: 'NodeResourcesFit', code: 'Unschedulable', reasons: ['Insufficient cpu']}], scores: [], total: 0},
      ],
    })
    expect(sched).toBe(`Scheduling:
  Result:      Scheduled on node-1 (attempt 1 of 1 at 2026-01-01T00:00:00Z)
  Score:       436 (2/3 nodes feasible)
  Runner-ups:  node-2 (420)
  Rejected:
    node-3  NodeResourcesFit: Insufficient cpu
`)
    expect(describePod(pod, {events: [], now, scheduling: sched})).toBe(POD_BODY + sched + 'Events:                      <none>\n')
  })
})

describe('describe deployment / generic', () => {
  it('prints the deployment with its template and replica sets', () => {
    const store = new ObjectStore()
    const template = {metadata: {labels: {app: 'web'}}, spec: {containers: [{name: 'nginx', image: 'nginx:1.27', resources: {requests: {cpu: '100m'}}}]}}
    store.create({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: {name: 'web', namespace: 'default', uid: 'd1', creationTimestamp: T0, annotations: {'deployment.kubernetes.io/revision': '1'}},
      spec: {replicas: 3, selector: {matchLabels: {app: 'web'}}, strategy: {type: 'RollingUpdate', rollingUpdate: {maxUnavailable: '25%', maxSurge: '25%'}}, template},
      status: {replicas: 3, updatedReplicas: 3, availableReplicas: 3, conditions: [{type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable'}, {type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable'}]},
    })
    store.create({
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {name: 'web-7c5ddbdf54', namespace: 'default', uid: 'r1', creationTimestamp: T0, ownerReferences: [{apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: 'd1', controller: true}]},
      spec: {replicas: 3, template: {metadata: {labels: {app: 'web', 'pod-template-hash': '7c5ddbdf54'}}, spec: template.spec}},
      status: {replicas: 3},
    })
    const out = describeObject(store.get('apps/Deployment/default/web')!, {store, now})
    expect(out).toBe(`Name:                   web
Namespace:              default
CreationTimestamp:      Thu, 01 Jan 2026 00:00:00 +0000
Labels:                 <none>
Annotations:            deployment.kubernetes.io/revision: 1
Selector:               app=web
Replicas:               3 desired | 3 updated | 3 total | 3 available | 0 unavailable
StrategyType:           RollingUpdate
MinReadySeconds:        0
RollingUpdateStrategy:  25% max unavailable, 25% max surge
Pod Template:
  Labels:  app=web
  Containers:
   nginx:
    Image:      nginx:1.27
    Port:       <none>
    Host Port:  <none>
    Requests:
      cpu:         100m
    Environment:   <none>
    Mounts:        <none>
  Volumes:         <none>
  Node-Selectors:  <none>
  Tolerations:     <none>
Conditions:
  Type           Status  Reason
  ----           ------  ------
  Available      True    MinimumReplicasAvailable
  Progressing    True    NewReplicaSetAvailable
OldReplicaSets:  <none>
NewReplicaSet:   web-7c5ddbdf54 (3/3 replicas created)
Events:          <none>
`)
  })

  it('falls back to the generic describer', () => {
    const store = new ObjectStore()
    // a kind kubectl has no describer for (a custom resource); ConfigMap has its own since k8sim QA (test/qa)
    const cm = store.create({apiVersion: 'example.com/v1', kind: 'Widget', metadata: {name: 'cfg', namespace: 'default', uid: 'c1'}, data: {key: 'value'}})
    expect(describeObject(cm, {store, now})).toBe(`Name:         cfg
Namespace:    default
Labels:       <none>
API Version:  example.com/v1
Data:
  Key:  value
Kind:   Widget
Metadata:
  Resource Version:  1
  UID:               c1
Events:              <none>
`)
  })
})

describe('describe namespace / job', () => {
  it('namespace without quota or limits', () => {
    const store = new ObjectStore()
    const ns = store.create({apiVersion: 'v1', kind: 'Namespace', metadata: {name: 'default', labels: {'kubernetes.io/metadata.name': 'default'}}, status: {phase: 'Active'}})
    expect(describeObject(ns, {store, now})).toBe('Name:         default\nLabels:       kubernetes.io/metadata.name=default\nAnnotations:  <none>\nStatus:       Active\n\nNo resource quota.\n\nNo LimitRange resource.\n')
  })

  it('job', () => {
    const store = new ObjectStore()
    const job = store.create({
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: {name: 'pi', namespace: 'default', uid: 'j1'},
      spec: {parallelism: 1, completions: 1, completionMode: 'NonIndexed', suspend: false, backoffLimit: 6, selector: {matchLabels: {'batch.kubernetes.io/controller-uid': 'j1'}}, template: {metadata: {labels: {'job-name': 'pi'}}, spec: {containers: [{name: 'pi', image: 'perl'}]}}},
      status: {startTime: '2026-01-01T00:00:00Z', completionTime: '2026-01-01T00:00:12Z', succeeded: 1, ready: 0},
    })
    const out = describeObject(job, {store, now})
    expect(out.split('\n').slice(0, 14).join('\n')).toBe(`Name:             pi
Namespace:        default
Selector:         batch.kubernetes.io/controller-uid=j1
Labels:           <none>
Annotations:      <none>
Parallelism:      1
Completions:      1
Completion Mode:  NonIndexed
Suspend:          false
Backoff Limit:    6
Start Time:       Thu, 01 Jan 2026 00:00:00 +0000
Completed At:     Thu, 01 Jan 2026 00:00:12 +0000
Duration:         12s
Pods Statuses:    0 Active (0 Ready) / 1 Succeeded / 0 Failed`)
  })
})

describe('describe node', () => {
  it('prints pods, allocated resources and percentages', () => {
    const store = new ObjectStore()
    const node = store.create({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: {name: 'node-1', uid: 'n1', creationTimestamp: T0, labels: {'kubernetes.io/hostname': 'node-1'}},
      spec: {taints: [{key: 'b', effect: 'NoSchedule'}, {key: 'a', value: 'x', effect: 'NoExecute'}]},
      status: {capacity: {cpu: '4', memory: '16Gi', pods: '110'}, allocatable: {cpu: '4', memory: '16Gi', pods: '110'}, addresses: [{type: 'InternalIP', address: '172.18.0.2'}], nodeInfo: {kubeletVersion: 'v1.32.8'}},
    })
    store.create({apiVersion: 'v1', kind: 'Pod', metadata: {name: 'web-1', namespace: 'default', creationTimestamp: T0}, spec: {nodeName: 'node-1', containers: [{name: 'c', resources: {requests: {cpu: '250m', memory: '512Mi'}, limits: {memory: '1Gi'}}}]}, status: {phase: 'Running'}})
    store.create({apiVersion: 'v1', kind: 'Pod', metadata: {name: 'done', namespace: 'default', creationTimestamp: T0}, spec: {nodeName: 'node-1', containers: [{name: 'c'}]}, status: {phase: 'Succeeded'}})
    const out = describeObject(node, {store, now})
    expect(out).toContain('Taints:             a=x:NoExecute\n                    b:NoSchedule\n')
    expect(out).toContain('Lease:\n  HolderIdentity:  <unset>\n  AcquireTime:     <unset>\n  RenewTime:       <unset>\n')
    expect(out.slice(out.indexOf('Non-terminated Pods:'))).toBe(`Non-terminated Pods:          (1 in total)
  Namespace                   Name     CPU Requests  CPU Limits  Memory Requests  Memory Limits  Age
  ---------                   ----     ------------  ----------  ---------------  -------------  ---
  default                     web-1    250m (6%)     0 (0%)      512Mi (3%)       1Gi (6%)       10m
Allocated resources:
  (Total limits may be over 100 percent, i.e., overcommitted.)
  Resource           Requests    Limits
  --------           --------    ------
  cpu                250m (6%)   0 (0%)
  memory             512Mi (3%)  1Gi (6%)
  ephemeral-storage  0 (0%)      0 (0%)
Events:              <none>
`)
  })
})

describe('describe pdb / hpa', () => {
  it('pdb', () => {
    const store = new ObjectStore()
    const pdb = store.create({apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: {name: 'web', namespace: 'default'}, spec: {minAvailable: 2, selector: {matchLabels: {app: 'web'}}}, status: {disruptionsAllowed: 1, currentHealthy: 3, desiredHealthy: 2, expectedPods: 3}})
    expect(describeObject(pdb, {store, now})).toBe(`Name:           web
Namespace:      default
Min available:  2
Selector:       app=web
Status:
    Allowed disruptions:  1
    Current:              3
    Desired:              2
    Total:                3
Events:                   <none>
`)
  })

  it('hpa', () => {
    const store = new ObjectStore()
    const hpa = store.create({
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: {name: 'web', namespace: 'default', creationTimestamp: T0},
      spec: {scaleTargetRef: {kind: 'Deployment', name: 'web'}, minReplicas: 1, maxReplicas: 10, metrics: [{type: 'Resource', resource: {name: 'cpu', target: {type: 'Utilization', averageUtilization: 80}}}]},
      status: {currentReplicas: 3, desiredReplicas: 3, currentMetrics: [{type: 'Resource', resource: {name: 'cpu', current: {averageUtilization: 40, averageValue: '40m'}}}]},
    })
    expect(describeObject(hpa, {store, now})).toBe(`Name:                                                  web
Namespace:                                             default
Labels:                                                <none>
Annotations:                                           <none>
CreationTimestamp:                                     Thu, 01 Jan 2026 00:00:00 +0000
Reference:                                             Deployment/web
Metrics:                                               ( current / target )
  resource cpu on pods  (as a percentage of request):  40% (40m) / 80%
Min replicas:                                          1
Max replicas:                                          10
Deployment pods:                                       3 current / 3 desired
Events:                                                <none>
`)
  })
})
