// VolumeBinding (PreFilter, Filter, Reserve, PreBind): PVCs must exist; unbound Immediate PVCs block the pod;
// bound PVs must allow the node; WaitForFirstConsumer PVCs need a matching PV or a provisioner on the node,
// and are bound (PV claimRef) or handed to provisioning (selected-node annotation) at PreBind.
import type {KubeObject} from '../../../api/types.js'
import {parseQuantity} from '../../../api/quantity.js'
import type {FilterPlugin, Handle, PreBindPlugin, PreFilterPlugin, ReservePlugin} from '../../framework/interfaces.js'
import {nodeSelectorMatches} from '../../framework/labels.js'
import type {NodeInfo} from '../../framework/node-info.js'
import {Status} from '../../framework/status.js'
import {getPV, getPVC, getStorageClass, podClaimNames, pvClassName, pvcClassName} from '../../framework/volumes.js'

export const NAME = 'VolumeBinding'
export const ERR_UNBOUND_IMMEDIATE = 'pod has unbound immediate PersistentVolumeClaims'
export const ERR_BIND_CONFLICT = "node(s) didn't find available persistent volumes to bind"
export const ERR_NODE_CONFLICT = 'node(s) had volume node affinity conflict'
export const ERR_NOT_ENOUGH_SPACE = 'node(s) did not have enough free storage'
export const ERR_PV_NOT_EXIST = 'node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s)'
const STATE_KEY = NAME
export const SELECTED_NODE_ANNOTATION = 'volume.kubernetes.io/selected-node'

interface StateData {
  bound: KubeObject[]
  delayed: KubeObject[]
}

/** bindAPIUpdate's work for the binding cycle to wait on: volumes given a claimRef, claims handed to provisioning */
interface BindState {
  bindings: Array<{pv: string; pvc: string}>
  provisions: string[]
}
const BIND_STATE_KEY = NAME + '/bind'
/** VolumeBindingArgs.bindTimeoutSeconds' default */
const BIND_TIMEOUT_MS = 600_000

/**
 * checkBindings (binder.go): false while a claim is not fully bound yet, true when all are, a Status (Error) when
 * binding must be retried. Reads the API objects as they are now.
 */
function checkBindings(handle: Handle, ns: string, podName: string, nodeName: string, done: BindState): boolean | Status {
  const fail = (msg: string) => Status.error('binding volumes: ' + msg)
  if (!handle.store.get(`/Pod/${ns}/${podName}`)) return fail(`pod does not exist any more: pod "${podName}" not found`)
  const node = handle.cache.get(nodeName)
  if (!node) return fail(`failed to get node "${nodeName}": node "${nodeName}" not found`)
  const affinity = (pv: KubeObject) =>
    pvNodeAffinityMatches(pv, node) ? null : fail(`pv "${pv.metadata.name}" node affinity doesn't match node "${nodeName}": no matching NodeSelectorTerms`)
  for (const b of done.bindings) {
    const pv = getPV(handle.store, b.pv)
    if (!pv) return fail(`failed to check binding: PersistentVolume "${b.pv}" not found`)
    const pvc = getPVC(handle.store, ns, b.pvc)
    if (!pvc) return fail(`failed to check binding: PersistentVolumeClaim "${ns}/${b.pvc}" not found`)
    const err = affinity(pv)
    if (err) return err
    if (!pv.spec?.claimRef?.uid) return fail(`ClaimRef got reset for pv "${b.pv}"`)
    if (!isPVCFullyBound(pvc)) return false
  }
  for (const name of done.provisions) {
    const pvc = getPVC(handle.store, ns, name)
    if (!pvc) return fail(`failed to check provisioning pvc: PersistentVolumeClaim "${ns}/${name}" not found`)
    const annotations = pvc.metadata.annotations
    if (!annotations) return fail(`selectedNode annotation reset for PVC "${name}"`)
    // a provisioner that failed removes the annotation to send the pod back to scheduling
    if (annotations[SELECTED_NODE_ANNOTATION] !== nodeName) return fail(`provisioning failed for PVC "${name}"`)
    if (pvc.spec?.volumeName) {
      const pv = getPV(handle.store, pvc.spec.volumeName)
      if (!pv) return false // not seen yet: checked again at the next poll
      const err = affinity(pv)
      if (err) return err
    }
    if (!isPVCFullyBound(pvc)) return false
  }
  return true
}

