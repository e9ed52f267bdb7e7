// Several processes on one cluster: writers serialize without losing updates, and a kill -9 leaves the state as
// before or after the command. The children run the compiled code (dist/, from `npx tsc`).
import {spawn, type ChildProcess} from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {createCluster} from '../../src/cluster/manage.js'
import {defaultClusterOptions} from '../../src/cluster/options.js'
import {withCluster} from '../../src/state/session.js'

const root = fileURLToPath(new URL('../..', import.meta.url))
const dist = path.join(root, 'dist')
const writer = fileURLToPath(new URL('./fixtures/writer.mjs', import.meta.url))
const haveDist = fs.existsSync(path.join(dist, 'state/session.js'))
if (!haveDist) console.warn('test/state/processes.test.ts: skipped, dist/state/session.js is missing (run `npx tsc -p tsconfig.json` first)')

let home: string
beforeAll(() => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'k8sim-procs-'))
})
afterAll(() => fs.rmSync(home, {recursive: true, force: true}))

function start(cluster: string, id: string, mode: string): {child: ChildProcess; done: Promise<number | null>; seen: (s: string) => Promise<void>} {
  const child = spawn(process.execPath, [writer, dist, home, cluster, id, mode], {stdio: ['ignore', 'pipe', 'pipe']})
  let out = ''
  let err = ''
  const waiters: Array<[string, () => void]> = []
  child.stdout!.on('data', (d) => {
    out += d
    for (const [s, fn] of waiters) if (out.includes(s)) fn()
  })
  child.stderr!.on('data', (d) => (err += d))
  const done = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      if (code) console.error(err)
      resolve(code)
    }),
  )
  const seen = (s: string) => new Promise<void>((resolve) => (out.includes(s) ? resolve() : waiters.push([s, resolve])))
  return {child, done, seen}
}

const count = (cluster: string, prefix: string) =>
  withCluster({home, cluster, write: false}, (s) => s.store.list('/ConfigMap', 'default').filter((c) => c.metadata.name!.startsWith(prefix)).length)

describe.skipIf(!haveDist)('concurrent processes', () => {
  it('8 parallel writers serialize and none loses an update', async () => {
    createCluster(home, 'par', defaultClusterOptions('par', Date.UTC(2026, 0, 1)))
    const kids = Array.from({length: 8}, (_, i) => start('par', String(i), 'count'))
    expect(await Promise.all(kids.map((k) => k.done))).toEqual([0, 0, 0, 0, 0, 0, 0, 0])
    await withCluster({home, cluster: 'par', write: false}, (s) => {
      expect(s.store.list('/ConfigMap', 'default').filter((c) => c.metadata.name!.startsWith('writer-')).length).toBe(8)
      expect(s.store.get('/ConfigMap/default/counter')?.data).toEqual({n: '8'})
    })
  })

  it('a kill -9 while holding the write lock keeps the state as before', async () => {
    createCluster(home, 'held', defaultClusterOptions('held', Date.UTC(2026, 0, 1)))
    const k = start('held', '0', 'hold')
    await k.seen('READY')
    k.child.kill('SIGKILL')
    await k.done
    expect(await count('held', 'held-')).toBe(0)
    // the lock died with the process: the next writer goes through
    await withCluster({home, cluster: 'held', write: true}, (s) => {
      s.store.create({apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'after', namespace: 'default', uid: 'u'}})
    })
    expect(await count('held', 'after')).toBe(1)
  })

  it('a kill -9 in the middle of a large save leaves it all or nothing', async () => {
    createCluster(home, 'bulk', defaultClusterOptions('bulk', Date.UTC(2026, 0, 1)))
    const k = start('bulk', '0', 'bulk')
    await k.seen('SAVING')
    await new Promise((r) => setTimeout(r, 30))
    k.child.kill('SIGKILL')
    await k.done
    expect([0, 40000]).toContain(await count('bulk', 'bulk-'))
  })
})
