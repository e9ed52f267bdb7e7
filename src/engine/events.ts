// The event recorder: core/v1 Events written to the store the way client-go's record package does it
// (staging/src/k8s.io/client-go/tools/record/{event.go,events_cache.go}): a spam filter (token bucket per
// source+object, burst 25, one token per 5 minutes), aggregation (10 similar events with different messages within
// 10 minutes become one "(combined from similar events): ..." event) and deduplication (an identical event bumps
// count and lastTimestamp). Names are `<object>.<hex UnixNano>` from the virtual clock; the API server's event TTL
// (1 h) deletes an event an hour after its last write.

import type {EventRecorder, EventSource, EventType} from '../api/events.js'
import type {KubeObject} from '../api/types.js'
import type {ObjectStore} from '../api/store/store.js'
import {groupKindOf, keyOf, objectKey} from '../api/store/keys.js'
import type {Timer, VirtualClock} from '../clock/clock.js'
import {toRFC3339} from '../clock/clock.js'
import type {SeededRandom} from '../clock/random.js'

const SPAM_BURST = 25
const SPAM_REFILL_MS = 300_000
const AGGREGATE_MAX_EVENTS = 10
const AGGREGATE_INTERVAL_MS = 600_000
const EVENT_TTL_MS = 3_600_000
export const COMBINED_PREFIX = '(combined from similar events): '

/**
 * What the recorder keeps per involved object and event source. client-go keys its caches by strings joining source
 * and object (getSpamKey, the aggregate key, getEventKey); k8sim keeps the same tuples as nested records: an event
 * looks up a uid and compares a few short strings instead of hashing ~200-character keys, and a pod's state is a
 * handful of small objects (a 150,000-pod run keeps it for every pod).
 */
interface SourceState {
  component: string
  host: string
  /** the spam filter's token bucket */
  tokens: number
  last: number
  /** the aggregator's records, one per type and reason */
  aggregates: AggregateRecord[]
}

interface AggregateRecord {
  type: string
  reason: string
  /** distinct messages in insertion order (client-go's localKeys set) */
  messages: string[]
  last: number
  /** the combined event written for this type and reason (kept when the record starts over) */
  combined?: WrittenEvent
  /** the events written for this type and reason, by fieldPath and message (deduplication) */
  written: WrittenEvent[]
}

/** An Event in the store: its key and when it was last written (the API server's TTL counts from there). */
interface WrittenEvent {
  key: string
  lastWrite: number
  fieldPath: string
  message: string
}

/** An involved object as client-go's event keys name it: kind, namespace, name, uid (the map key), apiVersion. */
interface InvolvedState {
  kind: string
  namespace: string
  name: string
  apiVersion: string
  sources: SourceState[]
}

interface InvolvedRef {
  kind?: string
  namespace?: string
  name?: string
  uid?: string
  apiVersion?: string
}

export class StoreEventRecorder implements EventRecorder {
  /** uid → the involved objects with that uid (one, unless objects come without a uid) */
  private involved = new Map<string, InvolvedState[]>()
  /** every write of an event with its expiry, in time order, swept by one background timer */
  private ttlQueue: {at: number; event: WrittenEvent}[] = []
  private ttlHead = 0
  private sweeper: Timer | undefined
  /** keys of the Events in the store this recorder did not create (built at its first event, then watched) */
  private foreign: Set<string> | undefined
  /** the Event this recorder is storing right now (its watch tells its own from others') */
  private creating: KubeObject | undefined
  /** the state the last event used (see sourceState) */
  private lastState: {uid: string; object: InvolvedState; source: SourceState} | undefined
  private lastNanoMs = -1
  private nanoSeq = 0

  constructor(
    private readonly store: ObjectStore,
    private readonly clock: VirtualClock,
    private readonly rng: SeededRandom,
  ) {}

  /**
   * Rebuild the dedup cache and TTL timers from Events already in the store (a loaded cluster), so an identical
   * event in a later command bumps the existing one as a long-running component would.
   */
  restore(): void {
    for (const ev of this.store.list('/Event')) {
      const io = ev.involvedObject ?? {}
      const src = ev.source ?? {}
      const state = this.sourceState(io, src.component ?? '', src.host ?? '', this.clock.now())
      const key = objectKey('', 'Event', ev.metadata.namespace, ev.metadata.name ?? '')
      const written: WrittenEvent = {key, lastWrite: 0, fieldPath: io.fieldPath ?? '', message: ev.message ?? ''}
      // a later one with the same fieldPath and message replaces it (as a map would)
      const agg = aggregateOf(state, ev.type ?? '', ev.reason ?? '', this.clock.now())
      const i = agg.written.findIndex((w) => w.fieldPath === written.fieldPath && w.message === written.message)
      if (i >= 0) agg.written[i] = written
      else agg.written.push(written)
      const last = Date.parse(ev.lastTimestamp ?? ev.metadata.creationTimestamp ?? '')
      this.armTTL(written, Number.isNaN(last) ? this.clock.now() : Math.min(last, this.clock.now()))
    }
    this.ttlQueue.sort((a, b) => a.at - b.at)
    this.clock.cancel(this.sweeper)
    this.sweeper = undefined
    if (this.ttlQueue.length > 0) this.sweeper = this.clock.after(this.ttlQueue[0].at - this.clock.now(), 'event-ttl', () => this.sweep(), true)
  }

