// Workloads that did not finish: a Deployment past its progress deadline or not complete when the run ended, a
// StatefulSet or DaemonSet not fully ready, a Job that failed. Only when no pod problem already explains it.
import type {KubeObject} from '../../api/types.js'
import type {Problem} from '../types.js'
import {problemAt, type ProblemContext} from './context.js'

function deploymentGap(d: KubeObject): string | undefined {
  const want = d.spec?.replicas ?? 1
  const st = d.status ?? {}
  const progressing = st.conditions?.find((c: any) => c.type === 'Progressing')
  if (progressing?.status === 'False' && progressing.reason === 'ProgressDeadlineExceeded') return progressing.message ?? `exceeded its progress deadline`
  if (d.spec?.paused) return undefined
  if ((st.updatedReplicas ?? 0) < want) return `rollout not complete: ${st.updatedReplicas ?? 0} of ${want} replicas updated`
  if ((st.availableReplicas ?? 0) < want) return `rollout not complete: ${st.availableReplicas ?? 0} of ${want} replicas available`
  if ((st.replicas ?? 0) > want) return `rollout not complete: ${st.replicas - want} old replicas pending termination`
  return undefined
}

function gapOf(o: KubeObject): {code: string; message: string} | undefined {
  const st = o.status ?? {}
  switch (o.kind) {
    case 'Deployment': {
      const m = deploymentGap(o)
      return m ? {code: 'rollout-stalled', message: m} : undefined
    }
    case 'StatefulSet': {
      const want = o.spec?.replicas ?? 1
      return (st.readyReplicas ?? 0) < want ? {code: 'rollout-stalled', message: `${st.readyReplicas ?? 0} of ${want} replicas ready`} : undefined
    }
    case 'DaemonSet':
      return (st.numberReady ?? 0) < (st.desiredNumberScheduled ?? 0) ? {code: 'rollout-stalled', message: `${st.numberReady ?? 0} of ${st.desiredNumberScheduled} pods ready`} : undefined
    case 'Job': {
      const failed = st.conditions?.find((c: any) => c.type === 'Failed' && c.status === 'True')
      return failed ? {code: 'job-failed', message: `${failed.reason ?? 'Failed'}: ${failed.message ?? 'the job failed'}`} : undefined
    }
    default:
      return undefined
  }
}

/** `explained`: `Kind/namespace/name` of applied objects that already have an error problem. */
export function workloadProblems(ctx: ProblemContext, explained: Set<string>): Problem[] {
  const out: Problem[] = []
  for (const a of ctx.applied) {
    if (explained.has(`${a.kind}/${a.namespace ?? ''}/${a.name}`)) continue
    const live = ctx.live(a)
    const gap = live && gapOf(live)
    if (!gap) continue
    const hint = gap.code === 'job-failed' ? `see \`k8sim describe job ${a.name} -n ${a.namespace}\`` : `see \`k8sim describe ${a.kind.toLowerCase()} ${a.name} -n ${a.namespace}\` and its pods' events`
    out.push(problemAt(a, gap.code, 'error', gap.message, hint))
  }
  return out
}
