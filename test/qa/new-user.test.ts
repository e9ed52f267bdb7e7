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
