// The persistent volume controller (pkg/controller/volume/persistentvolume/pv_controller.go) and, for the one
// provisioner that runs in a k8sim cluster, rancher.io/local-path as kind ships it. Claims bind to the smallest
// matching static volume (class, access modes, size, volume mode, selector, node), to the volume they name, or to
// a volume provisioned for them; WaitForFirstConsumer classes wait until the scheduler picks a node
// (annotation volume.kubernetes.io/selected-node). Claims whose provisioner does not run here stay Pending.
import type {KubeObject} from '../../api/types.js'
import type {WatchEvent} from '../../api/store/store.js'
import {keyOf, objectKey} from '../../api/store/keys.js'
import {hashString, SeededRandom} from '../../clock/random.js'
import {WorkQueue} from '../runtime/workqueue.js'
import type {Controller, ControllerContext} from '../runtime/types.js'
import {ANN, bestMatch, capacityOf, checkVolumeSatisfyClaim, requestOf} from './matching.js'

export {standardStorageClass, LOCAL_PATH_PROVISIONER} from './storage-class.js'
import {LOCAL_PATH_PROVISIONER} from './storage-class.js'

const SOURCE = {component: 'persistentvolume-controller'}
/** Provisioners that run in a k8sim cluster. */
const RUNNING_PROVISIONERS = new Set([LOCAL_PATH_PROVISIONER])
const NO_PROVISIONER = 'kubernetes.io/no-provisioner'
/** In-tree provisioners whose volumes CSI migration hands to a CSI driver (csi-translation-lib, all on in 1.32). */
const CSI_MIGRATED_PROVISIONERS: Record<string, string> = {
  'kubernetes.io/aws-ebs': 'ebs.csi.aws.com',
  'kubernetes.io/gce-pd': 'pd.csi.storage.gke.io',
  'kubernetes.io/azure-disk': 'disk.csi.azure.com',
  'kubernetes.io/azure-file': 'file.csi.azure.com',
  'kubernetes.io/cinder': 'cinder.csi.openstack.org',
  'kubernetes.io/vsphere-volume': 'csi.vsphere.vmware.com',
  'kubernetes.io/portworx-volume': 'pxd.portworx.com',
}

/** The provisioner's event source, as local-path-provisioner names itself (`<name>_<pod>_<uuid>`). */
function provisionerSource(provisioner: string): {component: string} {
  const r = new SeededRandom(hashString(provisioner))
  return {component: `${provisioner}_local-path-provisioner-7577fdbbfb-${r.nameSuffix(5)}_${r.uuid()}`}
}

export function createPersistentVolumeController(): Controller {
  return new PersistentVolumeController()
}

class PersistentVolumeController implements Controller {
  readonly name = 'persistentvolume-controller'
  private ctx!: ControllerContext
  private queue!: WorkQueue
  /** claims already told they wait for a consumer or an external provisioner (the event is recorded once) */
  private told = new Set<string>()

  start(ctx: ControllerContext): void {
    this.ctx = ctx
    this.queue = new WorkQueue(ctx.clock, this.name, (key) => this.sync(key))
    for (const pv of ctx.store.list('/PersistentVolume')) this.queue.add(keyOf(pv))
    for (const pvc of ctx.store.list('/PersistentVolumeClaim')) this.queue.add(keyOf(pvc))
    ctx.store.watch((ev) => this.onEvent(ev))
  }

  hasPendingWork(): boolean {
    return this.queue?.hasPendingWork() ?? false
  }

  private onEvent(ev: WatchEvent): void {
    const o = ev.object
    if (o.kind === 'PersistentVolumeClaim' && o.apiVersion === 'v1') {
      this.queue.add(keyOf(o))
      // a deleted claim releases its volume
      if (ev.type === 'DELETED' && o.spec?.volumeName) this.queue.add(objectKey('', 'PersistentVolume', undefined, o.spec.volumeName))
    } else if (o.kind === 'PersistentVolume' && o.apiVersion === 'v1') {
      if (ev.type !== 'DELETED') this.queue.add(keyOf(o))
      // a new or freed volume may satisfy a pending claim
      for (const pvc of this.ctx.store.list('/PersistentVolumeClaim')) if (!pvc.spec?.volumeName || pvc.spec.volumeName === o.metadata.name) this.queue.add(keyOf(pvc))
    } else if (o.kind === 'Pod' && o.apiVersion === 'v1' && ev.type === 'ADDED') {
      // stands in for the controller's periodic resync: a new consumer changes what a waiting claim reports
      for (const v of o.spec?.volumes ?? []) {
        if (v.persistentVolumeClaim?.claimName) this.queue.add(objectKey('', 'PersistentVolumeClaim', o.metadata.namespace, v.persistentVolumeClaim.claimName))
      }
    } else if (o.kind === 'StorageClass' && ev.type !== 'DELETED') {
      for (const pvc of this.ctx.store.list('/PersistentVolumeClaim')) if (!pvc.spec?.volumeName) this.queue.add(keyOf(pvc))
    }
  }

