import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import Create from '../../src/commands/cluster/create.js'
import List from '../../src/commands/cluster/list.js'
import Use from '../../src/commands/cluster/use.js'
import Delete from '../../src/commands/cluster/delete.js'
import Reset from '../../src/commands/cluster/reset.js'
import Export from '../../src/commands/cluster/export.js'
import {withCluster} from '../../src/state/session.js'
import {runCmd} from './run.js'

let home: string
const saved = {...process.env}
beforeEach(() => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'k8sim-cluster-'))
  delete process.env.K8SIM_CLUSTER
  delete process.env.K8SIM_HOME
  delete process.env.SOURCE_DATE_EPOCH
})
afterEach(() => {
  process.env = {...saved}
  fs.rmSync(home, {recursive: true, force: true})
})

const T0 = '2026-01-01T00:00:00Z'
const h = () => ['--home', home]

describe('cluster create / list / use / delete', () => {
  it('round-trips', async () => {
    let r = await runCmd(Create, ['demo', ...h(), '--nodes', '2', '--start-time', T0, '--seed', '7'])
    expect(r).toEqual({
      stdout: `cluster "demo" created (2 nodes, Kubernetes v1.32.8, start time ${T0}, seed 7)\nSwitched to cluster "demo".\n`,
      stderr: '',
      code: 0,
    })
    r = await runCmd(Create, ['big', ...h(), '--nodes', '12', '--kubernetes-version', '1.30', '--start-time', '2026-02-03T04:05:06Z'])
    expect(r.code).toBe(0)
    r = await runCmd(List, h())
    expect(r.stdout).toBe(
      [
        'CURRENT   NAME   NODES   PODS   KUBERNETES   TIME',
        '*         big    12      0      v1.30.14     2026-02-03T04:05:06Z',
        '          demo   2       0      v1.32.8      2026-01-01T00:00:00Z',
        '',
      ].join('\n'),
    )
    expect((await runCmd(Use, ['demo', ...h()])).stdout).toBe('Switched to cluster "demo".\n')
    expect(fs.readFileSync(path.join(home, 'current'), 'utf8')).toBe('demo\n')
    expect((await runCmd(List, [...h(), '-o', 'name'])).stdout).toBe('cluster/big\ncluster/demo\n')
    expect((await runCmd(Delete, ['demo', ...h()])).stdout).toBe('cluster "demo" deleted\n')
    expect(fs.existsSync(path.join(home, 'clusters', 'demo'))).toBe(false)
    // the current cluster was deleted: commands fall back to default
    expect(fs.existsSync(path.join(home, 'current'))).toBe(false)
    r = await runCmd(List, h())
    expect(r.stdout).toBe('CURRENT   NAME   NODES   PODS   KUBERNETES   TIME\n          big    12      0      v1.30.14     2026-02-03T04:05:06Z\n')
  })

  it('fails with one clear line', async () => {
    await runCmd(Create, ['demo', ...h(), '--start-time', T0])
    let r = await runCmd(Create, ['demo', ...h()])
    expect(r).toEqual({stdout: '', stderr: 'error: cluster "demo" already exists\nhint: delete it first with: k8sim cluster delete demo\n', code: 1})
    r = await runCmd(Use, ['nope', ...h()])
    expect(r).toEqual({stdout: '', stderr: 'error: cluster "nope" not found\nhint: create it with: k8sim cluster create nope\n', code: 1})
    expect((await runCmd(Delete, ['nope', ...h()])).stderr).toBe('error: cluster "nope" not found\nhint: create it with: k8sim cluster create nope\n')
    expect((await runCmd(Create, ['x', ...h(), '--nodes', 'three'])).stderr).toBe('error: invalid --nodes "three": must be a non-negative integer\n')
    expect((await runCmd(Create, ['x', ...h(), '--kubernetes-version', '1.20'])).stderr).toBe(
      'error: unsupported Kubernetes version "1.20": supported versions are 1.29 to 1.35\n',
    )
    expect((await runCmd(Create, ['x', ...h(), '--taints', 'a=b:Sometimes'])).stderr).toBe(
      'error: invalid taint effect "Sometimes" for key "a": must be one of NoSchedule, PreferNoSchedule, NoExecute\n',
    )
    expect((await runCmd(Create, ['x', ...h(), '--start-time', 'yesterday'])).stderr).toBe(
      'error: invalid --start-time "yesterday": must be an RFC 3339 time such as 2026-01-01T00:00:00Z\n',
    )
    expect((await runCmd(Create, ['Bad', ...h()])).code).toBe(1)
    expect(fs.readdirSync(path.join(home, 'clusters'))).toEqual(['demo'])
  })

  it('makes an empty cluster with --nodes 0, and applies node flags', async () => {
    await runCmd(Create, ['empty', ...h(), '--nodes', '0', '--start-time', T0])
    expect(await withCluster({home, cluster: 'empty', write: false}, (s) => [s.store.list('/Node').length, s.store.list('/Namespace').length])).toEqual([0, 4])
    await runCmd(Create, ['custom', ...h(), '--nodes', '4', '--cpu', '8', '--memory', '32Gi', '--pods', '50', '--zones', 'east,west', '--node-labels', 'tier=gold,gpu=true', '--taints', 'dedicated=infra:NoSchedule,spot:PreferNoSchedule'])
    const nodes = await withCluster({home, cluster: 'custom', write: false}, (s) => s.store.list('/Node'))
    expect(nodes.map((n) => n.metadata.labels!['topology.kubernetes.io/zone'])).toEqual(['east', 'west', 'east', 'west'])
    expect(nodes[3].metadata.labels).toMatchObject({tier: 'gold', gpu: 'true', 'kubernetes.io/hostname': 'node-4'})
    expect(nodes[0].status.capacity).toEqual({cpu: '8', 'ephemeral-storage': '100Gi', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory: '32Gi', pods: '50'})
    expect(nodes[0].spec.taints).toEqual([{key: 'dedicated', value: 'infra', effect: 'NoSchedule'}, {key: 'spot', effect: 'PreferNoSchedule'}])
  })

  it('takes the start time from SOURCE_DATE_EPOCH when --start-time is not given', async () => {
    process.env.SOURCE_DATE_EPOCH = '1767225600'
    const r = await runCmd(Create, ['sde', ...h(), '--seed', '1'])
    expect(r.stdout).toContain('start time 2026-01-01T00:00:00Z, seed 1')
  })

  it('creates from a Cluster file with node pools and a scheduler configuration', async () => {
    const f = path.join(home, 'cluster.yaml')
    fs.writeFileSync(
      f,
      `apiVersion: k8sim.io/v1alpha1
kind: Cluster
metadata:
  name: pools
spec:
  kubernetesVersion: "1.31"
  seed: 99
  startTime: "2026-03-01T12:00:00Z"
  nodePools:
  - name: general
    count: 2
  - name: gpu
    count: 1
    cpu: 16
    memory: 64Gi
    labels: {accelerator: nvidia}
    taints: [{key: nvidia.com/gpu, value: "true", effect: NoSchedule}]
    zones: [zone-x]
  schedulerConfig:
    apiVersion: kubescheduler.config.k8s.io/v1
    kind: KubeSchedulerConfiguration
    profiles: [{schedulerName: default-scheduler}]
`,
    )
    const r = await runCmd(Create, ['-f', f, ...h()])
    expect(r.stdout).toBe('cluster "pools" created (3 nodes, Kubernetes v1.31.12, start time 2026-03-01T12:00:00Z, seed 99)\nSwitched to cluster "pools".\n')
    await withCluster({home, write: false}, (s) => {
      expect(s.name).toBe('pools')
      expect(s.store.list('/Node').map((n) => n.metadata.name)).toEqual(['general-1', 'general-2', 'gpu-1'])
      const gpu = s.store.get('/Node//gpu-1')!
      expect(gpu.status.allocatable.cpu).toBe('16')
      expect(gpu.metadata.labels).toMatchObject({accelerator: 'nvidia', 'topology.kubernetes.io/zone': 'zone-x'})
      expect((s.meta.schedulerConfig as any).kind).toBe('KubeSchedulerConfiguration')
    })
    fs.writeFileSync(f, 'apiVersion: k8sim.io/v1alpha1\nkind: Cluster\nspec:\n  nodePools:\n  - name: a\n    count: two\n')
    expect((await runCmd(Create, ['bad', '-f', f, ...h()])).stderr).toBe(`error: ${f}: spec.nodePools[0].count: must be integer\n`)
    fs.writeFileSync(f, 'apiVersion: k8sim.io/v1alpha1\nkind: Cluster\nspec:\n  kubernetesVersion: 1.30\n')
    expect((await runCmd(Create, ['bad', '-f', f, ...h()])).stderr).toBe(
      `error: ${f}: spec.kubernetesVersion: 1.3 is read as a number: quote the version, e.g. kubernetesVersion: "1.30"\n`,
    )
    fs.writeFileSync(f, 'apiVersion: k8sim.io/v1alpha1\nkind: Cluster\nspec:\n  nodes: 3\n')
    expect((await runCmd(Create, ['bad', '-f', f, ...h()])).stderr).toBe(`error: ${f}: spec: unknown field "nodes"\n`)
  })
})

