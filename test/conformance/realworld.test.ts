// Runs every bundle of <conformance>/realworld (kubernetes/examples manifests) on a fresh default cluster and
// compares the outcome with expected.yaml as its README says: verdict, kubectl lines, pods per workload (phase,
// STATUS, READY, FailedScheduling text, notCreated, stuck), PVCs, Services and the error problems of the report.
// Needs a built CLI (`npx tsc -p tsconfig.json && npx oclif manifest`): commands run in-process through oclif.
import {existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join, resolve} from 'node:path'
import {parse, parseAllDocuments} from 'yaml'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {k8simInProcess} from '../helpers/in-process.js'
import {tempHome} from '../helpers/cli.js'

const conformanceDir = resolve(process.env.K8SIM_CONFORMANCE_DIR ?? resolve(__dirname, '../../../shared/conformance'))
const realworldDir = join(conformanceDir, 'realworld')
const expectedFile = join(realworldDir, 'expected.yaml')
const bundles: any[] = existsSync(expectedFile) ? parse(readFileSync(expectedFile, 'utf8')) : []

interface Run {
  status: number
  stdout: string
  stderr: string
  report: any
  home: string
}

async function applyBundle(cwd: string, bundle: string): Promise<Run> {
  const home = tempHome()
  const reportFile = join(home, 'report.json')
  const prev = process.cwd()
  process.chdir(cwd)
  try {
    const r = await k8simInProcess(['apply', '-f', `${bundle}/`, '--report', reportFile], {home})
    const report = existsSync(reportFile) ? JSON.parse(readFileSync(reportFile, 'utf8')) : undefined
    return {...r, report, home}
  } finally {
    process.chdir(prev)
  }
}

async function k(home: string, args: string[]): Promise<string> {
  const r = await k8simInProcess(args, {home})
  if (r.status !== 0) throw new Error(`k8sim ${args.join(' ')} exited ${r.status}: ${r.stderr}`)
  return r.stdout
}

const items = async (home: string, resource: string): Promise<any[]> => JSON.parse(await k(home, ['get', resource, '-o', 'json'])).items ?? []

/** kubectl's table → rows keyed by column header */
function table(text: string): Record<string, string>[] {
  const lines = text.split('\n').filter((l) => l.trim() !== '')
  if (lines.length === 0 || /^No resources found/.test(lines[0])) return []
  const header = lines[0]
  const cols = [...header.matchAll(/\S+(?: \S+)*/g)].map((m) => ({name: m[0], start: m.index!}))
  return lines.slice(1).map((l) => {
    const row: Record<string, string> = {}
    cols.forEach((c, i) => (row[c.name] = l.slice(c.start, i + 1 < cols.length ? cols[i + 1].start : undefined).trim()))
    return row
  })
}

/** what identifies a rejection in kubectl's text, whatever k8sim adds around it */
function reasonSubstring(r: any): string[] {
  if (r.errorContains) return [r.errorContains]
  const e: string = r.error
  const m = e.match(/no matches for kind "[^"]+" in version "[^"]+"/) ?? e.match(/namespaces "[^"]+" not found/)
  if (m) return [m[0]]
  const p = e.match(/^error parsing (\S+): error converting YAML to JSON: yaml: (invalid map key)/)
  if (p) return [p[1], p[2]]
  return [e]
}

/** the bundle's files, the documents listed in `rejected` removed, written to <tmp>/<bundle>/ */
function withoutRejected(b: any): string {
  const root = mkdtempSync(join(tmpdir(), 'k8sim-realworld-'))
  mkdirSync(join(root, b.bundle))
  for (const f of readdirSync(join(realworldDir, b.bundle))) {
    const rej = b.rejected.filter((r: any) => r.file === f)
    if (rej.some((r: any) => r.wholeFile)) continue
    const text = readFileSync(join(realworldDir, b.bundle, f), 'utf8')
    if (rej.length === 0) {
      writeFileSync(join(root, b.bundle, f), text)
      continue
    }
    const kept = parseAllDocuments(text, {version: '1.1'})
      .filter((d: any) => {
        const o = d.toJS()
        if (!o || typeof o !== 'object') return false
        return !rej.some((r: any) => r.kind === o.kind && r.name === o.metadata?.name && (r.namespace === undefined || r.namespace === o.metadata?.namespace))
      })
      .map((d: any) => String(d).replace(/^---\n/, ''))
    if (kept.length > 0) writeFileSync(join(root, b.bundle, f), kept.join('---\n'))
  }
  return root
}

