// ConfigMap, Secret, ServiceAccount, ResourceQuota, PriorityClass, Lease, RuntimeClass, webhook configurations,
// storage (PVC, PV, StorageClass), RBAC, and the API server's default tables (NAME CREATED AT / NAME AGE).

import {type TableDef, ageOf, col, int, quantityString} from './common.js'

const count = (m: unknown): number => (m && typeof m === 'object' ? Object.keys(m).length : 0)
const q = quantityString

export const configMapTable: TableDef = {
  columns: [col('Name'), col('Data'), col('Age')],
  row: (o, ctx) => [o.metadata.name ?? '', String(count(o.data) + count(o.binaryData)), ageOf(o, ctx)],
}

export const secretTable: TableDef = {
  columns: [col('Name'), col('Type'), col('Data'), col('Age')],
  row: (o, ctx) => [o.metadata.name ?? '', o.type ?? '', String(count(o.data)), ageOf(o, ctx)],
}

export const serviceAccountTable: TableDef = {
  columns: [col('Name'), col('Secrets'), col('Age')],
  row: (o, ctx) => [o.metadata.name ?? '', String((o.secrets ?? []).length), ageOf(o, ctx)],
}

export const resourceQuotaTable: TableDef = {
  columns: [col('Name'), col('Age'), col('Request'), col('Limit')],
  row: (o, ctx) => {
    const hard = o.status?.hard ?? {}
    const used = o.status?.used ?? {}
    const req: string[] = []
    const lim: string[] = []
    for (const r of Object.keys(hard).sort()) {
      const pieces = r.split('.')
      ;(pieces.length > 1 && pieces[0] === 'limits' ? lim : req).push(`${r}: ${q(used[r])}/${q(hard[r])}`)
    }
    return [o.metadata.name ?? '', ageOf(o, ctx), req.join(', '), lim.join(', ')]
  },
}

export const priorityClassTable: TableDef = {
  namespaced: false,
  columns: [col('Name'), col('Value'), col('Global-Default'), col('Age'), col('PreemptionPolicy')],
  row: (o, ctx) => [o.metadata.name ?? '', int(o.value), o.globalDefault ? 'true' : 'false', ageOf(o, ctx), o.preemptionPolicy ?? ''],
}

export const leaseTable: TableDef = {
  columns: [col('Name'), col('Holder'), col('Age')],
  row: (o, ctx) => [o.metadata.name ?? '', o.spec?.holderIdentity ?? '', ageOf(o, ctx)],
}

export const runtimeClassTable: TableDef = {
  namespaced: false,
  columns: [col('Name'), col('Handler'), col('Age')],
  row: (o, ctx) => [o.metadata.name ?? '', o.handler ?? '', ageOf(o, ctx)],
}

export const webhookConfigurationTable: TableDef = {
  namespaced: false,
  columns: [col('Name'), col('Webhooks'), col('Age')],
  row: (o, ctx) => [o.metadata.name ?? '', String((o.webhooks ?? []).length), ageOf(o, ctx)],
}

// ---- storage ----

const modeAbbrev: Array<[string, string]> = [
  ['ReadWriteOnce', 'RWO'],
  ['ReadOnlyMany', 'ROX'],
  ['ReadWriteMany', 'RWX'],
  ['ReadWriteOncePod', 'RWOP'],
]

/** GetAccessModesAsString: RWO,ROX,RWX,RWOP in that order. */
export function accessModes(modes: string[] | undefined): string {
  return modeAbbrev.filter(([m]) => (modes ?? []).includes(m)).map(([, a]) => a).join(',')
}

const storageClassOf = (o: any): string => o.spec?.storageClassName ?? o.metadata?.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? ''

export const pvcTable: TableDef = {
  columns: [col('Name'), col('Status'), col('Volume'), col('Capacity'), col('Access Modes'), col('StorageClass'), col('VolumeAttributesClass'), col('Age'), col('VolumeMode', 1)],
  row: (o, ctx) => {
    const phase = o.metadata.deletionTimestamp ? 'Terminating' : o.status?.phase ?? ''
    const bound = !!o.spec?.volumeName
    return [o.metadata.name ?? '', phase, o.spec?.volumeName ?? '', bound ? q(o.status?.capacity?.storage) : '', bound ? accessModes(o.status?.accessModes) : '', storageClassOf(o), o.spec?.volumeAttributesClassName ?? '<unset>', ageOf(o, ctx), o.spec?.volumeMode ?? '<unset>']
  },
}

