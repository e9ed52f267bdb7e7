import {describe, expect, it} from 'vitest'
import {makeCluster, podStatusColumn} from './harness.js'

describe('kubelet: happy path', () => {
  it('pulls, creates and starts the container with 1.32 events and statuses', () => {
    const h = makeCluster()
    h.pod('web-1')
    h.run(0)
    let p = h.get('web-1')!
    expect(p.status.phase).toBe('Pending')
    expect(podStatusColumn(p)).toBe('ContainerCreating')
    expect(p.status.podIP).toBe('10.244.1.2')
    expect(p.status.podIPs).toEqual([{ip: '10.244.1.2'}])
    expect(p.status.hostIP).toBe('172.18.0.2')
    expect(p.status.startTime).toBe('2026-01-01T00:00:00Z')
    expect(p.status.containerStatuses[0]).toEqual({
      image: 'nginx:1.27', imageID: '', lastState: {}, name: 'app', ready: false, restartCount: 0, started: false,
      state: {waiting: {reason: 'ContainerCreating'}},
    })
    expect(p.status.conditions.map((c: any) => `${c.type}=${c.status}`)).toEqual([
      'PodReadyToStartContainers=True', 'Initialized=True', 'Ready=False', 'ContainersReady=False', 'PodScheduled=True',
    ])
    expect(p.status.conditions[2]).toMatchObject({reason: 'ContainersNotReady', message: 'containers with unready status: [app]'})
    h.run(2)
    p = h.get('web-1')!
    expect(podStatusColumn(p)).toBe('Running')
    expect(p.status.phase).toBe('Running')
    const cs = p.status.containerStatuses[0]
    expect(cs.state).toEqual({running: {startedAt: '2026-01-01T00:00:02Z'}})
    expect(cs.ready).toBe(true)
    expect(cs.started).toBe(true)
    expect(cs.image).toBe('docker.io/library/nginx:1.27')
    expect(cs.imageID).toMatch(/^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/)
    expect(cs.containerID).toMatch(/^containerd:\/\/[0-9a-f]{64}$/)
    expect(p.status.conditions.every((c: any) => c.status === 'True')).toBe(true)
    expect(h.evs()).toEqual([
      '0 Normal Pulling Pulling image "nginx:1.27"',
      expect.stringMatching(/^2 Normal Pulled Successfully pulled image "nginx:1\.27" in 2s \(2s including waiting\)\. Image size: \d+ bytes\.$/),
      '2 Normal Created Created container app',
      '2 Normal Started Started container app',
    ])
    expect(h.events[0]).toMatchObject({component: 'kubelet', host: 'node-1', fieldPath: 'spec.containers{app}'})
    // the image is now on the node: the next IfNotPresent pod does not pull
    h.pod('web-2')
    h.run(1)
    expect(h.evs((e) => e.t === 2).slice(3)).toEqual([
      '2 Normal Pulled Container image "nginx:1.27" already present on machine',
      '2 Normal Created Created container app',
      '2 Normal Started Started container app',
    ])
    expect(h.get('web-2')!.status.podIP).toBe('10.244.1.3')
    expect(h.kubelet.hasPendingWork()).toBe(false)
  })

  it('readinessProbe initialDelaySeconds delays Ready', () => {
    const h = makeCluster()
    h.pod('web', {containers: [{name: 'app', image: 'nginx:1.27', readinessProbe: {httpGet: {path: '/', port: 80}, initialDelaySeconds: 5}}]})
    h.run(2)
    expect(h.get('web')!.status.containerStatuses[0].ready).toBe(false)
    h.run(4)
    expect(h.get('web')!.status.containerStatuses[0].ready).toBe(false)
    h.run(1)
    const p = h.get('web')!
    expect(p.status.containerStatuses[0].ready).toBe(true)
    expect(p.status.conditions.find((c: any) => c.type === 'Ready')).toMatchObject({status: 'True', lastTransitionTime: '2026-01-01T00:00:07Z'})
  })

  it('startup-delay replaces the pull time', () => {
    const h = makeCluster()
    h.pod('web', {}, {'sim.k8sim.io/startup-delay': '7s'})
    h.run(6)
    expect(podStatusColumn(h.get('web')!)).toBe('ContainerCreating')
    h.run(1)
    expect(podStatusColumn(h.get('web')!)).toBe('Running')
    expect(h.evs()[1]).toMatch(/^7 Normal Pulled Successfully pulled image "nginx:1.27" in 7s \(7s including waiting\)/)
  })
})

