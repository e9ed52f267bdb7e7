#!/usr/bin/env node
// `npm run bench`: wall-clock benchmarks of the real binary, with the targets from the issues.
// Not part of `npm test`. Usage: npm run bench [-- name...]
import {spawnSync} from 'node:child_process'
import {mkdtempSync, mkdirSync, readFileSync, writeFileSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join, dirname} from 'node:path'
import {fileURLToPath} from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const bin = join(root, 'bin', 'run.js')
const work = mkdtempSync(join(tmpdir(), 'k8sim-bench-'))
const only = process.argv.slice(2)

// a preload that reports the child's peak RSS (bytes) to the file named by K8SIM_BENCH_RSS
const rssHook = join(work, 'rss-hook.mjs')
writeFileSync(rssHook, "import {writeFileSync} from 'node:fs'\nprocess.on('exit', () => { if (process.env.K8SIM_BENCH_RSS) writeFileSync(process.env.K8SIM_BENCH_RSS, String(process.resourceUsage().maxRSS * 1024)) })\n")

function run(args, opts = {}) {
  const t0 = process.hrtime.bigint()
  // the binary as users run it: through its shebang (which sets the V8 flags), not `node bin/run.js`
  const pre = opts.rssFile ? {NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import=${rssHook}`.trim(), K8SIM_BENCH_RSS: opts.rssFile} : {}
  const r = spawnSync(bin, args, {
    encoding: 'utf8',
    env: {...process.env, K8SIM_HOME: join(work, 'home'), CI: '1', ...pre, ...opts.env},
    input: opts.input,
    maxBuffer: 1 << 30,
  })
  const ms = Number(process.hrtime.bigint() - t0) / 1e6
  if (r.status !== (opts.expectExit ?? 0)) {
    console.error(`  command failed (exit ${r.status}): k8sim ${args.join(' ')}\n${r.stderr.slice(0, 2000)}`)
  }
  return {ms, out: r.stdout, err: r.stderr, status: r.status}
}

function deployment(i, replicas = 1) {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app-${i}
  labels: {app: app-${i}}
spec:
  replicas: ${replicas}
  selector:
    matchLabels: {app: app-${i}}
  template:
    metadata:
      labels: {app: app-${i}}
    spec:
      containers:
      - name: app
        image: nginx:1.27
        resources:
          requests: {cpu: 10m, memory: 16Mi}
        ports:
        - containerPort: 80
`
}

function service(i) {
  return `apiVersion: v1
kind: Service
metadata:
  name: app-${i}
spec:
  selector: {app: app-${i}}
  ports:
  - port: 80
    targetPort: 80
`
}

function configmap(i) {
  return `apiVersion: v1
kind: ConfigMap
metadata:
  name: cfg-${i}
data:
  key: value-${i}
`
}

const results = []
function record(name, ms, target, extra = '') {
  const ok = target === undefined ? '' : ms <= target ? 'ok' : 'SLOW'
  results.push({name, ms: Math.round(ms), target, ok, extra})
  console.log(`${name.padEnd(48)} ${String(Math.round(ms)).padStart(7)} ms${target ? `   (target ${target} ms) ${ok}` : ''} ${extra}`)
}

const benches = {
  version() {
    run(['version'])
    const times = []
    for (let i = 0; i < 7; i++) times.push(run(['version']).ms)
    times.sort((a, b) => a - b)
    record('k8sim version (median of 7)', times[3], 150)
  },
  validate5000() {
    const docs = []
    for (let i = 0; i < 5000; i++) docs.push([deployment, service, configmap][i % 3](i))
    const f = join(work, 'validate-5000.yaml')
    writeFileSync(f, docs.join('---\n'))
    const r = run(['validate', '-f', f, '--summary'])
    record('validate 5,000 resources', r.ms, 1000, `(${Math.round(5000 / (r.ms / 1000))} resources/s; target >= 5000/s)`)
  },
  apply50() {
    const docs = []
    for (let i = 0; i < 50; i++) docs.push([deployment, service, configmap][i % 3](Math.floor(i / 3)))
    const f = join(work, 'bundle-50.yaml')
    writeFileSync(f, docs.join('---\n'))
    run(['cluster', 'create', 'b50'])
    const r = run(['apply', '-f', f, '--cluster', 'b50'])
    record('apply a 50-object bundle (stored + settled)', r.ms, 1000)
    const d = run(['apply', '-f', f, '--dry-run', '--wait', '--cluster', 'default'], {expectExit: 0})
    record('apply --dry-run --wait, 50 objects, cold', d.ms, 1000)
  },
  deploy1000() {
    run(['cluster', 'create', 'd1000', '--nodes', '100'])
    const f = join(work, 'deploy-1000.yaml')
    writeFileSync(f, deployment('big', 1000))
    const r = run(['apply', '-f', f, '--cluster', 'd1000'])
    record('1,000-replica Deployment on 100 nodes', r.ms, 2000)
  },
  sched10k() {
    run(['cluster', 'create', 's10k', '--nodes', '1000', '--cpu', '32', '--memory', '128Gi'])
    const f = join(work, 'sched-10k.yaml')
    const docs = []
    for (let i = 0; i < 100; i++) docs.push(deployment(i, 100))
    writeFileSync(f, docs.join('---\n'))
    const r = run(['apply', '-f', f, '--cluster', 's10k'])
    record('10,000 pods onto 1,000 nodes', r.ms, 5000, `(${Math.round(10000 / (r.ms / 1000))} pods/s)`)
  },
  // not run by default: kube-scheduler's CI floor is 270 pods/s at 5,000 nodes; the target is ten times that
  sched150k() {
    run(['cluster', 'create', 's150k', '--nodes', '5000', '--cpu', '64', '--memory', '256Gi'])
    const f = join(work, 'sched-150k.yaml')
    const docs = []
    for (let i = 0; i < 1500; i++) docs.push(deployment(i, 100))
    writeFileSync(f, docs.join('---\n'))
    const rssFile = join(work, 'rss-150k')
    const r = run(['apply', '-f', f, '--cluster', 's150k'], {rssFile})
    let rss = NaN
    try {
      rss = Number(readFileSync(rssFile, 'utf8'))
    } catch {}
    const gib = rss / 2 ** 30
    record('150,000 pods onto 5,000 nodes', r.ms, 60000, `(${Math.round(150000 / (r.ms / 1000))} pods/s; peak RSS ${gib.toFixed(2)} GiB, target < 4 GiB${gib >= 4 ? ' SLOW' : ''})`)
  },
}

const names = only.length ? only : Object.keys(benches)
const heavy = new Set(['sched150k'])
for (const n of names) {
  if (!benches[n]) {
    console.error(`unknown benchmark ${n}; known: ${Object.keys(benches).join(', ')}`)
    process.exit(2)
  }
  if (heavy.has(n) && !only.length) continue
  benches[n]()
}
mkdirSync(join(root, 'bench', 'out'), {recursive: true})
writeFileSync(join(root, 'bench', 'out', 'latest.json'), JSON.stringify(results, null, 2))
rmSync(work, {recursive: true, force: true})
