import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import {withCluster} from '../../src/state/session.js'
import {resolveClusterName, resolveHome, writeCurrent} from '../../src/state/paths.js'
import {UserError} from '../../src/errors.js'
import {parseRFC3339} from '../../src/clock/clock.js'

let home: string
const saved = {...process.env}

beforeEach(() => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'k8sim-state-'))
  delete process.env.K8SIM_CLUSTER
  delete process.env.K8SIM_HOME
  process.env.SOURCE_DATE_EPOCH = String(Date.UTC(2026, 0, 1) / 1000)
})
afterEach(() => {
  process.env = {...saved}
  fs.rmSync(home, {recursive: true, force: true})
})

const pod = (name: string) => ({apiVersion: 'v1', kind: 'Pod', metadata: {name, namespace: 'default', uid: `uid-${name}`}, spec: {containers: [{name: 'c', image: 'nginx'}]}})

describe('cluster selection', () => {
  it('takes --home, else K8SIM_HOME, else ~/.k8sim', () => {
    expect(resolveHome('/x/y')).toBe('/x/y')
    process.env.K8SIM_HOME = '/from/env'
    expect(resolveHome()).toBe('/from/env')
    delete process.env.K8SIM_HOME
    expect(resolveHome()).toBe(path.join(os.homedir(), '.k8sim'))
  })
  it('takes --cluster, else K8SIM_CLUSTER, else $K8SIM_HOME/current, else default', () => {
    expect(resolveClusterName(home)).toBe('default')
    writeCurrent(home, 'cur')
    expect(resolveClusterName(home)).toBe('cur')
    process.env.K8SIM_CLUSTER = 'env'
    expect(resolveClusterName(home)).toBe('env')
    expect(resolveClusterName(home, 'flag')).toBe('flag')
    expect(() => resolveClusterName(home, 'Bad_Name')).toThrow(/invalid cluster name "Bad_Name"/)
  })
})

