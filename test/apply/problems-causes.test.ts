// Problems found once a bundle settles, for causes the real-world corpus showed (issue 7): an APIService without its
// Service, a claim pre-bound to a volume of another class, a claim whose provisioner does not run, a pod redefined
// by a later document, and two variants of one app in one bundle. Synthetic manifests; the rules are general.
import {mkdirSync, mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {k8simInProcess} from '../helpers/in-process.js'
import {tempHome} from '../helpers/cli.js'

function bundle(files: Record<string, string>): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'k8sim-causes-')), 'b')
  mkdirSync(dir)
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text)
  return dir
}

async function apply(files: Record<string, string>) {
  const home = tempHome()
  const r = await k8simInProcess(['apply', '-f', bundle(files), '-o', 'json'], {home})
  const report = JSON.parse(r.stdout)
  const codes = (report.problems as any[]).map((p) => `${p.severity} ${p.code} ${p.object}`)
  return {...r, home, report, codes}
}

const apiService = (name: string, service?: string) => `apiVersion: apiregistration.k8s.io/v1
kind: APIService
metadata:
  name: ${name}
spec:
${service ? `  service:\n    name: ${service.split('/')[1]}\n    namespace: ${service.split('/')[0]}\n  insecureSkipTLSVerify: true\n` : ''}  group: ${name.split('.').slice(1).join('.')}
  version: ${name.split('.')[0]}
  groupPriorityMinimum: 100
  versionPriority: 100
`

const deployment = (name: string, labels: string, image: string, extra = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: 1
  selector:
    matchLabels: {${labels}}
  template:
    metadata:
      labels: {${labels}}
    spec:
      containers:
      - name: c
        image: ${image}
${extra}`

describe('apply problems: causes', () => {
  it('an APIService whose Service is missing is Available=False ServiceNotFound (apiservice-unavailable)', async () => {
    const r = await apply({'api.yaml': apiService('v1beta1.custom.metrics.k8s.io', 'monitoring/prometheus-adapter') + '---\n' + apiService('v1.local.example.com')})
    expect(r.status).toBe(0)
    expect(r.codes).toEqual(['error apiservice-unavailable APIService/v1beta1.custom.metrics.k8s.io'])
    expect(r.report.problems[0].message).toBe('Available=False (ServiceNotFound): service/prometheus-adapter in "monitoring" is not present')
    const get = await k8simInProcess(['get', 'apiservices'], {home: r.home})
    expect(get.stdout).toBe(
      'NAME                            SERVICE                         AVAILABLE                 AGE\n' +
        'v1.local.example.com            Local                           True                      0s\n' +
        'v1beta1.custom.metrics.k8s.io   monitoring/prometheus-adapter   False (ServiceNotFound)   0s\n',
    )
  })

  it('a claim pre-bound to a volume of another class is pvc-pv-mismatch and its pod is unschedulable', async () => {
    const r = await apply({
      'a-deploy.yaml': deployment('web', 'app: web', 'nginx:1.27', '        volumeMounts: [{name: data, mountPath: /data}]\n      volumes:\n      - name: data\n        persistentVolumeClaim: {claimName: data}\n'),
      'b-pv.yaml': 'apiVersion: v1\nkind: PersistentVolume\nmetadata:\n  name: data-pv\nspec:\n  capacity: {storage: 1Gi}\n  accessModes: [ReadOnlyMany]\n  hostPath: {path: /mnt/data}\n',
      'c-pvc.yaml': 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: data\nspec:\n  volumeName: data-pv\n  accessModes: [ReadOnlyMany]\n  resources: {requests: {storage: 1Gi}}\n',
    })
    expect(r.status).toBe(0)
    expect(r.codes.filter((c) => c.startsWith('error'))).toEqual(['error unschedulable Deployment/web', 'error pvc-pv-mismatch PersistentVolumeClaim/data'])
    const mismatch = r.report.problems.find((p: any) => p.code === 'pvc-pv-mismatch')
    expect(mismatch.message).toBe('claim data names volume data-pv, which it cannot bind to: storageClassName does not match')
  })

  it('a claim of a class whose provisioner does not run is both no-provisioner and pvc-pending', async () => {
    const r = await apply({
      'sts.yaml': `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: db
  replicas: 2
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      containers: [{name: db, image: "postgres:16", volumeMounts: [{name: data, mountPath: /data}]}]
  volumeClaimTemplates:
  - metadata:
      name: data
      annotations: {volume.beta.kubernetes.io/storage-class: fast}
    spec:
      accessModes: [ReadWriteOnce]
      resources: {requests: {storage: 1Gi}}
---
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata: {name: fast}
provisioner: example.com/elsewhere
`,
    })
    expect(r.status).toBe(0)
    expect(r.codes.filter((c) => c.startsWith('error'))).toEqual(['error pvc-pending PersistentVolumeClaim/data-db-0', 'error no-provisioner StorageClass/fast'])
  })

  it('a pod redefined by a later document of the bundle is refused as duplicate-object', async () => {
    const pod = (extra: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: nginx\nspec:\n  containers:\n  - name: nginx\n    image: nginx:1.27\n${extra}`
    const home = tempHome()
    const r = await k8simInProcess(['apply', '-f', bundle({'pod.yaml': pod(''), 'pod_priv.yaml': pod('    securityContext: {privileged: true}\n')}), '-o', 'json'], {home})
    expect(r.status).toBe(1)
    const problems = JSON.parse(r.stdout).problems
    expect(problems.map((p: any) => `${p.code} ${p.object}`)).toEqual(['duplicate-object Pod/nginx'])
    expect(problems[0].message).toContain('pod updates may not change fields other than')
    expect(problems[0].hint).toMatch(/pod\.yaml \(document 1\) already defines Pod\/nginx: keep one definition$/)
    // the same update of a pod applied by an earlier run is an immutable field, not a duplicate
    const home2 = tempHome()
    expect((await k8simInProcess(['apply', '-f', bundle({'pod.yaml': pod('')})], {home: home2})).status).toBe(0)
    const again = await k8simInProcess(['apply', '-f', bundle({'pod_priv.yaml': pod('    securityContext: {privileged: true}\n')}), '-o', 'json'], {home: home2})
    expect(again.status).toBe(1)
    expect(JSON.parse(again.stdout).problems.map((p: any) => `${p.code} ${p.object}`)).toEqual(['immutable-field Pod/nginx'])
  })

  it('two workloads of one app colliding on a hostPort are mixed-variants; distinct apps are not', async () => {
    const port = '        ports: [{containerPort: 9000, hostPort: 9000}]\n'
    const mixed = await apply({'a.yaml': deployment('store-standalone', 'app: store', 'minio/minio:RELEASE.2024', port), 'b.yaml': deployment('store-distributed', 'app: store', 'minio/minio:RELEASE.2024', port)})
    expect(mixed.codes).toContain('error mixed-variants Deployment/store-standalone, Deployment/store-distributed')
    const distinct = await apply({'a.yaml': deployment('one', 'app: one', 'nginx:1.27', port), 'b.yaml': deployment('two', 'app: two', 'nginx:1.27')})
    expect(distinct.codes.filter((c) => c.includes('mixed-variants'))).toEqual([])
  })
})
