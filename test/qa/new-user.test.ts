// QA as a new user: what a platform engineer types, mistakes included, checked against kubectl 1.32's wording.
import {beforeAll, describe, expect, it} from 'vitest'
import {k8sim, tempHome} from '../helpers/cli.js'
import {k8simInProcess} from '../helpers/in-process.js'
import {usageErrorLines} from '../../src/cli/base-command.js'

const env = {SOURCE_DATE_EPOCH: '1767225600'}

describe('usage errors are one clear line (exit 2)', () => {
  it('joins oclif\'s multi-line parse errors', () => {
    expect(usageErrorLines('The following error occurred:\n  Missing required flag replicas\nSee more help with --help')).toEqual([
      'Missing required flag replicas',
      'See more help with --help',
    ])
    expect(usageErrorLines('Parsing --replicas \n\tExpected an integer greater than or equal to 0 but received: -1\nSee more help with --help')).toEqual([
      'invalid value for --replicas: Expected an integer greater than or equal to 0 but received: -1',
      'See more help with --help',
    ])
    expect(usageErrorLines('Missing 1 required arg:\nduration  how long: 30s, 5m, 2h, 1h30m\nSee more help with --help')[0]).toBe('Missing 1 required arg: duration')
    expect(usageErrorLines('Nonexistent flag: --clust\nSee more help with --help')).toEqual(['Nonexistent flag: --clust', 'See more help with --help'])
  })

  it('scale without --replicas', () => {
    const r = k8sim(['scale', 'deployment/web'], {env})
    expect(r.status).toBe(2)
    expect(r.stderr).toBe('error: Missing required flag replicas\nSee more help with --help\n')
  })
})

describe('--version', () => {
  it('prints what `k8sim version` prints', () => {
    const a = k8sim(['--version'], {env})
    const b = k8sim(['version'], {env})
    expect(a.status).toBe(0)
    expect(a.stdout).toBe(b.stdout)
    expect(a.stdout).toMatch(/^k8sim version: v\S+\nSimulated Kubernetes version: v1\.32\.\d+\n$/)
  })
})

