import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import Create from '../../src/commands/cluster/create.js'
import Import from '../../src/commands/cluster/import.js'
import Export from '../../src/commands/cluster/export.js'
import {withCluster} from '../../src/state/session.js'
import {runCmd} from './run.js'

let home: string
const saved = {...process.env}
beforeEach(async () => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'k8sim-import-'))
  delete process.env.K8SIM_CLUSTER
  delete process.env.SOURCE_DATE_EPOCH
  await runCmd(Create, ['imp', '--home', home, '--nodes', '1', '--start-time', '2026-01-01T00:00:00Z'])
})
afterEach(() => {
  process.env = {...saved}
  fs.rmSync(home, {recursive: true, force: true})
})

const dump = `apiVersion: v1
kind: List
metadata:
  resourceVersion: ""
items:
- apiVersion: v1
  kind: Pod
  metadata:
    name: web-1
    namespace: shop
    uid: 11111111-1111-4111-8111-111111111111
    creationTimestamp: "2026-01-05T10:00:00Z"
    resourceVersion: "98765"
    ownerReferences:
    - apiVersion: apps/v1
      kind: ReplicaSet
      name: web-abc
      uid: 22222222-2222-4222-8222-222222222222
      controller: true
      blockOwnerDeletion: true
  spec:
    nodeName: worker-9
    priorityClassName: system-cluster-critical
    containers: [{name: web, image: nginx:1.27}]
  status:
    phase: Running
    startTime: "2026-01-05T10:00:02Z"
    conditions:
    - {type: Ready, status: "True", lastTransitionTime: "2026-01-05T10:00:07Z"}
- apiVersion: v1
  kind: Node
  metadata:
    name: worker-9
    labels: {kubernetes.io/hostname: worker-9}
  status:
    capacity: {cpu: "2", memory: 8Gi, pods: "110"}
    allocatable: {cpu: "2", memory: 8Gi, pods: "110"}
- apiVersion: v1
  kind: Namespace
  metadata:
    name: shop
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
  namespace: shop
data:
  a: "1"
`

describe('cluster import', () => {
  it('keeps what is given, fills what is missing, orders namespaces, nodes, pods and moves the clock', async () => {
    const f = path.join(home, 'dump.yaml')
    fs.writeFileSync(f, dump)
    const r = await runCmd(Import, ['-f', f, '--home', home])
    expect(r.stderr).toBe('')
    expect(r.stdout).toBe(
      [
        'namespace/shop created',
        'configmap/settings created',
        'node/worker-9 created',
        'pod/web-1 created',
        'imported 4 objects: 4 created, 0 configured, 0 unchanged; clock moved to 2026-01-05T10:00:07Z',
        '',
      ].join('\n'),
    )
    await withCluster({home, write: false}, (s) => {
      const pod = s.store.get('/Pod/shop/web-1')!
      expect(pod.metadata.uid).toBe('11111111-1111-4111-8111-111111111111')
      expect(pod.metadata.creationTimestamp).toBe('2026-01-05T10:00:00Z')
      expect(pod.metadata.ownerReferences?.[0].name).toBe('web-abc')
      expect(pod.metadata.resourceVersion).not.toBe('98765')
      expect(pod.spec.nodeName).toBe('worker-9')
      expect(pod.spec.priority).toBe(2000000000)
      expect(pod.status.phase).toBe('Running')
      const ns = s.store.get('/Namespace//shop')!
      expect(ns.metadata.labels).toEqual({'kubernetes.io/metadata.name': 'shop'})
      expect(ns.metadata.uid).toMatch(/^[0-9a-f-]{36}$/)
      expect(ns.metadata.creationTimestamp).toBe('2026-01-05T10:00:07Z')
      expect(s.clock.nowRFC3339()).toBe('2026-01-05T10:00:07Z')
      expect(s.store.list('/Node').map((n) => n.metadata.name)).toEqual(['node-1', 'worker-9'])
    })
    // the same dump again changes nothing
    const again = await runCmd(Import, ['-f', f, '--home', home, '-q'])
    expect(again.stdout).toBe('imported 4 objects: 0 created, 0 configured, 4 unchanged\n')
  })

  it('creates the namespaces a dump of namespaced objects implies', async () => {
    const f = path.join(home, 'pods.yaml')
    fs.writeFileSync(f, 'apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: team-a}\nspec: {containers: [{name: c, image: nginx}]}\n')
    const r = await runCmd(Import, ['-f', f, '--home', home])
    expect(r.stdout).toBe('namespace/team-a created\npod/p created\nimported 2 objects: 2 created, 0 configured, 0 unchanged\n')
    await withCluster({home, write: false}, (s) => {
      expect(s.store.get('/Namespace//team-a')?.status).toEqual({phase: 'Active'})
      expect(s.store.get('/Pod/team-a/p')?.spec.priority).toBe(0)
      expect(s.store.get('/Pod/team-a/p')?.metadata.creationTimestamp).toBe('2026-01-01T00:00:00Z')
    })
  })

  it('takes back its own export unchanged', async () => {
    const f = path.join(home, 'dump.yaml')
    fs.writeFileSync(f, dump)
    await runCmd(Import, ['-f', f, '--home', home])
    const exported = (await runCmd(Export, ['--home', home])).stdout
    fs.writeFileSync(f, exported)
    const r = await runCmd(Import, ['-f', f, '--home', home, '-q'])
    expect(r.stdout).toMatch(/^imported \d+ objects: 0 created, 0 configured, \d+ unchanged\n$/)
    expect((await runCmd(Export, ['--home', home])).stdout).toBe(exported)
    const json = JSON.parse((await runCmd(Export, ['--home', home, '-o', 'json'])).stdout)
    expect(json.kind).toBe('List')
    expect(json.items[0].kind).toBe('Namespace')
    expect(json.items.at(-1).kind).toBe('Pod')
  })

  it('rejects bad input with nothing imported', async () => {
    const f = path.join(home, 'bad.yaml')
    fs.writeFileSync(f, 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ok}\n---\napiVersion: example.com/v1\nkind: Gadget\nmetadata: {name: g}\n')
    let r = await runCmd(Import, ['-f', f, '--home', home])
    expect(r).toEqual({stdout: '', stderr: `error: ${f}:5:1 (document 2, Gadget/g): no matches for kind "Gadget" in version "example.com/v1"\n`, code: 1})
    fs.writeFileSync(f, 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {priorityClassName: gold, containers: []}\n')
    r = await runCmd(Import, ['-f', f, '--home', home])
    expect(r.stderr).toBe(`error: ${f}:1:1 (document 1, Pod/p): pods "p" is forbidden: no PriorityClass with name gold was found\n`)
    fs.writeFileSync(f, 'kind: [\n')
    expect((await runCmd(Import, ['-f', f, '--home', home])).stderr).toMatch(new RegExp(`^error: ${f}:\\d+:\\d+ \\(document 1\\): `))
    expect((await runCmd(Import, ['-f', path.join(home, 'missing.yaml'), '--home', home])).stderr).toBe(`error: the path "${path.join(home, 'missing.yaml')}" does not exist\n`)
    expect(await withCluster({home, write: false}, (s) => s.store.list('/ConfigMap', 'default').map((c) => c.metadata.name))).toEqual(['kube-root-ca.crt'])
  })
})