const warningLines = (stderr: string) => stderr.split('\n').filter((l) => l.startsWith('Warning: '))

function namePattern(name: string): RegExp {
  const one = (n: string) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/<hash>/g, '[a-z0-9]{6,10}').replace(/<suffix>/g, '[a-z0-9]{5}')
  return new RegExp(`^(${name.split(/,\s*/).map(one).join('|')})$`)
}

const workloadOf = (pod: any, rsOwner: Map<string, string>): string => {
  const ref = (pod.metadata.ownerReferences ?? []).find((o: any) => o.controller) ?? pod.metadata.ownerReferences?.[0]
  if (!ref) return `Pod/${pod.metadata.name}`
  if (ref.kind === 'ReplicaSet') return rsOwner.get(ref.name) ?? `ReplicaSet/${ref.name}`
  return `${ref.kind}/${ref.name}`
}

function eventMatches(events: any[], objName: string, spec: string): boolean {
  const m = spec.match(/^(?:(Normal|Warning) )?(\w+): (.*)$/)
  return events.some((e) => {
    if (e.involvedObject?.name !== objName) return false
    if (!m) return (e.message ?? '').includes(spec) || e.reason === spec
    return (!m[1] || e.type === m[1]) && e.reason === m[2] && (e.message ?? '').includes(m[3])
  })
}

