import {describe, expect, it} from 'vitest'
import {ObjectStore} from '../../../src/api/store/store.js'
import type {KubeObject} from '../../../src/api/types.js'
import {AdmissionError, runAdmission} from '../../../src/admission/plugins/index.js'

function store(): ObjectStore {
  const s = new ObjectStore()
  for (const ns of ['default', 'team']) s.create({apiVersion: 'v1', kind: 'Namespace', metadata: {name: ns}, status: {phase: 'Active'}})
  s.create({apiVersion: 'v1', kind: 'ServiceAccount', metadata: {name: 'default', namespace: 'default'}})
  return s
}

function pod(name: string, containers: any[] = [{name: 'app', image: 'nginx'}], extra: any = {}): KubeObject {
  return {apiVersion: 'v1', kind: 'Pod', metadata: {name, namespace: 'default', uid: 'u-' + name, ...(extra.metadata ?? {})}, spec: {containers, ...(extra.spec ?? {})}}
}

function rejection(fn: () => void): {status: number; reason: string; message: string} {
  try {
    fn()
  } catch (e) {
    expect(e).toBeInstanceOf(AdmissionError)
    const a = e as AdmissionError
    return {status: a.status, reason: a.reason, message: a.message}
  }
  throw new Error('expected a rejection')
}

describe('NamespaceLifecycle', () => {
  it('rejects objects in a missing or terminating namespace', () => {
    const s = store()
    const p = pod('x')
    p.metadata.namespace = 'nope'
    expect(rejection(() => runAdmission('CREATE', p, undefined, {store: s}))).toEqual({status: 404, reason: 'NotFound', message: 'namespaces "nope" not found'})
    const ns = structuredClone(s.get('/Namespace//team')!)
    ns.metadata.deletionTimestamp = '2026-01-01T00:00:00Z'
    ns.status.phase = 'Terminating'
    s.update(ns)
    const q = pod('y')
    q.metadata.namespace = 'team'
    expect(rejection(() => runAdmission('CREATE', q, undefined, {store: s})).message).toBe(
      'pods "y" is forbidden: unable to create new content in namespace team because it is being terminated',
    )
  })
})

