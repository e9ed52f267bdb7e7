// The simulated API server's request flow, as kube-apiserver runs it for create/update/delete:
// defaulting → metadata (uid, creationTimestamp, generation) → validation → admission → storage.
// Controllers and `apply` both write through here; watch events then reach every control loop.

import {deepCopy} from '../api/deep-copy.js'
import type {KubeObject} from '../api/types.js'
import {parseApiVersion} from '../api/types.js'
import type {ObjectStore} from '../api/store/store.js'
import {keyOf} from '../api/store/keys.js'
import type {ResourceRegistry, ResourceInfo} from '../api/resources.js'
import {qualifiedResource} from '../api/resources.js'
import type {VirtualClock} from '../clock/clock.js'
import {toRFC3339} from '../clock/clock.js'
import type {SeededRandom} from '../clock/random.js'
import {ApiError, alreadyExists, conflict, invalid, notFound} from './api-error.js'
import type {ApiHooks} from './hooks.js'
import {fallbackHooks} from './hooks.js'

export type PropagationPolicy = 'Background' | 'Foreground' | 'Orphan'

export interface DeleteOptions {
  propagationPolicy?: PropagationPolicy
  /** pods: overrides spec.terminationGracePeriodSeconds; 0 removes the pod at once (force) */
  gracePeriodSeconds?: number
}

export const FINALIZER_FOREGROUND = 'foregroundDeletion'
export const FINALIZER_ORPHAN = 'orphan'

// names from generateName (staging/src/k8s.io/apiserver/pkg/storage/names/generate.go)
const MAX_GENERATED_NAME_LENGTH = 58
const GENERATE_NAME_RETRIES = 8

/** NamespaceLifecycle admission refuses to delete these. */
const IMMORTAL_NAMESPACES = new Set(['default', 'kube-system', 'kube-public'])

/** Kinds whose main resource ignores status on update (they have a status subresource). */
const HAS_STATUS_SUBRESOURCE = new Set([
  '/Pod', '/Node', '/Service', '/Namespace', '/PersistentVolume', '/PersistentVolumeClaim', '/ReplicationController',
  '/ResourceQuota', 'apps/Deployment', 'apps/ReplicaSet', 'apps/StatefulSet', 'apps/DaemonSet', 'batch/Job',
  'batch/CronJob', 'policy/PodDisruptionBudget', 'autoscaling/HorizontalPodAutoscaler', 'networking.k8s.io/Ingress',
])

export interface ApiServerDeps {
  store: ObjectStore
  clock: VirtualClock
  rng: SeededRandom
  registry: ResourceRegistry
}

export class ApiServer {
  private readonly store: ObjectStore
  private readonly clock: VirtualClock
  private readonly rng: SeededRandom
  private readonly registry: ResourceRegistry

  constructor(deps: ApiServerDeps, private readonly hooks: ApiHooks = fallbackHooks) {
    this.store = deps.store
    this.clock = deps.clock
    this.rng = deps.rng
    this.registry = deps.registry
  }

  get(key: string): KubeObject | undefined {
    return this.store.get(key)
  }

  list(groupKind: string, namespace?: string): KubeObject[] {
    return this.store.list(groupKind, namespace)
  }

  /** POST: returns the stored object. Throws ApiError (Invalid, AlreadyExists, Forbidden, NotFound...). */
  create(input: KubeObject): KubeObject {
    return this.createOwned(deepCopy(input))
  }

  /**
   * POST of an object the caller has just built for this request and hands over (a controller's pod from its
   * template): the server defaults and stores it as it is, without the copy create() makes to protect its input.
   */
  createOwned(obj: KubeObject): KubeObject {
    const info = this.info(obj)
    if (info?.namespaced === false) delete obj.metadata.namespace
    else if (!obj.metadata.namespace) obj.metadata.namespace = 'default'
    delete obj.metadata.resourceVersion
    delete obj.metadata.deletionTimestamp
    this.hooks.applyDefaults(obj)
    const generated = !obj.metadata.name && !!obj.metadata.generateName
    for (let attempt = 0; ; attempt++) {
      if (generated) obj.metadata.name = obj.metadata.generateName!.slice(0, MAX_GENERATED_NAME_LENGTH) + this.rng.nameSuffix(5)
      if (this.store.get(keyOf(obj))) {
        if (generated && attempt < GENERATE_NAME_RETRIES) continue
        throw alreadyExists(this.resource(obj, info), obj.metadata.name ?? '')
      }
      break
    }
    this.hooks.prepareCreate(obj, {nowRFC3339: toRFC3339(this.clock.now()), uid: this.rng.uuid()})
    if (groupKindOf(obj) === 'batch/Job' && !obj.spec?.manualSelector) generateJobSelector(obj)
    this.validate(obj, info, this.hooks.validateCreate(obj))
    this.admit('CREATE', obj, undefined)
    return this.store.create(obj)
  }

