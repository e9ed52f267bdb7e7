// The event recorder: core/v1 Events written to the store the way client-go's record package does it
// (staging/src/k8s.io/client-go/tools/record/{event.go,events_cache.go}): a spam filter (token bucket per
// source+object, burst 25, one token per 5 minutes), aggregation (10 similar events with different messages within
// 10 minutes become one "(combined from similar events): ..." event) and deduplication (an identical event bumps
// count and lastTimestamp). Names are `<object>.<hex UnixNano>` from the virtual clock; the API server's event TTL
// (1 h) deletes an event an hour after its last write.

import type {EventRecorder, EventSource, EventType} from '../api/events.js'
import type {KubeObject} from '../api/types.js'
import type {ObjectStore} from '../api/store/store.js'
import {objectKey} from '../api/store/keys.js'
import type {Timer, VirtualClock} from '../clock/clock.js'
import {toRFC3339} from '../clock/clock.js'
import type {SeededRandom} from '../clock/random.js'

const SPAM_BURST = 25
const SPAM_REFILL_MS = 300_000
const AGGREGATE_MAX_EVENTS = 10
const AGGREGATE_INTERVAL_MS = 600_000
const EVENT_TTL_MS = 3_600_000
export const COMBINED_PREFIX = '(combined from similar events): '

interface Bucket {
  tokens: number
  last: number
}

interface AggregateRecord {
  localKeys: Set<string>
  last: number
}

export class StoreEventRecorder implements EventRecorder {
  private buckets = new Map<string, Bucket>()
  private aggregates = new Map<string, AggregateRecord>()
  /** dedup key → store key of the event it was written as */
  private written = new Map<string, string>()
  /** event key → time of its last write; writes in time order in ttlQueue, swept by one background timer */
  private lastWrite = new Map<string, number>()
  private ttlQueue: {at: number; key: string}[] = []
  private ttlHead = 0
  private sweeper: Timer | undefined
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
      const objectPart = [io.kind, io.namespace ?? '', io.name, io.uid ?? '', io.apiVersion].join('')
      const dedupKey = [(src.component ?? '') + (src.host ?? ''), objectPart, io.fieldPath ?? '', ev.type, ev.reason, ev.message].join('\u0000')
      const key = objectKey('', 'Event', ev.metadata.namespace, ev.metadata.name ?? '')
      this.written.set(dedupKey, key)
      const last = Date.parse(ev.lastTimestamp ?? ev.metadata.creationTimestamp ?? '')
      this.armTTL(key, Number.isNaN(last) ? this.clock.now() : Math.min(last, this.clock.now()))
    }
    this.ttlQueue.sort((a, b) => a.at - b.at)
    this.clock.cancel(this.sweeper)
    this.sweeper = undefined
    if (this.ttlQueue.length > 0) this.sweeper = this.clock.after(this.ttlQueue[0].at - this.clock.now(), 'event-ttl', () => this.sweep(), true)
  }

  event(regarding: KubeObject, type: EventType, reason: string, message: string, source: EventSource, fieldPath?: string): void {
    const now = this.clock.now()
    const ref = {
      apiVersion: regarding.apiVersion,
      kind: regarding.kind,
      name: regarding.metadata.name ?? '',
      namespace: regarding.metadata.namespace,
      uid: regarding.metadata.uid,
      resourceVersion: regarding.metadata.resourceVersion,
      fieldPath,
    }
    const objectPart = `${ref.kind ?? ''}${ref.namespace ?? ''}${ref.name}${ref.uid ?? ''}${ref.apiVersion ?? ''}`
    const sourcePart = source.component + (source.host ?? '')
    if (!this.allowSpam(sourcePart + objectPart, now)) return

    // aggregation
    const aggKey = `${sourcePart}${objectPart}${type}${reason}${source.component}${source.host ?? ''}`
    let agg = this.aggregates.get(aggKey)
    if (!agg || agg.last + AGGREGATE_INTERVAL_MS < now) this.aggregates.set(aggKey, (agg = {localKeys: new Set(), last: now}))
    agg.last = now
    agg.localKeys.add(message)
    const combined = agg.localKeys.size >= AGGREGATE_MAX_EVENTS
    if (combined) {
      // keep the set below the maximum (client-go pops an arbitrary key; k8sim the oldest, to stay deterministic)
      agg.localKeys.delete(agg.localKeys.values().next().value!)
    }
    const finalMessage = combined ? COMBINED_PREFIX + message : message

    // deduplication (getEventKey: source, object incl. fieldPath, type, reason, message); a combined event is
    // cached under its aggregate key, so later combined ones update it with the latest message
    const dedupKey = combined ? `aggregate\u0000${aggKey}` : `${sourcePart}\u0000${objectPart}\u0000${fieldPath ?? ''}\u0000${type}\u0000${reason}\u0000${finalMessage}`
    const namespace = ref.namespace || 'default'
    const ts = toRFC3339(now)
    const existingKey = this.written.get(dedupKey)
    const existing = existingKey ? this.store.get(existingKey) : undefined
    if (existing) {
      const updated: KubeObject = {...existing, metadata: {...existing.metadata}, count: (existing.count ?? 1) + 1, lastTimestamp: ts, message: finalMessage}
      this.store.update(updated)
      this.armTTL(existingKey!, now)
      return
    }
    let name = `${ref.name}.${this.unixNanoHex(now)}`
    // an earlier command may have written events at this same virtual instant
    while (this.store.get(objectKey('', 'Event', namespace, name))) name = `${ref.name}.${this.unixNanoHex(now)}`
    const involvedObject: Record<string, unknown> = {apiVersion: ref.apiVersion, kind: ref.kind, name: ref.name}
    if (ref.namespace) involvedObject.namespace = ref.namespace
    if (ref.uid) involvedObject.uid = ref.uid
    if (ref.resourceVersion) involvedObject.resourceVersion = ref.resourceVersion
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
    this.store.create(ev)
    const key = objectKey('', 'Event', namespace, name)
    this.written.set(dedupKey, key)
    this.armTTL(key, now)
  }

  /** client-go's EventSourceObjectSpamFilter: token bucket per source+object (getSpamKey). */
  private allowSpam(key: string, now: number): boolean {
    let b = this.buckets.get(key)
    if (!b) this.buckets.set(key, (b = {tokens: SPAM_BURST, last: now}))
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

  /** The API server's event TTL: an event goes an hour after its last write. */
  private armTTL(key: string, writtenAt: number): void {
    this.lastWrite.set(key, writtenAt)
    this.ttlQueue.push({at: writtenAt + EVENT_TTL_MS, key})
    if (!this.sweeper) this.sweeper = this.clock.after(writtenAt + EVENT_TTL_MS - this.clock.now(), 'event-ttl', () => this.sweep(), true)
  }

  private sweep(): void {
    this.sweeper = undefined
    const now = this.clock.now()
    while (this.ttlHead < this.ttlQueue.length && this.ttlQueue[this.ttlHead].at <= now) {
      const {key, at} = this.ttlQueue[this.ttlHead++]
      const written = this.lastWrite.get(key)
      if (written === undefined || written + EVENT_TTL_MS !== at) continue // rewritten since: a later entry covers it
      this.lastWrite.delete(key)
      this.store.delete(key)
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