function isPVCFullyBound(pvc: KubeObject): boolean {
  return !!pvc.spec?.volumeName && pvc.metadata.annotations?.['pv.kubernetes.io/bind-completed'] !== undefined
}

function pvNodeAffinityMatches(pv: KubeObject, node: NodeInfo): boolean {
  const terms = pv.spec?.nodeAffinity?.required?.nodeSelectorTerms
  if (!terms) return true
  return nodeSelectorMatches(terms, {name: node.name, labels: node.labels})
}

/**
 * util.GetLocalPersistentVolumeNodeNames: per node-affinity term, the intersection of its `kubernetes.io/hostname In`
 * values; the union over the terms. The values are used as node names (as upstream does).
 */
function localPVNodeNames(pv: KubeObject): Set<string> {
  const result = new Set<string>()
  for (const term of pv.spec?.nodeAffinity?.required?.nodeSelectorTerms ?? []) {
    let nodes: Set<string> | undefined
    for (const e of term?.matchExpressions ?? []) {
      if (e.key !== 'kubernetes.io/hostname' || e.operator !== 'In') continue
      const vals = new Set<string>((e.values ?? []).map(String))
      nodes = nodes ? new Set([...nodes].filter((n) => vals.has(n))) : vals
    }
    for (const n of nodes ?? []) result.add(n)
  }
  return result
}

/**
 * volumeBinder.GetEligibleNodes (v1.28+): the intersection, over the bound claims whose PV names hostnames, of those
 * names; undefined when no bound PV restricts the nodes. An empty set makes PreFilter reject every node
 * ("node(s) didn't satisfy plugin VolumeBinding").
 */
function eligibleNodes(handle: Handle, bound: KubeObject[]): Set<string> | undefined {
  let eligible: Set<string> | undefined
  for (const pvc of bound) {
    const pv = getPV(handle.store, pvc.spec.volumeName)
    if (!pv) continue
    const names = localPVNodeNames(pv)
    if (names.size === 0) continue
    eligible = eligible ? new Set([...eligible].filter((n) => names.has(n))) : names
  }
  return eligible
}

function storageBytes(q: unknown): bigint {
  return q === undefined ? 0n : (parseQuantity(String(q))?.nanos ?? 0n)
}

/** findMatchingVolume: an available PV of the class, big enough, with the access modes, allowed on the node (smallest first). */
function findMatchingPV(handle: Handle, pvc: KubeObject, node: NodeInfo, taken: Set<string>): KubeObject | undefined {
  const cls = pvcClassName(pvc)
  const want = storageBytes(pvc.spec?.resources?.requests?.storage)
  const modes: string[] = pvc.spec?.accessModes ?? []
  let best: KubeObject | undefined
  let bestSize = 0n
  for (const pv of handle.store.list('/PersistentVolume')) {
    const name = pv.metadata.name ?? ''
    if (taken.has(name)) continue
    if (pvClassName(pv) !== cls) continue
    const ref = pv.spec?.claimRef
    if (ref && !(ref.namespace === pvc.metadata.namespace && ref.name === pvc.metadata.name)) continue
    if (pv.status?.phase === 'Released' || pv.status?.phase === 'Failed') continue
    if ((pv.spec?.volumeMode ?? 'Filesystem') !== (pvc.spec?.volumeMode ?? 'Filesystem')) continue
    const size = storageBytes(pv.spec?.capacity?.storage)
    if (size < want) continue
    const pvModes: string[] = pv.spec?.accessModes ?? []
    if (!modes.every((m) => pvModes.includes(m))) continue
    if (!pvNodeAffinityMatches(pv, node)) continue
    if (!best || size < bestSize) {
      best = pv
      bestSize = size
    }
  }
  return best
}

