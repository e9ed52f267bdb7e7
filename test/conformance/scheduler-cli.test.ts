// The scheduler conformance cases through the command-line path the suite's README describes:
// cluster create --nodes 0 → cluster import → apply the pod → decisions --attempt 1 -o json.
import {existsSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {parse} from 'yaml'
import {k8simInProcess} from '../helpers/in-process.js'
import {tempHome} from '../helpers/cli.js'

const dir = join(process.env.K8SIM_CONFORMANCE_DIR ?? join(import.meta.dirname, '..', '..', '..', 'shared', 'conformance'), 'scheduler', 'cases')
const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort() : []

async function run(args: string[], home: string) {
  const r = await k8simInProcess(args, {home})
  if (r.status !== 0) throw new Error(`k8sim ${args.join(' ')} exited ${r.status}: ${r.stderr}`)
  return r
}

describe('scheduler conformance through the CLI', () => {
  it('has cases', () => expect(files.length).toBeGreaterThan(10))
  for (const file of files) {
    it(file, async () => {
      const c = parse(readFileSync(join(dir, file), 'utf8'))
      const home = tempHome()
      await run(['cluster', 'create', 't', '--nodes', '0'], home)
      const dump = join(home, 'import.yaml')
      writeFileSync(dump, JSON.stringify({apiVersion: 'v1', kind: 'List', items: [...(c.objects ?? []), ...c.nodes, ...(c.existingPods ?? [])]}))
      await run(['cluster', 'import', '-f', dump, '-q'], home)
      const podFile = join(home, 'pod.yaml')
      writeFileSync(podFile, JSON.stringify(c.pod))
      await run(['apply', '-f', podFile], home)
      const ns = c.pod.metadata.namespace ?? 'default'
      const d = JSON.parse((await run(['decisions', `${ns}/${c.pod.metadata.name}`, '--attempt', '1', '-o', 'json'], home)).stdout)
      const e = c.expect
      const verdict = (n: any) => n.filters.find((f: any) => f.plugin === c.plugin)
      if (e.feasible) {
        const feasible = d.nodes.filter((n: any) => ['Success', 'Skip'].includes(verdict(n)?.code)).map((n: any) => n.name)
        expect(feasible).toEqual(e.feasible)
      }
      if (e.reasons) {
        for (const [node, reason] of Object.entries(e.reasons)) {
          const n = d.nodes.find((x: any) => x.name === node)
          expect(verdict(n)?.reasons, node).toEqual(Array.isArray(reason) ? reason : [reason])
        }
      }
      if (e.scores) {
        for (const [node, score] of Object.entries(e.scores)) {
          const n = d.nodes.find((x: any) => x.name === node)
          expect(n?.feasible, `${node} feasible`).toBe(true)
          expect(n.scores.find((s: any) => s.plugin === c.plugin)?.score ?? 0, node).toBe(score)
        }
      }
      if (e.node) expect(d.node).toBe(e.node)
      if (e.unschedulable) {
        expect(d.result).toBe('Unschedulable')
        expect(d.message).toBe(e.message)
      }
      if (e.nominatedNode) expect(d.nominatedNode).toBe(e.nominatedNode)
      if (e.victims) expect([...d.victims].map((v: string) => v.split('/').pop()).sort()).toEqual([...e.victims].sort())
    })
  }
})
