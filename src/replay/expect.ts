// Expectations: checked against the in-memory cluster at the point of the scenario where they stand.
import type {KubeObject} from '../api/types.js'
import {matchesRequirements, parseLabelSelectorString, matchesLabelSelector} from '../api/selectors.js'
import type {ReplayState} from './state.js'

export interface Outcome {
  type: string
  description: string
  passed: boolean
  message: string
}

function podsBy(st: ReplayState, sel: {selector?: string; namespace?: string}): KubeObject[] {
  const reqs = sel.selector ? parseLabelSelectorString(sel.selector) : []
  return st.session.store
    .list('/Pod', sel.namespace ?? 'default')
    .filter((p) => !p.metadata.deletionTimestamp && matchesRequirements(reqs, p.metadata.labels))
}

const running = (p: KubeObject) => p.status?.phase === 'Running'
const pending = (p: KubeObject) => (p.status?.phase ?? 'Pending') === 'Pending'

function countCheck(type: string, pods: KubeObject[], want: {count?: number; min?: number; selector?: string}, label: string): Outcome {
  const n = pods.length
  const sel = want.selector ? ` (${want.selector})` : ''
  if (want.count !== undefined) return {type, description: `${want.count} pods ${label}${sel}`, passed: n === want.count, message: `${n} pods ${label}`}
  const min = want.min ?? 1
  return {type, description: `at least ${min} pods ${label}${sel}`, passed: n >= min, message: `${n} pods ${label}`}
}

function rolloutComplete(st: ReplayState, ref: string): Outcome {
  const [type, name] = ref.split('/')
  const info = st.session.registry.resolve(type)
  const obj = info && st.session.store.get(`${info.group}/${info.kind}/default/${name}`)
  const description = `rollout of ${ref} complete`
  if (!obj) return {type: 'rolloutComplete', description, passed: false, message: `${ref} not found`}
  const s = obj.status ?? {}
  const want = obj.spec?.replicas ?? 1
  let done: boolean
  let message: string
  if (obj.kind === 'DaemonSet') {
    done = (s.updatedNumberScheduled ?? 0) >= (s.desiredNumberScheduled ?? 0) && (s.numberAvailable ?? 0) >= (s.desiredNumberScheduled ?? 0)
    message = `${s.numberAvailable ?? 0} of ${s.desiredNumberScheduled ?? 0} updated pods are available`
  } else if (obj.kind === 'StatefulSet') {
    done = (s.readyReplicas ?? 0) >= want && (s.updatedReplicas ?? 0) >= want
    message = `${s.readyReplicas ?? 0} of ${want} replicas ready, ${s.updatedReplicas ?? 0} updated`
  } else {
    done = (s.observedGeneration ?? 0) >= (obj.metadata.generation ?? 0) && (s.updatedReplicas ?? 0) >= want && (s.availableReplicas ?? 0) >= want && (s.replicas ?? 0) <= want
    message = `${s.updatedReplicas ?? 0} of ${want} updated replicas, ${s.availableReplicas ?? 0} available`
  }
  return {type: 'rolloutComplete', description, passed: done, message: done ? `successfully rolled out (${message})` : message}
}

function eventSeen(st: ReplayState, e: {reason: string; object?: string; message?: string; type?: string}): boolean {
  return st.session.store.list('/Event').some((ev) => {
    if (ev.reason !== e.reason) return false
    if (e.type && ev.type !== e.type) return false
    if (e.object && `${ev.involvedObject?.kind}/${ev.involvedObject?.name}` !== e.object) return false
    if (e.message && !String(ev.message ?? '').includes(e.message)) return false
    return true
  })
}

function problemSpec(v: string | {code: string; object?: string}): {code: string; object?: string} {
  return typeof v === 'string' ? {code: v} : v
}

export function checkExpectation(st: ReplayState, x: any): Outcome {
  const type = Object.keys(x)[0]
  const v = x[type]
  switch (type) {
    case 'podsRunning':
      return countCheck(type, podsBy(st, v).filter(running), v, 'Running')
    case 'podsPending':
      return countCheck(type, podsBy(st, v).filter(pending), v, 'Pending')
    case 'rolloutComplete':
      return rolloutComplete(st, v)
    case 'noUnschedulablePods': {
      const bad = st.session.store.list('/Pod').filter((p) => !p.spec?.nodeName && p.status?.conditions?.some((c: any) => c.type === 'PodScheduled' && c.reason === 'Unschedulable'))
      const names = bad.map((p) => `${p.metadata.namespace}/${p.metadata.name}`).sort()
      return {type, description: 'no unschedulable pods', passed: bad.length === 0, message: bad.length === 0 ? 'every pod is scheduled or schedulable' : `unschedulable: ${names.join(', ')}`}
    }
    case 'event':
    case 'noEvent': {
      const seen = eventSeen(st, v)
      const what = `event ${v.reason}${v.object ? ` on ${v.object}` : ''}${v.message ? ` containing "${v.message}"` : ''}`
      const want = type === 'event'
      return {type, description: want ? `${what} seen` : `no ${what}`, passed: seen === want, message: seen ? `${what} was recorded` : `${what} was not recorded`}
    }
    case 'nodeEmpty': {
      const pods = st.session.store.list('/Pod').filter((p) => p.spec?.nodeName === v && !p.metadata.deletionTimestamp && !p.metadata.ownerReferences?.some((r) => r.kind === 'DaemonSet') && !['Succeeded', 'Failed'].includes(p.status?.phase))
      const names = pods.map((p) => `${p.metadata.namespace}/${p.metadata.name}`).sort()
      return {type, description: `node ${v} runs no pods (DaemonSet pods aside)`, passed: pods.length === 0, message: pods.length === 0 ? `node ${v} is empty` : `still on ${v}: ${names.join(', ')}`}
    }
    case 'pdbRespected': {
      const [ns, name] = String(v).includes('/') ? String(v).split('/') : ['default', String(v)]
      const pdb = st.session.store.get(`policy/PodDisruptionBudget/${ns}/${name}`)
      if (!pdb) return {type, description: `PodDisruptionBudget ${v} respected`, passed: false, message: `poddisruptionbudget ${v} not found`}
      const pods = st.session.store.list('/Pod', ns).filter((p) => !p.metadata.deletionTimestamp && matchesLabelSelector(pdb.spec?.selector, p.metadata.labels))
      const healthy = pods.filter((p) => p.status?.conditions?.some((c: any) => c.type === 'Ready' && c.status === 'True')).length
      const min = pdb.spec?.minAvailable
      const desired = typeof min === 'number' ? min : /%$/.test(String(min ?? '')) ? Math.ceil((parseInt(String(min), 10) * pods.length) / 100) : pods.length - (Number(pdb.spec?.maxUnavailable ?? 0) || 0)
      return {type, description: `PodDisruptionBudget ${v} respected`, passed: healthy >= desired, message: `${healthy} healthy pods, ${desired} required`}
    }
    case 'problem':
    case 'noProblem': {
      const p = problemSpec(v)
      const hit = st.problems.find((q) => q.code === p.code && (!p.object || q.object === p.object))
      const what = `problem ${p.code}${p.object ? ` on ${p.object}` : ''}`
      const want = type === 'problem'
      return {type, description: want ? `${what} reported` : `no ${what}`, passed: Boolean(hit) === want, message: hit ? `${hit.severity} ${hit.code}: ${hit.object}: ${hit.message}` : `${what} not reported`}
    }
    default:
      return {type, description: type, passed: false, message: `unknown expectation "${type}"`}
  }
}
