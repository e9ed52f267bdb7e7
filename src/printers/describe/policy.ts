// kubectl describe poddisruptionbudget / horizontalpodautoscaler (describe.go).

import type {KubeObject} from '../../api/types.js'
import {labelSelectorRequirements, requirementsString} from '../../api/selectors.js'
import {quantityString as q} from '../tables/common.js'
import {DescribeWriter, LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3, describeEvents, printAnnotationsMultiline, printLabelsMultiline, rfc1123z} from './common.js'

export function describePDB(pdb: KubeObject, ctx: {events?: KubeObject[]; now: number}): string {
  const w = new DescribeWriter()
  const spec = pdb.spec ?? {}
  const st = pdb.status ?? {}
  w.write(LEVEL_0, `Name:\t${pdb.metadata.name}\n`)
  w.write(LEVEL_0, `Namespace:\t${pdb.metadata.namespace ?? ''}\n`)
  if (spec.minAvailable != null) w.write(LEVEL_0, `Min available:\t${spec.minAvailable}\n`)
  else if (spec.maxUnavailable != null) w.write(LEVEL_0, `Max unavailable:\t${spec.maxUnavailable}\n`)
  let sel: string
  try {
    sel = requirementsString(labelSelectorRequirements(spec.selector) ?? [])
  } catch (e) {
    sel = `Failed to get selector: ${(e as Error).message}`
  }
  w.write(LEVEL_0, `Selector:\t${sel}\n`)
  if (spec.unhealthyPodEvictionPolicy) w.write(LEVEL_0, `Unhealthy Pod Eviction Policy:\t${spec.unhealthyPodEvictionPolicy}\n`)
  w.write(LEVEL_0, 'Status:\n')
  w.write(LEVEL_2, `Allowed disruptions:\t${st.disruptionsAllowed ?? 0}\n`)
  w.write(LEVEL_2, `Current:\t${st.currentHealthy ?? 0}\n`)
  w.write(LEVEL_2, `Desired:\t${st.desiredHealthy ?? 0}\n`)
  w.write(LEVEL_2, `Total:\t${st.expectedPods ?? 0}\n`)
  describeEvents(w, ctx.events, ctx.now)
  return w.toString()
}

function directionBehavior(w: DescribeWriter, direction: string, rules: any): void {
  if (!rules) return
  w.write(LEVEL_1, `${direction}:\n`)
  if (rules.stabilizationWindowSeconds != null) w.write(LEVEL_2, `Stabilization Window: ${rules.stabilizationWindowSeconds} seconds\n`)
  if ((rules.policies ?? []).length > 0) {
    w.write(LEVEL_2, `Select Policy: ${rules.selectPolicy ?? 'Max'}\n`)
    w.write(LEVEL_2, 'Policies:\n')
    for (const p of rules.policies) w.write(LEVEL_3, `- Type=${p.type}  Value=${p.value}  Period=${p.periodSeconds} seconds\n`)
  }
}

export function describeHPA(hpa: KubeObject, ctx: {events?: KubeObject[]; now: number}): string {
  const w = new DescribeWriter()
  const spec = hpa.spec ?? {}
  const st = hpa.status ?? {}
  const ref = spec.scaleTargetRef ?? {}
  w.write(LEVEL_0, `Name:\t${hpa.metadata.name}\n`)
  w.write(LEVEL_0, `Namespace:\t${hpa.metadata.namespace ?? ''}\n`)
  printLabelsMultiline(w, 'Labels', hpa.metadata.labels)
  printAnnotationsMultiline(w, 'Annotations', hpa.metadata.annotations)
  w.write(LEVEL_0, `CreationTimestamp:\t${rfc1123z(hpa.metadata.creationTimestamp)}\n`)
  w.write(LEVEL_0, `Reference:\t${ref.kind ?? ''}/${ref.name ?? ''}\n`)
  w.write(LEVEL_0, 'Metrics:\t( current / target )\n')
  const cur: any[] = st.currentMetrics ?? []
  ;(spec.metrics ?? []).forEach((m: any, i: number) => {
    const c = cur[i]
    switch (m.type) {
      case 'Resource':
      case 'ContainerResource': {
        const key = m.type === 'Resource' ? 'resource' : 'containerResource'
        const r = m[key] ?? {}
        const prefix = m.type === 'Resource' ? `resource ${r.name} on pods` : `resource ${r.name} of container "${r.container}" on pods`
        w.write(LEVEL_1, prefix)
        if (r.target?.averageValue != null) w.write(LEVEL_0, `:\t${c?.[key] ? q(c[key].current?.averageValue) : '<unknown>'} / ${q(r.target.averageValue)}\n`)
        else {
          const u = c?.[key]?.current?.averageUtilization
          const current = u != null ? `${u}% (${q(c[key].current?.averageValue)})` : '<unknown>'
          const target = r.target?.averageUtilization != null ? `${r.target.averageUtilization}%` : '<auto>'
          w.write(LEVEL_1, `(as a percentage of request):\t${current} / ${target}\n`)
        }
        break
      }
      case 'Pods':
        w.write(LEVEL_1, `"${m.pods?.metric?.name}" on pods:\t${c?.pods ? q(c.pods.current?.averageValue) : '<unknown>'} / ${q(m.pods?.target?.averageValue)}\n`)
        break
      case 'Object': {
        const o = m.object ?? {}
        const current = c?.object ? q(o.target?.averageValue != null ? c.object.current?.averageValue : c.object.current?.value) : '<unknown>'
        const target = o.target?.averageValue != null ? `${q(o.target.averageValue)} (avg)` : q(o.target?.value)
        w.write(LEVEL_1, `"${o.metric?.name}" on ${o.describedObject?.kind}/${o.describedObject?.name}:\t${current} / ${target}\n`)
        break
      }
      case 'External': {
        const e = m.external ?? {}
        const current = c?.external ? q(e.target?.averageValue != null ? c.external.current?.averageValue : c.external.current?.value) : '<unknown>'
        const target = e.target?.averageValue != null ? `${q(e.target.averageValue)} (avg)` : q(e.target?.value)
        w.write(LEVEL_1, `"${e.metric?.name}" (target ${e.target?.averageValue != null ? 'average ' : ''}value):\t${current} / ${target}\n`)
        break
      }
      default:
        w.write(LEVEL_1, `<unknown metric type ${m.type}>\n`)
    }
  })
  w.write(LEVEL_0, `Min replicas:\t${spec.minReplicas != null ? spec.minReplicas : '<unset>'}\n`)
  w.write(LEVEL_0, `Max replicas:\t${spec.maxReplicas ?? 0}\n`)
  if (spec.behavior) {
    w.write(LEVEL_0, 'Behavior:\n')
    directionBehavior(w, 'Scale Up', spec.behavior.scaleUp)
    directionBehavior(w, 'Scale Down', spec.behavior.scaleDown)
  }
  w.write(LEVEL_0, `${ref.kind ?? ''} pods:\t${st.currentReplicas ?? 0} current / ${st.desiredReplicas ?? 0} desired\n`)
  if ((st.conditions ?? []).length > 0) {
    w.write(LEVEL_0, 'Conditions:\n')
    w.write(LEVEL_1, 'Type\tStatus\tReason\tMessage\n')
    w.write(LEVEL_1, '----\t------\t------\t-------\n')
    for (const c of st.conditions) w.write(LEVEL_1, `${c.type}\t${c.status}\t${c.reason ?? ''}\t${c.message ?? ''}\n`)
  }
  describeEvents(w, ctx.events, ctx.now)
  return w.toString()
}
