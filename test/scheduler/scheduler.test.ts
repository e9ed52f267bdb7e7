// The scheduler as a controller: binding, events, conditions, queueing, gates, preemption, decisions.
import {describe, expect, it} from 'vitest'
import {truncateMessage} from '../../src/scheduler/framework/fit-error.js'
import {Harness, node, pod} from './harness.js'

function threeNodes(h: Harness) {
  for (const [i, z] of ['a', 'b', 'c'].entries()) h.create(node(`node-${i + 1}`, {labels: {'topology.kubernetes.io/zone': `zone-${z}`}}))
}

describe('binding and the Scheduled event', () => {
  it('binds through spec.nodeName with PodScheduled=True and a Scheduled event', () => {
    const h = new Harness()
    threeNodes(h)
    h.create(pod('p', {cpu: '100m', memory: '64Mi'}))
    h.settle()
    const p = h.pod('default', 'p')!
    expect(p.spec.nodeName).toMatch(/^node-[123]$/)
    expect(p.status.conditions).toEqual([{type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: '2026-01-01T00:00:00Z'}])
    expect(h.events).toEqual([
      {object: 'Pod/default/p', type: 'Normal', reason: 'Scheduled', message: `Successfully assigned default/p to ${p.spec.nodeName}`, component: 'default-scheduler'},
    ])
    expect(h.scheduler.hasPendingWork()).toBe(false)
  })

  it('records the decision in the §6 shape', () => {
    const h = new Harness()
    threeNodes(h)
    h.create(pod('p', {cpu: '100m', memory: '64Mi'}))
    h.settle()
    const [d] = h.scheduler.decisionsFor('default/p')
    expect(Object.keys(d).slice(0, 10)).toEqual(['pod', 'attempt', 'attempts', 'time', 'result', 'node', 'nominatedNode', 'message', 'victims', 'nodes'])
    expect(d).toMatchObject({pod: 'default/p', attempt: 1, attempts: 1, time: '2026-01-01T00:00:00Z', result: 'Scheduled', nominatedNode: null, message: null, victims: []})
    expect(d.nodes.map((n) => n.name)).toEqual(['node-1', 'node-2', 'node-3'])
    const n1 = d.nodes[0]
    expect(n1.filters.map((f) => f.plugin)).toEqual([
      'NodeUnschedulable', 'NodeName', 'TaintToleration', 'NodeAffinity', 'NodePorts', 'NodeResourcesFit',
      'VolumeRestrictions', 'NodeVolumeLimits', 'VolumeBinding', 'VolumeZone', 'PodTopologySpread', 'InterPodAffinity',
    ])
    expect(n1.filters.find((f) => f.plugin === 'NodePorts')).toEqual({plugin: 'NodePorts', code: 'Skip', reasons: []})
    expect(n1.scores.map((s) => s.plugin)).toEqual(['TaintToleration', 'NodeResourcesFit', 'NodeResourcesBalancedAllocation', 'ImageLocality'])
    expect(n1.scores[0]).toEqual({plugin: 'TaintToleration', score: 100, weighted: 300})
    expect(n1.total).toBe(n1.scores.reduce((s, x) => s + x.weighted, 0))
    expect(JSON.parse(JSON.stringify(d)).nodes).toHaveLength(3)
    expect(h.scheduler.takeDecisions()).toHaveLength(1)
    expect(h.scheduler.takeDecisions()).toHaveLength(0)
  })
})