  event(regarding: KubeObject, type: EventType, reason: string, message: string, source: EventSource, fieldPath?: string): void {
    const now = this.clock.now()
    const meta = regarding.metadata
    const objectName = meta.name ?? ''
    const state = this.sourceState(
      {kind: regarding.kind, namespace: meta.namespace, name: objectName, uid: meta.uid, apiVersion: regarding.apiVersion},
      source.component, source.host ?? '', now,
    )
    if (!allowSpam(state, now)) return

    // aggregation: per source, object, type and reason
    const agg = aggregateOf(state, type, reason, now)
    if (agg.last + AGGREGATE_INTERVAL_MS < now) agg.messages = []
    agg.last = now
    // (a literal of one: most records only ever see one message, and an array grown by push reserves 17 slots)
    if (agg.messages.length === 0) agg.messages = [message]
    else if (!agg.messages.includes(message)) agg.messages.push(message)
    const combined = agg.messages.length >= AGGREGATE_MAX_EVENTS
    if (combined) {
      // keep the set below the maximum (client-go pops an arbitrary key; k8sim the oldest, to stay deterministic)
      agg.messages.shift()
    }
    const finalMessage = combined ? COMBINED_PREFIX + message : message

    // deduplication (getEventKey: source, object incl. fieldPath, type, reason, message); a combined event is
    // cached under its aggregate, so later combined ones update it with the latest message
    const path = fieldPath ?? ''
    const namespace = meta.namespace || 'default'
    const ts = toRFC3339(now)
    const previous = combined ? agg.combined : agg.written.find((w) => w.fieldPath === path && w.message === finalMessage)
    const existing = previous ? this.store.get(previous.key) : undefined
    if (existing) {
      const updated: KubeObject = {...existing, metadata: {...existing.metadata}, count: (existing.count ?? 1) + 1, lastTimestamp: ts, message: finalMessage}
      this.store.update(updated)
      this.armTTL(previous!, now)
      return
    }
    let name = `${objectName}.${this.unixNanoHex(now)}`
    let key = objectKey('', 'Event', namespace, name)
    // an earlier command (or an applied manifest) may have written events at this same virtual instant; names this
    // recorder made are unique (one nanosecond each), so only Events it did not write can be in the way
    const foreign = this.foreignEvents()
    while (foreign.size > 0 && foreign.has(key)) {
      name = `${objectName}.${this.unixNanoHex(now)}`
      key = objectKey('', 'Event', namespace, name)
    }
    const involvedObject: Record<string, unknown> = {apiVersion: regarding.apiVersion, kind: regarding.kind, name: objectName}
    if (meta.namespace) involvedObject.namespace = meta.namespace
    if (meta.uid) involvedObject.uid = meta.uid
    if (meta.resourceVersion) involvedObject.resourceVersion = meta.resourceVersion
    if (fieldPath) involvedObject.fieldPath = fieldPath
    const ev: KubeObject = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: {name, namespace, uid: this.rng.uuid(), creationTimestamp: ts},
      involvedObject,
      reason,
      message: finalMessage,
      source: source.host ? {component: source.component, host: source.host} : {component: source.component},
      firstTimestamp: ts,
      lastTimestamp: ts,
      count: 1,
      type,
      eventTime: null,
      reportingComponent: source.component,
      reportingInstance: source.host ?? '',
    }
    const outer = this.creating
    this.creating = ev
    try {
      this.store.create(ev)
    } finally {
      this.creating = outer
    }
    const written: WrittenEvent = {key, lastWrite: now, fieldPath: path, message: finalMessage}
    if (combined) agg.combined = written
    else if (previous) agg.written[agg.written.indexOf(previous)] = written // its event is gone: this one replaces it
    else if (agg.written.length === 0) agg.written = [written]
    else agg.written.push(written)
    this.armTTL(written, now)
  }

  /** Events in the store not written by this recorder. Until its first event every Event is someone else's. */
  private foreignEvents(): Set<string> {
    if (!this.foreign) {
      const foreign = (this.foreign = new Set())
      for (const ev of this.store.list('/Event')) foreign.add(keyOf(ev))
      this.store.watch((w) => {
        if (groupKindOf(w.object) !== '/Event') return
        if (w.type === 'DELETED') foreign.delete(w.key)
        else if (w.type === 'ADDED' && w.object !== this.creating) foreign.add(w.key)
      })
    }
    return this.foreign
  }

  /** The recorder's state for an involved object and a source, created on first use. */
  private sourceState(ref: InvolvedRef, component: string, host: string, now: number): SourceState {
    const kind = ref.kind ?? ''
    const namespace = ref.namespace ?? ''
    const name = ref.name ?? ''
    const apiVersion = ref.apiVersion ?? ''
    const uid = ref.uid ?? ''
    // the kubelet records a container's events back to back: the same object and source as the last call
    const last = this.lastState
    if (last && last.uid === uid && last.source.component === component && last.source.host === host) {
      const o = last.object
      if (o.name === name && o.namespace === namespace && o.kind === kind && o.apiVersion === apiVersion) return last.source
    }
    // (new arrays are literals of one element: most hold just that, and an array grown by push reserves 17 slots)
    const same = this.involved.get(uid)
    let obj = same?.find((o) => o.name === name && o.namespace === namespace && o.kind === kind && o.apiVersion === apiVersion)
    if (!obj) {
      obj = {kind, namespace, name, apiVersion, sources: []}
      if (same) same.push(obj)
      else this.involved.set(uid, [obj])
    }
    let state = obj.sources.find((x) => x.component === component && x.host === host)
    if (!state) {
      // a new bucket is full; its last refill time is reset at the first event (as a bucket made then would be)
      state = {component, host, tokens: SPAM_BURST, last: now, aggregates: []}
      if (obj.sources.length === 0) obj.sources = [state]
      else obj.sources.push(state)
    }
    this.lastState = {uid, object: obj, source: state}
    return state
  }

  /** The API server's event TTL: an event goes an hour after its last write. */
  private armTTL(event: WrittenEvent, writtenAt: number): void {
    event.lastWrite = writtenAt
    this.ttlQueue.push({at: writtenAt + EVENT_TTL_MS, event})
    if (!this.sweeper) this.sweeper = this.clock.after(writtenAt + EVENT_TTL_MS - this.clock.now(), 'event-ttl', () => this.sweep(), true)
  }

  private sweep(): void {
    this.sweeper = undefined
    const now = this.clock.now()
    while (this.ttlHead < this.ttlQueue.length && this.ttlQueue[this.ttlHead].at <= now) {
      const {event, at} = this.ttlQueue[this.ttlHead++]
      if (event.lastWrite + EVENT_TTL_MS !== at) continue // rewritten since: a later entry covers it
      this.store.delete(event.key)
    }
    if (this.ttlHead > 1024 && this.ttlHead * 2 > this.ttlQueue.length) {
      this.ttlQueue = this.ttlQueue.slice(this.ttlHead)
      this.ttlHead = 0
    }
    if (this.ttlHead < this.ttlQueue.length) {
      this.sweeper = this.clock.after(this.ttlQueue[this.ttlHead].at - now, 'event-ttl', () => this.sweep(), true)
    }
  }

  /** t.UnixNano() in hex; events at the same virtual millisecond get consecutive nanoseconds. */
  private unixNanoHex(ms: number): string {
    if (ms !== this.lastNanoMs) {
      this.lastNanoMs = ms
      this.nanoSeq = 0
    }
    const nanos = BigInt(ms) * 1_000_000n + BigInt(this.nanoSeq++)
    return nanos.toString(16)
  }
}

/** client-go's EventSourceObjectSpamFilter: a token bucket per source+object (getSpamKey). */
function allowSpam(b: SourceState, now: number): boolean {
  const refill = Math.floor((now - b.last) / SPAM_REFILL_MS)
  if (refill > 0) {
    b.tokens = Math.min(SPAM_BURST, b.tokens + refill)
    b.last += refill * SPAM_REFILL_MS
  }
  if (b.tokens < 1) return false
  if (b.tokens === SPAM_BURST) b.last = now
  b.tokens--
  return true
}

/** The aggregator's record of a source and object for a type and reason, created on first use. */
function aggregateOf(state: SourceState, type: string, reason: string, now: number): AggregateRecord {
  let agg = state.aggregates.find((r) => r.type === type && r.reason === reason)
  if (!agg) {
    agg = {type, reason, messages: [], last: now, written: []}
    if (state.aggregates.length === 0) state.aggregates = [agg]
    else state.aggregates.push(agg)
  }
  return agg
}
