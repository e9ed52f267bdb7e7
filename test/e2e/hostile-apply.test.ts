// Bad input through `apply` never crashes: exit 1, a short error with no stack trace, and a state database that is
// byte-identical afterwards (CLI.md §5: nothing half-written). Runs in-process; the corpus is generated.
import {createHash} from 'node:crypto'
import {existsSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {k8simInProcess} from '../helpers/in-process.js'
import {tempHome} from '../helpers/cli.js'

const good = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: nginx:1.27
`

function dbHash(home: string): string {
  const h = createHash('sha256')
  for (const f of ['state.db', 'state.db-wal']) {
    const p = join(home, 'clusters', 'default', f)
    if (existsSync(p)) h.update(readFileSync(p))
  }
  return h.digest('hex')
}

function corpus(): Array<[string, string]> {
  const deep = 'a:\n' + Array.from({length: 5000}, (_, i) => ' '.repeat(i + 1) + 'b:').join('\n') + '\n'
  const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]', ...Array.from({length: 9}, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)}]`)].join('\n') + '\nkind: ConfigMap\napiVersion: v1\nmetadata: {name: x}\n'
  return [
    ['truncated', good.slice(0, 120)],
    ['alias bomb', bomb],
    ['deep nesting', deep],
    ['flow nesting', '['.repeat(5000) + ']'.repeat(5000)],
    ['binary', Buffer.from(Array.from({length: 4000}, (_, i) => (i * 7919) % 256)).toString('latin1')],
    ['wrong types', good.replace('replicas: 2', 'replicas: [1, 2]').replace('image: nginx:1.27', 'image: {a: b}')],
    ['one bad document', `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ok}\n---\n${good.replace('name: web\n', 'name: Web_Bad\n')}`],
    ['no kind', 'apiVersion: v1\nmetadata: {name: x}\n'],
    ['tabs', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n\tname: x\n'],
  ]
}

async function expectRejected(home: string, before: string, file: string) {
  const r = await k8simInProcess(['apply', '-f', file], {home})
  expect(r.status).toBe(1)
  expect(r.stdout).toBe('')
  expect(r.stderr).toMatch(/^error: /)
  expect(r.stderr).not.toMatch(/\n\s+at |internal error/)
  expect(dbHash(home)).toBe(before)
}

describe('hostile input through apply', () => {
  const home = tempHome()

  it('rejects each corpus file with exit 1 and leaves the state untouched', async () => {
    await k8simInProcess(['get', 'nodes'], {home}) // creates the default cluster
    const before = dbHash(home)
    for (const [name, text] of corpus()) {
      const f = join(home, `${name.replace(/ /g, '-')}.yaml`)
      writeFileSync(f, text)
      await expectRejected(home, before, f)
    }
  })

  it('rejects random mutations of a valid manifest or applies them whole (property)', async () => {
    await k8simInProcess(['get', 'nodes'], {home})
    let i = 0
    await fc.assert(
      fc.asyncProperty(fc.nat(good.length - 1), fc.string({maxLength: 8}), async (at, junk) => {
        const text = good.slice(0, at) + junk + good.slice(at + junk.length)
        const f = join(home, `mut-${i++}.yaml`)
        writeFileSync(f, text)
        const before = dbHash(home)
        const r = await k8simInProcess(['apply', '--dry-run', '-f', f], {home})
        expect([0, 1]).toContain(r.status)
        expect(r.stderr).not.toMatch(/\n\s+at |internal error/)
        expect(dbHash(home)).toBe(before)
      }),
      {numRuns: 60, seed: 20261122},
    )
  })
})
