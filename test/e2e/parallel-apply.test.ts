// Eight `k8sim apply` processes at once into one cluster: they serialize on the cluster's write lock and all
// eight objects are there afterwards (CLI.md §1: none loses an update).
import {spawn} from 'node:child_process'
import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {bin, k8sim, repoRoot, tempHome} from '../helpers/cli.js'

function applyAsync(file: string, home: string): Promise<{status: number | null; stderr: string}> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [bin, 'apply', '-f', file], {cwd: repoRoot, env: {...process.env, K8SIM_HOME: home, CI: 'true'}})
    let stderr = ''
    p.stderr.on('data', (d) => (stderr += d))
    p.on('close', (status) => resolve({status, stderr}))
  })
}

describe('concurrent applies', () => {
  it('8 parallel applies of different objects leave all 8', async () => {
    const home = tempHome()
    expect(k8sim(['get', 'nodes'], {home}).status).toBe(0)
    const files = Array.from({length: 8}, (_, i) => {
      const f = join(home, `cm-${i}.yaml`)
      writeFileSync(f, `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-${i}\ndata:\n  n: "${i}"\n`)
      return f
    })
    const results = await Promise.all(files.map((f) => applyAsync(f, home)))
    for (const r of results) expect(r, r.stderr).toMatchObject({status: 0, stderr: ''})
    const names = k8sim(['get', 'configmaps', '-o', 'name'], {home}).stdout.trim().split('\n').sort()
    expect(names).toEqual([...Array.from({length: 8}, (_, i) => `configmap/cm-${i}`), 'configmap/kube-root-ca.crt'].sort())
  }, 120_000)
})