  private sync(key: string): void {
    const obj = this.ctx.store.get(key)
    if (!obj) return
    if (obj.kind === 'PersistentVolume') this.syncVolume(obj)
    else this.syncClaim(obj)
  }

  // ---- claims ----

  private classOf(pvc: KubeObject): KubeObject | undefined {
    const name = claimClass(pvc)
    return name ? this.ctx.store.get(objectKey('storage.k8s.io', 'StorageClass', undefined, name)) : undefined
  }

  private syncClaim(pvc: KubeObject): void {
    if (pvc.metadata.deletionTimestamp) return
    const {store} = this.ctx
    if (pvc.spec?.volumeName) {
      const pv = store.get(objectKey('', 'PersistentVolume', undefined, pvc.spec.volumeName))
      if (!pv) {
        // bound before and the volume is gone: Lost; a claim that names a volume not created yet waits
        if (pvc.metadata.annotations?.[ANN.bindCompleted] === 'yes') this.setClaimPhase(pvc, 'Lost')
        else this.setClaimPhase(pvc, 'Pending')
        return
      }
      const ref = pv.spec?.claimRef
      if (!ref) {
        // the user asked for a volume nobody claims: bind only if it satisfies the claim
        const mismatch = checkVolumeSatisfyClaim(pv, pvc)
        if (!mismatch) return this.bind(pvc, pv, false)
        this.tell(pvc, 'Warning', 'VolumeMismatch', `Cannot bind to requested volume "${pv.metadata.name}": ${mismatch}`)
        return this.setClaimPhase(pvc, 'Pending')
      }
      if (ref.name === pvc.metadata.name && ref.namespace === pvc.metadata.namespace && (!ref.uid || ref.uid === pvc.metadata.uid)) {
        return this.bind(pvc, pv, false)
      }
      return this.setClaimPhase(pvc, 'Pending')
    }
    const cls = this.classOf(pvc)
    const className = claimClass(pvc)
    const selectedNode = pvc.metadata.annotations?.[ANN.selectedNode]
    const delay = cls?.volumeBindingMode === 'WaitForFirstConsumer'
    const node = selectedNode ? store.get(objectKey('', 'Node', undefined, selectedNode)) : undefined
    if (delay && !selectedNode) {
      // the scheduler may pre-bind a static volume itself; otherwise wait for it to pick a node
      const pre = store.list('/PersistentVolume').find((pv) => refersTo(pv, pvc))
      if (pre) return this.bind(pvc, pre, true)
      this.emitEventForUnboundDelayBindingClaim(pvc)
      return this.setClaimPhase(pvc, 'Pending')
    }
    const match = bestMatch(pvc, store.list('/PersistentVolume'), node)
    if (match) return this.bind(pvc, match, true)
    if (!className) {
      this.tell(pvc, 'Normal', 'FailedBinding', 'no persistent volumes available for this claim and no storage class is set')
      return this.setClaimPhase(pvc, 'Pending')
    }
    if (!cls) {
      this.tell(pvc, 'Warning', 'ProvisioningFailed', `storageclass.storage.k8s.io "${className}" not found`)
      return this.setClaimPhase(pvc, 'Pending')
    }
    const classProvisioner: string = cls.provisioner ?? ''
    if (classProvisioner === NO_PROVISIONER) {
      this.tell(pvc, 'Normal', 'FailedBinding', 'no persistent volumes available for this claim and no storage class is set')
      return this.setClaimPhase(pvc, 'Pending')
    }
    // findProvisionablePlugin: a migrated in-tree provisioner is handed to its CSI driver; any other
    // kubernetes.io/ name has no plugin left in 1.32
    const provisioner = CSI_MIGRATED_PROVISIONERS[classProvisioner] ?? classProvisioner
    if (provisioner.startsWith('kubernetes.io/')) {
      this.tell(pvc, 'Warning', 'ProvisioningFailed', `no volume plugin matched name: ${provisioner}`)
      return this.setClaimPhase(pvc, 'Pending')
    }
    this.tell(pvc, 'Normal', 'ExternalProvisioning',
      `Waiting for a volume to be created either by the external provisioner '${provisioner}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.`)
    const annotated = this.annotateProvisioner(pvc, provisioner)
    if (RUNNING_PROVISIONERS.has(provisioner)) this.provision(annotated, cls, selectedNode)
    else this.setClaimPhase(annotated, 'Pending')
  }