export const pvTable: TableDef = {
  namespaced: false,
  columns: [col('Name'), col('Capacity'), col('Access Modes'), col('Reclaim Policy'), col('Status'), col('Claim'), col('StorageClass'), col('VolumeAttributesClass'), col('Reason'), col('Age'), col('VolumeMode', 1)],
  row: (o, ctx) => {
    const ref = o.spec?.claimRef
    const phase = o.metadata.deletionTimestamp ? 'Terminating' : o.status?.phase ?? ''
    return [o.metadata.name ?? '', q(o.spec?.capacity?.storage), accessModes(o.spec?.accessModes), o.spec?.persistentVolumeReclaimPolicy ?? '', phase, ref ? `${ref.namespace ?? ''}/${ref.name ?? ''}` : '', storageClassOf(o), o.spec?.volumeAttributesClassName ?? '<unset>', o.status?.reason ?? '', ageOf(o, ctx), o.spec?.volumeMode ?? '<unset>']
  },
}

const isDefaultClass = (o: any): boolean => {
  const a = o.metadata?.annotations ?? {}
  return a['storageclass.kubernetes.io/is-default-class'] === 'true' || a['storageclass.beta.kubernetes.io/is-default-class'] === 'true'
}

export const storageClassTable: TableDef = {
  namespaced: false,
  columns: [col('Name'), col('Provisioner'), col('ReclaimPolicy'), col('VolumeBindingMode'), col('AllowVolumeExpansion'), col('Age')],
  row: (o, ctx) => [(o.metadata.name ?? '') + (isDefaultClass(o) ? ' (default)' : ''), o.provisioner ?? '', o.reclaimPolicy ?? 'Delete', o.volumeBindingMode ?? 'Immediate', o.allowVolumeExpansion ? 'true' : 'false', ageOf(o, ctx)],
}

// ---- RBAC ----

function subjects(o: any): [string, string, string] {
  const users: string[] = []
  const groups: string[] = []
  const sas: string[] = []
  for (const s of o.subjects ?? []) {
    if (s.kind === 'User') users.push(s.name)
    else if (s.kind === 'Group') groups.push(s.name)
    else if (s.kind === 'ServiceAccount') sas.push(`${s.namespace ?? ''}/${s.name}`)
  }
  return [users.join(', '), groups.join(', '), sas.join(', ')]
}

export const roleBindingTable: TableDef = {
  columns: [col('Name'), col('Role'), col('Age'), col('Users', 1), col('Groups', 1), col('ServiceAccounts', 1)],
  row: (o, ctx) => [o.metadata.name ?? '', `${o.roleRef?.kind ?? ''}/${o.roleRef?.name ?? ''}`, ageOf(o, ctx), ...subjects(o)],
}

/** The API server's default table for kinds without a printer (Role, ClusterRole, LimitRange, CRDs...). */
export const createdAtTable: TableDef = {
  columns: [col('Name'), col('Created At')],
  row: (o) => [o.metadata.name ?? '', o.metadata.creationTimestamp ?? ''],
}

/** A custom resource without additionalPrinterColumns. */
export const nameAgeTable: TableDef = {
  columns: [col('Name'), col('Age')],
  row: (o, ctx) => [o.metadata.name ?? '', ageOf(o, ctx)],
}

/** kube-aggregator's APIService table (registry/apiservice/etcd ConvertToTable): Local or ns/name, and Available. */
export const apiServiceTable: TableDef = {
  namespaced: false,
  columns: [col('Name'), col('Service'), col('Available'), col('Age')],
  row: (o, ctx) => {
    const svc = o.spec?.service
    const cond = (o.status?.conditions ?? []).find((c: any) => c.type === 'Available')
    const available = !cond ? 'Unknown' : cond.status !== 'True' && cond.reason ? `${cond.status} (${cond.reason})` : String(cond.status)
    return [o.metadata.name ?? '', svc ? `${svc.namespace}/${svc.name}` : 'Local', available, ageOf(o, ctx)]
  },
}
