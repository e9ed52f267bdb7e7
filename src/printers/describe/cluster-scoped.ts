// kubectl describe for StorageClasses, PriorityClasses and PersistentVolumes (describeStorageClass,
// describePriorityClass, describePersistentVolume). The first two print
// their annotations with labels.FormatLabels (`k=v,k2=v2`, last-applied-configuration included), as kubectl does.

import type {KubeObject} from '../../api/types.js'
import {humanDuration} from '../age.js'
import {accessModes} from '../tables/config.js'
import {quantityString} from '../tables/common.js'
import {DescribeWriter, LEVEL_0, LEVEL_1, LEVEL_2, describeEvents, printAnnotationsMultiline, printLabelsMultiline} from './common.js'

/** labels.FormatLabels: sorted `k=v` joined by commas, `<none>` when empty. */
function formatLabels(m: Record<string, unknown> | undefined | null): string {
  const keys = Object.keys(m ?? {}).sort()
  return keys.length === 0 ? '<none>' : keys.map((k) => `${k}=${String(m![k])}`).join(',')
}

export function describeStorageClass(sc: KubeObject, ctx: {events?: KubeObject[]; now: number}): string {
  const w = new DescribeWriter()
  const ann = sc.metadata.annotations ?? {}
  const isDefault = ann['storageclass.kubernetes.io/is-default-class'] === 'true' || ann['storageclass.beta.kubernetes.io/is-default-class'] === 'true'
  w.write(LEVEL_0, `Name:\t${sc.metadata.name}\n`)
  w.write(LEVEL_0, `IsDefaultClass:\t${isDefault ? 'Yes' : 'No'}\n`)
  w.write(LEVEL_0, `Annotations:\t${formatLabels(sc.metadata.annotations)}\n`)
  w.write(LEVEL_0, `Provisioner:\t${sc.provisioner ?? ''}\n`)
  w.write(LEVEL_0, `Parameters:\t${formatLabels(sc.parameters)}\n`)
  w.write(LEVEL_0, `AllowVolumeExpansion:\t${typeof sc.allowVolumeExpansion === 'boolean' ? String(sc.allowVolumeExpansion) : '<unset>'}\n`)
  const opts: string[] = Array.isArray(sc.mountOptions) ? sc.mountOptions : []
  if (opts.length === 0) w.write(LEVEL_0, 'MountOptions:\t<none>\n')
  else {
    w.write(LEVEL_0, 'MountOptions:\n')
    for (const o of opts) w.write(LEVEL_1, `${o}\n`)
  }
  if (sc.reclaimPolicy) w.write(LEVEL_0, `ReclaimPolicy:\t${sc.reclaimPolicy}\n`)
  if (sc.volumeBindingMode) w.write(LEVEL_0, `VolumeBindingMode:\t${sc.volumeBindingMode}\n`)
  if (Array.isArray(sc.allowedTopologies)) {
    w.write(LEVEL_0, 'AllowedTopologies:\t')
    if (sc.allowedTopologies.length === 0) w.line('<none>')
    else {
      w.line('')
      sc.allowedTopologies.forEach((term: any, i: number) => {
        const reqs: any[] = term?.matchLabelExpressions ?? []
        w.write(LEVEL_1, `Term ${i}:\t`)
        if (reqs.length === 0) w.line('<none>')
        reqs.forEach((r, j) => {
          if (j !== 0) w.write(LEVEL_1, '\t')
          const values: string[] = r.values ?? []
          w.write(LEVEL_0, `${r.key} in${values.length > 0 ? ` [${values.join(', ')}]` : ''}\n`)
        })
      })
    }
  }
  describeEvents(w, ctx.events, ctx.now)
  return w.toString()
}

export function describePriorityClass(pc: KubeObject, ctx: {events?: KubeObject[]; now: number}): string {
  const w = new DescribeWriter()
  w.write(LEVEL_0, `Name:\t${pc.metadata.name}\n`)
  w.write(LEVEL_0, `Value:\t${pc.value ?? 0}\n`)
  w.write(LEVEL_0, `GlobalDefault:\t${Boolean(pc.globalDefault)}\n`)
  w.write(LEVEL_0, `PreemptionPolicy:\t${pc.preemptionPolicy ?? ''}\n`)
  w.write(LEVEL_0, `Description:\t${pc.description ?? ''}\n`)
  w.write(LEVEL_0, `Annotations:\t${formatLabels(pc.metadata.annotations)}\n`)
  describeEvents(w, ctx.events, ctx.now)
  return w.toString()
}

