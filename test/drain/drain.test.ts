// Node operations end to end (in-process): each case's transcript is golden (fixtures/drain/cases/<name>), and the
// behaviour that matters is asserted again here in plain words, so a reader sees what each case proves.
import {describe, expect, it} from 'vitest'
import {golden, runCase, type Step} from './transcript.js'

const step = (steps: Step[], prefix: string, nth = 0): Step => {
  const found = steps.filter((s) => s.line.startsWith(prefix))[nth]
  if (!found) throw new Error(`no step "${prefix}" #${nth}`)
  return found
}

async function check(name: string): Promise<Step[]> {
  const {text, steps} = await runCase(name)
  expect(text).toBe(golden(name, text))
  return steps
}

describe('cordon / uncordon', () => {
  it('prints kubectl lines and shows SchedulingDisabled', async () => {
    const s = await check('cordon')
    expect(step(s, 'cordon node-1').stdout).toBe('node/node-1 cordoned\n')
    expect(step(s, 'cordon node-1', 1).stdout).toBe('node/node-1 already cordoned\n')
    expect(step(s, 'get nodes').stdout).toMatch(/^node-1\s+Ready,SchedulingDisabled\s/m)
    expect(step(s, 'uncordon node-1').stdout).toBe('node/node-1 uncordoned\n')
    expect(step(s, 'uncordon node-1', 1).stdout).toBe('node/node-1 already uncordoned\n')
    const missing = step(s, 'cordon node-9')
    expect(missing.stderr).toBe('Error from server (NotFound): nodes "node-9" not found\n')
    expect(missing.status).toBe(1)
    expect(step(s, 'cordon --dry-run=client').stdout).toBe('node/node-2 cordoned (dry run)\n')
    expect(step(s, 'get nodes', 1).stdout).toMatch(/^node-2\s+Ready\s/m)
  }, 60_000)
})

