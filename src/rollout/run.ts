// rollout and scale: change the workload through the simulated API server, then let the control plane run.
import type {KubeObject} from '../api/types.js'
import {printedKind, type ResourceInfo} from '../api/resources.js'
import {objectKey} from '../api/store/keys.js'
import {UserError, UsageError} from '../errors.js'
import {withCluster, type ClusterSession} from '../state/session.js'
import {Engine} from '../engine/engine.js'
import {recordDecisions} from '../state/decision-log.js'
import {deploymentRevisions, rollbackDeployment} from '../controllers/deployment/rollout.js'
import {rolloutStatus} from './status.js'

export interface Target {
  home?: string
  cluster?: string
  namespace?: string
  ref: string // TYPE/NAME or TYPE NAME joined
}

const SETTLE_MS = 5 * 60_000

function resolve(s: ClusterSession, ref: string, namespace: string | undefined, allowed: string[]): {info: ResourceInfo; obj: KubeObject; key: string} {
  const slash = ref.indexOf('/')
  if (slash < 0) throw new UsageError(`expected TYPE/NAME, got "${ref}"`)
  const info = s.registry.resolve(ref.slice(0, slash))
  if (!info) throw new UserError(`the server doesn't have a resource type "${ref.slice(0, slash)}"`)
  if (!allowed.includes(info.kind)) throw new UserError(`no ${allowed.length > 3 ? 'scaler' : 'rollout support'} has been implemented for "${info.group ? `${info.group}/` : ''}${info.version}, Kind=${info.kind}"`)
  const name = ref.slice(slash + 1)
  const key = objectKey(info.group, info.kind, info.namespaced ? (namespace ?? 'default') : undefined, name)
  const obj = s.store.get(key)
  if (!obj) throw new UserError(`Error from server (NotFound): ${info.group ? `${info.plural}.${info.group}` : info.plural} "${name}" not found`)
  return {info, obj: structuredClone(obj), key}
}

function line(info: ResourceInfo, obj: KubeObject, what: string): string {
  return `${printedKind(info.group, info.kind)}/${obj.metadata.name} ${what}\n`
}

async function mutate(t: Target, allowed: string[], fn: (s: ClusterSession, engine: Engine, info: ResourceInfo, obj: KubeObject) => string): Promise<string> {
  return withCluster({home: t.home, cluster: t.cluster, write: true}, (s) => {
    const engine = new Engine(s, {schedulerConfig: (s.meta as any).schedulerConfig})
    engine.start()
    const {info, obj} = resolve(s, t.ref, t.namespace, allowed)
    const out = fn(s, engine, info, obj)
    engine.runUntilSettled({timeoutMs: SETTLE_MS})
    recordDecisions(s, engine.decisions())
    return out
  })
}

const ROLLOUT_KINDS = ['Deployment', 'DaemonSet', 'StatefulSet']

export function runScale(t: Target, replicas: number): Promise<string> {
  return mutate(t, ['Deployment', 'ReplicaSet', 'StatefulSet', 'ReplicationController'], (_s, engine, info, obj) => {
    obj.spec = {...obj.spec, replicas}
    engine.api.update(obj)
    return line(info, obj, 'scaled')
  })
}

export function runRestart(t: Target): Promise<string> {
  return mutate(t, ROLLOUT_KINDS, (s, engine, info, obj) => {
    const tpl = (obj.spec.template ??= {})
    tpl.metadata = {...(tpl.metadata ?? {}), annotations: {...(tpl.metadata?.annotations ?? {}), 'kubectl.kubernetes.io/restartedAt': s.clock.nowRFC3339()}}
    engine.api.update(obj)
    return line(info, obj, 'restarted')
  })
}

export function runPause(t: Target, paused: boolean): Promise<string> {
  return mutate(t, ROLLOUT_KINDS, (_s, engine, info, obj) => {
    // kubectl's defaultObjectPauser/Resumer: only Deployments pause
    if (info.kind !== 'Deployment') throw new UserError(`${info.plural}.${info.group} "${obj.metadata.name}" ${paused ? 'pausing' : 'resuming'} is not supported`)
    if (Boolean(obj.spec?.paused) === paused) throw new UserError(`deployments.apps "${obj.metadata.name}" is ${paused ? 'already paused' : 'not paused'}`)
    obj.spec = {...obj.spec, paused}
    if (!paused) delete obj.spec.paused
    engine.api.update(obj)
    return line(info, obj, paused ? 'paused' : 'resumed')
  })
}

export function runUndo(t: Target, toRevision: number): Promise<string> {
  return mutate(t, ROLLOUT_KINDS, (s, engine, info, obj) => {
    if (info.kind !== 'Deployment') return line(info, obj, rollbackControllerRevision(s, engine, obj, toRevision))
    const r = rollbackDeployment(s.store, obj, toRevision)
    if (r.updated) engine.api.update(r.updated)
    return line(info, obj, r.message)
  })
}

