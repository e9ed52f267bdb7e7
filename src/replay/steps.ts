// One scenario step against the in-memory cluster: mutate through the API server as the matching command would,
// then let the control plane run until settled. Returns kubectl-like lines; throws StepError when it fails.
import path from 'node:path'
import type {KubeObject} from '../api/types.js'
import {objectKey} from '../api/store/keys.js'
import {parseDuration} from '../api/duration.js'
import {toRFC3339} from '../clock/clock.js'
import {loadManifests, formatIssue} from '../manifest/index.js'
import {applyDocuments, ApplyErrors} from '../apply/apply.js'
import {schemaErrorsFor} from '../apply/schema-check.js'
import {rejectionProblems} from '../apply/problems.js'
import {KUBELET_STOPPED} from '../controllers/nodelifecycle/nodelifecycle.js'
import {matchesLabelSelector} from '../api/selectors.js'
import type {AppliedObject, Problem} from '../apply/types.js'
import type {ReplayState} from './state.js'

export class StepError extends Error {}

const SETTLE_MS = 5 * 60_000

function settle(st: ReplayState, timeout?: string): void {
  st.engine.runUntilSettled({timeoutMs: timeout ? (parseDuration(timeout) ?? SETTLE_MS) : SETTLE_MS})
}

/** `Deployment/web` or `deploy/web` → the live object's key. */
function resolveRef(st: ReplayState, ref: string, namespace?: string): {key: string; kind: string; name: string; group: string} {
  const [type, name] = ref.split('/')
  const info = name ? st.session.registry.resolve(type) : undefined
  if (!info || !name) throw new StepError(`"${ref}": expected TYPE/NAME, e.g. deployment/web`)
  const key = objectKey(info.group, info.kind, info.namespaced ? (namespace ?? 'default') : undefined, name)
  return {key, kind: info.kind, name, group: info.group}
}

function mustGet(st: ReplayState, ref: string, namespace?: string): KubeObject {
  const r = resolveRef(st, ref, namespace)
  const obj = st.session.store.get(r.key)
  if (!obj) throw new StepError(`Error from server (NotFound): ${r.kind.toLowerCase()}s "${r.name}" not found`)
  return obj
}

async function apply(st: ReplayState, arg: any): Promise<string[]> {
  const spec = typeof arg === 'string' || Array.isArray(arg) ? {file: arg} : arg
  const files = (Array.isArray(spec.file) ? spec.file : [spec.file]).map((f: string) => path.resolve(st.dir, f))
  const loaded = await loadManifests(files, {recursive: false, strict: false, readStdin: async () => ''})
  const rejectWith = (lines: string[]): string[] => {
    st.problems = rejectionProblems(lines)
    if (spec.rejected) return lines
    throw new StepError(lines.join('\n'))
  }
  if (loaded.issues.length > 0) return rejectWith(loaded.issues.map(formatIssue))
  const s = st.session
  const schemaErrors = schemaErrorsFor(loaded.docs, s)
  if (schemaErrors.length > 0) return rejectWith(schemaErrors)
  try {
    const {report} = applyDocuments({...s, engine: st.engine}, loaded.docs, {namespace: spec.namespace, dryRun: false, timeoutMs: SETTLE_MS})
    st.problems = report.problems
    st.applied.push(...report.objects)
    if (spec.rejected) throw new StepError('expected the API server to refuse the bundle, but it was applied')
    return report.objects.map((o: AppliedObject) => o.line)
  } catch (e) {
    if (e instanceof ApplyErrors) return rejectWith(e.lines)
    throw e
  }
}

function scale(st: ReplayState, arg: {object: string; replicas: number; namespace?: string}): string[] {
  const obj = structuredClone(mustGet(st, arg.object, arg.namespace))
  obj.spec = {...obj.spec, replicas: arg.replicas}
  st.engine.api.update(obj)
  settle(st)
  return [`${arg.object.toLowerCase()} scaled`]
}

function rolloutRestart(st: ReplayState, ref: string, namespace?: string): string[] {
  const obj = structuredClone(mustGet(st, ref, namespace))
  const tpl = obj.spec?.template
  if (!tpl) throw new StepError(`${ref}: not a workload with a pod template`)
  tpl.metadata = {...(tpl.metadata ?? {}), annotations: {...(tpl.metadata?.annotations ?? {}), 'kubectl.kubernetes.io/restartedAt': toRFC3339(st.session.clock.now())}}
  st.engine.api.update(obj)
  settle(st)
  return [`${ref.toLowerCase()} restarted`]
}

function setNode(st: ReplayState, name: string, change: (n: KubeObject) => void): void {
  const node = st.session.store.get(`/Node//${name}`)
  if (!node) throw new StepError(`Error from server (NotFound): nodes "${name}" not found`)
  const copy = structuredClone(node)
  change(copy)
  st.engine.api.update(copy)
}

function cordon(st: ReplayState, name: string, desired: boolean): string[] {
  setNode(st, name, (n) => {
    n.spec = {...(n.spec ?? {})}
    if (desired) n.spec.unschedulable = true
    else delete n.spec.unschedulable
  })
  settle(st)
  return [`node/${name} ${desired ? 'cordoned' : 'uncordoned'}`]
}