describe('kubelet: exits and restarts', () => {
  it('Job pods run 10s by default and complete (restartPolicy Never)', () => {
    const h = makeCluster()
    h.pod('pi-abcde', {restartPolicy: 'Never'}, {}, {metadata: {name: 'pi-abcde', namespace: 'default', uid: 'j1', labels: {'batch.kubernetes.io/job-name': 'pi'}}} as any)
    h.run(11)
    expect(h.get('pi-abcde')!.status.phase).toBe('Running')
    h.run(1)
    const p = h.get('pi-abcde')!
    expect(p.status.phase).toBe('Succeeded')
    expect(podStatusColumn(p)).toBe('Completed')
    expect(p.status.containerStatuses[0].state.terminated).toMatchObject({exitCode: 0, reason: 'Completed', startedAt: '2026-01-01T00:00:02Z', finishedAt: '2026-01-01T00:00:12Z'})
    expect(p.status.conditions.map((c: any) => `${c.type}=${c.status}${c.reason ? ':' + c.reason : ''}`)).toEqual([
      'PodReadyToStartContainers=False', 'Initialized=True:PodCompleted', 'Ready=False:PodCompleted', 'ContainersReady=False:PodCompleted', 'PodScheduled=True',
    ])
  })

  it('run-duration with a non-zero exit-code fails a Never pod with Error', () => {
    const h = makeCluster()
    h.pod('once', {restartPolicy: 'Never'}, {'sim.k8sim.io/run-duration': '5s', 'sim.k8sim.io/exit-code': '3'})
    h.run(7)
    const p = h.get('once')!
    expect(p.status.phase).toBe('Failed')
    expect(podStatusColumn(p)).toBe('Error')
    expect(p.status.containerStatuses[0].state.terminated).toMatchObject({exitCode: 3, reason: 'Error'})
  })

  it('crash-after gives CrashLoopBackOff with back-off 0, 10s, 20s, 40s ... 5m', () => {
    const h = makeCluster()
    h.pod('web-x', {containers: [{name: 'app', image: 'nginx:1.27', imagePullPolicy: 'IfNotPresent'}]}, {'sim.k8sim.io/crash-after': '3s'})
    h.run(5) // started at 2, crashed at 5, restarted at once
    let p = h.get('web-x')!
    expect(p.status.containerStatuses[0].restartCount).toBe(1)
    expect(podStatusColumn(p)).toBe('Running')
    expect(p.status.containerStatuses[0].lastState.terminated).toMatchObject({exitCode: 1, reason: 'Error', finishedAt: '2026-01-01T00:00:05Z'})
    h.run(3) // crashes again at 8 → back-off 10s
    p = h.get('web-x')!
    expect(podStatusColumn(p)).toBe('CrashLoopBackOff')
    expect(p.status.phase).toBe('Running')
    expect(p.status.containerStatuses[0].state.waiting).toEqual({
      reason: 'CrashLoopBackOff',
      message: 'back-off 10s restarting failed container=app pod=web-x_default(uid-1)',
    })
    expect(h.evs((e) => e.reason === 'BackOff')).toEqual(['8 Warning BackOff Back-off restarting failed container app in pod web-x_default(uid-1)'])
    h.run(13) // restart at 18, crash at 21 → 20s
    p = h.get('web-x')!
    expect(p.status.containerStatuses[0].restartCount).toBe(2)
    expect(p.status.containerStatuses[0].state.waiting.message).toBe('back-off 20s restarting failed container=app pod=web-x_default(uid-1)')
    h.run(700)
    p = h.get('web-x')!
    const msgs = h.evs((e) => e.reason === 'Started').map((s) => Number(s.split(' ')[0]))
    expect(msgs.slice(0, 8)).toEqual([2, 5, 18, 41, 84, 167, 330, 633])
    expect(p.status.containerStatuses[0].state.waiting?.message ?? '').toMatch(/back-off (5m0s|2m40s)/)
  })

  it('memory-usage above the limit is OOMKilled', () => {
    const h = makeCluster()
    h.pod('hog', {restartPolicy: 'Never', containers: [{name: 'app', image: 'nginx:1.27', resources: {limits: {memory: '128Mi'}}}]}, {'sim.k8sim.io/memory-usage': '200Mi'})
    h.run(4)
    const p = h.get('hog')!
    expect(podStatusColumn(p)).toBe('OOMKilled')
    expect(p.status.containerStatuses[0].state.terminated).toMatchObject({exitCode: 137, reason: 'OOMKilled'})
  })

  it('liveness-fail-after: three Unhealthy events, Killing, restart', () => {
    const h = makeCluster()
    h.pod('live', {containers: [{name: 'app', image: 'nginx:1.27', livenessProbe: {httpGet: {path: '/', port: 80}, periodSeconds: 10, failureThreshold: 3}}]}, {'sim.k8sim.io/liveness-fail-after': '30s'})
    h.run(60)
    expect(h.evs((e) => ['Unhealthy', 'Killing'].includes(e.reason))).toEqual([
      '32 Warning Unhealthy Liveness probe failed: HTTP probe failed with statuscode: 500',
      '42 Warning Unhealthy Liveness probe failed: HTTP probe failed with statuscode: 500',
      '52 Warning Unhealthy Liveness probe failed: HTTP probe failed with statuscode: 500',
      '52 Normal Killing Container app failed liveness probe, will be restarted',
    ])
    const p = h.get('live')!
    expect(p.status.containerStatuses[0].restartCount).toBe(1)
    expect(p.status.containerStatuses[0].lastState.terminated).toMatchObject({exitCode: 137, reason: 'Error'})
  })
})