describe('cluster use default / --scheduler-config', () => {
  it('creates the embedded default when it is chosen and missing', async () => {
    process.env.SOURCE_DATE_EPOCH = '1767225600'
    expect((await runCmd(Use, ['default', ...h()])).stdout).toBe('Switched to cluster "default".\n')
    expect((await runCmd(List, h())).stdout).toBe('CURRENT   NAME      NODES   PODS   KUBERNETES   TIME\n*         default   3       0      v1.32.8      2026-01-01T00:00:00Z\n')
  })
  it('stores the scheduler configuration as given, and rejects other kinds', async () => {
    const f = path.join(home, 'sched.yaml')
    fs.writeFileSync(f, 'apiVersion: kubescheduler.config.k8s.io/v1\nkind: KubeSchedulerConfiguration\npercentageOfNodesToScore: 50\n')
    expect((await runCmd(Create, ['s', ...h(), '--scheduler-config', f])).code).toBe(0)
    expect(await withCluster({home, write: false}, (s) => s.meta.schedulerConfig)).toEqual({
      apiVersion: 'kubescheduler.config.k8s.io/v1',
      kind: 'KubeSchedulerConfiguration',
      percentageOfNodesToScore: 50,
    })
    fs.writeFileSync(f, 'apiVersion: v1\nkind: ConfigMap\n')
    expect((await runCmd(Create, ['t', ...h(), '--scheduler-config', f])).stderr).toBe(
      `error: ${f}: expected kind KubeSchedulerConfiguration (apiVersion kubescheduler.config.k8s.io/v1), got "ConfigMap"\n`,
    )
  })
})

describe('cluster reset', () => {
  it('goes back to the state right after create', async () => {
    await runCmd(Create, ['r', ...h(), '--nodes', '2', '--start-time', T0])
    const fresh = (await runCmd(Export, h())).stdout
    await withCluster({home, write: true}, (s) => {
      s.store.create({apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'x', namespace: 'default', uid: 'u'}})
      expect(s.store.delete('/Node//node-1')?.metadata.name).toBe('node-1')
      s.clock.advanceTo(s.clock.now() + 3_600_000)
      s.rng.uuid()
      s.saveDecisions([{podKey: '/Pod/default/a', attempt: 1, data: {}}])
    })
    expect((await runCmd(Export, h())).stdout).not.toBe(fresh)
    expect((await runCmd(Reset, h())).stdout).toBe(`cluster "r" reset (time ${T0})\n`)
    expect((await runCmd(Export, h())).stdout).toBe(fresh)
    await withCluster({home, write: false}, (s) => {
      expect(s.clock.nowRFC3339()).toBe(T0)
      expect(s.loadDecisions('/Pod/default/a')).toEqual([])
    })
  })
})