/**
 * checkVolumeProvisions (binder.go) for one claim without a matching volume: an Error when the claim has no class or
 * the class does not exist (any more: PreFilter treats a missing class as Immediate), false when the class has no
 * provisioner or its allowedTopologies (MatchTopologySelectorTerms) exclude the node.
 */
function canProvision(handle: Handle, pvc: KubeObject, node: NodeInfo): boolean | Status {
  const cls = pvcClassName(pvc)
  if (!cls) return Status.error(`no class for claim "${pvc.metadata.namespace}/${pvc.metadata.name}"`)
  const sc = getStorageClass(handle.store, cls)
  if (!sc) return Status.error(`failed to find storage class "${cls}"`)
  if (!sc.provisioner || sc.provisioner === 'kubernetes.io/no-provisioner') return false
  const topo: any[] = sc.allowedTopologies ?? []
  // an empty term list matches every node; a nil or empty term (no matchLabelExpressions) selects no node
  if (topo.length === 0) return true
  return topo.some((t) => {
    const exprs: any[] = t?.matchLabelExpressions ?? []
    return exprs.length > 0 && exprs.every((e: any) => (e.values ?? []).includes(node.labels[e.key]))
  })
}

/** findMatchingVolumes sorts the claims by increasing storage request (byPVCSize) so the smallest claims pick first. */
function bySize(claims: KubeObject[]): KubeObject[] {
  return [...claims].sort((a, b) => {
    const x = storageBytes(a.spec?.resources?.requests?.storage)
    const y = storageBytes(b.spec?.resources?.requests?.storage)
    return x < y ? -1 : x > y ? 1 : 0
  })
}

/**
 * FindPodVolumes for the unbound (WaitForFirstConsumer) claims: claims already handed to provisioning for another
 * node fail fast; the others are matched to available volumes, smallest claim first; the claims left over must be
 * provisionable on the node. Returns the volume chosen per claim name, false (bind conflict) or an Error.
 */
function findPodVolumes(handle: Handle, claims: KubeObject[], node: NodeInfo): Map<string, KubeObject> | false | Status {
  const toProvision: KubeObject[] = []
  const toMatch: KubeObject[] = []
  for (const pvc of claims) {
    const selected = pvc.metadata.annotations?.[SELECTED_NODE_ANNOTATION]
    if (selected === undefined) toMatch.push(pvc)
    else if (selected !== node.name) return false
    else toProvision.push(pvc)
  }
  const chosen = new Map<string, KubeObject>()
  const taken = new Set<string>()
  for (const pvc of bySize(toMatch)) {
    const pv = findMatchingPV(handle, pvc, node, taken)
    if (!pv) {
      toProvision.push(pvc)
      continue
    }
    taken.add(pv.metadata.name ?? '')
    chosen.set(pvc.metadata.name ?? '', pv)
  }
  for (const pvc of toProvision) {
    const ok = canProvision(handle, pvc, node)
    if (ok !== true) return ok
  }
  return chosen
}