  /** pv_controller.go emitEventForUnboundDelayBindingClaim: name the pods that use the claim but are not scheduled */
  private emitEventForUnboundDelayBindingClaim(pvc: KubeObject): void {
    const podNames = this.ctx.store
      .list('/Pod')
      .filter((p) => p.metadata.namespace === pvc.metadata.namespace && !p.spec?.nodeName)
      .filter((p) => (p.spec?.volumes ?? []).some((v: any) => v.persistentVolumeClaim?.claimName === pvc.metadata.name))
      .map((p) => p.metadata.name)
    if (podNames.length === 0) return this.tell(pvc, 'Normal', 'WaitForFirstConsumer', 'waiting for first consumer to be created before binding')
    const message = podNames.length > 1 ? `waiting for pods ${podNames.join(',')} to be scheduled` : `waiting for pod ${podNames[0]} to be scheduled`
    this.tell(pvc, 'Normal', 'WaitForPodScheduled', message)
  }

  /** Record a claim's waiting event once per reason (the recorder would only count repeats). */
  private tell(pvc: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string): void {
    const k = `${pvc.metadata.uid}/${reason}`
    if (this.told.has(k)) return
    this.told.add(k)
    this.ctx.events.event(pvc, type, reason, message, SOURCE)
  }

  private annotateProvisioner(pvc: KubeObject, provisioner: string): KubeObject {
    const ann = pvc.metadata.annotations ?? {}
    if (ann[ANN.storageProvisioner] === provisioner) return pvc
    const copy = structuredClone(pvc)
    copy.metadata.annotations = {...ann, [ANN.betaStorageProvisioner]: provisioner, [ANN.storageProvisioner]: provisioner}
    copy.status = {...(copy.status ?? {}), phase: 'Pending'}
    return this.ctx.store.update(copy)
  }

  /** rancher.io/local-path: a hostPath volume on the selected node, bound to the claim at creation. */
  private provision(pvc: KubeObject, cls: KubeObject, nodeName: string | undefined): void {
    const {store, clock, rng, events} = this.ctx
    const src = provisionerSource(cls.provisioner)
    const ns = pvc.metadata.namespace ?? 'default'
    events.event(pvc, 'Normal', 'Provisioning', `External provisioner is provisioning volume for claim "${ns}/${pvc.metadata.name}"`, src)
    if (!nodeName) {
      events.event(pvc, 'Warning', 'ProvisioningFailed', `failed to provision volume with StorageClass "${cls.metadata.name}": configuration error, no node was specified`, src)
      return this.setClaimPhase(pvc, 'Pending')
    }
    const name = `pvc-${pvc.metadata.uid}`
    if (store.get(objectKey('', 'PersistentVolume', undefined, name))) return
    const pv: KubeObject = {
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: {
        annotations: {'local.path.provisioner/selected-node': nodeName, [ANN.provisionedBy]: cls.provisioner},
        name,
        uid: rng.uuid(),
        creationTimestamp: clock.nowRFC3339(),
      },
      spec: {
        accessModes: [...(pvc.spec?.accessModes ?? ['ReadWriteOnce'])],
        capacity: {storage: requestOf(pvc) ?? '0'},
        claimRef: claimRef(pvc),
        hostPath: {path: `/var/local-path-provisioner/${name}_${ns}_${pvc.metadata.name}`, type: 'DirectoryOrCreate'},
        nodeAffinity: {required: {nodeSelectorTerms: [{matchExpressions: [{key: 'kubernetes.io/hostname', operator: 'In', values: [nodeName]}]}]}},
        persistentVolumeReclaimPolicy: cls.reclaimPolicy ?? 'Delete',
        storageClassName: cls.metadata.name,
        volumeMode: pvc.spec?.volumeMode ?? 'Filesystem',
      },
      status: {phase: 'Pending'},
    }
    const created = store.create(pv)
    events.event(pvc, 'Normal', 'ProvisioningSucceeded', `Successfully provisioned volume ${name}`, src)
    this.bind(store.get(keyOf(pvc)) ?? pvc, created, true)
  }