describe('drain with PodDisruptionBudgets', () => {
  it('minAvailable 2 of 3: the second eviction waits for the first replacement', async () => {
    const s = await check('pdb-min-available')
    const d = step(s, 'drain node-1')
    expect(d.status).toBe(0)
    const out = d.stdout.split('\n')
    expect(out[0]).toBe('node/node-1 cordoned')
    expect(out.filter((l) => l.startsWith('evicting pod default/web-'))).toHaveLength(3)
    expect(out.filter((l) => /^pod\/web-\S+ evicted$/.test(l))).toHaveLength(2)
    expect(out).toContain('node/node-1 drained')
    expect(d.stderr).toMatch(/^error when evicting pods\/"web-\S+" -n "default" \(will retry after 5s\): Cannot evict pod as it would violate the pod's disruption budget\.\n$/)
    expect(d.stdout).toMatch(/EVICTED POD\s+REPLACEMENT\s+NODE\s+STATUS\n/)
    expect(d.stdout).toMatch(/node-2\s+Running\n/)
  }, 60_000)

  it('maxUnavailable 0: blocked for good, kubectl timeout error, exit 1, node stays cordoned', async () => {
    const s = await check('pdb-blocked')
    const d = step(s, 'drain node-1')
    expect(d.status).toBe(1)
    expect(d.stderr).toMatch(/global timeout reached: 30s/)
    expect(d.stderr).toMatch(/^There are pending nodes to be drained:\n node-1\n/m)
    expect(d.stderr.trimEnd().split('\n').pop()).toMatch(/^error: \[error when evicting pods\/"api-\S+" -n "default": global timeout reached: 30s, /)
    expect(step(s, 'get nodes').stdout).toMatch(/Ready,SchedulingDisabled/)
  }, 60_000)
})

describe('drain filters', () => {
  it('DaemonSet pods need --ignore-daemonsets', async () => {
    const s = await check('daemonset')
    const no = step(s, 'drain node-1')
    expect(no.status).toBe(1)
    expect(no.stderr).toMatch(/^error: unable to drain node "node-1" due to error: cannot delete DaemonSet-managed Pods \(use --ignore-daemonsets to ignore\): kube-system\/node-agent-\S+, continuing command\.\.\.$/m)
    const yes = step(s, 'drain node-1 --ignore-daemonsets')
    expect(yes.status).toBe(0)
    expect(yes.stdout).toMatch(/^node\/node-1 already cordoned\n/)
    expect(yes.stderr).toMatch(/^Warning: ignoring DaemonSet-managed Pods: kube-system\/node-agent-\S+$/m)
  }, 60_000)

  it('an unmanaged pod needs --force and is not recreated', async () => {
    const s = await check('unmanaged-pod')
    const no = step(s, 'drain node-1')
    expect(no.status).toBe(1)
    expect(no.stderr).toContain('cannot delete cannot delete Pods that declare no controller (use --force to override): default/debug')
    const yes = step(s, 'drain node-1 --force')
    expect(yes.stderr).toBe('Warning: deleting Pods that declare no controller: default/debug\n')
    expect(yes.stdout).toContain('evicting pod default/debug\npod/debug evicted\nnode/node-1 drained\n')
    expect(yes.stdout).toMatch(/default\/debug\s+<none>\s+<none>\s+not recreated: no controller/)
    expect(step(s, 'get pods').stderr).toBe('No resources found in default namespace.\n')
  }, 60_000)

  it('emptyDir needs --delete-emptydir-data', async () => {
    const s = await check('emptydir')
    const no = step(s, 'drain node-1', 1)
    expect(no.status).toBe(1)
    expect(no.stderr).toMatch(/cannot delete Pods with local storage \(use --delete-emptydir-data to override\): default\/cache-/)
    const yes = step(s, 'drain node-1 --delete-emptydir-data')
    expect(yes.status).toBe(0)
    expect(yes.stdout).toMatch(/Pending: 0\/2 nodes are available/)
  }, 60_000)

  it('--dry-run changes nothing', async () => {
    const s = await check('dry-run')
    const c = step(s, 'drain node-1 --dry-run=client')
    expect(c.stdout).toMatch(/^node\/node-1 cordoned \(dry run\)\n(evicting pod default\/web-\S+ \(dry run\)\n)+node\/node-1 drained \(dry run\)\n$/)
    const sv = step(s, 'drain node-1 --dry-run=server')
    expect(sv.stdout).toMatch(/\(server dry run\)/)
    expect(step(s, 'get nodes').stdout).not.toMatch(/SchedulingDisabled/)
  }, 60_000)
})

describe('node failure', () => {
  it('NotReady after 50s, unreachable taints, pods replaced ~350s later', async () => {
    const s = await check('node-failure')
    expect(step(s, 'get nodes').stdout).toMatch(/^node-1\s+NotReady\s/m)
    const fail = step(s, 'node fail node-1').stdout
    expect(fail).toMatch(/^node\/node-1 failed\n/)
    expect(fail).toMatch(/NodeNotReady\s+Node\/node-1\s+Node node-1 status is now: NodeNotReady/)
    expect(fail).toMatch(/TaintManagerEviction\s+Pod\/web-\S+\s+Marking for deletion Pod default\/web-/)
    const pods = step(s, 'get pods -o wide', 1).stdout
    expect(pods).toMatch(/Terminating\s+0\s+5m5\ds\s+\S+\s+node-1/)
    expect(step(s, 'describe node node-1').stdout).toMatch(/Taints:\s+node\.kubernetes\.io\/unreachable:NoExecute\n\s+node\.kubernetes\.io\/unreachable:NoSchedule\n/)
    expect(step(s, 'get nodes', 1).stdout).toMatch(/^node-1\s+Ready\s/m)
  }, 60_000)

  it('a StatefulSet pod stays Terminating until its node is deleted', async () => {
    const s = await check('statefulset-node-failure')
    expect(step(s, 'get pods -o wide', 1).stdout).toMatch(/^db-0\s+1\/1\s+Terminating\s.*node-2/m)
    expect(step(s, 'get pods -o wide', 2).stdout).toMatch(/^db-0\s+1\/1\s+Terminating\s.*node-2/m)
    expect(step(s, 'delete node node-2').stdout).toBe('node "node-2" deleted\n')
    expect(step(s, 'get pods -o wide', 3).stdout).toMatch(/^db-0\s+1\/1\s+Running\s.*node-1/m)
  }, 60_000)

  it('node add gives a Pending pod room', async () => {
    const s = await check('node-add')
    expect(step(s, 'get pods -o wide').stdout).toMatch(/Pending/)
    expect(step(s, 'node add').stdout).toMatch(/^node\/node-2 created\n/)
    expect(step(s, 'get pods -o wide', 1).stdout).not.toMatch(/Pending/)
  }, 60_000)
})

describe('what-if on an imported cluster', () => {
  it('controllers leave the import alone; a drain replaces every evicted pod', async () => {
    const s = await check('import-what-if')
    expect(step(s, 'advance 1m').stdout).toBe('')
    const d = step(s, 'drain node-3')
    expect(d.status).toBe(0)
    expect(d.stderr).toMatch(/^Warning: ignoring DaemonSet-managed Pods: kube-system\/kube-proxy-\S+, monitoring\/node-exporter-\S+\n$/)
    expect(d.stdout).toMatch(/^node\/node-3 drained$/m)
    expect(d.stdout).toMatch(/shop\/postgres-2\s+shop\/postgres-2\s+node-4\s+Running/)
    expect(d.stdout).not.toMatch(/Pending/)
  }, 60_000)
})

describe('node selection', () => {
  it('-l selects nodes; usage errors as kubectl', async () => {
    const {steps: s} = await runCase('cordon')
    expect(step(s, 'cordon -l').stdout).toBe('node/node-2 cordoned\n')
    expect(step(s, 'drain -l').stdout).toBe('node/node-2 already cordoned\nnode/node-2 drained (dry run)\n')
    const usage = s.find((x) => x.line === 'drain')!
    expect(usage.status).toBe(2)
    expect(usage.stderr).toMatch(/^error: USAGE: drain NODE \[flags\]\n/)
    expect(step(s, 'drain node-1 -l').stderr).toMatch(/^error: cannot specify both a node name and a --selector option\n/)
  }, 60_000)
})

describe('drain -o json', () => {
  it('prints a report valid against schemas/output/drain-report.schema.json, with virtual timings', async () => {
    const s = await check('report')
    const {readFileSync} = await import('node:fs')
    const {join} = await import('node:path')
    const {repoRoot} = await import('../helpers/cli.js')
    const {Ajv} = await import('ajv')
    const addFormats = (await import('ajv-formats')).default as unknown as (a: unknown) => void
    const ajv = new Ajv({allErrors: true, strict: false})
    addFormats(ajv)
    const validate = ajv.compile(JSON.parse(readFileSync(join(repoRoot, 'schemas', 'output', 'drain-report.schema.json'), 'utf8')))
    const report = JSON.parse(step(s, 'drain node-1 -o json').stdout)
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true)
    expect(report.nodes).toEqual([{name: 'node-1', drained: true}])
    expect(report.evictions.map((e: any) => [e.time, e.attempts, e.replacement.node, e.replacement.status])).toEqual([
      ['2026-01-01T00:00:02Z', 1, 'node-2', 'Running'],
      ['2026-01-01T00:00:07Z', 2, 'node-2', 'Running'],
    ])
  }, 60_000)
})

describe('draining a failed node', () => {
  it('waits for a Terminating pod until the timeout, or skips it with --skip-wait-for-delete-timeout', async () => {
    const s = await check('failed-node-drain')
    const stuck = step(s, 'drain node-1 --timeout')
    expect(stuck.status).toBe(1)
    expect(stuck.stderr).toMatch(/^There are pending pods in node "node-1" when an error occurred: error when waiting for pod "web-\S+" in namespace "default" to terminate: global timeout reached: 20s\npod\/web-\S+\n/m)
    const skip = step(s, 'drain node-1 --skip-wait-for-delete-timeout')
    expect(skip.status).toBe(0)
    // not old enough for the filter when the drain starts; the wait skips it once it is
    expect(skip.stdout).toMatch(/^node\/node-1 already cordoned\nevicting pod default\/(web-\S+)\npod "\1" has DeletionTimestamp older than 10 seconds, skipping\nnode\/node-1 drained\n/)
    expect(skip.stdout).toMatch(/default\/web-\S+\s+default\/web-\S+\s+node-2\s+Running/)
  }, 60_000)
})

describe('--disable-eviction and --pod-selector', () => {
  it('deletes instead of evicting; selects pods; rejects a bad selector', async () => {
    const s = await check('disable-eviction')
    expect(step(s, 'drain node-1 --pod-selector app=other').stdout).toBe('node/node-1 cordoned\nnode/node-1 drained\n')
    const del = step(s, 'drain node-1 --pod-selector app=api')
    expect(del.status).toBe(0)
    expect(del.stdout).toMatch(/^node\/node-1 already cordoned\n(pod\/api-\S+ deleted\n)+node\/node-1 drained\n/)
    expect(del.stderr).toBe('')
    const bad = step(s, 'drain node-2 --pod-selector')
    expect(bad.stderr).toBe('error: --pod-selector=<pod_selector> must be a valid label selector\n')
    expect(bad.status).toBe(1)
  }, 60_000)
})