/** everything after apply: pods, PVCs, Services and problems (problems: codes of error severity) */
async function compareState(b: any, run: Run, extraProblems: any[] = []) {
  const home = run.home
  const pods = await items(home, 'pods')
  const rsOwner = new Map<string, string>()
  for (const rs of await items(home, 'replicasets')) {
    const ref = (rs.metadata.ownerReferences ?? [])[0]
    if (ref) rsOwner.set(rs.metadata.name, `${ref.kind}/${ref.name}`)
  }
  const rows = new Map(table(await k(home, ['get', 'pods'])).map((r) => [r.NAME, r]))
  const events = await items(home, 'events')
  const decisions = new Map<string, any>((run.report?.decisions ?? []).map((d: any) => [d.pod, d]))
  const detail = JSON.stringify(pods.map((p) => [p.metadata.name, workloadOf(p, rsOwner), p.status?.phase, rows.get(p.metadata.name)?.STATUS]))

  const claimed = new Set<string>()
  for (const want of b.pods ?? []) {
    if (want.notCreated) {
      for (const n of want.notCreated) expect(pods.map((p) => p.metadata.name), `${n} must not exist`).not.toContain(n)
      continue
    }
    const re = namePattern(want.name)
    const mine = pods.filter((p) => workloadOf(p, rsOwner) === want.workload && re.test(p.metadata.name) && !claimed.has(p.metadata.name))
    expect(mine.length, `${want.workload} ${want.name}: ${detail}`).toBe(want.count)
    for (const p of mine) {
      claimed.add(p.metadata.name)
      const row = rows.get(p.metadata.name)
      const what = `${p.metadata.name} (${want.workload})`
      expect(p.status?.phase, what).toBe(want.phase)
      expect(row?.STATUS, what).toBe(want.status)
      expect(row?.READY, what).toBe(want.ready)
      if (want.qosClass) expect(p.status?.qosClass, what).toBe(want.qosClass)
      if (want.scheduled === false) {
        expect(p.spec.nodeName ?? '', what).toBe('')
        const cond = (p.status?.conditions ?? []).find((c: any) => c.type === 'PodScheduled')
        const msg = decisions.get(`${p.metadata.namespace}/${p.metadata.name}`)?.message ?? cond?.message
        expect(msg, what).toBe(want.message)
        if (want.reason && cond) expect(cond.reason, what).toBe(want.reason)
      }
      if (want.stuck) {
        expect(p.spec.nodeName ?? '', `${what} is scheduled`).not.toBe('')
        for (const e of want.eventsContain ?? []) {
          const [reason, ...rest] = e.split(': ')
          const msg = rest.join(': ')
          const ok = events.some((ev) => ev.involvedObject?.name === p.metadata.name && (rest.length === 0 ? (ev.message ?? '').includes(e) : ev.reason === reason && (ev.message ?? '').includes(msg)))
            || events.some((ev) => ev.involvedObject?.name === p.metadata.name && (ev.message ?? '').includes(e))
          expect(ok, `${what} event "${e}" in ${JSON.stringify(events.filter((ev) => ev.involvedObject?.name === p.metadata.name).map((ev) => `${ev.reason}: ${ev.message}`))}`).toBe(true)
        }
      }
    }
  }
  const unexpected = pods.filter((p) => !claimed.has(p.metadata.name)).map((p) => p.metadata.name)
  expect(unexpected, `pods not in expected.yaml: ${detail}`).toEqual([])

  const pvcs = await items(home, 'persistentvolumeclaims')
  expect(pvcs.map((c) => c.metadata.name).sort()).toEqual((b.pvcs ?? []).map((c: any) => c.name).sort())
  for (const want of b.pvcs ?? []) {
    const c = pvcs.find((x) => x.metadata.name === want.name)
    expect(c?.status?.phase, `pvc ${want.name}`).toBe(want.status)
    expect(c?.spec?.storageClassName ?? c?.metadata?.annotations?.['volume.beta.kubernetes.io/storage-class'], `pvc ${want.name} class`).toBe(want.storageClass)
    for (const e of want.events ?? []) {
      const evs = events.filter((ev) => ev.involvedObject?.name === want.name).map((ev) => `${ev.type} ${ev.reason}: ${ev.message}`)
      expect(eventMatches(events, want.name, e), `pvc ${want.name} event "${e}" in ${JSON.stringify(evs)}`).toBe(true)
    }
  }

  const svcs = await items(home, 'services')
  const svcRows = new Map(table(await k(home, ['get', 'services'])).map((r) => [r.NAME, r]))
  const endpoints = new Map((await items(home, 'endpoints')).map((e) => [e.metadata.name, e]))
  for (const want of b.services ?? []) {
    const s = svcs.find((x) => x.metadata.name === want.name)
    expect(s, `service ${want.name}`).toBeDefined()
    expect(s.spec.type, `service ${want.name}`).toBe(want.type)
    if (want.clusterIP) expect(s.spec.clusterIP).toBe(want.clusterIP)
    const row = svcRows.get(want.name)!
    const portRe = new RegExp('^' + String(want.ports).replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/<nodePort[^>]*>/g, '3[0-9]{4}') + '$')
    expect(row['PORT(S)'], `service ${want.name} ports`).toMatch(portRe)
    if (want.externalIP) expect(row['EXTERNAL-IP'], `service ${want.name}`).toBe(want.externalIP)
    const ep = endpoints.get(want.name)
    const ready = (ep?.subsets ?? []).reduce((n: number, ss: any) => n + (ss.addresses ?? []).length, 0)
    expect(ready, `service ${want.name} ready endpoints`).toBe(want.endpoints)
  }

  // other objects: they exist; a PersistentVolume's phase and claim, a StorageClass's provisioner and binding mode
  for (const want of b.objects ?? []) {
    const args = ['get', want.kind.toLowerCase(), want.name, '-o', 'json', ...(want.namespace ? ['-n', want.namespace] : [])]
    const r = await k8simInProcess(args, {home})
    expect(r.status, `${want.kind}/${want.name}: ${r.stderr}`).toBe(0)
    const o = JSON.parse(r.stdout)
    if (want.kind === 'PersistentVolume') {
      expect(o.status?.phase, `PersistentVolume/${want.name}`).toBe(want.status)
      const ref = o.spec?.claimRef
      expect(ref ? `${ref.namespace}/${ref.name}` : '', `PersistentVolume/${want.name} claim`).toBe(want.claim)
    }
    if (want.kind === 'StorageClass') {
      expect(o.provisioner).toBe(want.provisioner)
      expect(o.volumeBindingMode ?? 'Immediate').toBe(want.volumeBindingMode)
    }
  }

  const wantCodes = [...new Set((b.problems ?? []).filter((p: any) => p.severity === 'error' && !p.latent).map((p: any) => p.code))]
  const gotCodes = new Set([...(run.report?.problems ?? []), ...extraProblems].filter((p: any) => p.severity === 'error').map((p: any) => p.code))
  const problems = JSON.stringify([...(run.report?.problems ?? []), ...extraProblems].map((p: any) => `${p.severity} ${p.code} ${p.object}`))
  for (const c of wantCodes) expect(gotCodes.has(c), `error problem ${c} in ${problems}`).toBe(true)
  const known = new Set((b.problems ?? []).map((p: any) => p.code))
  for (const c of gotCodes) expect(known.has(c), `unexpected error problem ${c} in ${problems}`).toBe(true)
}