describe('kubelet: image pulls', () => {
  it('image-pull fail → ErrImagePull then ImagePullBackOff with back-off', () => {
    const h = makeCluster()
    h.pod('bad', {containers: [{name: 'app', image: 'nginx:bad'}]}, {'sim.k8sim.io/image-pull': 'fail'})
    h.run(2)
    let p = h.get('bad')!
    expect(podStatusColumn(p)).toBe('ErrImagePull')
    h.run(1)
    p = h.get('bad')!
    expect(podStatusColumn(p)).toBe('ImagePullBackOff')
    expect(p.status.containerStatuses[0].state.waiting).toEqual({
      reason: 'ImagePullBackOff',
      message: 'Back-off pulling image "nginx:bad": ErrImagePull: rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:bad": failed to resolve reference "docker.io/library/nginx:bad": docker.io/library/nginx:bad: not found',
    })
    expect(h.evs()).toEqual([
      '0 Normal Pulling Pulling image "nginx:bad"',
      '2 Warning Failed Failed to pull image "nginx:bad": rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:bad": failed to resolve reference "docker.io/library/nginx:bad": docker.io/library/nginx:bad: not found',
      '2 Warning Failed Error: ErrImagePull',
      '3 Normal BackOff Back-off pulling image "nginx:bad"',
      '3 Warning Failed Error: ImagePullBackOff',
    ])
    h.run(8) // retried 10s after the failure at 2
    expect(h.evs((e) => e.reason === 'Pulling')).toEqual(['0 Normal Pulling Pulling image "nginx:bad"'])
    h.run(1)
    expect(h.evs((e) => e.reason === 'Pulling')).toEqual(['0 Normal Pulling Pulling image "nginx:bad"', '12 Normal Pulling Pulling image "nginx:bad"'])
    h.run(40) // fails at 14, back-off 20s → 34, fails at 36, back-off 40s → 76
    expect(h.evs((e) => e.reason === 'Pulling').map((x) => x.split(' ')[0])).toEqual(['0', '12', '34'])
    expect(h.kubelet.hasPendingWork()).toBe(false)
  })
})
