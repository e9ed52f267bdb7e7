// Events as kubectl shows them: `kubectl events` (client-side printer, sorted by time), the Age/interval rules
// shared with describe, and `kubectl get events` (server table, printEvent).

import type {KubeObject} from '../api/types.js'
import {age, timeOf} from './age.js'
import {TABLE_TABWRITER, tabwrite} from './tabwriter.js'
import {type TableDef, col} from './tables/common.js'

/** The time kubectl sorts events by: series.lastObservedTime, else lastTimestamp, else eventTime. */
export function eventSortTime(e: KubeObject): number {
  return timeOf(e.series?.lastObservedTime) ?? timeOf(e.lastTimestamp) ?? timeOf(e.eventTime) ?? 0
}

/** SortableEvents; ties (same second) keep the order they were written in (resourceVersion), then input order. */
export function sortEvents(events: KubeObject[]): KubeObject[] {
  return events
    .map((e, i) => ({e, i, t: eventSortTime(e), rv: Number(e.metadata?.resourceVersion ?? 0) || 0}))
    .sort((a, b) => a.t - b.t || a.rv - b.rv || a.i - b.i)
    .map((x) => x.e)
}

/** getInterval (kubectl events) / the describe Age cell: `3m (x4 over 10m)` or the first-seen age. */
export function eventInterval(e: KubeObject, now: number): string {
  const first = e.eventTime ? age(now, e.eventTime) : age(now, e.firstTimestamp)
  if (e.series) return `${age(now, e.series.lastObservedTime)} (x${e.series.count} over ${first})`
  if ((e.count ?? 0) > 1) return `${age(now, e.lastTimestamp)} (x${e.count} over ${first})`
  return first
}

export interface EventsOptions {
  now: number
  allNamespaces: boolean
  noHeaders?: boolean
}

/** `kubectl events`: LAST SEEN TYPE REASON OBJECT MESSAGE, sorted by time; '' when there are none. */
export function printEventsCommand(events: KubeObject[], opts: EventsOptions): string {
  if (events.length === 0) return ''
  let text = ''
  if (!opts.noHeaders) text += (opts.allNamespaces ? 'NAMESPACE\t' : '') + 'LAST SEEN\tTYPE\tREASON\tOBJECT\tMESSAGE\n'
  for (const e of sortEvents(events)) {
    if (opts.allNamespaces) text += `${e.metadata?.namespace ?? ''}\t`
    const io = e.involvedObject ?? e.regarding ?? {}
    text += `${eventInterval(e, opts.now)}\t${e.type ?? ''}\t${e.reason ?? ''}\t${io.kind ?? ''}/${io.name ?? ''}\t${String(e.message ?? e.note ?? '').trim()}\n`
  }
  return tabwrite(text, TABLE_TABWRITER)
}

/** `kubectl get events` (printEvent): server order, wide adds SUBOBJECT SOURCE FIRST SEEN COUNT NAME. */
export const eventTable: TableDef = {
  columns: [col('Last Seen'), col('Type'), col('Reason'), col('Object'), col('Subobject', 1), col('Source', 1), col('Message'), col('First Seen', 1), col('Count', 1), col('Name', 1)],
  nameColumn: 9,
  row: (e, ctx) => {
    const first = e.firstTimestamp ? age(ctx.now, e.firstTimestamp) : age(ctx.now, e.eventTime)
    let last = e.lastTimestamp ? age(ctx.now, e.lastTimestamp) : first
    let count = e.count ?? 0
    if (e.series) {
      last = age(ctx.now, e.series.lastObservedTime)
      count = e.series.count
    } else if (count === 0) count = 1
    const io = e.involvedObject ?? {}
    const target = io.name ? `${String(io.kind ?? '').toLowerCase()}/${io.name}` : String(io.kind ?? '').toLowerCase()
    const component = e.source?.component || e.reportingComponent || ''
    const instance = e.source?.host || e.reportingInstance || ''
    const source = instance ? `${component}, ${instance}` : component
    return [last, e.type ?? '', e.reason ?? '', target, io.fieldPath ?? '', source, String(e.message ?? '').trim(), first, String(count), e.metadata?.name ?? '']
  },
}

/** Events about one object (by uid when both have one, else kind/namespace/name). */
export function eventsFor(obj: KubeObject, events: KubeObject[]): KubeObject[] {
  const uid = obj.metadata?.uid
  return events.filter((e) => {
    const io = e.involvedObject ?? {}
    if (io.kind !== obj.kind || io.name !== obj.metadata?.name) return false
    if ((io.namespace ?? '') !== (obj.metadata?.namespace ?? '') && obj.metadata?.namespace) return false
    // node events are recorded with the node name as uid by the kubelet
    if (uid && io.uid && io.uid !== uid && io.uid !== obj.metadata?.name) return false
    return true
  })
}
