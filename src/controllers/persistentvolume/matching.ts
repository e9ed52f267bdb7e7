// Finding the volume for a claim (pkg/controller/volume/persistentvolume/index.go findBestMatchForClaim and
// component-helpers' FindMatchingVolume): a volume pre-bound to the claim wins; otherwise the smallest Available
// volume of the claim's class whose access modes include the claim's, whose size covers the request, with the
// same volume mode, matching the claim's selector and (when a node is chosen) the volume's node affinity.
import {parseQuantity} from '../../api/quantity.js'
import type {KubeObject} from '../../api/types.js'

export const ANN = {
  bindCompleted: 'pv.kubernetes.io/bind-completed',
  boundByController: 'pv.kubernetes.io/bound-by-controller',
  provisionedBy: 'pv.kubernetes.io/provisioned-by',
  selectedNode: 'volume.kubernetes.io/selected-node',
  storageProvisioner: 'volume.kubernetes.io/storage-provisioner',
  betaStorageProvisioner: 'volume.beta.kubernetes.io/storage-provisioner',
}

export function requestOf(pvc: KubeObject): string | undefined {
  return pvc.spec?.resources?.requests?.storage
}

export function capacityOf(pv: KubeObject): string | undefined {
  return pv.spec?.capacity?.storage
}

function bytes(q: string | number | undefined): bigint {
  return q === undefined ? 0n : (parseQuantity(q)?.nanos ?? 0n)
}

export function labelSelectorMatches(sel: any, labels: Record<string, string> = {}): boolean {
  if (!sel) return true
  for (const [k, v] of Object.entries<string>(sel.matchLabels ?? {})) if (labels[k] !== v) return false
  for (const e of sel.matchExpressions ?? []) {
    const has = e.key in labels
    const v = labels[e.key]
    if (e.operator === 'In' && !(has && (e.values ?? []).includes(v))) return false
    if (e.operator === 'NotIn' && has && (e.values ?? []).includes(v)) return false
    if (e.operator === 'Exists' && !has) return false
    if (e.operator === 'DoesNotExist' && has) return false
  }
  return true
}

function nodeSelectorTermMatches(term: any, node: KubeObject): boolean {
  const labels = node.metadata.labels ?? {}
  for (const e of term.matchExpressions ?? []) {
    if (!labelSelectorMatches({matchExpressions: [e]}, labels)) return false
  }
  for (const f of term.matchFields ?? []) {
    if (f.key === 'metadata.name') {
      const inValues = (f.values ?? []).includes(node.metadata.name)
      if ((f.operator === 'In') !== inValues) return false
    }
  }
  return true
}

export function volumeFitsNode(pv: KubeObject, node: KubeObject | undefined): boolean {
  const terms: any[] | undefined = pv.spec?.nodeAffinity?.required?.nodeSelectorTerms
  if (!node || !terms || terms.length === 0) return true
  return terms.some((t) => nodeSelectorTermMatches(t, node))
}

/** storagehelpers.GetPersistentVolumeClaimClass: the beta annotation wins over spec.storageClassName */
function claimClass(pvc: KubeObject): string {
  return pvc.metadata.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? pvc.spec?.storageClassName ?? ''
}

/** pv_controller.go checkVolumeSatisfyClaim: why a claim cannot bind to the volume it names, or undefined. */
export function checkVolumeSatisfyClaim(pv: KubeObject, pvc: KubeObject): string | undefined {
  if (pv.metadata.deletionTimestamp) return `the volume is marked for deletion "${pv.metadata.name}"`
  if (bytes(capacityOf(pv)) < bytes(requestOf(pvc))) return 'requested PV is too small'
  const volumeClass = pv.metadata.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? pv.spec?.storageClassName ?? ''
  if (volumeClass !== claimClass(pvc)) return 'storageClassName does not match'
  if ((pv.spec?.volumeMode ?? 'Filesystem') !== (pvc.spec?.volumeMode ?? 'Filesystem')) return 'incompatible volumeMode'
  const pvModes: string[] = pv.spec?.accessModes ?? []
  if (!(pvc.spec?.accessModes ?? []).every((m: string) => pvModes.includes(m))) return 'incompatible accessMode'
  return undefined
}

export function bestMatch(pvc: KubeObject, volumes: KubeObject[], node: KubeObject | undefined): KubeObject | undefined {
  const want = bytes(requestOf(pvc))
  const modes: string[] = pvc.spec?.accessModes ?? []
  const mode = pvc.spec?.volumeMode ?? 'Filesystem'
  const cls = claimClass(pvc)
  let best: KubeObject | undefined
  const sorted = [...volumes].sort((a, b) => {
    const d = bytes(capacityOf(a)) - bytes(capacityOf(b))
    return d < 0n ? -1 : d > 0n ? 1 : (a.metadata.name ?? '').localeCompare(b.metadata.name ?? '')
  })
  for (const pv of sorted) {
    if (pv.metadata.deletionTimestamp) continue
    if ((pv.spec?.volumeMode ?? 'Filesystem') !== mode) continue
    // FindMatchingVolume: size and volume mode are checked even for a volume pre-bound to the claim
    if (bytes(capacityOf(pv)) < want) continue
    const ref = pv.spec?.claimRef
    if (ref) {
      const mine = ref.name === pvc.metadata.name && ref.namespace === pvc.metadata.namespace && (!ref.uid || ref.uid === pvc.metadata.uid)
      if (mine && volumeFitsNode(pv, node)) return pv
      continue
    }
    if (pv.status?.phase && pv.status.phase !== 'Available' && pv.status.phase !== 'Pending') continue
    if ((pv.spec?.storageClassName ?? '') !== cls) continue
    if (!labelSelectorMatches(pvc.spec?.selector, pv.metadata.labels)) continue
    const pvModes: string[] = pv.spec?.accessModes ?? []
    if (!modes.every((m) => pvModes.includes(m))) continue
    if (bytes(capacityOf(pv)) < want) continue
    if (!volumeFitsNode(pv, node)) continue
    if (!best) best = pv
  }
  return best
}
