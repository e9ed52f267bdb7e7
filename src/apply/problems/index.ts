// Problems an apply can show once the simulation settled: the cause of every pod that is not running, the
// wiring mistakes a real cluster would reveal (a Service selecting nothing), and what the documents themselves
// say (deprecated APIs, duplicates). One file per family; codes and meanings in codes.ts.
import type {AppliedObject, Problem} from '../types.js'
import type {ApplySession, ManifestDocLike} from '../ports.js'
import {makeContext} from './context.js'
import {podProblems} from './pods.js'
import {referenceProblems} from './references.js'
import {storageProblems} from './storage.js'
import {serviceProblems} from './services.js'
import {ingressProblems} from './ingress.js'
import {hpaProblems} from './hpa.js'
import {pdbProblems} from './pdb.js'
import {workloadProblems} from './workloads.js'
import {apiProblems} from './apis.js'
import {apiServiceProblems} from './apiservices.js'
import {variantProblems} from './variants.js'

export {rejectionProblems, rejectionCode} from './rejections.js'
export {PROBLEM_CODES} from './codes.js'

const STORAGE = new Set(['missing-pvc', 'pvc-pending', 'missing-storageclass', 'no-provisioner'])
const SEVERITY_RANK = {error: 0, warning: 1, info: 2} as const

/** Stable order: file, line, severity, code, object, message. */
export function sortProblems(problems: Problem[]): Problem[] {
  return [...problems].sort(
    (a, b) =>
      (a.file ?? '').localeCompare(b.file ?? '') ||
      (a.line ?? 0) - (b.line ?? 0) ||
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
      a.code.localeCompare(b.code) ||
      a.object.localeCompare(b.object) ||
      a.message.localeCompare(b.message),
  )
}

export function collectProblems(s: ApplySession, applied: AppliedObject[], docs: ManifestDocLike[]): Problem[] {
  const ctx = makeContext(s, applied, docs)
  // root causes first: a reference or claim that is missing explains the pods that cannot start
  const causes = [...referenceProblems(ctx), ...storageProblems(ctx)]
  const hasStorageCause = causes.some((p) => STORAGE.has(p.code))
  const pods = podProblems(ctx).filter((p) => {
    // a pod waiting on a claim whose cause is already reported adds nothing
    if (p.code === 'unschedulable' && hasStorageCause && /PersistentVolumeClaim|volume node affinity|unbound/i.test(p.message)) return false
    return !causes.some((c) => c.code === p.code && c.object === p.object && c.namespace === p.namespace)
  })
  const found = [...causes, ...pods, ...serviceProblems(ctx), ...ingressProblems(ctx), ...hpaProblems(ctx), ...pdbProblems(ctx), ...apiServiceProblems(ctx), ...variantProblems(ctx)]
  const explained = new Set(found.filter((p) => p.severity === 'error').map((p) => `${p.object.split('/')[0]}/${p.namespace ?? ''}/${p.object.split('/').slice(1).join('/')}`))
  // a StorageClass problem explains the StatefulSet or workload that uses it: do not also call it stalled
  if (hasStorageCause) for (const a of applied) if (a.kind === 'StatefulSet' || podUsesBrokenClaim(a, causes)) explained.add(`${a.kind}/${a.namespace ?? ''}/${a.name}`)
  found.push(...workloadProblems(ctx, explained), ...apiProblems(ctx))
  return sortProblems(found)
}

function podUsesBrokenClaim(a: AppliedObject, causes: Problem[]): boolean {
  return causes.some((c) => STORAGE.has(c.code) && c.namespace === a.namespace && c.object === `${a.kind}/${a.name}`)
}
