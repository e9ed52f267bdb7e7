// `k8sim events`: the event log in `kubectl events` layout, filtered by --for and --types.

import {UserError} from '../errors.js'
import {printEventsCommand, sortEvents} from './events.js'
import {goJSONIndent} from './output-json.js'
import {toGoYAML} from './output-yaml.js'
import type {ClusterView, CommandOutput} from './get.js'

export interface EventsRequest {
  namespace: string
  allNamespaces: boolean
  /** TYPE/NAME */
  for?: string
  types?: string[]
  noHeaders?: boolean
  /** -o json|yaml: the EventList, sorted by time (kubectl events builds it as a typed list) */
  output?: 'json' | 'yaml'
}

export function runEvents(view: ClusterView, req: EventsRequest): CommandOutput {
  let kind: string | undefined
  let name: string | undefined
  if (req.for) {
    const i = req.for.indexOf('/')
    if (i <= 0 || i === req.for.length - 1) throw new UserError(`--for must be in resource/name form`)
    const info = view.registry.resolve(req.for.slice(0, i))
    if (!info) throw new UserError(`the server doesn't have a resource type "${req.for.slice(0, i)}"`)
    kind = info.kind
    name = req.for.slice(i + 1)
  }
  const types = (req.types ?? []).flatMap((t) => t.split(',')).map((t) => t.trim()).filter((t) => t !== '')
  for (const t of types) if (!/^(normal|warning)$/i.test(t)) throw new UserError('valid --types are Normal or Warning')
  const events = view.store
    .list('/Event', req.allNamespaces ? undefined : req.namespace)
    .filter((e) => (kind ? e.involvedObject?.kind === kind && e.involvedObject?.name === name : true))
    .filter((e) => types.length === 0 || types.some((t) => t.toLowerCase() === String(e.type ?? '').toLowerCase()))
    .sort((a, b) => ((a.metadata.namespace ?? '') + '/' + a.metadata.name < (b.metadata.namespace ?? '') + '/' + b.metadata.name ? -1 : 1))
  if (events.length === 0) return {stdout: '', stderr: [req.allNamespaces ? 'No events found.' : `No events found in ${req.namespace} namespace.`], failed: false}
  if (req.output) {
    // simplified: keys sorted as for unstructured objects (kubectl marshals this typed list in Go struct order for json)
    const list = {apiVersion: 'v1', items: sortEvents(events), kind: 'EventList', metadata: {resourceVersion: String(view.store.resourceVersion())}}
    return {stdout: req.output === 'json' ? goJSONIndent(list) : toGoYAML(list), stderr: [], failed: false}
  }
  return {stdout: printEventsCommand(events, {now: view.now, allNamespaces: req.allNamespaces, noHeaders: req.noHeaders}), stderr: [], failed: false}
}
