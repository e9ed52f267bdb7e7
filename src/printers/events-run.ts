// `k8sim events`: the event log in `kubectl events` layout, filtered by --for and --types.

import {UserError} from '../errors.js'
import {printEventsCommand} from './events.js'
import type {ClusterView, CommandOutput} from './get.js'

export interface EventsRequest {
  namespace: string
  allNamespaces: boolean
  /** TYPE/NAME */
  for?: string
  types?: string[]
  noHeaders?: boolean
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
  return {stdout: printEventsCommand(events, {now: view.now, allNamespaces: req.allNamespaces, noHeaders: req.noHeaders}), stderr: [], failed: false}
}