  /** PUT of the main resource: status is kept from the stored object for kinds with a status subresource. */
  update(input: KubeObject): KubeObject {
    const obj = deepCopy(input)
    const info = this.info(obj)
    if (info?.namespaced === false) delete obj.metadata.namespace
    else if (!obj.metadata.namespace) obj.metadata.namespace = 'default'
    const key = keyOf(obj)
    const old = this.store.get(key)
    if (!old) throw notFound(this.resource(obj, info), obj.metadata.name ?? '')
    if (obj.metadata.resourceVersion && obj.metadata.resourceVersion !== old.metadata.resourceVersion) {
      throw conflict(this.resource(obj, info), obj.metadata.name ?? '')
    }
    if (HAS_STATUS_SUBRESOURCE.has(groupKindOf(obj))) {
      if (old.status === undefined) delete obj.status
      else obj.status = deepCopy(old.status)
    }
    // deletion state is owned by the server
    for (const f of ['deletionTimestamp', 'deletionGracePeriodSeconds'] as const) {
      if (old.metadata[f] === undefined) delete obj.metadata[f]
      else obj.metadata[f] = old.metadata[f] as never
    }
    this.hooks.applyDefaults(obj)
    this.hooks.prepareUpdate(obj, old)
    this.validate(obj, info, this.hooks.validateUpdate(obj, old))
    this.admit('UPDATE', obj, old)
    return this.commitUpdate(obj, old)
  }

  /** PUT of the status subresource: only status changes. */
  updateStatus(input: KubeObject): KubeObject {
    const key = keyOf(input)
    const old = this.store.get(key)
    if (!old) throw notFound(this.resource(input, this.info(input)), input.metadata.name ?? '')
    if (input.metadata.resourceVersion && input.metadata.resourceVersion !== old.metadata.resourceVersion) {
      throw conflict(this.resource(input, this.info(input)), input.metadata.name ?? '')
    }
    const obj: KubeObject = {...old, metadata: {...old.metadata}, status: deepCopy(input.status)}
    // the Deployment status strategy lets annotations through (the controller writes the revision this way)
    if (groupKindOf(old) === 'apps/Deployment' && input.metadata.annotations) obj.metadata.annotations = {...input.metadata.annotations}
    return this.commitUpdate(obj, old)
  }

  /**
   * DELETE. Pods on a node terminate gracefully (deletionTimestamp = now + grace; the kubelet finishes them);
   * objects with finalizers (including foregroundDeletion/orphan added here for those policies) wait for them;
   * a namespace turns Terminating. Returns the object as left (still present while terminating) or undefined.
   */
  delete(key: string, opts: DeleteOptions = {}): KubeObject | undefined {
    const cur = this.store.get(key)
    if (!cur) {
      const [group, kind, , name] = key.split('/')
      const info = this.registry.byGroupKind(group, kind)
      throw notFound(info ? qualifiedResource(info) : `${kind.toLowerCase()}s`, name)
    }
    const gk = groupKindOf(cur)
    const nowMs = this.clock.now()
    if (cur.metadata.deletionTimestamp) {
      // a second delete can only shorten a pod's grace period (0 = force)
      if (gk === '/Pod' && opts.gracePeriodSeconds !== undefined) {
        const remaining = cur.metadata.deletionGracePeriodSeconds ?? 0
        if (opts.gracePeriodSeconds === 0 && !(cur.metadata.finalizers?.length)) return void this.store.delete(key)
        if (opts.gracePeriodSeconds < remaining) {
          const obj = {...cur, metadata: {...cur.metadata, deletionGracePeriodSeconds: opts.gracePeriodSeconds,
            deletionTimestamp: toRFC3339(nowMs + opts.gracePeriodSeconds * 1000)}}
          return this.store.update(obj)
        }
      }
      return cur
    }
    if (gk === '/Namespace') {
      if (IMMORTAL_NAMESPACES.has(cur.metadata.name ?? '')) {
        throw new ApiError(403, 'Forbidden', `namespaces "${cur.metadata.name}" is forbidden: this namespace may not be deleted`)
      }
      const obj: KubeObject = {...cur, metadata: {...cur.metadata, deletionTimestamp: toRFC3339(nowMs)},
        status: {...(cur.status ?? {}), phase: 'Terminating'}}
      return this.store.update(obj)
    }
    let grace = 0
    if (gk === '/Pod') {
      grace = opts.gracePeriodSeconds ?? cur.spec?.terminationGracePeriodSeconds ?? 30
      const phase = cur.status?.phase
      if (!cur.spec?.nodeName || phase === 'Succeeded' || phase === 'Failed') grace = 0
      if (grace < 0) grace = 1
    }
    const finalizers = [...(cur.metadata.finalizers ?? [])]
    const policy = opts.propagationPolicy ?? 'Background'
    if (policy === 'Foreground' && !finalizers.includes(FINALIZER_FOREGROUND)) finalizers.push(FINALIZER_FOREGROUND)
    if (policy === 'Orphan' && !finalizers.includes(FINALIZER_ORPHAN)) finalizers.push(FINALIZER_ORPHAN)
    if (grace === 0 && finalizers.length === 0) return void this.store.delete(key)
    const metadata = {...cur.metadata, deletionTimestamp: toRFC3339(nowMs + grace * 1000), deletionGracePeriodSeconds: grace}
    if (finalizers.length > 0) metadata.finalizers = finalizers
    if (metadata.generation !== undefined) metadata.generation = metadata.generation + 1
    return this.store.update({...cur, metadata})
  }

