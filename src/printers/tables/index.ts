// Which table each kind prints with, and printing a list of objects of one kind.

import type {KubeObject} from '../../api/types.js'
import {parseApiVersion} from '../../api/types.js'
import {eventTable} from '../events.js'
import {jsonPathValues} from '../jsonpath.js'
import {age} from '../age.js'
import {type Column, type TableContext, type TableDef, renderTable} from './common.js'
import {
  apiServiceTable,
  configMapTable,
  createdAtTable,
  leaseTable,
  nameAgeTable,
  priorityClassTable,
  pvTable,
  pvcTable,
  resourceQuotaTable,
  roleBindingTable,
  runtimeClassTable,
  secretTable,
  serviceAccountTable,
  storageClassTable,
  webhookConfigurationTable,
} from './config.js'
import {endpointSliceTable, endpointsTable, ingressClassTable, ingressTable, networkPolicyTable, serviceTable} from './network.js'
import {namespaceTable, nodeTable} from './nodes.js'
import {podTable} from './pods.js'
import {
  controllerRevisionTable,
  cronJobTable,
  daemonSetTable,
  deploymentTable,
  hpaTable,
  jobTable,
  pdbTable,
  replicaSetTable,
  replicationControllerTable,
  statefulSetTable,
} from './workloads.js'


const tables: Record<string, TableDef> = {
  '/Pod': podTable,
  '/Node': nodeTable,
  '/Namespace': namespaceTable,
  '/Service': serviceTable,
  '/Endpoints': endpointsTable,
  '/ConfigMap': configMapTable,
  '/Secret': secretTable,
  '/ServiceAccount': serviceAccountTable,
  '/PersistentVolumeClaim': pvcTable,
  '/PersistentVolume': pvTable,
  '/ResourceQuota': resourceQuotaTable,
  '/ReplicationController': replicationControllerTable,
  '/Event': eventTable,
  'events.k8s.io/Event': eventTable,
  'apps/Deployment': deploymentTable,
  'apps/ReplicaSet': replicaSetTable,
  'apps/StatefulSet': statefulSetTable,
  'apps/DaemonSet': daemonSetTable,
  'apps/ControllerRevision': controllerRevisionTable,
  'batch/Job': jobTable,
  'batch/CronJob': cronJobTable,
  'autoscaling/HorizontalPodAutoscaler': hpaTable,
  'policy/PodDisruptionBudget': pdbTable,
  'networking.k8s.io/Ingress': ingressTable,
  'networking.k8s.io/IngressClass': ingressClassTable,
  'networking.k8s.io/NetworkPolicy': networkPolicyTable,
  'discovery.k8s.io/EndpointSlice': endpointSliceTable,
  'storage.k8s.io/StorageClass': storageClassTable,
  'scheduling.k8s.io/PriorityClass': priorityClassTable,
  'rbac.authorization.k8s.io/RoleBinding': roleBindingTable,
  'rbac.authorization.k8s.io/ClusterRoleBinding': roleBindingTable,
  'coordination.k8s.io/Lease': leaseTable,
  'node.k8s.io/RuntimeClass': runtimeClassTable,
  'admissionregistration.k8s.io/MutatingWebhookConfiguration': webhookConfigurationTable,
  'admissionregistration.k8s.io/ValidatingWebhookConfiguration': webhookConfigurationTable,
  'apiregistration.k8s.io/APIService': apiServiceTable,
}

/** Built-in kinds the API server has no printer for: its default table (NAME, CREATED AT). */
const builtinGroups = new Set(['', 'apps', 'batch', 'autoscaling', 'policy', 'networking.k8s.io', 'discovery.k8s.io', 'storage.k8s.io', 'scheduling.k8s.io', 'rbac.authorization.k8s.io', 'apiextensions.k8s.io', 'coordination.k8s.io', 'events.k8s.io', 'admissionregistration.k8s.io', 'node.k8s.io', 'certificates.k8s.io'])

/** A custom resource's table from its CRD's additionalPrinterColumns (NAME AGE when it has none). */
function crdTable(group: string, kind: string, version: string, ctx: TableContext): TableDef | undefined {
  const crd = ctx.store?.list('apiextensions.k8s.io/CustomResourceDefinition').find((c) => c.spec?.group === group && c.spec?.names?.kind === kind)
  if (!crd) return undefined
  const v = (crd.spec?.versions ?? []).find((x: any) => x.name === version) ?? (crd.spec?.versions ?? [])[0]
  const defs: any[] = v?.additionalPrinterColumns ?? crd.spec?.additionalPrinterColumns ?? []
  if (defs.length === 0) return undefined
  const columns: Column[] = [{name: 'Name'}, ...defs.map((d) => ({name: d.name, priority: d.priority ?? 0}))]
  return {
    columns,
    row: (o, c) => [
      o.metadata.name ?? '',
      ...defs.map((d) => {
        const vals = jsonPathValues(d.jsonPath, o)
        if (vals.length === 0) return '<none>'
        const val = vals[0]
        if (d.type === 'date') return age(c.now, val)
        return typeof val === 'object' ? JSON.stringify(val) : String(val)
      }),
    ],
  }
}

/** The table definition for objects of this apiVersion/kind. */
export function tableFor(apiVersion: string, kind: string, ctx: TableContext): TableDef {
  const {group, version} = parseApiVersion(apiVersion)
  const t = tables[`${group}/${kind}`]
  if (t) return t
  if (builtinGroups.has(group)) return createdAtTable
  return crdTable(group, kind, version, ctx) ?? nameAgeTable
}

/**
 * kubectl's table for a list of objects of ONE kind ('' when empty: kubectl prints no header then).
 * `namespaced` decides whether -A adds the NAMESPACE column.
 */
export function printTable(objs: KubeObject[], ctx: TableContext, namespaced = true): string {
  if (objs.length === 0) return ''
  const def = tableFor(objs[0].apiVersion, objs[0].kind, ctx)
  return renderTable({...def, namespaced: def.namespaced === false ? false : namespaced}, objs, ctx)
}

export type {TableContext} from './common.js'