/** A PDB-honouring drain: cordon, then evict each pod not managed by a DaemonSet, retrying blocked ones every 5s. */
function drain(st: ReplayState, arg: string | {node: string; timeout?: string}): string[] {
  const spec = typeof arg === 'string' ? {node: arg} : arg
  const out = cordon(st, spec.node, true)
  const deadline = st.session.clock.now() + (parseDuration(spec.timeout ?? '5m') ?? SETTLE_MS)
  const store = st.session.store
  for (;;) {
    const pods = store.list('/Pod').filter((p) => p.spec?.nodeName === spec.node && !p.metadata.deletionTimestamp && !p.metadata.ownerReferences?.some((r) => r.kind === 'DaemonSet') && !['Succeeded', 'Failed'].includes(p.status?.phase))
    if (pods.length === 0) break
    let blocked = 0
    const allowed = new Map<string, number>()
    for (const pod of pods) {
      const pdbs = store.list('policy/PodDisruptionBudget', pod.metadata.namespace).filter((b) => matchesLabelSelector(b.spec?.selector, pod.metadata.labels))
      const keys = pdbs.map((b) => `${b.metadata.namespace}/${b.metadata.name}`)
      pdbs.forEach((b, i) => {
        if (!allowed.has(keys[i])) allowed.set(keys[i], disruptionsAllowed(st, b))
      })
      if (keys.some((k) => allowed.get(k)! <= 0)) {
        blocked++
        continue
      }
      for (const k of keys) allowed.set(k, allowed.get(k)! - 1)
      st.engine.api.delete(objectKey('', 'Pod', pod.metadata.namespace, pod.metadata.name!))
      out.push(`pod/${pod.metadata.name} evicted`)
    }
    if (blocked > 0 && st.session.clock.now() >= deadline) throw new StepError(`error: unable to drain node "${spec.node}" due to error: global timeout reached: ${spec.timeout ?? '5m'}`)
    st.engine.advance(5000)
  }
  settle(st)
  out.push(`node/${spec.node} drained`)
  return out
}

/** The budget's status when the disruption controller keeps it, else the same arithmetic on the live pods. */
function disruptionsAllowed(st: ReplayState, pdb: KubeObject): number {
  if (typeof pdb.status?.disruptionsAllowed === 'number' && pdb.status?.observedGeneration === pdb.metadata.generation) return pdb.status.disruptionsAllowed
  const pods = st.session.store.list('/Pod', pdb.metadata.namespace).filter((p) => !p.metadata.deletionTimestamp && matchesLabelSelector(pdb.spec?.selector, p.metadata.labels))
  const expected = pods.length
  const healthy = pods.filter((p) => p.status?.conditions?.some((c: any) => c.type === 'Ready' && c.status === 'True')).length
  const scaled = (v: number | string, roundUp: boolean) => {
    const m = /^(\d+)%$/.exec(String(v))
    if (!m) return Number(v)
    const x = (Number(m[1]) * expected) / 100
    return roundUp ? Math.ceil(x) : Math.floor(x)
  }
  const desired = pdb.spec?.maxUnavailable !== undefined ? expected - scaled(pdb.spec.maxUnavailable, true) : scaled(pdb.spec?.minAvailable ?? 1, true)
  return Math.max(0, healthy - desired)
}

function nodeFail(st: ReplayState, name: string, failed: boolean): string[] {
  setNode(st, name, (n) => {
    const ann = {...(n.metadata.annotations ?? {})}
    if (failed) ann[KUBELET_STOPPED] = 'true'
    else delete ann[KUBELET_STOPPED]
    n.metadata.annotations = ann
  })
  settle(st)
  return [`node/${name} ${failed ? 'failed' : 'recovered'}`]
}

function del(st: ReplayState, arg: string | {object: string; namespace?: string}): string[] {
  const spec = typeof arg === 'string' ? {object: arg} : arg
  const r = resolveRef(st, spec.object, spec.namespace)
  if (!st.session.store.get(r.key)) throw new StepError(`Error from server (NotFound): ${r.kind.toLowerCase()}s "${r.name}" not found`)
  st.engine.api.delete(r.key, {propagationPolicy: 'Background'})
  settle(st)
  return [`${r.kind.toLowerCase()} "${r.name}" deleted`]
}

export const ACTIONS = ['apply', 'delete', 'scale', 'rollout', 'advance', 'cordon', 'uncordon', 'drain', 'nodeFail', 'nodeRecover', 'expect'] as const

export function actionOf(step: Record<string, unknown>): string {
  return ACTIONS.find((a) => a in step) ?? Object.keys(step)[0]
}

export function describeStep(step: any): string {
  const a = actionOf(step)
  const v = step[a]
  if (a === 'expect') return `expect (${(v as unknown[]).length})`
  if (typeof v === 'string' || typeof v === 'number') return `${a} ${v}`
  if (Array.isArray(v)) return `${a} ${v.join(' ')}`
  if (a === 'scale') return `scale ${v.object} --replicas ${v.replicas}`
  if (a === 'rollout') return `rollout restart ${v.restart}`
  return `${a} ${v.file ?? v.object ?? v.node ?? ''}`.trim()
}

export async function runStep(st: ReplayState, step: any): Promise<string[]> {
  const a = actionOf(step)
  const v = step[a]
  switch (a) {
    case 'apply':
      return apply(st, v)
    case 'delete':
      return del(st, v)
    case 'scale':
      return scale(st, v)
    case 'rollout':
      return rolloutRestart(st, v.restart, v.namespace)
    case 'advance': {
      const ms = parseDuration(String(v))
      if (ms === undefined) throw new StepError(`invalid duration "${v}"`)
      st.engine.advance(ms)
      return [`advanced ${v}`]
    }
    case 'cordon':
      return cordon(st, v, true)
    case 'uncordon':
      return cordon(st, v, false)
    case 'drain':
      return drain(st, v)
    case 'nodeFail':
      return nodeFail(st, v, true)
    case 'nodeRecover':
      return nodeFail(st, v, false)
    default:
      throw new StepError(`unknown step "${a}"`)
  }
}

export type {Problem}