/** describePersistentVolume, for the sources k8sim creates (hostPath, local, nfs, csi); undefined for the others. */
export function describePersistentVolume(pv: KubeObject, ctx: {events?: KubeObject[]; now: number}): string | undefined {
  const spec = pv.spec ?? {}
  const source = sourceLines(spec)
  if (source === undefined) return undefined
  const w = new DescribeWriter()
  w.write(LEVEL_0, `Name:\t${pv.metadata.name}\n`)
  printLabelsMultiline(w, 'Labels', pv.metadata.labels)
  printAnnotationsMultiline(w, 'Annotations', pv.metadata.annotations)
  w.write(LEVEL_0, `Finalizers:\t[${(pv.metadata.finalizers ?? []).join(' ')}]\n`)
  w.write(LEVEL_0, `StorageClass:\t${spec.storageClassName ?? pv.metadata.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? ''}\n`)
  if (pv.metadata.deletionTimestamp) w.write(LEVEL_0, `Status:\tTerminating (lasts ${humanDuration(ctx.now - Date.parse(pv.metadata.deletionTimestamp))})\n`)
  else w.write(LEVEL_0, `Status:\t${pv.status?.phase ?? ''}\n`)
  w.write(LEVEL_0, `Claim:\t${spec.claimRef ? `${spec.claimRef.namespace ?? ''}/${spec.claimRef.name ?? ''}` : ''}\n`)
  w.write(LEVEL_0, `Reclaim Policy:\t${spec.persistentVolumeReclaimPolicy ?? ''}\n`)
  w.write(LEVEL_0, `Access Modes:\t${accessModes(spec.accessModes)}\n`)
  if (spec.volumeMode) w.write(LEVEL_0, `VolumeMode:\t${spec.volumeMode}\n`)
  w.write(LEVEL_0, `Capacity:\t${spec.capacity?.storage !== undefined ? quantityString(spec.capacity.storage) : '0'}\n`)
  // printVolumeNodeAffinity
  w.write(LEVEL_0, 'Node Affinity:\t')
  const required = spec.nodeAffinity?.required
  if (!required) w.line('<none>')
  else {
    w.line('')
    w.write(LEVEL_1, 'Required Terms:\t')
    const terms: any[] = required.nodeSelectorTerms ?? []
    if (terms.length === 0) w.line('<none>')
    else {
      w.line('')
      terms.forEach((term, i) => {
        const reqs: any[] = term?.matchExpressions ?? []
        w.write(LEVEL_2, `Term ${i}:\t`)
        if (reqs.length === 0) w.line('<none>')
        reqs.forEach((r, j) => {
          if (j !== 0) w.write(LEVEL_2, '\t')
          const values: string[] = r.values ?? []
          w.write(LEVEL_0, `${r.key} ${String(r.operator ?? '').toLowerCase()}${values.length > 0 ? ` [${values.join(', ')}]` : ''}\n`)
        })
      })
    }
  }
  w.write(LEVEL_0, `Message:\t${pv.status?.message ?? ''}\n`)
  w.write(LEVEL_0, 'Source:\n')
  w.write(LEVEL_2, source)
  describeEvents(w, ctx.events, ctx.now)
  return w.toString()
}

function sourceLines(spec: any): string | undefined {
  if (spec.hostPath) return `Type:\tHostPath (bare host directory volume)\n    Path:\t${spec.hostPath.path ?? ''}\n    HostPathType:\t${spec.hostPath.type || '<none>'}\n`
  if (spec.local) return `Type:\tLocalVolume (a persistent volume backed by local storage on a node)\n    Path:\t${spec.local.path ?? ''}\n`
  if (spec.nfs) return `Type:\tNFS (an NFS mount that lasts the lifetime of a pod)\n    Server:\t${spec.nfs.server ?? ''}\n    Path:\t${spec.nfs.path ?? ''}\n    ReadOnly:\t${Boolean(spec.nfs.readOnly)}\n`
  return undefined
}