describe('ServiceAccount, Priority, DefaultTolerationSeconds', () => {
  it('sets the account, the kube-api-access volume and mounts, priority 0 and the 300s tolerations', () => {
    const s = store()
    const p = pod('web', [{name: 'app', image: 'nginx'}], {spec: {initContainers: [{name: 'init', image: 'busybox'}]}})
    runAdmission('CREATE', p, undefined, {store: s})
    expect(p.spec.serviceAccountName).toBe('default')
    expect(p.spec.serviceAccount).toBe('default')
    const vol = p.spec.volumes[0]
    expect(vol.name).toMatch(/^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$/)
    expect(vol.projected).toEqual({
      defaultMode: 420,
      sources: [
        {serviceAccountToken: {expirationSeconds: 3607, path: 'token'}},
        {configMap: {items: [{key: 'ca.crt', path: 'ca.crt'}], name: 'kube-root-ca.crt'}},
        {downwardAPI: {items: [{fieldRef: {apiVersion: 'v1', fieldPath: 'metadata.namespace'}, path: 'namespace'}]}},
      ],
    })
    for (const c of [...p.spec.containers, ...p.spec.initContainers]) {
      expect(c.volumeMounts).toEqual([{mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', name: vol.name, readOnly: true}])
    }
    expect(p.spec.priority).toBe(0)
    expect(p.spec.preemptionPolicy).toBe('PreemptLowerPriority')
    expect(p.spec.tolerations).toEqual([
      {key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300},
      {key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300},
    ])
  })

  it('rejects a missing service account and a missing PriorityClass', () => {
    const s = store()
    expect(rejection(() => runAdmission('CREATE', pod('a', undefined, {spec: {serviceAccountName: 'robot'}}), undefined, {store: s})).message).toBe(
      'pods "a" is forbidden: error looking up service account default/robot: serviceaccount "robot" not found',
    )
    expect(rejection(() => runAdmission('CREATE', pod('b', undefined, {spec: {priorityClassName: 'high'}}), undefined, {store: s}))).toEqual({
      status: 403,
      reason: 'Forbidden',
      message: 'pods "b" is forbidden: no PriorityClass with name high was found',
    })
  })

  it('resolves PriorityClasses and the global default; respects automount false and existing tolerations', () => {
    const s = store()
    s.create({apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: {name: 'high'}, value: 1000, preemptionPolicy: 'Never'})
    s.create({apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: {name: 'normal'}, value: 10, globalDefault: true})
    const a = pod('a', undefined, {spec: {priorityClassName: 'high', automountServiceAccountToken: false, tolerations: [{operator: 'Exists'}]}})
    runAdmission('CREATE', a, undefined, {store: s})
    expect([a.spec.priority, a.spec.preemptionPolicy, a.spec.volumes, a.spec.tolerations]).toEqual([1000, 'Never', undefined, [{operator: 'Exists'}]])
    const b = pod('b')
    runAdmission('CREATE', b, undefined, {store: s})
    expect([b.spec.priorityClassName, b.spec.priority]).toEqual(['normal', 10])
  })
})

describe('LimitRanger', () => {
  it('fills defaults and records them in the annotation', () => {
    const s = store()
    s.create({apiVersion: 'v1', kind: 'LimitRange', metadata: {name: 'lr', namespace: 'default'}, spec: {limits: [{type: 'Container', default: {cpu: '500m', memory: '256Mi'}, defaultRequest: {cpu: '100m'}}]}})
    const p = pod('web')
    runAdmission('CREATE', p, undefined, {store: s})
    expect(p.spec.containers[0].resources).toEqual({limits: {cpu: '500m', memory: '256Mi'}, requests: {cpu: '100m', memory: '256Mi'}})
    expect(p.metadata.annotations).toEqual({'kubernetes.io/limit-ranger': 'LimitRanger plugin set: cpu, memory request for container app; cpu, memory limit for container app'})
  })

  it('enforces min, max and maxLimitRequestRatio with the plugin messages', () => {
    const s = store()
    s.create({apiVersion: 'v1', kind: 'LimitRange', metadata: {name: 'lr', namespace: 'default'}, spec: {limits: [{type: 'Container', max: {cpu: '1'}, min: {memory: '64Mi'}, maxLimitRequestRatio: {cpu: '2'}}]}})
    const p = pod('web', [{name: 'app', image: 'nginx', resources: {requests: {cpu: '500m', memory: '32Mi'}, limits: {cpu: '1500m', memory: '32Mi'}}}])
    expect(rejection(() => runAdmission('CREATE', p, undefined, {store: s})).message).toBe(
      'pods "web" is forbidden: [minimum memory usage per Container is 64Mi, but request is 32Mi., maximum cpu usage per Container is 1, but limit is 1500m., cpu max limit to request ratio per Container is 2, but provided ratio is 3.000000.]',
    )
  })
})

describe('ResourceQuota', () => {
  function quotaStore(hard: Record<string, string>) {
    const s = store()
    s.create({apiVersion: 'v1', kind: 'ResourceQuota', metadata: {name: 'q', namespace: 'default'}, spec: {hard}})
    return s
  }

  it('tracks usage in status and rejects what exceeds it', () => {
    const s = quotaStore({pods: '2', 'requests.cpu': '1'})
    const mk = (n: string, cpu: string) => pod(n, [{name: 'app', image: 'nginx', resources: {requests: {cpu}}}])
    for (const n of ['a', 'b']) {
      const p = mk(n, '400m')
      runAdmission('CREATE', p, undefined, {store: s})
      s.create(p)
    }
    expect(s.get('/ResourceQuota/default/q')!.status).toEqual({hard: {pods: '2', 'requests.cpu': '1'}, used: {pods: '2', 'requests.cpu': '800m'}})
    expect(rejection(() => runAdmission('CREATE', mk('c', '400m'), undefined, {store: s}))).toEqual({
      status: 403,
      reason: 'Forbidden',
      message: 'pods "c" is forbidden: exceeded quota: q, requested: pods=1,requests.cpu=400m, used: pods=2,requests.cpu=800m, limited: pods=2,requests.cpu=1',
    })
  })

  it('names the generateName prefix, as for a ReplicaSet FailedCreate', () => {
    const s = quotaStore({pods: '0'})
    const p = pod('web-7c5ddbdf54-x2k9p', undefined, {metadata: {generateName: 'web-7c5ddbdf54-'}})
    expect(rejection(() => runAdmission('CREATE', p, undefined, {store: s})).message).toBe(
      'pods "web-7c5ddbdf54-" is forbidden: exceeded quota: q, requested: pods=1, used: pods=0, limited: pods=0',
    )
  })

  it('requires containers to state quota-limited compute resources', () => {
    const s = quotaStore({'limits.cpu': '2', 'requests.memory': '1Gi'})
    expect(rejection(() => runAdmission('CREATE', pod('a'), undefined, {store: s})).message).toBe(
      'pods "a" is forbidden: failed quota: q: must specify limits.cpu,requests.memory',
    )
  })

  it('counts other objects (count/ and legacy names)', () => {
    const s = quotaStore({configmaps: '1', 'count/deployments.apps': '0'})
    const cm = {apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'a', namespace: 'default'}}
    runAdmission('CREATE', cm, undefined, {store: s})
    s.create(cm)
    expect(rejection(() => runAdmission('CREATE', {apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'b', namespace: 'default'}}, undefined, {store: s})).message).toBe(
      'configmaps "b" is forbidden: exceeded quota: q, requested: configmaps=1, used: configmaps=1, limited: configmaps=1',
    )
    expect(rejection(() => runAdmission('CREATE', {apiVersion: 'apps/v1', kind: 'Deployment', metadata: {name: 'd', namespace: 'default'}}, undefined, {store: s})).message).toBe(
      'deployments.apps "d" is forbidden: exceeded quota: q, requested: count/deployments.apps=1, used: count/deployments.apps=0, limited: count/deployments.apps=0',
    )
  })
})

describe('DefaultStorageClass', () => {
  it('fills storageClassName from the default class only when unset', () => {
    const s = store()
    s.create({apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: {name: 'standard', annotations: {'storageclass.kubernetes.io/is-default-class': 'true'}}, provisioner: 'rancher.io/local-path'})
    const a: KubeObject = {apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: {name: 'a', namespace: 'default'}, spec: {accessModes: ['ReadWriteOnce'], resources: {requests: {storage: '1Gi'}}}}
    const b: KubeObject = {apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: {name: 'b', namespace: 'default'}, spec: {storageClassName: ''}}
    runAdmission('CREATE', a, undefined, {store: s})
    runAdmission('CREATE', b, undefined, {store: s})
    expect(a.spec.storageClassName).toBe('standard')
    expect(b.spec.storageClassName).toBe('')
  })
})

describe('Service allocation', () => {
  const svc = (name: string, spec: any): KubeObject => ({apiVersion: 'v1', kind: 'Service', metadata: {name, namespace: 'default', uid: 'u-' + name}, spec: {ports: [{port: 80, protocol: 'TCP'}], ...spec}})

  it('allocates ClusterIPs in 10.96.0.0/12 and NodePorts in 30000-32767, deterministically', () => {
    const s = store()
    const a = svc('web', {type: 'NodePort'})
    runAdmission('CREATE', a, undefined, {store: s})
    expect(a.spec.clusterIP).toMatch(/^10\.(9[6-9]|10[0-9]|11[01])\.\d+\.\d+$/)
    expect(a.spec.clusterIPs).toEqual([a.spec.clusterIP])
    expect(a.spec.ipFamilies).toEqual(['IPv4'])
    expect(a.spec.ipFamilyPolicy).toBe('SingleStack')
    expect(a.spec.ports[0].nodePort).toBeGreaterThanOrEqual(30000)
    expect(a.spec.ports[0].nodePort).toBeLessThanOrEqual(32767)
    const again = svc('web', {type: 'NodePort'})
    runAdmission('CREATE', again, undefined, {store: store()})
    expect(again.spec.clusterIP).toBe(a.spec.clusterIP)
    s.create(a)
    // an update without clusterIP/nodePort keeps them
    const upd = svc('web', {type: 'NodePort'})
    runAdmission('UPDATE', upd, a, {store: s})
    expect([upd.spec.clusterIP, upd.spec.ports[0].nodePort]).toEqual([a.spec.clusterIP, a.spec.ports[0].nodePort])
    // a requested port in use
    const b = svc('other', {type: 'NodePort', ports: [{port: 80, nodePort: a.spec.ports[0].nodePort}]})
    expect(rejection(() => runAdmission('CREATE', b, undefined, {store: s}))).toEqual({
      status: 422,
      reason: 'Invalid',
      message: `Service "other" is invalid: spec.ports[0].nodePort: Invalid value: ${a.spec.ports[0].nodePort}: provided port is already allocated`,
    })
  })

  it('keeps requested and headless ClusterIPs, rejects taken ones', () => {
    const s = store()
    const k = svc('kubernetes', {clusterIP: '10.96.0.1'})
    runAdmission('CREATE', k, undefined, {store: s})
    s.create(k)
    expect(k.spec.clusterIPs).toEqual(['10.96.0.1'])
    const h = svc('db', {clusterIP: 'None'})
    runAdmission('CREATE', h, undefined, {store: s})
    expect([h.spec.clusterIP, h.spec.clusterIPs]).toEqual(['None', ['None']])
    expect(rejection(() => runAdmission('CREATE', svc('dup', {clusterIP: '10.96.0.1'}), undefined, {store: s})).message).toBe(
      'Service "dup" is invalid: spec.clusterIPs: Invalid value: []string{"10.96.0.1"}: failed to allocate IP 10.96.0.1: provided IP is already allocated',
    )
  })
})

describe('resource quota controller', () => {
  it('recalculates status.used when objects go away', async () => {
    const {createResourceQuotaController} = await import('../../../src/controllers/resourcequota/index.js')
    const {VirtualClock} = await import('../../../src/clock/clock.js')
    const {SeededRandom} = await import('../../../src/clock/random.js')
    const {ResourceRegistry} = await import('../../../src/api/resources.js')
    const s = store()
    s.create({apiVersion: 'v1', kind: 'ResourceQuota', metadata: {name: 'q', namespace: 'default'}, spec: {hard: {pods: '2', 'requests.memory': '1Gi'}}})
    const clock = new VirtualClock(0)
    const c = createResourceQuotaController()
    c.start({store: s, clock, rng: new SeededRandom(1), events: {event() {}}, registry: new ResourceRegistry()})
    const run = () => {
      while (clock.runNext(0)) {}
    }
    run()
    expect(s.get('/ResourceQuota/default/q')!.status).toEqual({hard: {pods: '2', 'requests.memory': '1Gi'}, used: {pods: '0', 'requests.memory': '0'}})
    const p = pod('a', [{name: 'app', image: 'nginx', resources: {requests: {memory: '512Mi'}}}])
    runAdmission('CREATE', p, undefined, {store: s})
    s.create(p)
    run()
    expect(s.get('/ResourceQuota/default/q')!.status.used).toEqual({pods: '1', 'requests.memory': '512Mi'})
    s.delete('/Pod/default/a')
    run()
    expect(s.get('/ResourceQuota/default/q')!.status.used).toEqual({pods: '0', 'requests.memory': '0'})
  })
})
