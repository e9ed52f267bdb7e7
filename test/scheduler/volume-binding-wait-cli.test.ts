// VolumeBinding's PreBind wait through the CLI: a WaitForFirstConsumer claim whose provisioner never runs leaves the
// pod Pending with no node (not ContainerCreating); 600 s later kube-scheduler's binding cycle times out.
import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {tempHome} from '../helpers/cli.js'
import {k8simInProcess} from '../helpers/in-process.js'

const bundle = `apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata: {name: ebs}
provisioner: ebs.csi.aws.com
volumeBindingMode: WaitForFirstConsumer
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: data}
spec:
  storageClassName: ebs
  accessModes: [ReadWriteOnce]
  resources: {requests: {storage: 1Gi}}
---
apiVersion: v1
kind: Pod
metadata: {name: db}
spec:
  containers:
  - name: db
    image: postgres:16
    volumeMounts: [{name: data, mountPath: /data}]
  volumes:
  - name: data
    persistentVolumeClaim: {claimName: data}
`

describe('VolumeBinding PreBind wait through the CLI', () => {
  it('keeps the pod Pending and unbound, then fails the binding after bindTimeoutSeconds', async () => {
    const home = tempHome()
    const run = async (...args: string[]) => {
      const r = await k8simInProcess(args, {home})
      expect(r.status, `${args.join(' ')}: ${r.stderr}`).toBe(0)
      return r.stdout
    }
    await run('cluster', 'create', 'c', '--start-time', '2026-01-01T00:00:00Z', '--seed', '1')
    const file = join(home, 'db.yaml')
    writeFileSync(file, bundle)
    await run('apply', '-f', file)
    expect(await run('get', 'pod', 'db', '-o', 'wide')).toMatch(/^db\s+0\/1\s+Pending\s+0\s+\S+\s+<none>\s+<none>\s/m)
    expect(await run('events')).not.toContain('FailedScheduling')

    // one command: the scheduler's wait lives in memory, so a later command starts it again (as a restarted
    // kube-scheduler would)
    await run('advance', '10m')
    const events = await run('events')
    expect(events).toContain('Warning   FailedScheduling       Pod/db                       running PreBind plugin "VolumeBinding": binding volumes: context deadline exceeded')
    const pod = JSON.parse(await run('get', 'pod', 'db', '-o', 'json'))
    expect(pod.spec.nodeName).toBeUndefined()
    expect(pod.status.conditions).toEqual([
      expect.objectContaining({type: 'PodScheduled', status: 'False', reason: 'SchedulerError', message: 'running PreBind plugin "VolumeBinding": binding volumes: context deadline exceeded'}),
    ])
  })
})