describe('on a cluster with a DaemonSet, a StatefulSet and a Deployment', () => {
  const home = tempHome()
  const manifests = `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      containers: [{name: a, image: busybox:1.36, resources: {requests: {cpu: 10m}}}]
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  serviceName: db
  replicas: 1
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      containers: [{name: db, image: postgres:16.4, resources: {requests: {cpu: 100m}}}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: nginx:1.27, resources: {requests: {cpu: 100m}}}]
`
  const run = (args: string[], stdin?: string) => k8simInProcess(args, {home, stdin})

  beforeAll(async () => {
    process.env.SOURCE_DATE_EPOCH = env.SOURCE_DATE_EPOCH
    const r = k8sim(['apply', '-f', '-'], {home, input: manifests, env})
    expect(r.status).toBe(0)
  })

  it('rollout history works for DaemonSets and StatefulSets (ControllerRevisions), as kubectl prints it', async () => {
    const ds = await run(['rollout', 'history', 'daemonset/agent'])
    expect(ds.status).toBe(0)
    expect(ds.stdout).toBe('daemonset.apps/agent \nREVISION  CHANGE-CAUSE\n1         <none>\n\n')
    const sts = await run(['rollout', 'history', 'sts/db'])
    expect(sts.stdout).toBe('statefulset.apps/db \nREVISION  CHANGE-CAUSE\n1         <none>\n\n')
  })

  it('rollout history --revision N prints that revision\'s pod template with kubectl\'s raw tabs', async () => {
    const r = await run(['rollout', 'history', 'deployment/web', '--revision', '1'])
    expect(r.status).toBe(0)
    expect(r.stdout).toMatch(/^deployment\.apps\/web with revision #1\nPod Template:\n  Labels:\tapp=web\n\tpod-template-hash=\w+\n  Containers:\n   web:\n    Image:\tnginx:1\.27\n/)
    expect(r.stdout.endsWith('  Tolerations:\t<none>\n\n')).toBe(true)
    const ds = await run(['rollout', 'history', 'ds/agent', '--revision', '1'])
    expect(ds.stdout).toMatch(/^daemonset\.apps\/agent with revision #1\nPod Template:\n  Labels:\tapp=agent\n/)
    const missing = await run(['rollout', 'history', 'deployment/web', '--revision', '9'])
    expect(missing.status).toBe(1)
    expect(missing.stderr).toBe('error: unable to find the specified revision\n')
  })

  it('rollout undo of a DaemonSet restores the previous ControllerRevision, which becomes the newest (kubectl\'s DaemonSetRollbacker)', async () => {
    const first = await run(['rollout', 'undo', 'ds/agent'])
    expect(first.status).toBe(1)
    expect(first.stderr).toBe('error: no last revision to roll back to\n')
    expect((await run(['rollout', 'restart', 'ds/agent'])).status).toBe(0)
    const undo = await run(['rollout', 'undo', 'ds/agent'])
    expect(undo.stdout).toBe('daemonset.apps/agent rolled back\n')
    expect((await run(['rollout', 'history', 'ds/agent'])).stdout).toBe('daemonset.apps/agent \nREVISION  CHANGE-CAUSE\n2         <none>\n3         <none>\n\n')
    const again = await run(['rollout', 'undo', 'ds/agent', '--to-revision', '3'])
    expect(again.stdout).toBe('daemonset.apps/agent skipped rollback (current template already matches revision 3)\n')
    const missing = await run(['rollout', 'undo', 'ds/agent', '--to-revision', '7'])
    expect(missing.stderr).toBe('error: unable to find specified revision 7 in history\n')
  })

  it('rollout pause/resume of a DaemonSet or StatefulSet: kubectl\'s "not supported", exit 1', async () => {
    const p = await run(['rollout', 'pause', 'ds/agent'])
    expect(p.status).toBe(1)
    expect(p.stderr).toBe('error: daemonsets.apps "agent" pausing is not supported\n')
    const r = await run(['rollout', 'resume', 'statefulset/db'])
    expect(r.status).toBe(1)
    expect(r.stderr).toBe('error: statefulsets.apps "db" resuming is not supported\n')
    const missing = await run(['rollout', 'pause', 'ds/nosuch'])
    expect(missing.stderr).toBe('Error from server (NotFound): daemonsets.apps "nosuch" not found\n')
  })

  it('decisions shows every plugin\'s weight, also where it scored 0', async () => {
    const table = await run(['decisions'])
    const pod = table.stdout.split('\n').find((l) => l.startsWith('web-'))!.split(/\s+/)[0]
    const d = await run(['decisions', pod])
    expect(d.status).toBe(0)
    expect(d.stdout).toMatch(/ 0×1=0 /) // ImageLocality: no image on any node, default weight 1
    expect(d.stdout).not.toMatch(/×0=/)
  })

  it('drain and delete accept a bare --dry-run (kubectl: client dry run)', async () => {
    const d = await run(['drain', 'node-1', '--dry-run', '--ignore-daemonsets'])
    expect(d.status).toBe(0)
    expect(d.stdout).toMatch(/^node\/node-1 cordoned \(dry run\)\n/)
    expect(d.stdout).toMatch(/node\/node-1 drained \(dry run\)\n$/)
    const nodes = await run(['get', 'nodes', 'node-1', '--no-headers'])
    expect(nodes.stdout).toMatch(/^node-1\s+Ready\s/)
    const del = await run(['delete', 'deployment', 'web', '--dry-run'])
    expect(del.status).toBe(0)
    expect(del.stdout).toBe('deployment.apps "web" deleted (dry run)\n')
    expect((await run(['get', 'deploy', 'web', '-o', 'name'])).stdout).toBe('deployment.apps/web\n')
  })
})

describe('Secrets and ConfigMaps', () => {
  const manifests = `apiVersion: v1
kind: Secret
metadata: {name: db-credentials}
data: {user: YWRtaW4=}
stringData: {password: example}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: web-config, labels: {app: web}}
data: {DATABASE_HOST: db, A_FLAG: "on"}
`
  const home = tempHome()
  beforeAll(() => {
    expect(k8sim(['apply', '-f', '-'], {home, input: manifests, env}).status).toBe(0)
  })

  it('stringData is merged into data (base64) and never stored, as the API server converts it', async () => {
    const r = await k8simInProcess(['get', 'secret', 'db-credentials', '-o', 'jsonpath={.data}{"|"}{.stringData}'], {home})
    expect(r.stdout).toBe('{"password":"ZXhhbXBsZQ==","user":"YWRtaW4="}|')
    const again = k8sim(['apply', '-f', '-'], {home, input: manifests, env})
    expect(again.stdout).toMatch(/^secret\/db-credentials unchanged\n/)
  })

  it('describe secret shows sizes, never values (kubectl describeSecret)', async () => {
    const r = await k8simInProcess(['describe', 'secret', 'db-credentials'], {home})
    expect(r.stdout).toBe(
      'Name:         db-credentials\nNamespace:    default\nLabels:       <none>\nAnnotations:  <none>\n\nType:  Opaque\n\nData\n====\npassword:  7 bytes\nuser:      5 bytes\n',
    )
  })

  it('describe configmap prints the Data block (kubectl ConfigMapDescriber)', async () => {
    const r = await k8simInProcess(['describe', 'configmap', 'web-config'], {home})
    expect(r.stdout).toBe(
      'Name:         web-config\nNamespace:    default\nLabels:       app=web\nAnnotations:  <none>\n\nData\n====\nA_FLAG:\n----\non\n\nDATABASE_HOST:\n----\ndb\n\n\nBinaryData\n====\n\nEvents:  <none>\n',
    )
  })
})

describe('advance past the progress deadline of a crash-looping Deployment', () => {
  it('does not livelock (was exit 10: "deployment-controller keeps running at one instant") nor busy-loop', async () => {
    const home = tempHome()
    const crasher = `apiVersion: apps/v1
kind: Deployment
metadata: {name: crasher}
spec:
  replicas: 1
  selector: {matchLabels: {app: crasher}}
  template:
    metadata:
      labels: {app: crasher}
      annotations: {sim.k8sim.io/crash-after: 5s}
    spec:
      containers: [{name: app, image: nginx:1.27}]
`
    expect(k8sim(['apply', '-f', '-'], {home, input: crasher, env}).status).toBe(0)
    const started = performance.now()
    const r = await k8simInProcess(['advance', '1h', '-q'], {home})
    expect(r.stderr).toBe('')
    expect(r.status).toBe(0)
    expect(performance.now() - started).toBeLessThan(10_000)
    const pods = await k8simInProcess(['get', 'pods', '--no-headers'], {home})
    expect(pods.stdout).toMatch(/CrashLoopBackOff/)
  })
})

describe('describe serviceaccount', () => {
  it('prints kubectl\'s secrets block, marking missing mountable secrets', async () => {
    const home = tempHome()
    const input = `apiVersion: v1
kind: Secret
metadata: {name: tls}
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: builder}
imagePullSecrets: [{name: regcred}]
secrets: [{name: gone}, {name: tls}]
`
    expect(k8sim(['apply', '-f', '-'], {home, input, env}).status).toBe(0)
    const r = await k8simInProcess(['describe', 'sa', 'builder'], {home})
    expect(r.stdout).toBe(`Name:                builder
Namespace:           default
Labels:              <none>
Annotations:         <none>
Image pull secrets:  regcred
Mountable secrets:   gone (not found)
                     tls
Tokens:              <none>
Events:              <none>
`)
  })
})

describe('describe storageclass / priorityclass (kubectl\'s describers, not the generic one)', () => {
  const home = tempHome()
  it('storageclass standard', async () => {
    const r = await k8simInProcess(['describe', 'storageclass', 'standard'], {home})
    expect(r.stdout).toBe(`Name:                  standard
IsDefaultClass:        Yes
Annotations:           storageclass.kubernetes.io/is-default-class=true
Provisioner:           rancher.io/local-path
Parameters:            <none>
AllowVolumeExpansion:  <unset>
MountOptions:          <none>
ReclaimPolicy:         Delete
VolumeBindingMode:     WaitForFirstConsumer
Events:                <none>
`)
  })

  it('priorityclass system-node-critical', async () => {
    const r = await k8simInProcess(['describe', 'priorityclass', 'system-node-critical'], {home})
    expect(r.stdout).toBe(`Name:              system-node-critical
Value:             2000001000
GlobalDefault:     false
PreemptionPolicy:  PreemptLowerPriority
Description:       Used for system critical pods that must not be moved from their current node.
Annotations:       <none>
Events:            <none>
`)
  })
})

describe('describe cronjob / ingress, and resource.version.group names', () => {
  const home = tempHome()
  const input = `apiVersion: batch/v1
kind: CronJob
metadata: {name: report}
spec:
  schedule: "0 2 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers: [{name: report, image: busybox:1.36}]
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector: {app: web}
  ports: [{name: http, port: 80}]
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web}
spec:
  rules:
  - host: shop.example.com
    http:
      paths:
      - {path: /, pathType: Prefix, backend: {service: {name: web, port: {name: http}}}}
      - {path: /api, pathType: Prefix, backend: {service: {name: api, port: {number: 8080}}}}
`
  beforeAll(() => {
    expect(k8sim(['apply', '-f', '-'], {home, input, env}).status).toBe(0)
  })

  it('cronjob', async () => {
    const r = await k8simInProcess(['describe', 'cronjob', 'report'], {home})
    expect(r.stdout).toMatch(/^Name:                          report\nNamespace:                     default\n/)
    expect(r.stdout).toContain('Schedule:                      0 2 * * *\nConcurrency Policy:            Allow\nSuspend:                       false\nSuccessful Job History Limit:  3\nFailed Job History Limit:      1\nStarting Deadline Seconds:     <unset>\nSelector:                      <unset>\nParallelism:                   <unset>\nCompletions:                   <unset>\nPod Template:\n')
    expect(r.stdout).toMatch(/Last Schedule Time:  <unset>\nActive Jobs:         <none>\nEvents:              <none>\n$/)
  })

  it('ingress: rules with backends and their endpoints (none ready: "()", as formatEndpointSlices gives), or the error kubectl shows', async () => {
    const r = await k8simInProcess(['describe', 'ingress', 'web'], {home})
    expect(r.stdout).toBe(`Name:             web
Labels:           <none>
Namespace:        default
Address:          
Ingress Class:    <none>
Default backend:  <default>
Rules:
  Host              Path  Backends
  ----              ----  --------
  shop.example.com  
                    /      web:http ()
                    /api   api:8080 (<error: services "api" not found>)
Annotations:        <none>
Events:             <none>
`)
  })

  it('get accepts resource.version.group', async () => {
    const r = await k8simInProcess(['get', 'cronjobs.v1.batch', '-o', 'name'], {home})
    expect(r.stdout).toBe('cronjob.batch/report\n')
    const bad = await k8simInProcess(['get', 'cronjobs.v9.batch'], {home})
    expect(bad.status).toBe(1)
    expect(bad.stderr).toBe('error: the server doesn\'t have a resource type "cronjobs.v9.batch"\n')
  })
})

describe('describe resourcequota / limitrange (kubectl\'s describeQuota, describeLimitRange)', () => {
  it('prints the Used/Hard and limits tables', async () => {
    const home = tempHome()
    const input = `apiVersion: v1
kind: ResourceQuota
metadata: {name: compute}
spec:
  hard: {pods: "10", requests.cpu: "4"}
  scopes: [NotBestEffort]
---
apiVersion: v1
kind: LimitRange
metadata: {name: lr}
spec:
  limits:
  - type: Container
    default: {cpu: 500m}
    max: {cpu: "2"}
`
    expect(k8sim(['apply', '-f', '-'], {home, input, env}).status).toBe(0)
    const rq = await k8simInProcess(['describe', 'quota', 'compute'], {home})
    expect(rq.stdout).toBe(`Name:       compute
Namespace:  default
Scopes:     NotBestEffort
 * Matches all pods that have at least one resource requirement set. These pods have a burstable or guaranteed quality of service.
Resource      Used  Hard
--------      ----  ----
pods          0     10
requests.cpu  0     4
`)
    const lr = await k8simInProcess(['describe', 'limitrange', 'lr'], {home})
    expect(lr.stdout).toBe(`Name:       lr
Namespace:  default
Type        Resource  Min  Max  Default Request  Default Limit  Max Limit/Request Ratio
----        --------  ---  ---  ---------------  -------------  -----------------------
Container   cpu       -    2    500m             500m           -
`)
  })
})

describe('replay of a file that is not a Scenario', () => {
  it('a multi-document manifest: one clear line and a hint, exit 1', async () => {
    const r = await k8simInProcess(['replay', 'fixtures/guestbook/frontend.yaml'], {home: tempHome()})
    expect(r.status).toBe(1)
    expect(r.stderr).toBe('error: fixtures/guestbook/frontend.yaml:34: a Scenario file holds one YAML document, this one has several\nhint: manifests go in a step (`- apply: app.yaml`), or run `k8sim apply -f` on them\n')
  })
})

describe('kubectl spellings: events -o yaml|json, --flag=true|false', () => {
  const home = tempHome()
  beforeAll(() => {
    expect(k8sim(['apply', '-f', 'fixtures/guestbook/'], {home, env}).status).toBe(0)
  })

  it('events -o yaml prints an EventList sorted by time (was: Nonexistent flag: -o)', async () => {
    const r = await k8simInProcess(['events', '-o', 'yaml', '--for', 'deployment/frontend'], {home})
    expect(r.status).toBe(0)
    expect(r.stdout).toMatch(/^apiVersion: v1\nitems:\n- apiVersion: v1\n  count: 1\n/)
    expect(r.stdout).toContain('  message: Scaled up replica set frontend-')
    expect(r.stdout).toMatch(/\nkind: EventList\nmetadata:\n  resourceVersion: "\d+"\n$/)
    const j = await k8simInProcess(['events', '-o', 'json'], {home})
    expect(JSON.parse(j.stdout).kind).toBe('EventList')
  })

  it('get --all-namespaces=true / --no-headers=false', async () => {
    const a = await k8simInProcess(['get', 'ns', '--all-namespaces=true', '--no-headers=false'], {home})
    expect(a.status).toBe(0)
    expect(a.stdout).toMatch(/^NAME\s+STATUS\s+AGE\n/)
    const b = await k8simInProcess(['get', 'ns', 'default', '--no-headers=true'], {home})
    expect(b.stdout).toMatch(/^default\s+Active\s+\d+s\n$/)
  })
})

describe('describe pv (kubectl describePersistentVolume)', () => {
  it('a provisioned hostPath volume: claim, node affinity, source', async () => {
    const home = tempHome()
    expect(k8sim(['apply', '-f', 'fixtures/healthy/web-db/'], {home, env}).status).toBe(0)
    const r = await k8simInProcess(['describe', 'pv'], {home})
    expect(r.status).toBe(0)
    expect(r.stdout).toMatch(/^Name:              pvc-[0-9a-f-]+\nLabels:            <none>\nAnnotations:       local\.path\.provisioner\/selected-node: node-\d\n                   pv\.kubernetes\.io\/provisioned-by: rancher\.io\/local-path\n/)
    expect(r.stdout).toContain('StorageClass:      standard\nStatus:            Bound\nClaim:             default/data-db-0\nReclaim Policy:    Delete\nAccess Modes:      RWO\nVolumeMode:        Filesystem\nCapacity:          1Gi\nNode Affinity:     \n  Required Terms:  \n    Term 0:        kubernetes.io/hostname in [node-')
    expect(r.stdout).toMatch(/Message:           \nSource:\n    Type:          HostPath \(bare host directory volume\)\n    Path:          \/var\/local-path-provisioner\/pvc-[0-9a-f-]+_default_data-db-0\n    HostPathType:  DirectoryOrCreate\nEvents:            <none>\n$/)
  })
})