describe('FailedScheduling', () => {
  it('counts reasons per node, sorts them and appends the preemption part with its double period', () => {
    const h = new Harness()
    h.create(node('node-1', {taints: [{key: 'dedicated', value: 'gpu', effect: 'NoSchedule'}]}))
    h.create(node('node-2', {unschedulable: true}))
    h.create(node('node-3', {memory: '1Gi'}))
    h.create(pod('p', {memory: '2Gi'}))
    h.settle()
    const msg =
      '0/3 nodes are available: 1 Insufficient memory, 1 node(s) had untolerated taint {dedicated: gpu}, 1 node(s) were unschedulable. ' +
      'preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling..'
    expect(h.events).toEqual([{object: 'Pod/default/p', type: 'Warning', reason: 'FailedScheduling', message: msg, component: 'default-scheduler'}])
    const cond = h.pod('default', 'p')!.status.conditions[0]
    expect(cond).toEqual({type: 'PodScheduled', status: 'False', lastProbeTime: null, lastTransitionTime: '2026-01-01T00:00:00Z', reason: 'Unschedulable', message: msg})
    // every filter's verdict on every node, even after the first failure
    const [d] = h.scheduler.decisionsFor('p')
    expect(d.result).toBe('Unschedulable')
    expect(d.node).toBeNull()
    const n2 = d.nodes.find((n) => n.name === 'node-2')!
    expect(n2.feasible).toBe(false)
    expect(n2.filters.find((f) => f.plugin === 'NodeUnschedulable')).toEqual({plugin: 'NodeUnschedulable', code: 'UnschedulableAndUnresolvable', reasons: ['node(s) were unschedulable']})
    expect(n2.filters.find((f) => f.plugin === 'TaintToleration')!.code).toBe('Success')
    // parked: nothing that could help is pending
    expect(h.scheduler.hasPendingWork()).toBe(false)
  })

  it('says so when there are no nodes', () => {
    const h = new Harness()
    h.create(pod('p'))
    h.settle()
    expect(h.events.map((e) => e.message)).toEqual(['no nodes available to schedule pods'])
  })

  it('truncates event messages to 1024 characters', () => {
    const long = 'x'.repeat(2000)
    expect(truncateMessage(long)).toHaveLength(1024)
    expect(truncateMessage(long).endsWith('x ...')).toBe(true)
    expect(truncateMessage('short')).toBe('short')
  })

  it('reports PreFilter failures once, with every node not helped by preemption', () => {
    const h = new Harness()
    threeNodes(h)
    h.create({apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: {name: 'data'}, spec: {accessModes: ['ReadWriteOnce'], resources: {requests: {storage: '1Gi'}}}})
    const p = pod('p')
    p.spec.volumes = [{name: 'd', persistentVolumeClaim: {claimName: 'data'}}]
    h.create(p)
    const q = pod('q')
    q.spec.volumes = [{name: 'd', persistentVolumeClaim: {claimName: 'missing'}}]
    h.create(q)
    h.settle()
    expect(h.events.map((e) => e.message)).toEqual([
      '0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling..',
      '0/3 nodes are available: persistentvolumeclaim "missing" not found. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling..',
    ])
  })
})

describe('queueing', () => {
  it('retries an unschedulable pod when a node that can help arrives', () => {
    const h = new Harness()
    h.create(node('small', {cpu: '1'}))
    h.create(pod('big', {cpu: '2'}))
    h.settle()
    expect(h.pod('default', 'big')!.spec.nodeName).toBeUndefined()
    expect(h.scheduler.hasPendingWork()).toBe(false)
    h.clock.advanceTo(h.clock.now() + 5000)
    h.create(node('large', {cpu: '8'}))
    expect(h.scheduler.hasPendingWork()).toBe(true)
    h.settle()
    expect(h.pod('default', 'big')!.spec.nodeName).toBe('large')
    const ds = h.scheduler.decisionsFor('default/big')
    expect(ds.map((d) => [d.attempt, d.attempts, d.result])).toEqual([
      [1, 2, 'Unschedulable'],
      [2, 2, 'Scheduled'],
    ])
  })

  it('a node heartbeat does not wake unschedulable pods', () => {
    const h = new Harness()
    const n = h.create(node('small', {cpu: '1'}))
    h.create(pod('big', {cpu: '2'}))
    h.settle()
    const hb = structuredClone(n)
    hb.status.conditions[0].lastHeartbeatTime = '2026-01-01T00:00:40Z'
    h.store.update(hb)
    expect(h.scheduler.hasPendingWork()).toBe(false)
  })

  it('keeps gated pods out until their schedulingGates are removed', () => {
    const h = new Harness()
    threeNodes(h)
    h.create(pod('g', {spec: {schedulingGates: [{name: 'example.com/wait'}]}}))
    h.settle()
    expect(h.pod('default', 'g')!.spec.nodeName).toBeUndefined()
    expect(h.scheduler.decisionsFor('default/g')).toEqual([])
    expect(h.scheduler.hasPendingWork()).toBe(false)
    const upd = structuredClone(h.pod('default', 'g')!)
    delete upd.spec.schedulingGates
    h.store.update(upd)
    h.settle()
    expect(h.pod('default', 'g')!.spec.nodeName).toMatch(/^node-/)
  })

  it('schedules higher priority first', () => {
    const h = new Harness()
    h.create(pod('low', {cpu: '3', priority: 0}))
    h.create(pod('high', {cpu: '3', priority: 100}))
    h.create(node('only', {cpu: '4'}))
    h.settle()
    expect(h.pod('default', 'high')!.spec.nodeName).toBe('only')
    expect(h.pod('default', 'low')!.spec.nodeName).toBeUndefined()
  })

  it('ignores pods for other schedulers and terminating pods', () => {
    const h = new Harness()
    threeNodes(h)
    h.create(pod('other', {spec: {schedulerName: 'someone-else'}}))
    h.settle()
    expect(h.pod('default', 'other')!.spec.nodeName).toBeUndefined()
    expect(h.events).toEqual([])
  })
})

