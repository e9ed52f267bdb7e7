import {describe, expect, it} from 'vitest'
import {toRFC3339} from '../../src/clock/clock.js'
import {makeCluster, podStatusColumn, T0} from './harness.js'

describe('kubelet: init containers and sidecars', () => {
  it('runs init containers one by one (Init:0/2, Init:1/2, PodInitializing, Running)', () => {
    const h = makeCluster()
    h.pod('app', {
      initContainers: [{name: 'init-a', image: 'busybox:1.36'}, {name: 'init-b', image: 'busybox:1.36'}],
    })
    h.run(0)
    let p = h.get('app')!
    expect(podStatusColumn(p)).toBe('Init:0/2')
    expect(p.status.containerStatuses[0].state.waiting.reason).toBe('PodInitializing')
    expect(p.status.conditions[1]).toMatchObject({type: 'Initialized', status: 'False', reason: 'ContainersNotInitialized', message: 'containers with incomplete status: [init-a init-b]'})
    h.run(3) // init-a pulled at 2, runs 1s → exits at 3, init-b starts (image present)
    p = h.get('app')!
    expect(podStatusColumn(p)).toBe('Init:1/2')
    h.run(1) // init-b exits at 4, app starts pulling
    p = h.get('app')!
    expect(podStatusColumn(p)).toBe('PodInitializing')
    h.run(2)
    p = h.get('app')!
    expect(podStatusColumn(p)).toBe('Running')
    expect(h.evs((e) => e.reason === 'Started')).toEqual([
      '2 Normal Started Started container init-a',
      '3 Normal Started Started container init-b',
      '6 Normal Started Started container app',
    ])
    expect(h.events.find((e) => e.message === 'Started container init-a')!.fieldPath).toBe('spec.initContainers{init-a}')
  })

  it('a sidecar (restartPolicy Always init container) keeps running beside the app', () => {
    const h = makeCluster()
    h.pod('app', {initContainers: [{name: 'proxy', image: 'envoy:1.30', restartPolicy: 'Always'}]})
    h.run(10)
    const p = h.get('app')!
    expect(p.status.phase).toBe('Running')
    expect(p.status.initContainerStatuses[0]).toMatchObject({started: true, ready: true, state: {running: {startedAt: '2026-01-01T00:00:02Z'}}})
    expect(p.status.containerStatuses[0].state.running.startedAt).toBe('2026-01-01T00:00:04Z')
    expect(podStatusColumn(p)).toBe('Running')
  })
})

describe('kubelet: config references', () => {
  it('a missing ConfigMap gives CreateContainerConfigError, then starts when it appears', () => {
    const h = makeCluster()
    h.pod('web', {containers: [{name: 'app', image: 'nginx:1.27', env: [{name: 'A', valueFrom: {configMapKeyRef: {name: 'cfg', key: 'a'}}}]}]})
    h.run(2)
    let p = h.get('web')!
    expect(podStatusColumn(p)).toBe('CreateContainerConfigError')
    expect(p.status.containerStatuses[0].state.waiting).toEqual({reason: 'CreateContainerConfigError', message: 'configmap "cfg" not found'})
    expect(h.evs((e) => e.reason === 'Failed')).toEqual(['2 Warning Failed Error: configmap "cfg" not found'])
    h.run(30)
    expect(h.evs((e) => e.reason === 'Failed').length).toBe(4) // retried every 10s
    h.store.create({apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'cfg', namespace: 'default'}, data: {b: '1'}})
    h.run(0)
    p = h.get('web')!
    expect(p.status.containerStatuses[0].state.waiting.message).toBe("couldn't find key a in ConfigMap default/cfg")
    const cm = structuredClone(h.store.get('/ConfigMap/default/cfg')!)
    cm.data = {a: '1'}
    h.store.update(cm)
    h.run(0)
    p = h.get('web')!
    expect(podStatusColumn(p)).toBe('Running')
  })

  it('a missing Secret volume keeps the pod ContainerCreating with FailedMount', () => {
    const h = makeCluster()
    h.pod('web', {volumes: [{name: 'creds', secret: {secretName: 'db'}}]})
    h.run(25)
    const p = h.get('web')!
    expect(podStatusColumn(p)).toBe('ContainerCreating')
    expect(h.evs()).toEqual([
      '0 Warning FailedMount MountVolume.SetUp failed for volume "creds" : secret "db" not found',
      '10 Warning FailedMount MountVolume.SetUp failed for volume "creds" : secret "db" not found',
      '20 Warning FailedMount MountVolume.SetUp failed for volume "creds" : secret "db" not found',
    ])
    h.store.create({apiVersion: 'v1', kind: 'Secret', metadata: {name: 'db', namespace: 'default'}, data: {}})
    h.run(2)
    expect(podStatusColumn(h.get('web')!)).toBe('Running')
  })
})

