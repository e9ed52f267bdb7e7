// kubectl describe deployment / replicaset (describeDeployment, describeReplicaSet, DescribePodTemplate).

import {formatLabelSelector, labelSelectorRequirements, requirementsString} from '../../api/selectors.js'
import type {KubeObject} from '../../api/types.js'
import {goJSON} from '../output-json.js'
import {DescribeWriter, LEVEL_0, LEVEL_1, controlledBy, describeEvents, printAnnotationsMultiline, printLabelsMultiline, printTolerationsMultiline, rfc1123z} from './common.js'
import {describeContainers, describeTopologySpread, describeVolumes} from './containers.js'

/** DescribePodTemplate */
export function describePodTemplate(w: DescribeWriter, template: any): void {
  w.write(LEVEL_0, 'Pod Template:\n')
  if (!template) {
    w.write(LEVEL_1, '<unset>')
    return
  }
  printLabelsMultiline(w, '  Labels', template.metadata?.labels)
  if (Object.keys(template.metadata?.annotations ?? {}).length > 0) printAnnotationsMultiline(w, '  Annotations', template.metadata.annotations)
  const spec = template.spec ?? {}
  if (spec.serviceAccountName) w.write(LEVEL_1, `Service Account:\t${spec.serviceAccountName}\n`)
  if ((spec.initContainers ?? []).length > 0) describeContainers(w, 'Init Containers', spec.initContainers, undefined, undefined, '  ')
  describeContainers(w, 'Containers', spec.containers, undefined, undefined, '  ')
  describeVolumes(w, spec.volumes, '  ')
  describeTopologySpread(w, spec.topologySpreadConstraints, '  ', formatLabelSelector)
  if (spec.priorityClassName) w.write(LEVEL_1, `Priority Class Name:\t${spec.priorityClassName}\n`)
  printLabelsMultiline(w, '  Node-Selectors', spec.nodeSelector)
  printTolerationsMultiline(w, '  Tolerations', spec.tolerations)
}

function conditionsTable(w: DescribeWriter, conditions: any[] | undefined): void {
  if ((conditions ?? []).length === 0) return
  w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\tReason\n')
  w.write(LEVEL_1, '----\t------\t------\n')
  for (const c of conditions!) w.write(LEVEL_1, `${c.type} \t${c.status}\t${c.reason ?? ''}\n`)
}

const templateWithoutHash = (t: any): string => {
  const copy = JSON.parse(JSON.stringify(t ?? {}))
  if (copy.metadata?.labels) delete copy.metadata.labels['pod-template-hash']
  return goJSON(copy)
}

/** The deployment's ReplicaSets split as deploymentutil.GetAllReplicaSets does (old ones with replicas only). */
export function splitReplicaSets(d: KubeObject, replicaSets: KubeObject[]): {old: KubeObject[]; newRS?: KubeObject} {
  const owned = replicaSets
    .filter((rs) => (rs.metadata.ownerReferences ?? []).some((r) => r.controller && r.kind === 'Deployment' && (r.uid === d.metadata.uid || r.name === d.metadata.name)))
    .sort((a, b) => String(a.metadata.creationTimestamp ?? '').localeCompare(String(b.metadata.creationTimestamp ?? '')) || String(a.metadata.name).localeCompare(String(b.metadata.name)))
  const want = templateWithoutHash(d.spec?.template)
  let newRS = owned.find((rs) => templateWithoutHash(rs.spec?.template) === want)
  const rev = d.metadata.annotations?.['deployment.kubernetes.io/revision']
  if (!newRS && rev) newRS = owned.find((rs) => rs.metadata.annotations?.['deployment.kubernetes.io/revision'] === rev)
  return {old: owned.filter((rs) => rs !== newRS && (rs.spec?.replicas ?? 1) !== 0), newRS}
}

const rsList = (list: KubeObject[]): string => list.map((rs) => `${rs.metadata.name} (${rs.status?.replicas ?? 0}/${rs.spec?.replicas ?? 0} replicas created)`).join(', ') || '<none>'

export interface DescribeDeploymentContext {
  /** undefined: no Events block (--show-events=false) */
  events?: KubeObject[]
  now: number
  replicaSets: KubeObject[]
}