describe.skipIf(bundles.length === 0)('real-world corpus', () => {
  const cwd = process.cwd()
  beforeAll(() => process.chdir(realworldDir))
  afterAll(() => process.chdir(cwd))

  for (const b of bundles) {
    if (b.apply === 'ok') {
      it(`${b.bundle}: applies and settles as a 1.32 cluster`, async () => {
        const run = await applyBundle(realworldDir, b.bundle)
        expect(run.status, run.stderr).toBe(0)
        const lines = run.stdout.split('\n')
        expect(lines.slice(0, lines.indexOf('')), run.stderr).toEqual(b.applied)
        expect(warningLines(run.stderr)).toEqual(b.warnings ?? [])
        await compareState(b, run)
      })
      continue
    }
    it(`${b.bundle}: is rejected as a whole, naming every refused document`, async () => {
      const run = await applyBundle(realworldDir, b.bundle)
      expect(run.status, run.stdout + run.stderr).toBe(1)
      for (const r of b.rejected) {
        for (const s of reasonSubstring(r)) expect(run.stderr, `${r.kind}/${r.name} (${r.file})`).toContain(s)
        expect(run.stderr, `${r.kind}/${r.name}`).toContain(r.name)
      }
      const stored = [...(await items(run.home, 'pods')), ...(await items(run.home, 'services')), ...(await items(run.home, 'persistentvolumeclaims'))]
      expect(stored.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(['Service/kubernetes'])
    })
    it(`${b.bundle}: without its rejected documents, lands as kubectl leaves a 1.32 cluster`, async () => {
      const rejectedRun = await applyBundle(realworldDir, b.bundle)
      const root = withoutRejected(b)
      if (readdirSync(join(root, b.bundle)).length === 0) {
        expect(b.applied).toEqual([])
        const problems = rejectedRun.report?.problems ?? []
        const codes = new Set(problems.filter((p: any) => p.severity === 'error').map((p: any) => p.code))
        for (const p of b.problems.filter((x: any) => x.severity === 'error' && !x.latent)) expect(codes.has(p.code), `error problem ${p.code} in ${JSON.stringify(problems)}`).toBe(true)
        return
      }
      const run = await applyBundle(root, b.bundle)
      expect(run.status, run.stderr).toBe(0)
      const lines = run.stdout.split('\n')
      expect(lines.slice(0, lines.indexOf('')), run.stderr).toEqual(b.applied)
      expect(warningLines(run.stderr)).toEqual(b.warnings ?? [])
      await compareState(b, run, rejectedRun.report?.problems ?? [])
    })
  }
})