  private commitUpdate(obj: KubeObject, old: KubeObject): KubeObject {
    const m = obj.metadata
    if (m.deletionTimestamp && !(m.finalizers?.length) && !(m.deletionGracePeriodSeconds ?? 0)) {
      this.store.delete(keyOf(old))
      return obj
    }
    // a write that changes nothing does not bump resourceVersion or notify watchers
    obj.metadata.resourceVersion = old.metadata.resourceVersion
    if (sameObject(obj, old)) return old
    return this.store.update(obj)
  }

  private validate(obj: KubeObject, info: ResourceInfo | undefined, errs: ReturnType<ApiHooks['validateCreate']>): void {
    if (errs.length === 0) return
    void info
    const first = errs[0] as {decode?: boolean; detail?: string; message?: string}
    if (first.decode && this.hooks.decodeMessage) {
      throw new ApiError(400, 'BadRequest', this.hooks.decodeMessage(obj.kind, obj.apiVersion, first.detail ?? first.message ?? ''), errs)
    }
    const group = parseApiVersion(obj.apiVersion).group
    const qualifiedKind = group ? `${obj.kind}.${group}` : obj.kind
    if (this.hooks.invalidMessage) {
      throw new ApiError(422, 'Invalid', this.hooks.invalidMessage(qualifiedKind, obj.metadata.name ?? '', errs), errs)
    }
    throw invalid(qualifiedKind, obj.metadata.name ?? '', errs.map((e) => this.hooks.formatFieldError(e)), errs)
  }

  private admit(op: 'CREATE' | 'UPDATE', obj: KubeObject, old: KubeObject | undefined): void {
    try {
      this.hooks.runAdmission(op, obj, old, {store: this.store, rng: this.rng})
    } catch (e) {
      if (e instanceof ApiError) throw e
      const err = e as {status?: number; reason?: string; message?: string}
      if (typeof err?.status === 'number') throw new ApiError(err.status, err.reason ?? 'Forbidden', err.message ?? String(e))
      throw e
    }
  }

  private info(obj: KubeObject): ResourceInfo | undefined {
    return this.registry.byGroupKind(parseApiVersion(obj.apiVersion).group, obj.kind)
  }

  private resource(obj: KubeObject, info: ResourceInfo | undefined): string {
    if (info) return qualifiedResource(info)
    const group = parseApiVersion(obj.apiVersion).group
    const plural = obj.kind.toLowerCase() + 's'
    return group ? `${plural}.${group}` : plural
  }
}

/** The Job strategy's generateSelector (pkg/registry/batch/job/strategy.go), run at validation time. */
function generateJobSelector(job: KubeObject): void {
  const spec = (job.spec ??= {})
  spec.template ??= {}
  spec.template.metadata ??= {}
  const labels = (spec.template.metadata.labels ??= {})
  const uid = job.metadata.uid ?? ''
  for (const k of ['job-name', 'batch.kubernetes.io/job-name']) labels[k] ??= job.metadata.name ?? ''
  for (const k of ['controller-uid', 'batch.kubernetes.io/controller-uid']) labels[k] ??= uid
  spec.selector ??= {}
  spec.selector.matchLabels ??= {}
  spec.selector.matchLabels['batch.kubernetes.io/controller-uid'] ??= uid
}

function groupKindOf(obj: KubeObject): string {
  return `${parseApiVersion(obj.apiVersion).group}/${obj.kind}`
}

function sameObject(a: KubeObject, b: KubeObject): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}