describe('preemption', () => {
  it('evicts the victim, nominates the node, then binds there', () => {
    const h = new Harness()
    h.create({apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: {name: 'high'}, value: 1000})
    h.create(node('node-1', {cpu: '2'}))
    h.create({...pod('victim', {cpu: '1500m', nodeName: 'node-1'}), status: {phase: 'Running', startTime: '2026-01-01T00:00:00Z'}})
    const p = pod('important', {cpu: '1'})
    p.metadata.uid = 'uid-important'
    p.spec.priorityClassName = 'high'
    h.store.create(p)
    h.settle()
    expect(h.pod('default', 'victim')).toBeUndefined()
    expect(h.pod('default', 'important')!.spec.nodeName).toBe('node-1')
    expect(h.pod('default', 'important')!.status.nominatedNodeName).toBe('node-1')
    expect(h.events.map((e) => `${e.object} ${e.reason}: ${e.message}`)).toEqual([
      'Pod/default/victim Preempted: Preempted by pod uid-important on node node-1',
      'Pod/default/important FailedScheduling: 0/1 nodes are available: 1 Insufficient cpu.',
      'Pod/default/important Scheduled: Successfully assigned default/important to node-1',
    ])
    const [first] = h.scheduler.decisionsFor('default/important')
    expect(first).toMatchObject({result: 'Unschedulable', nominatedNode: 'node-1', victims: ['default/victim']})
  })

  it('does not preempt with preemptionPolicy Never', () => {
    const h = new Harness()
    h.create(node('node-1', {cpu: '2'}))
    h.create(pod('victim', {cpu: '1500m', nodeName: 'node-1'}))
    h.create(pod('p', {cpu: '1', priority: 1000, spec: {preemptionPolicy: 'Never'}}))
    h.settle()
    expect(h.events.map((e) => e.message)).toEqual([
      '0/1 nodes are available: 1 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never..',
    ])
  })
})

