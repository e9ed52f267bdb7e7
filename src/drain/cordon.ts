// kubectl's cordon helper (k8s.io/kubectl/pkg/drain/cordon.go and cmd/drain RunCordonOrUncordon): set or clear
// spec.unschedulable and say what happened in kubectl's words.

import type {KubeObject} from '../api/types.js'
import type {ObjectStore} from '../api/store/store.js'
import {objectKey} from '../api/store/keys.js'
import {matchesRequirements, parseLabelSelectorString} from '../api/selectors.js'
import type {ApiServer} from '../engine/apiserver.js'
import type {EventRecorder} from '../api/events.js'
import {UserError} from '../errors.js'

export type DryRun = 'none' | 'client' | 'server'

export function dryRunSuffix(d: DryRun): string {
  return d === 'client' ? ' (dry run)' : d === 'server' ? ' (server dry run)' : ''
}

/** The nodes a cordon/uncordon/drain works on: by name (NotFound as kubectl's builder says it) or by -l selector. */
export function resolveNodes(store: ObjectStore, names: string[], selector: string | undefined): KubeObject[] {
  if (selector) {
    const reqs = parseLabelSelectorString(selector)
    return store.list('/Node').filter((n) => matchesRequirements(reqs, n.metadata.labels ?? {}))
      .sort((a, b) => (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''))
  }
  return names.map((name) => {
    const node = store.get(objectKey('', 'Node', undefined, name))
    if (!node) throw new UserError(`Error from server (NotFound): nodes "${name}" not found`)
    return node
  })
}

/**
 * Cordon (desired = true) or uncordon one node; returns kubectl's line (`node/x cordoned`, `already ...`). With an
 * event recorder, the node's kubelet records NodeNotSchedulable / NodeSchedulable as it does on its status sync.
 */
export function cordonNode(api: ApiServer, node: KubeObject, desired: boolean, dryRun: DryRun, events?: EventRecorder): string {
  const name = node.metadata.name ?? ''
  const current = !!node.spec?.unschedulable
  if (current === desired) return `node/${name} already ${desired ? 'cordoned' : 'uncordoned'}`
  if (dryRun !== 'client' && dryRun !== 'server') {
    const copy = structuredClone(node)
    copy.spec ??= {}
    if (desired) copy.spec.unschedulable = true
    else delete copy.spec.unschedulable
    const stored = api.update(copy)
    const reason = desired ? 'NodeNotSchedulable' : 'NodeSchedulable'
    events?.event(stored, 'Normal', reason, `Node ${name} status is now: ${reason}`, {component: 'kubelet', host: name})
  }
  return `node/${name} ${desired ? 'cordoned' : 'uncordoned'}${dryRunSuffix(dryRun)}`
}