describe('kubelet: termination and node admission', () => {
  it('graceful deletion: Killing, then the pod is removed', () => {
    const h = makeCluster()
    h.pod('web')
    h.run(5)
    const p = structuredClone(h.get('web')!)
    p.metadata.deletionTimestamp = toRFC3339(h.clock.now() + 30_000)
    p.metadata.deletionGracePeriodSeconds = 30
    h.store.update(p)
    h.run(0)
    expect(h.evs((e) => e.reason === 'Killing')).toEqual(['5 Normal Killing Stopping container app'])
    expect(podStatusColumn(h.get('web')!)).toBe('Terminating')
    h.run(1)
    expect(h.get('web')).toBeUndefined()
  })

  it('rejects a pod that names a node without room: OutOfcpu', () => {
    const h = makeCluster()
    h.pod('big-1', {containers: [{name: 'app', image: 'nginx:1.27', resources: {requests: {cpu: '3'}}}]})
    h.pod('big-2', {containers: [{name: 'app', image: 'nginx:1.27', resources: {requests: {cpu: '2'}}}]})
    h.run(3)
    expect(h.get('big-1')!.status.phase).toBe('Running')
    const p = h.get('big-2')!
    expect(p.status.phase).toBe('Failed')
    expect(p.status.reason).toBe('OutOfcpu')
    expect(p.status.message).toBe("Pod was rejected: Node didn't have enough resource: cpu, requested: 2000, used: 3000, capacity: 4000")
    expect(podStatusColumn(p)).toBe('OutOfcpu')
    expect(h.evs((e) => e.reason === 'OutOfcpu')).toEqual(["0 Warning OutOfcpu Node didn't have enough resource: cpu, requested: 2000, used: 3000, capacity: 4000"])
  })

  it('does nothing on a node that is not Ready, and resumes when it is', () => {
    const h = makeCluster({status: {conditions: [{type: 'Ready', status: 'False'}], allocatable: {cpu: '4', memory: '16Gi', pods: '110'}}} as any)
    h.pod('web')
    h.run(10)
    expect(h.get('web')!.status.containerStatuses).toBeUndefined()
    const n = structuredClone(h.store.get('/Node//node-1')!)
    n.status.conditions = [{type: 'Ready', status: 'True'}]
    h.store.update(n)
    h.run(3)
    expect(podStatusColumn(h.get('web')!)).toBe('Running')
    expect(h.get('web')!.status.podIP).toBe('10.244.1.2')
    void T0
  })

  it('renews the node lease as a background heartbeat', () => {
    const h = makeCluster()
    h.run(25)
    const lease = h.store.get('coordination.k8s.io/Lease/kube-node-lease/node-1')!
    expect(lease.spec).toEqual({holderIdentity: 'node-1', leaseDurationSeconds: 40, renewTime: '2026-01-01T00:00:20.000000Z'})
    expect(h.clock.hasForegroundTimerBefore(h.clock.now() + 3_600_000)).toBe(false)
  })
})

describe('kubelet: volumes from claims', () => {
  it('waits for the pod\'s PersistentVolumeClaim to be Bound before starting containers', () => {
    const h = makeCluster()
    h.store.create({apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: {name: 'data', namespace: 'default'}, spec: {}, status: {phase: 'Pending'}})
    h.pod('db', {volumes: [{name: 'data', persistentVolumeClaim: {claimName: 'data'}}]})
    h.run(15)
    expect(podStatusColumn(h.get('db')!)).toBe('ContainerCreating')
    expect(h.events).toEqual([])
    const c = structuredClone(h.store.get('/PersistentVolumeClaim/default/data')!)
    c.status = {phase: 'Bound'}
    h.store.update(c)
    h.run(2)
    expect(podStatusColumn(h.get('db')!)).toBe('Running')
  })
})
