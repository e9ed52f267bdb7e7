// Runs every case of $K8SIM_CONFORMANCE_DIR/scheduler/cases (README there) directly against the scheduler.
import {readdirSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {describe, expect, it} from 'vitest'
import {parse} from 'yaml'
import {Harness} from './harness.js'

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const dir = path.join(process.env.K8SIM_CONFORMANCE_DIR ?? path.resolve(repoRoot, '../shared/conformance'), 'scheduler', 'cases')
const files = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort()

function run(c: any) {
  const h = new Harness()
  for (const o of c.objects ?? []) h.create(o)
  for (const n of c.nodes ?? []) h.create(n)
  for (const p of c.existingPods ?? []) h.create(p)
  h.create(c.pod)
  const ns = c.pod.metadata.namespace ?? 'default'
  const name = c.pod.metadata.name
  h.settle()
  const decisions = h.scheduler.decisionsFor(`${ns}/${name}`)
  return {h, decisions, first: decisions[0], final: h.pod(ns, name)}
}

describe('scheduler conformance', () => {
  for (const f of files) {
    const c = parse(readFileSync(path.join(dir, f), 'utf8'))
    it(f, () => {
      const {first, final} = run(c)
      expect(first, 'no scheduling attempt recorded').toBeDefined()
      const e = c.expect
      const byNode = new Map(first.nodes.map((n) => [n.name, n]))
      if (e.feasible !== undefined) {
        const feasible = c.nodes
          .map((n: any) => n.metadata.name)
          .filter((n: string) => {
            const v = byNode.get(n)?.filters.find((x) => x.plugin === c.plugin)
            return v !== undefined && (v.code === 'Success' || v.code === 'Skip')
          })
        expect(feasible).toEqual(e.feasible)
      }
      if (e.reasons) {
        for (const [n, want] of Object.entries(e.reasons)) {
          const v = byNode.get(n)?.filters.find((x) => x.plugin === c.plugin)
          expect(v?.reasons, `reasons on ${n}`).toEqual(Array.isArray(want) ? want : [want])
        }
      }
      if (e.scores) {
        const candidates = first.nodes.filter((n) => n.feasible).map((n) => n.name)
        expect(candidates.sort()).toEqual(Object.keys(e.scores).sort())
        const got: Record<string, number | undefined> = {}
        for (const n of Object.keys(e.scores)) got[n] = byNode.get(n)?.scores.find((s) => s.plugin === c.plugin)?.score
        expect(got).toEqual(e.scores)
      }
      if (e.node) {
        expect(final?.spec?.nodeName).toBe(e.node)
      }
      if (e.unschedulable) {
        expect(first.result).toBe('Unschedulable')
        if (e.message) expect(first.message).toBe(e.message)
      }
      if (e.nominatedNode) expect(first.nominatedNode).toBe(e.nominatedNode)
      if (e.victims) expect(first.victims.map((v) => v.split('/')[1])).toEqual(e.victims)
    })
  }
})