describe('withCluster', () => {
  it('creates the embedded default cluster on first use, with private permissions', async () => {
    const nodes = await withCluster({home, write: false}, (s) => s.store.list('/Node').map((n) => n.metadata.name))
    expect(nodes).toEqual(['node-1', 'node-2', 'node-3'])
    const dir = path.join(home, 'clusters', 'default')
    expect(fs.statSync(home).mode & 0o777).toBe(0o700)
    expect(fs.statSync(path.join(home, 'clusters')).mode & 0o777).toBe(0o700)
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700)
    for (const f of fs.readdirSync(dir)) expect(fs.statSync(path.join(dir, f)).mode & 0o777, f).toBe(0o600)
  })

  it('says when a named cluster does not exist', async () => {
    const err = await withCluster({home, cluster: 'nope', write: false}, () => 1).catch((e) => e)
    expect(err).toBeInstanceOf(UserError)
    expect(err.message).toBe('cluster "nope" not found')
  })

  it('saves objects, clock, random state and resourceVersion of a write command', async () => {
    const before = await withCluster({home, write: true}, (s) => {
      s.store.create(pod('a'))
      s.clock.advanceTo(s.clock.now() + 90_000)
      s.rng.uuid()
      return {rv: s.store.resourceVersion(), rng: s.rng.state()}
    })
    await withCluster({home, write: false}, (s) => {
      expect(s.store.get('/Pod/default/a')?.metadata.uid).toBe('uid-a')
      expect(s.clock.nowRFC3339()).toBe('2026-01-01T00:01:30Z')
      expect(s.store.resourceVersion()).toBe(before.rv)
      expect(s.rng.state()).toEqual(before.rng)
      expect(s.kubernetesVersion).toBe('1.32')
    })
  })

  it('keeps nothing from a read-only command, a dry run or a command that throws', async () => {
    await withCluster({home, write: false}, (s) => {
      s.store.create(pod('ro'))
      s.clock.advanceTo(s.clock.now() + 1000)
    })
    await withCluster({home, write: true, dryRun: true}, (s) => {
      s.store.create(pod('dry'))
      s.clock.advanceTo(s.clock.now() + 1000)
    })
    const err = await withCluster({home, write: true}, (s) => {
      s.store.create(pod('boom'))
      throw new Error('boom')
    }).catch((e) => e)
    expect(err.message).toBe('boom')
    await withCluster({home, write: false}, (s) => {
      expect(s.store.list('/Pod')).toEqual([])
      expect(s.clock.now()).toBe(parseRFC3339('2026-01-01T00:00:00Z'))
    })
  })

  it('saves updates and deletes, and lists each kind in creation order after a reload', async () => {
    await withCluster({home, write: true}, (s) => {
      for (const n of ['p-10', 'p-2', 'p-1', 'p-33']) s.store.create(pod(n))
    })
    await withCluster({home, write: true}, (s) => {
      const p = s.store.get('/Pod/default/p-2')!
      s.store.update({...p, metadata: {...p.metadata, labels: {x: 'y'}}})
      s.store.delete('/Pod/default/p-1')
      // deleted and created again: it lists last, as in memory
      s.store.delete('/Pod/default/p-10')
      s.store.create({...pod('p-10'), metadata: {...pod('p-10').metadata, uid: 'new'}})
      s.store.create(pod('p-0'))
    })
    await withCluster({home, write: false}, (s) => {
      expect(s.store.list('/Pod').map((p) => p.metadata.name)).toEqual(['p-2', 'p-33', 'p-10', 'p-0'])
      expect(s.store.get('/Pod/default/p-2')?.metadata.labels).toEqual({x: 'y'})
      expect(s.store.get('/Pod/default/p-10')?.metadata.uid).toBe('new')
    })
  })

  it('keeps scheduling decisions only when the command commits', async () => {
    await withCluster({home, write: true}, (s) => {
      s.saveDecisions([
        {podKey: '/Pod/default/a', attempt: 1, time: 5, data: {result: 'Unschedulable'}},
        {podKey: '/Pod/default/a', attempt: 2, data: {result: 'Scheduled', node: 'node-2'}},
      ])
    })
    await withCluster({home, write: true, dryRun: true}, (s) => s.saveDecisions([{podKey: '/Pod/default/b', attempt: 1, data: {}}]))
    await withCluster({home, write: false}, (s) => {
      expect(s.loadDecisions('/Pod/default/a')).toEqual([
        {podKey: '/Pod/default/a', attempt: 1, time: 5, data: {result: 'Unschedulable'}},
        {podKey: '/Pod/default/a', attempt: 2, data: {result: 'Scheduled', node: 'node-2'}},
      ])
      expect(s.loadDecisions('/Pod/default/b')).toEqual([])
    })
  })

  it('registers the custom resources of stored CRDs', async () => {
    await withCluster({home, write: true}, (s) => {
      s.store.create({
        apiVersion: 'apiextensions.k8s.io/v1',
        kind: 'CustomResourceDefinition',
        metadata: {name: 'widgets.example.com'},
        spec: {group: 'example.com', names: {kind: 'Widget', plural: 'widgets', shortNames: ['wd']}, scope: 'Namespaced', versions: [{name: 'v1', served: true, storage: true}]},
      })
    })
    await withCluster({home, write: false}, (s) => {
      expect(s.registry.resolve('wd')?.kind).toBe('Widget')
    })
  })

  it('loads and saves many objects quickly', async () => {
    const N = 5000
    const t0 = performance.now()
    await withCluster({home, write: true}, (s) => {
      for (let i = 0; i < N; i++) s.store.create({...pod(`bulk-${i}`), status: {phase: 'Running', podIP: `10.244.1.${i % 250}`}})
    })
    const n = await withCluster({home, write: false}, (s) => s.store.list('/Pod').length)
    expect(n).toBe(N)
    expect(performance.now() - t0).toBeLessThan(5000)
  })
})

describe('openMemoryCluster', () => {
  it('runs sessions on a cluster that never touches the disk', async () => {
    const {openMemoryCluster} = await import('../../src/state/session.js')
    const {defaultClusterOptions} = await import('../../src/cluster/options.js')
    const c = openMemoryCluster('scenario', defaultClusterOptions('scenario', Date.UTC(2026, 0, 1)))
    await c.session({write: true}, (s) => {
      s.store.create(pod('m'))
      s.clock.advanceTo(s.clock.now() + 5000)
    })
    await c.session({write: true, dryRun: true}, (s) => void s.store.create(pod('dry')))
    const r = await c.session({write: false}, (s) => [s.store.list('/Pod').map((p) => p.metadata.name), s.clock.nowRFC3339(), s.store.list('/Node').length])
    expect(r).toEqual([['m'], '2026-01-01T00:00:05Z', 3])
    c.close()
    expect(fs.readdirSync(home)).toEqual([])
  })
})
