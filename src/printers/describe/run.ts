// `k8sim describe`: resolve the arguments, describe each object ("\n\n" between them), NotFound as kubectl
// (with its name-prefix fallback for `describe TYPE NAME`).

import type {ResourceRegistry} from '../../api/resources.js'
import type {KubeObject} from '../../api/types.js'
import {UserError} from '../../errors.js'
import type {ClusterView, CommandOutput} from '../get.js'
import {type Selection, getObject, listObjects, noResourcesLine, notFoundLine, resolveArgs} from '../query.js'
import {describeObject} from './index.js'
import {formatSchedulingSection} from './scheduling.js'

export interface DescribeRequest extends Selection {
  args: string[]
  /** the latest scheduling decision of a pod (CLI.md §6 shape), for the Scheduling: section */
  decisionFor?: (pod: KubeObject) => unknown
  /** --show-events=false leaves the Events block out */
  showEvents?: boolean
}

/**
 * The kinds `describe` reads for these arguments: a Pod's description reads only the pod and the Events (its
 * Scheduling: section comes from the decisions table), so `describe pod ...` loads just those. Every other kind reads
 * related objects (a Node its pods and Lease, a Deployment its ReplicaSets, ...): load everything (`undefined`), as
 * also when the arguments do not resolve (runDescribe then reports the error as before).
 */
export function kindsToDescribe(registry: ResourceRegistry, args: string[], showEvents: boolean): Array<{group: string; kind: string}> | undefined {
  let targets
  try {
    targets = resolveArgs(registry, args, 'describe').targets
  } catch {
    return undefined
  }
  if (!targets.every((t) => t.info.group === '' && t.info.kind === 'Pod')) return undefined
  return showEvents ? [{group: '', kind: 'Pod'}, {group: '', kind: 'Event'}] : [{group: '', kind: 'Pod'}]
}

export function runDescribe(view: ClusterView, req: DescribeRequest): CommandOutput {
  const resolved = resolveArgs(view.registry, req.args, 'describe')
  if (req.allNamespaces && resolved.targets.some((t) => t.names.length > 0 && t.info.namespaced)) throw new UserError('a resource cannot be retrieved by name across all namespaces')
  const stderr: string[] = []
  const objs: KubeObject[] = []
  for (const t of resolved.targets) {
    if (t.names.length === 0) {
      for (const o of listObjects(view.store, t.info, req)) objs.push(o) // no push(...): 100k+ overflow the stack
      continue
    }
    for (const name of t.names) {
      const o = getObject(view.store, t.info, req.namespace, name)
      if (o) {
        objs.push(o)
        continue
      }
      // `describe TYPE NAME` also matches names that start with NAME
      const prefixed = req.args.length === 2 && !req.args[0].includes(',') ? listObjects(view.store, t.info, {...req, allNamespaces: false}).filter((x) => x.metadata.name?.startsWith(name)) : []
      if (prefixed.length > 0) for (const o of prefixed) objs.push(o)
      else stderr.push(notFoundLine(t.info, name))
    }
  }
  const hasNames = resolved.targets.some((t) => t.names.length > 0)
  if (objs.length === 0 && !hasNames) stderr.push(noResourcesLine(resolved.targets, req))
  const scheduling = req.decisionFor ? (pod: KubeObject) => formatSchedulingSection(req.decisionFor!(pod)) || undefined : undefined
  const texts = objs.map((o) => describeObject(o, {store: view.store, now: view.now, scheduling, showEvents: req.showEvents}))
  return {stdout: texts.join('\n\n'), stderr, failed: stderr.some((l) => l.startsWith('Error'))}
}