/** kubectl's DaemonSetRollbacker / StatefulSetRollbacker: restore the template a ControllerRevision recorded. */
function rollbackControllerRevision(s: ClusterSession, engine: Engine, obj: KubeObject, toRevision: number): string {
  const revs = controllerRevisions(s, obj)
  if (toRevision === 0 && revs.length <= 1) throw new UserError('no last revision to roll back to')
  // findHistory: 0 = the second-highest revision
  const target = toRevision === 0 ? revs[revs.length - 2] : revs.find((r) => r.revision === toRevision)
  if (!target) throw new UserError(`unable to find specified revision ${toRevision} in history`)
  if (canonicalJSON(obj.spec?.template) === canonicalJSON(target.template)) return `skipped rollback (current template already matches revision ${toRevision})`
  obj.spec = {...obj.spec, template: target.template}
  engine.api.update(obj)
  return 'rolled back'
}

/** JSON with sorted keys and without nulls (a revision's template carries `creationTimestamp: null`). */
function canonicalJSON(v: unknown): string {
  const norm = (x: any): any => {
    if (Array.isArray(x)) return x.map(norm)
    if (x && typeof x === 'object') {
      const out: Record<string, unknown> = {}
      for (const k of Object.keys(x).sort()) if (x[k] !== null && x[k] !== undefined) out[k] = norm(x[k])
      return out
    }
    return x
  }
  return JSON.stringify(norm(v ?? {}))
}

/** DaemonSet/StatefulSet history: the ControllerRevisions the workload controls (kubectl's controlledHistories). */
function controllerRevisions(s: ClusterSession, obj: KubeObject): Revision[] {
  return s.store.list('apps/ControllerRevision', obj.metadata.namespace)
    .filter((cr) => (cr.metadata.ownerReferences ?? []).some((r) => r.controller && r.uid === obj.metadata.uid))
    .map((cr) => {
      const template = structuredClone(cr.data?.spec?.template ?? {})
      delete template.$patch
      return {revision: Number(cr.revision ?? 0), changeCause: cr.metadata.annotations?.['kubernetes.io/change-cause'] || undefined, template}
    })
    .sort((a, b) => a.revision - b.revision)
}

interface Revision {
  revision: number
  changeCause?: string
  template: any
}

/** kubectl rollout history [--revision N]: the revision table, or one revision's pod template. */
export function runHistory(t: Target, revision = 0, renderTemplate: (template: any) => string = () => ''): Promise<string> {
  return withCluster({home: t.home, cluster: t.cluster, write: false}, (s) => {
    const {info, obj} = resolve(s, t.ref, t.namespace, ROLLOUT_KINDS)
    const revs: Revision[] = info.kind === 'Deployment'
      ? deploymentRevisions(s.store, obj).map((r) => ({revision: r.revision, changeCause: r.changeCause, template: structuredClone(r.replicaSet.spec?.template ?? {})}))
      : controllerRevisions(s, obj)
    // kubectl: the NamePrinter line `kind/name <operation>` where the operation starts with "with revision #N" or ""
    const head = `${printedKind(info.group, info.kind)}/${obj.metadata.name} ${revision > 0 ? `with revision #${revision}` : ''}\n`
    if (revs.length === 0) return `${head}No rollout history found.\n`
    if (revision > 0) {
      const r = revs.find((x) => x.revision === revision)
      if (!r) throw new UserError('unable to find the specified revision')
      // the Deployment viewer copies the ReplicaSet's change-cause onto the template
      if (r.changeCause && info.kind === 'Deployment') r.template.metadata = {...(r.template.metadata ?? {}), annotations: {...(r.template.metadata?.annotations ?? {}), 'kubernetes.io/change-cause': r.changeCause}}
      return head + renderTemplate(r.template) + '\n'
    }
    // then a tabwriter(0, 8, 2) table and a blank line
    const rows = [['REVISION', 'CHANGE-CAUSE'], ...revs.map((r) => [String(r.revision), r.changeCause ?? '<none>'])]
    const w = Math.max(...rows.map((r) => r[0].length)) + 2
    return head + rows.map((r) => r[0].padEnd(w) + r[1] + '\n').join('') + '\n'
  })
}

/** Follow the rollout in virtual time, printing each new message, until done or the timeout. */
export function runStatus(t: Target, timeoutMs: number, watch: boolean, emit: (line: string) => void): Promise<void> {
  return withCluster({home: t.home, cluster: t.cluster, write: true}, (s) => {
    const engine = new Engine(s, {schedulerConfig: (s.meta as any).schedulerConfig})
    engine.start()
    const {key} = resolve(s, t.ref, t.namespace, ROLLOUT_KINDS)
    const start = s.clock.now()
    let last = ''
    for (;;) {
      const obj = s.store.get(key)
      if (!obj) throw new UserError(`object has been deleted`)
      const st = rolloutStatus(obj)
      if (st.message !== last) emit(st.message + '\n')
      last = st.message
      if (st.done || !watch) break
      if (s.clock.now() - start >= timeoutMs) throw new UserError('timed out waiting for the condition')
      engine.advance(1000)
    }
    recordDecisions(s, engine.decisions())
  })
}