describe('volumes', () => {
  function waitingPod(h: Harness, provisioner = 'rancher.io/local-path'): void {
    threeNodes(h)
    h.create({apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: {name: 'standard'}, provisioner, volumeBindingMode: 'WaitForFirstConsumer'})
    h.create({apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: {name: 'data'}, spec: {storageClassName: 'standard', accessModes: ['ReadWriteOnce'], resources: {requests: {storage: '1Gi'}}}})
    const p = pod('p', {cpu: '1'})
    p.spec.volumes = [{name: 'd', persistentVolumeClaim: {claimName: 'data'}}]
    h.create(p)
    h.settle()
  }
  const claim = (h: Harness) => h.store.get('/PersistentVolumeClaim/default/data')!
  /** run every timer due within `ms` of virtual time */
  const run = (h: Harness, ms: number) => {
    const until = h.clock.now() + ms
    while (h.clock.runNext(until));
    h.clock.advanceTo(until)
  }

  it('hands WaitForFirstConsumer claims to provisioning on the chosen node and binds once the claim is bound', () => {
    const h = new Harness()
    waitingPod(h)
    const selected = claim(h).metadata.annotations['volume.kubernetes.io/selected-node']
    expect(selected).toMatch(/^node-/)
    // PreBind waits for the PV controller: the pod is not bound yet, but it holds its node's resources
    expect(h.pod('default', 'p')!.spec.nodeName).toBeUndefined()
    expect(h.scheduler.cache.get(selected)!.pods.map((p) => p.key)).toEqual(['default/p'])
    // the PV controller binds the claim 300 ms later: the next poll, one second after PreBind, binds the pod
    run(h, 300)
    h.create({apiVersion: 'v1', kind: 'PersistentVolume', metadata: {name: 'pvc-1'}, spec: {storageClassName: 'standard', capacity: {storage: '1Gi'}, accessModes: ['ReadWriteOnce']}})
    const bound = structuredClone(claim(h))
    bound.spec.volumeName = 'pvc-1'
    bound.metadata.annotations['pv.kubernetes.io/bind-completed'] = 'yes'
    h.store.update(bound)
    run(h, 699)
    expect(h.pod('default', 'p')!.spec.nodeName).toBeUndefined()
    run(h, 1)
    expect(h.pod('default', 'p')!.spec.nodeName).toBe(selected)
    expect(h.events.map((e) => e.reason)).toEqual(['Scheduled'])
  })

  it('fails the binding after bindTimeoutSeconds when nothing provisions the claim, and tries again', () => {
    const h = new Harness()
    waitingPod(h, 'ebs.csi.aws.com')
    expect(h.events).toEqual([])
    run(h, 600_000)
    expect(h.events.map((e) => `${e.type} ${e.reason}: ${e.message}`)).toEqual([
      'Warning FailedScheduling: running PreBind plugin "VolumeBinding": binding volumes: context deadline exceeded',
    ])
    const p = h.pod('default', 'p')!
    expect(p.spec.nodeName).toBeUndefined()
    expect(p.status.conditions).toMatchObject([{type: 'PodScheduled', status: 'False', reason: 'SchedulerError'}])
    // forgotten by the cache, retried after its backoff
    expect(h.scheduler.cache.list().every((n) => n.pods.length === 0)).toBe(true)
    run(h, 2000)
    expect(h.scheduler.cache.list().some((n) => n.pods.length === 1)).toBe(true)
  })

  it('takes the timeout from VolumeBindingArgs.bindTimeoutSeconds', () => {
    const config = {
      apiVersion: 'kubescheduler.config.k8s.io/v1',
      kind: 'KubeSchedulerConfiguration',
      profiles: [{schedulerName: 'default-scheduler', pluginConfig: [{name: 'VolumeBinding', args: {bindTimeoutSeconds: 30}}]}],
    }
    const h = new Harness({config})
    waitingPod(h, 'ebs.csi.aws.com')
    run(h, 29_999)
    expect(h.events).toEqual([])
    run(h, 1)
    expect(h.events.map((e) => e.reason)).toEqual(['FailedScheduling'])
  })

  it('fails the binding of a pod deleted while it waits, without requeueing it', () => {
    const h = new Harness()
    waitingPod(h)
    run(h, 1500)
    h.store.delete('/Pod/default/p')
    run(h, 500)
    expect(h.events.map((e) => e.message)).toEqual(['running PreBind plugin "VolumeBinding": binding volumes: pod does not exist any more: pod "p" not found'])
    expect(h.scheduler.hasPendingWork()).toBe(false)
    expect(h.scheduler.cache.list().every((n) => n.pods.length === 0)).toBe(true)
  })

  it('fails the binding at the next poll when the provisioner drops the selected node', () => {
    const h = new Harness()
    waitingPod(h)
    run(h, 2500)
    const c = structuredClone(claim(h))
    delete c.metadata.annotations['volume.kubernetes.io/selected-node']
    h.store.update(c)
    run(h, 500)
    expect(h.events.map((e) => e.message)).toEqual(['running PreBind plugin "VolumeBinding": binding volumes: provisioning failed for PVC "data"'])
  })
})

describe('decisions at scale', () => {
  it('keeps a summary above fullDetailMaxNodes unless explain', () => {
    for (const explain of [false, true]) {
      const h = new Harness({fullDetailMaxNodes: 2, explain})
      threeNodes(h)
      h.create(pod('p', {cpu: '100m'}))
      h.settle()
      const [d] = h.scheduler.decisionsFor('default/p')
      expect(d.result).toBe('Scheduled')
      expect(d.totalNodes).toBe(3)
      expect(d.evaluatedNodes).toBe(3)
      expect(d.feasibleNodes).toBe(3)
      if (explain) {
        expect(d.nodes).toHaveLength(3)
        expect(d.summary).toBeUndefined()
      } else {
        expect(d.nodes).toEqual([])
        expect(d.summary!.runnerUps).toHaveLength(2)
        expect(d.score).toBeGreaterThan(0)
      }
    }
  })
})
