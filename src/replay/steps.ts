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
import {cordonNode} from '../drain/cordon.js'
import {runDrain} from '../drain/drain.js'
import {failNode, recoverNode} from '../drain/node-ops.js'
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
  const files = (Array.isArray(spec.file) ? spec.file : [spec.file]).map((f: string) => (path.isAbsolute(f) ? f : path.join(st.dir, f)))
  const loaded = await loadManifests(files, {recursive: false, strict: false, readStdin: async () => ''})
  const rejectWith = (lines: string[]): string[] => {
    st.problems = rejectionProblems(lines, loaded.docs)
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
    const problems = report.problems.map((p) => `${p.severity} ${p.code}: ${p.object}${p.file ? ` (${p.file}${p.line ? `:${p.line}` : ''})` : ''}: ${p.message}`)
    return [...report.objects.map((o: AppliedObject) => o.line), ...problems]
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

function nodeNamed(st: ReplayState, name: string): KubeObject {
  const node = st.session.store.get(`/Node//${name}`)
  if (!node) throw new StepError(`Error from server (NotFound): nodes "${name}" not found`)
  return node
}

function cordon(st: ReplayState, name: string, desired: boolean): string[] {
  const line = cordonNode(st.engine.api, nodeNamed(st, name), desired, 'none', st.engine.events)
  settle(st)
  return [line]
}

/** `k8sim drain NODE --ignore-daemonsets --delete-emptydir-data`: kubectl's drain through the Eviction API. */
function drain(st: ReplayState, arg: string | {node: string; timeout?: string; force?: boolean; blocked?: boolean}): string[] {
  const spec = typeof arg === 'string' ? {node: arg} : arg
  nodeNamed(st, spec.node)
  const timeoutMs = parseDuration(spec.timeout ?? '5m') ?? SETTLE_MS
  const s = st.session
  const res = runDrain(
    {store: s.store, clock: s.clock, api: st.engine.api, advance: (ms) => st.engine.advance(ms), events: st.engine.events},
    {nodes: [spec.node], gracePeriodSeconds: -1, timeoutMs, disableEviction: false, dryRun: 'none', force: Boolean((spec as any).force), ignoreDaemonSets: true, deleteEmptyDirData: true, skipWaitForDeleteTimeoutSeconds: 0},
  )
  const lines = res.lines.map((l) => l.text)
  const blocked = typeof arg === 'object' && arg.blocked === true
  if (res.error && !blocked) throw new StepError([...lines, `error: ${res.error}`].join('\n'))
  if (!res.error && blocked) throw new StepError([...lines, 'expected the drain to be blocked, but it finished'].join('\n'))
  settle(st)
  return res.error ? [...lines, `error: ${res.error}`] : lines
}

function nodeFail(st: ReplayState, name: string, failed: boolean): string[] {
  const s = st.session
  const deps = {store: s.store, clock: s.clock, rng: s.rng, api: st.engine.api, events: st.engine.events}
  nodeNamed(st, name)
  const line = failed ? failNode(deps, name) : recoverNode(deps, name)
  settle(st)
  return [line]
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
