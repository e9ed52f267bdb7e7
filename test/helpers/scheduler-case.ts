// One scheduler conformance case (the YAML format of shared/conformance/scheduler/README.md) through the
// command-line path: cluster create --nodes 0 → cluster import → apply the pod → decisions --attempt 1 -o json,
// then the case's expectations checked against the recorded decision. Used by scheduler-cli.test.ts (the shared
// sample cases) and scheduler-extra.test.ts (test/conformance/scheduler-extra).
import {existsSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {expect} from 'vitest'
import {parse} from 'yaml'
import {k8simInProcess} from './in-process.js'
import {tempHome} from './cli.js'

/** The sorted *.yaml case files of a directory (none if it does not exist). */
export function caseFiles(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort() : []
}

async function run(args: string[], home: string) {
  const r = await k8simInProcess(args, {home})
  if (r.status !== 0) throw new Error(`k8sim ${args.join(' ')} exited ${r.status}: ${r.stderr}`)
  return r
}

/** Runs the case in `file` and asserts its `expect:` block. */
export async function runSchedulerCase(file: string): Promise<void> {
  const c = parse(readFileSync(file, 'utf8'))
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
}
