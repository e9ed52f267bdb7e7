// Two variants of one app applied together (a standalone and a distributed flavour, say): two workloads run the same
// images and each one's selector matches the other's pods, and they collide on something the cluster shares: a
// hostPort (only one such pod per node) or a Service that sends traffic to both.
import type {KubeObject} from '../../api/types.js'
import type {AppliedObject, Problem} from '../types.js'
import {labelSelectorMatches} from '../../controllers/persistentvolume/matching.js'
import {allContainers, podSpecOf, problemAt, type ProblemContext} from './context.js'

const WORKLOADS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController'])

interface Workload {
  a: AppliedObject
  selector: any
  labels: Record<string, string>
  images: Set<string>
  hostPorts: Set<string>
}

function workloadOf(a: AppliedObject, live: KubeObject): Workload | undefined {
  const spec = podSpecOf(live)
  if (!spec) return undefined
  const labels: Record<string, string> = live.spec?.template?.metadata?.labels ?? {}
  const raw = live.spec?.selector
  // a ReplicationController's selector is a plain map (defaulted from the template labels)
  const selector = live.kind === 'ReplicationController' ? {matchLabels: raw ?? labels} : raw
  if (!selector || (Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0)) return undefined
  const containers = allContainers(spec)
  const hostPorts = new Set<string>()
  for (const c of spec.containers ?? []) for (const p of c.ports ?? []) if (p.hostPort) hostPorts.add(`${p.hostPort}/${p.protocol ?? 'TCP'}`)
  return {a, selector, labels, images: new Set(containers.map((c: any) => String(c.image ?? ''))), hostPorts}
}

export function variantProblems(ctx: ProblemContext): Problem[] {
  const ws: Workload[] = []
  for (const a of ctx.applied) {
    if (!WORKLOADS.has(a.kind)) continue
    const live = ctx.live(a)
    const w = live && workloadOf(a, live)
    if (w) ws.push(w)
  }
  const services = ctx.applied.filter((a) => a.kind === 'Service').map((a) => ({a, live: ctx.live(a)}))
  const out: Problem[] = []
  for (let i = 0; i < ws.length; i++) {
    for (let j = i + 1; j < ws.length; j++) {
      const [x, y] = [ws[i], ws[j]]
      if (x.a.namespace !== y.a.namespace) continue
      if (![...x.images].some((img) => img && y.images.has(img))) continue
      if (!labelSelectorMatches(x.selector, y.labels) || !labelSelectorMatches(y.selector, x.labels)) continue
      const ports = [...x.hostPorts].filter((p) => y.hostPorts.has(p))
      const shared = services
        .filter(({a, live}) => a.namespace === x.a.namespace && live?.spec?.selector && Object.keys(live.spec.selector).length > 0)
        .filter(({live}) => labelSelectorMatches({matchLabels: live!.spec.selector}, x.labels) && labelSelectorMatches({matchLabels: live!.spec.selector}, y.labels))
        .map(({a}) => a.name)
      if (ports.length === 0 && shared.length === 0) continue
      const clashes = [...ports.map((p) => `hostPort ${p}`), ...(shared.length > 0 ? [`Service ${shared.join(', ')}`] : [])].join(' and ')
      const p = problemAt(x.a, 'mixed-variants', 'error',
        `${x.a.kind}/${x.a.name} and ${y.a.kind}/${y.a.name} run the same image with labels each selects (two variants of one app?); they collide on ${clashes}`,
        'apply one variant: move the other to its own folder or give it distinct labels and ports')
      p.object = `${x.a.kind}/${x.a.name}, ${y.a.kind}/${y.a.name}`
      out.push(p)
    }
  }
  return out
}