export function describeDeployment(d: KubeObject, ctx: DescribeDeploymentContext): string {
  const w = new DescribeWriter()
  const spec = d.spec ?? {}
  const st = d.status ?? {}
  w.write(LEVEL_0, `Name:\t${d.metadata.name}\n`)
  w.write(LEVEL_0, `Namespace:\t${d.metadata.namespace ?? ''}\n`)
  w.write(LEVEL_0, `CreationTimestamp:\t${rfc1123z(d.metadata.creationTimestamp)}\n`)
  printLabelsMultiline(w, 'Labels', d.metadata.labels)
  printAnnotationsMultiline(w, 'Annotations', d.metadata.annotations)
  let selector: string
  try {
    selector = requirementsString(labelSelectorRequirements(spec.selector) ?? [])
  } catch {
    selector = '<error>'
  }
  w.write(LEVEL_0, `Selector:\t${selector}\n`)
  w.write(LEVEL_0, `Replicas:\t${spec.replicas ?? 0} desired | ${st.updatedReplicas ?? 0} updated | ${st.replicas ?? 0} total | ${st.availableReplicas ?? 0} available | ${st.unavailableReplicas ?? 0} unavailable\n`)
  w.write(LEVEL_0, `StrategyType:\t${spec.strategy?.type ?? ''}\n`)
  w.write(LEVEL_0, `MinReadySeconds:\t${spec.minReadySeconds ?? 0}\n`)
  const ru = spec.strategy?.rollingUpdate
  if (ru) w.write(LEVEL_0, `RollingUpdateStrategy:\t${ru.maxUnavailable ?? ''} max unavailable, ${ru.maxSurge ?? ''} max surge\n`)
  describePodTemplate(w, spec.template)
  conditionsTable(w, st.conditions)
  const {old, newRS} = splitReplicaSets(d, ctx.replicaSets)
  if (old.length > 0 || newRS) {
    w.write(LEVEL_0, `OldReplicaSets:\t${rsList(old)}\n`)
    w.write(LEVEL_0, `NewReplicaSet:\t${rsList(newRS ? [newRS] : [])}\n`)
  }
  describeEvents(w, ctx.events, ctx.now)
  return w.toString()
}

export interface DescribeReplicaSetContext {
  /** undefined: no Events block (--show-events=false) */
  events?: KubeObject[]
  now: number
  /** the pods this ReplicaSet controls */
  pods: KubeObject[]
}

/** describeReplicaSet (also used for ReplicationControllers, with their map selector). */
export function describeReplicaSet(rs: KubeObject, ctx: DescribeReplicaSetContext): string {
  const w = new DescribeWriter()
  const isRC = rs.kind === 'ReplicationController'
  w.write(LEVEL_0, `Name:\t${rs.metadata.name}\n`)
  w.write(LEVEL_0, `Namespace:\t${rs.metadata.namespace ?? ''}\n`)
  if (isRC) w.write(LEVEL_0, `Selector:\t${Object.entries(rs.spec?.selector ?? {}).sort().map(([k, v]) => `${k}=${v}`).join(',') || '<none>'}\n`)
  else w.write(LEVEL_0, `Selector:\t${formatLabelSelector(rs.spec?.selector)}\n`)
  printLabelsMultiline(w, 'Labels', rs.metadata.labels)
  printAnnotationsMultiline(w, 'Annotations', rs.metadata.annotations)
  const ctl = controlledBy(rs)
  if (ctl) w.write(LEVEL_0, `Controlled By:\t${ctl}\n`)
  w.write(LEVEL_0, `Replicas:\t${rs.status?.replicas ?? 0} current / ${rs.spec?.replicas ?? 0} desired\n`)
  const count = (phase: string) => ctx.pods.filter((p) => (p.status?.phase ?? 'Pending') === phase).length
  w.write(LEVEL_0, `Pods Status:\t${count('Running')} Running / ${count('Pending')} Waiting / ${count('Succeeded')} Succeeded / ${count('Failed')} Failed\n`)
  describePodTemplate(w, rs.spec?.template)
  conditionsTable(w, rs.status?.conditions)
  describeEvents(w, ctx.events, ctx.now)
  return w.toString()
}