export function newVolumeBinding(args: {bindTimeoutSeconds?: number} | undefined, handle: Handle): PreFilterPlugin & FilterPlugin & ReservePlugin & PreBindPlugin {
  return {
    name: NAME,
    preFilter(state, pod) {
      const names = podClaimNames(pod.pod)
      if (names.length === 0) {
        state.write(STATE_KEY, {bound: [], delayed: []})
        return {status: Status.skip()}
      }
      const data: StateData = {bound: [], delayed: []}
      let immediate = false
      for (const name of names) {
        const pvc = getPVC(handle.store, pod.namespace, name)
        if (!pvc) return {status: Status.unresolvable(`persistentvolumeclaim "${name}" not found`)}
        // podHasPVCs: a claim whose volume went missing after binding (phase Lost) cannot be used
        if (pvc.status?.phase === 'Lost') {
          return {status: Status.unresolvable(`persistentvolumeclaim "${name}" bound to non-existent persistentvolume "${pvc.spec?.volumeName ?? ''}"`)}
        }
        if (pvc.metadata.deletionTimestamp) return {status: Status.unresolvable(`persistentvolumeclaim "${name}" is being deleted`)}
        // isPVCFullyBound: a claim that names a volume is bound only once the PV controller completed the binding
        if (isPVCFullyBound(pvc)) {
          data.bound.push(pvc)
          continue
        }
        const cls = pvcClassName(pvc)
        const sc = cls ? getStorageClass(handle.store, cls) : undefined
        // IsDelayBindingMode: a class that does not exist is not delayed; a pre-bound claim counts as immediate
        if (sc?.volumeBindingMode === 'WaitForFirstConsumer' && !pvc.spec?.volumeName) data.delayed.push(pvc)
        else immediate = true
      }
      if (immediate) return {status: Status.unresolvable(ERR_UNBOUND_IMMEDIATE)}
      state.write(STATE_KEY, data)
      // GetEligibleNodes: bound PVs pinned to hostnames restrict the nodes to consider (a PreFilterResult)
      const eligible = eligibleNodes(handle, data.bound)
      return eligible ? {nodeNames: eligible, status: null} : {status: null}
    },
    filter(state, _pod, node) {
      const data = state.read<StateData>(STATE_KEY)
      if (!data) return null
      const reasons: string[] = []
      for (const pvc of data.bound) {
        const pv = getPV(handle.store, pvc.spec.volumeName)
        if (!pv) return Status.unresolvable(ERR_PV_NOT_EXIST)
        if (!pvNodeAffinityMatches(pv, node)) {
          reasons.push(ERR_NODE_CONFLICT)
          break
        }
      }
      if (data.delayed.length > 0) {
        const found = findPodVolumes(handle, data.delayed, node)
        if (found instanceof Status) return found
        if (found === false) reasons.push(ERR_BIND_CONFLICT)
      }
      return reasons.length === 0 ? null : Status.unresolvable(...reasons)
    },
    reserve() {
      return null
    },
    preBind(state, pod, nodeName) {
      const data = state.read<StateData>(STATE_KEY)
      const node = handle.cache.get(nodeName)
      if (!data || !node || data.delayed.length === 0) return null
      // bindAPIUpdate: PV claimRefs for the chosen volumes, the selected-node annotation for claims to provision
      const done: BindState = {bindings: [], provisions: []}
      const claims = data.delayed
        .map((pvc) => getPVC(handle.store, pod.namespace, pvc.metadata.name ?? ''))
        .filter((c): c is KubeObject => !!c && !c.spec?.volumeName)
      // the volumes FindPodVolumes chose for this node (smallest claim first); the rest are provisioned
      const found = findPodVolumes(handle, claims, node)
      const chosen = found instanceof Map ? found : new Map<string, KubeObject>()
      for (const current of claims) {
        const pv = chosen.get(current.metadata.name ?? '')
        if (pv) {
          const updated = structuredClone(pv)
          updated.spec.claimRef = {
            kind: 'PersistentVolumeClaim',
            namespace: current.metadata.namespace,
            name: current.metadata.name,
            uid: current.metadata.uid,
            apiVersion: 'v1',
            resourceVersion: current.metadata.resourceVersion,
          }
          updated.metadata.annotations = {...updated.metadata.annotations, 'pv.kubernetes.io/bound-by-controller': 'yes'}
          handle.store.update(updated)
          done.bindings.push({pv: pv.metadata.name ?? '', pvc: current.metadata.name ?? ''})
        } else {
          const updated = structuredClone(current)
          updated.metadata.annotations = {...updated.metadata.annotations, [SELECTED_NODE_ANNOTATION]: nodeName}
          handle.store.update(updated)
          done.provisions.push(current.metadata.name ?? '')
        }
      }
      state.write(BIND_STATE_KEY, done)
      return null
    },
    waitFor(state, pod, nodeName) {
      const done = state.read<BindState>(BIND_STATE_KEY)
      if (!done || done.bindings.length + done.provisions.length === 0) return null
      return {
        timeoutMs: args?.bindTimeoutSeconds !== undefined ? args.bindTimeoutSeconds * 1000 : BIND_TIMEOUT_MS,
        errorPrefix: 'binding volumes: ',
        check: () => checkBindings(handle, pod.namespace, pod.pod.metadata.name ?? '', nodeName, done),
      }
    },
  }
}
