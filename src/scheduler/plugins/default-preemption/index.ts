// DefaultPreemption (PostFilter): find nodes where evicting lower-priority pods lets the pod fit, pick the best
// candidate, delete its victims and nominate the node (framework/preemption/preemption.go, default_preemption.go).
import type {KubeObject} from '../../../api/types.js'
import type {CycleState} from '../../framework/cycle-state.js'
import type {Handle, NodeToStatus, PostFilterPlugin} from '../../framework/interfaces.js'
import {labelSelectorAsSelector} from '../../framework/labels.js'
import type {NodeInfo} from '../../framework/node-info.js'
import type {PodInfo} from '../../framework/pod-info.js'
import {isSuccess, Status} from '../../framework/status.js'
import {fitErrorMessage} from '../../framework/fit-error.js'

export const NAME = 'DefaultPreemption'
export const NOT_HELPFUL = 'Preemption is not helpful for scheduling'
export const NO_VICTIMS = 'No preemption victims found for incoming pod'

export interface DefaultPreemptionArgs {
  minCandidateNodesPercentage?: number
  minCandidateNodesAbsolute?: number
}

interface Candidate {
  name: string
  victims: PodInfo[]
  numPDBViolations: number
}

/** util.MoreImportantPod: higher priority, then earlier start time */
function moreImportant(a: PodInfo, b: PodInfo, now: number): boolean {
  if (a.priority !== b.priority) return a.priority > b.priority
  return a.startTime(now) < b.startTime(now)
}

function terminatingByPreemption(p: KubeObject): boolean {
  if (!p.metadata.deletionTimestamp) return false
  return (p.status?.conditions ?? []).some((c: any) => c.type === 'DisruptionTarget' && c.reason === 'PreemptionByScheduler')
}

