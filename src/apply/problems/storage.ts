// Claims that never bind: a StorageClass that does not exist, one whose provisioner does not run in this
// cluster, or a claim left Pending for another reason while a pod waits for it.
import type {KubeObject} from '../../api/types.js'
import type {AppliedObject, Problem} from '../types.js'
import {LOCAL_PATH_PROVISIONER} from '../../controllers/persistentvolume/storage-class.js'
import {checkVolumeSatisfyClaim} from '../../controllers/persistentvolume/matching.js'
import {problemAt, type ProblemContext} from './context.js'

/** Provisioners that run in a k8sim cluster (the embedded local-path one). */
const RUNNING = new Set([LOCAL_PATH_PROVISIONER])
const DEFAULT_CLASS = 'storageclass.kubernetes.io/is-default-class'

const BETA_CLASS = 'volume.beta.kubernetes.io/storage-class'

/** GetPersistentVolumeClaimClass: the beta annotation wins over spec.storageClassName. */
function claimClass(claim: any): string | undefined {
  return claim?.metadata?.annotations?.[BETA_CLASS] ?? claim?.spec?.storageClassName
}

function defaultClass(ctx: ProblemContext): KubeObject | undefined {
  return ctx.s.store.list('storage.k8s.io/StorageClass').find((c) => c.metadata.annotations?.[DEFAULT_CLASS] === 'true')
}

/** Why a claim pre-bound to a volume (spec.volumeName) cannot bind to it, as the PV controller says in VolumeMismatch. */
function volumeMismatch(ctx: ProblemContext, pvc: KubeObject): string | undefined {
  const name = pvc.spec?.volumeName
  if (!name) return undefined
  const pv = ctx.s.store.get(`/PersistentVolume//${name}`)
  if (!pv) return undefined
  const ref = pv.spec?.claimRef
  if (ref && !(ref.namespace === pvc.metadata.namespace && ref.name === pvc.metadata.name)) return `volume ${name} is bound to claim ${ref.namespace}/${ref.name}`
  return checkVolumeSatisfyClaim(pv, pvc)
}

function usedByPod(ctx: ProblemContext, ns: string, claimName: string): boolean {
  return ctx.pods().some((p) => p.metadata.namespace === ns && (p.spec?.volumes ?? []).some((v: any) => v.persistentVolumeClaim?.claimName === claimName))
}

/** A problem about a claim: the claim when the bundle applied it, else the claim a workload created, placed at the workload. */
function claimProblem(at: AppliedObject, pvc: KubeObject, code: string, message: string, hint?: string): Problem {
  const p = problemAt(at, code, 'error', message, hint)
  p.object = `PersistentVolumeClaim/${pvc.metadata.name}`
  return p
}

export function storageProblems(ctx: ProblemContext): Problem[] {
  const out: Problem[] = []
  const classes = (name: string) => ctx.s.store.get(`storage.k8s.io/StorageClass//${name}`)
  const reportedClasses = new Set<string>()
  // class of a claim (live PVC or a StatefulSet template) → the problem, placed on `at`
  const checkClaim = (at: AppliedObject, claimName: string, className: string | undefined, pvc: KubeObject | undefined): void => {
    const ns = at.namespace ?? 'default'
    if (className === '') return // static binding only
    const cls = className === undefined ? defaultClass(ctx) : classes(className)
    if (className !== undefined && !cls) {
      out.push(problemAt(at, 'missing-storageclass', 'error', `claim ${claimName} names StorageClass ${className}, which does not exist`, `use an existing class (k8sim get storageclass) or add StorageClass ${className} to the bundle`))
      return
    }
    // a claim that names its volume binds to that volume only: one that does not satisfy it keeps the claim Pending
    const mismatch = pvc && pvc.status?.phase !== 'Bound' ? volumeMismatch(ctx, pvc) : undefined
    if (mismatch) {
      out.push(claimProblem(at, pvc!, 'pvc-pv-mismatch', `claim ${claimName} names volume ${pvc!.spec.volumeName}, which it cannot bind to: ${mismatch}`, mismatch === 'storageClassName does not match'
        ? `give the claim and the volume the same storageClassName (storageClassName: "" on the claim for a volume without class; otherwise the default class is assigned)`
        : `see \`k8sim describe pvc ${claimName} -n ${ns}\``))
      return
    }
    if (cls && !RUNNING.has(cls.provisioner) && cls.provisioner !== 'kubernetes.io/no-provisioner' && pvc?.status?.phase !== 'Bound') {
      const name = cls.metadata.name!
      const clsApplied = ctx.source('StorageClass', undefined, name)
      if (!reportedClasses.has(name)) {
        reportedClasses.add(name)
        const target = clsApplied ?? at
        out.push(problemAt(target, 'no-provisioner', 'error', `StorageClass ${name} uses provisioner ${cls.provisioner}, which does not run in this cluster: claim ${claimName} never gets a volume`, `use a class whose provisioner runs here (${[...RUNNING].join(', ')})`))
      }
      // the claim itself stays Pending: that is what its pods wait on (a claim no pod uses is only the class's problem)
      if (pvc && usedByPod(ctx, ns, claimName)) out.push(claimProblem(at, pvc, 'pvc-pending', `claim ${claimName} stays Pending: no volume is ever provisioned by ${cls.provisioner}`, `see \`k8sim describe pvc ${claimName} -n ${ns}\``))
      return
    }
    if (pvc && pvc.status?.phase !== 'Bound') {
      const used = usedByPod(ctx, ns, claimName)
      const immediate = (cls?.volumeBindingMode ?? 'Immediate') === 'Immediate'
      if (used || (immediate && cls)) {
        const why = cls ? '' : ' (no StorageClass named and no default class)'
        out.push(problemAt(at, 'pvc-pending', 'error', `claim ${claimName} is ${pvc.status?.phase ?? 'Pending'}${why}`, `see \`k8sim describe pvc ${claimName} -n ${ns}\``))
      }
    }
  }
  for (const a of ctx.applied) {
    const live = ctx.live(a)
    if (!live) continue
    if (a.kind === 'PersistentVolumeClaim') checkClaim(a, a.name, claimClass(live), live)
    if (a.kind === 'StatefulSet') {
      for (const t of live.spec?.volumeClaimTemplates ?? []) {
        const claim = `${t.metadata?.name}-${a.name}-0`
        const pvc = ctx.s.store.get(`/PersistentVolumeClaim/${a.namespace}/${claim}`)
        checkClaim(a, pvc ? claim : `${t.metadata?.name} (template)`, claimClass(pvc) ?? claimClass(t), pvc)
      }
    }
  }
  return out
}