  /** Bind both sides: the volume's claimRef and phase, then the claim's volumeName, annotations and status. */
  private bind(pvc: KubeObject, pv: KubeObject, byController: boolean): void {
    const {store} = this.ctx
    const pvCopy = structuredClone(pv)
    const ref = pvCopy.spec?.claimRef
    if (!ref || ref.uid !== pvc.metadata.uid) {
      pvCopy.spec = {...pvCopy.spec, claimRef: claimRef(pvc)}
      if (byController) pvCopy.metadata.annotations = {...(pvCopy.metadata.annotations ?? {}), [ANN.boundByController]: 'yes'}
    }
    pvCopy.status = {...(pvCopy.status ?? {}), phase: 'Bound'}
    if (JSON.stringify(pvCopy) !== JSON.stringify(pv)) store.update(pvCopy)
    const c = structuredClone(pvc)
    const ann = {...(c.metadata.annotations ?? {}), [ANN.bindCompleted]: 'yes'}
    if (!c.spec?.volumeName && byController) ann[ANN.boundByController] = 'yes'
    c.metadata.annotations = ann
    c.spec = {...c.spec, volumeName: pv.metadata.name}
    c.status = {...(c.status ?? {}), accessModes: [...(pv.spec?.accessModes ?? [])], capacity: {storage: capacityOf(pv) ?? '0'}, phase: 'Bound'}
    if (JSON.stringify(c) !== JSON.stringify(pvc)) store.update(c)
  }

  private setClaimPhase(pvc: KubeObject, phase: string): void {
    if (pvc.status?.phase === phase) return
    this.ctx.store.update({...structuredClone(pvc), status: {...(pvc.status ?? {}), phase}})
  }

  // ---- volumes ----

  private syncVolume(pv: KubeObject): void {
    const {store} = this.ctx
    const ref = pv.spec?.claimRef
    let phase = 'Available'
    if (ref) {
      const pvc = store.get(objectKey('', 'PersistentVolumeClaim', ref.namespace, ref.name))
      if (pvc && (!ref.uid || ref.uid === pvc.metadata.uid)) {
        phase = pvc.spec?.volumeName === pv.metadata.name ? 'Bound' : (pv.status?.phase ?? 'Available')
        if (phase !== 'Bound' && !pvc.spec?.volumeName) this.queue.add(keyOf(pvc))
      } else if (ref.uid) {
        // the claim is gone: reclaim
        if ((pv.spec?.persistentVolumeReclaimPolicy ?? 'Retain') === 'Delete') {
          store.delete(keyOf(pv))
          return
        }
        phase = 'Released'
      } else phase = 'Available' // pre-bound to a claim that does not exist yet
    }
    if (pv.status?.phase !== phase) store.update({...structuredClone(pv), status: {...(pv.status ?? {}), phase}})
  }
}

/** storagehelpers.GetPersistentVolumeClaimClass: the beta annotation wins over spec.storageClassName */
export function claimClass(pvc: KubeObject): string {
  return pvc.metadata.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? pvc.spec?.storageClassName ?? ''
}

function claimRef(pvc: KubeObject): any {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    name: pvc.metadata.name,
    namespace: pvc.metadata.namespace,
    resourceVersion: pvc.metadata.resourceVersion,
    uid: pvc.metadata.uid,
  }
}

function refersTo(pv: KubeObject, pvc: KubeObject): boolean {
  const ref = pv.spec?.claimRef
  return Boolean(ref && ref.name === pvc.metadata.name && ref.namespace === pvc.metadata.namespace && (!ref.uid || ref.uid === pvc.metadata.uid))
}