export function newDefaultPreemption(args: DefaultPreemptionArgs = {}, handle: Handle): PostFilterPlugin {
  const minPct = args.minCandidateNodesPercentage ?? 10
  const minAbs = args.minCandidateNodesAbsolute ?? 100

  function filterPodsWithPDBViolation(pods: PodInfo[], pdbs: KubeObject[]): [PodInfo[], PodInfo[]] {
    const allowed = pdbs.map((p) => Number(p.status?.disruptionsAllowed ?? 0))
    const violating: PodInfo[] = []
    const ok: PodInfo[] = []
    for (const p of pods) {
      let violated = false
      if (p.labels && Object.keys(p.labels).length > 0) {
        pdbs.forEach((pdb, i) => {
          if (pdb.metadata.namespace !== p.namespace) return
          const sel = labelSelectorAsSelector(pdb.spec?.selector)
          if (sel.empty || !sel.matches(p.labels)) return
          if (pdb.status?.disruptedPods && p.pod.metadata.name! in pdb.status.disruptedPods) return
          allowed[i]--
          if (allowed[i] < 0) violated = true
        })
      }
      ;(violated ? violating : ok).push(p)
    }
    return [violating, ok]
  }

  function selectVictimsOnNode(state: CycleState, pod: PodInfo, node: NodeInfo, pdbs: KubeObject[]): {victims: PodInfo[]; violations: number; status: Status | null} {
    const now = handle.clock.now()
    const potential: PodInfo[] = []
    for (const p of [...node.pods]) {
      if (p.priority < pod.priority) {
        potential.push(p)
        node.removePod(p.key)
        handle.runPreFilterExtensionRemovePod(state, pod, p, node)
      }
    }
    if (potential.length === 0) return {victims: [], violations: 0, status: Status.unresolvable(NO_VICTIMS)}
    const st = handle.runFilterPluginsWithNominatedPods(state, pod, node)
    if (!isSuccess(st)) return {victims: [], violations: 0, status: st}
    potential.sort((a, b) => (moreImportant(a, b, now) ? -1 : moreImportant(b, a, now) ? 1 : 0))
    const [violatingVictims, nonViolating] = filterPodsWithPDBViolation(potential, pdbs)
    const victims: PodInfo[] = []
    let violations = 0
    const reprieve = (p: PodInfo): boolean => {
      node.addPod(p)
      handle.runPreFilterExtensionAddPod(state, pod, p, node)
      const fits = isSuccess(handle.runFilterPluginsWithNominatedPods(state, pod, node))
      if (!fits) {
        node.removePod(p.key)
        handle.runPreFilterExtensionRemovePod(state, pod, p, node)
        victims.push(p)
      }
      return fits
    }
    for (const p of violatingVictims) if (!reprieve(p)) violations++
    for (const p of nonViolating) reprieve(p)
    if (violatingVictims.length > 0 && nonViolating.length > 0) {
      victims.sort((a, b) => (moreImportant(a, b, now) ? -1 : moreImportant(b, a, now) ? 1 : 0))
    }
    return {victims, violations, status: null}
  }

  function pickOne(cands: Candidate[]): Candidate {
    const now = handle.clock.now()
    const earliestStart = (c: Candidate): number => {
      const top = c.victims[0].priority
      let min = Infinity
      for (const v of c.victims) if (v.priority === top) min = Math.min(min, v.startTime(now))
      return min
    }
    const fns: Array<(c: Candidate) => number> = [
      (c) => -c.numPDBViolations,
      (c) => -c.victims[0].priority,
      (c) => -c.victims.reduce((s, v) => s + v.priority + 2147483648, 0),
      (c) => -c.victims.length,
      (c) => earliestStart(c),
    ]
    let all = cands
    for (const f of fns) {
      let max = -Infinity
      let selected: Candidate[] = []
      for (const c of all) {
        const s = f(c)
        if (s > max) {
          max = s
          selected = []
        }
        if (s === max) selected.push(c)
      }
      if (selected.length === 1) return selected[0]
      all = selected
    }
    return all[0]
  }

  function preparePreemption(c: Candidate, pod: PodInfo): void {
    for (const v of c.victims) {
      const current = handle.store.get(`/Pod/${v.namespace}/${v.pod.metadata.name}`)
      if (!current) continue
      const updated = structuredClone(current)
      const status = (updated.status ??= {})
      const conditions: any[] = (status.conditions ??= [])
      const cond = {
        type: 'DisruptionTarget',
        status: 'True',
        lastProbeTime: null,
        lastTransitionTime: handle.clock.nowRFC3339(),
        reason: 'PreemptionByScheduler',
        message: `${pod.pod.spec?.schedulerName ?? 'default-scheduler'}: preempting to accommodate a higher priority pod`,
      }
      const i = conditions.findIndex((x) => x.type === 'DisruptionTarget')
      if (i >= 0) conditions[i] = cond
      else conditions.push(cond)
      handle.updatePodStatus(updated)
      handle.deletePod(updated)
      handle.events.event(updated, 'Normal', 'Preempted', `Preempted by pod ${pod.pod.metadata.uid ?? ''} on node ${c.name}`, {component: handle.schedulerName})
    }
    // lower-priority pods nominated to this node may no longer fit: clear their nomination
    for (const np of handle.nominatedPodsForNode(c.name)) {
      if (np.priority >= pod.priority) continue
      const current = handle.store.get(`/Pod/${np.namespace}/${np.pod.metadata.name}`)
      if (!current?.status?.nominatedNodeName) continue
      const updated = structuredClone(current)
      delete updated.status.nominatedNodeName
      handle.updatePodStatus(updated)
    }
  }

  return {
    name: NAME,
    postFilter(state, pod, statuses, absent) {
      // 1) eligibility
      if (pod.pod.spec?.preemptionPolicy === 'Never') {
        return {result: null, status: Status.unschedulable('preemption: not eligible due to preemptionPolicy=Never.')}
      }
      const nom = pod.pod.status?.nominatedNodeName
      if (nom) {
        const nomStatus = statuses.get(nom) ?? absent
        if (nomStatus?.code !== 'UnschedulableAndUnresolvable') {
          const ni = handle.cache.get(nom)
          if (ni && ni.pods.some((p) => p.priority < pod.priority && terminatingByPreemption(p.pod))) {
            return {result: null, status: Status.unschedulable('preemption: not eligible due to a terminating pod on the nominated node.')}
          }
        }
      }
      // 2) candidates: nodes where preemption might help
      const all = handle.cache.list()
      const nodeStatuses = new Map<string, Status>()
      const potential: NodeInfo[] = []
      for (const n of all) {
        const s = statuses.get(n.name) ?? absent
        if (!s || s.code === 'UnschedulableAndUnresolvable') {
          nodeStatuses.set(n.name, Status.unresolvable(NOT_HELPFUL))
          continue
        }
        potential.push(n)
      }
      const candidates: Candidate[] = []
      if (potential.length > 0) {
        const pdbs = handle.store.list('policy/PodDisruptionBudget')
        const offset = handle.rng.intn(potential.length)
        let numCandidates = Math.trunc((potential.length * minPct) / 100)
        if (numCandidates < minAbs) numCandidates = minAbs
        if (numCandidates > potential.length) numCandidates = potential.length
        let nonViolating = 0
        for (let i = 0; i < potential.length; i++) {
          const original = potential[(offset + i) % potential.length]
          const copy = original.clone()
          const r = selectVictimsOnNode(state.clone(), pod, copy, pdbs)
          if (isSuccess(r.status) && r.victims.length > 0) {
            candidates.push({name: copy.name, victims: r.victims, numPDBViolations: r.violations})
            if (r.violations === 0) nonViolating++
            if (nonViolating > 0 && candidates.length >= numCandidates) break
            continue
          }
          nodeStatuses.set(copy.name, r.status ?? Status.error(`expected at least one victim pod on node "${copy.name}"`))
        }
      }
      if (candidates.length === 0) {
        const msg = fitErrorMessage(all.length, nodeStatuses, Status.unresolvable(NOT_HELPFUL), '', '')
        return {result: {nominatedNodeName: ''}, status: Status.unschedulable('preemption: ' + msg)}
      }
      // non-violating candidates first, as DryRunPreemption returns them
      const ordered = [...candidates.filter((c) => c.numPDBViolations === 0), ...candidates.filter((c) => c.numPDBViolations > 0)]
      const best = ordered.length === 1 ? ordered[0] : pickOne(ordered)
      preparePreemption(best, pod)
      return {result: {nominatedNodeName: best.name, victims: best.victims.map((v) => v.key)}, status: null}
    },
  }
}
