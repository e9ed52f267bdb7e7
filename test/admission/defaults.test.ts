// API-server defaulting (kubectl.md §6), checked field by field on whole objects.
import {describe, expect, it} from 'vitest'
import {applyDefaults, imageTag} from '../../src/admission/defaults/index.js'
import type {KubeObject} from '../../src/api/types.js'

const def = (o: any) => {
  applyDefaults(o as KubeObject)
  return o
}

describe('imagePullPolicy from the image reference', () => {
  const cases: Array<[string, string]> = [
    ['nginx', 'Always'],
    ['nginx:latest', 'Always'],
    ['nginx:1.27', 'IfNotPresent'],
    ['registry.local:5000/team/app', 'Always'],
    ['registry.local:5000/team/app:v2', 'IfNotPresent'],
    ['nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef', 'IfNotPresent'],
    ['nginx:latest@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef', 'Always'],
  ]
  for (const [image, policy] of cases) {
    it(image, () => {
      const p = def({apiVersion: 'v1', kind: 'Pod', metadata: {name: 'p'}, spec: {containers: [{name: 'c', image}]}})
      expect(p.spec.containers[0].imagePullPolicy).toBe(policy)
    })
  }
  it('unparseable images get IfNotPresent', () => expect(imageTag('Nginx')).toBe(''))
})

describe('Pod', () => {
  it('fills PodSpec, container, port and probe defaults', () => {
    const p = def({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {name: 'p'},
      spec: {
        containers: [
          {
            name: 'c',
            image: 'nginx:1.27',
            ports: [{containerPort: 80}],
            resources: {limits: {cpu: '500m', memory: '128Mi'}},
            readinessProbe: {httpGet: {port: 80}},
          },
        ],
        volumes: [{name: 'cfg', configMap: {name: 'cfg'}}, {name: 'scratch'}],
      },
    })
    expect(p.spec).toEqual({
      containers: [
        {
          name: 'c',
          image: 'nginx:1.27',
          ports: [{containerPort: 80, protocol: 'TCP'}],
          resources: {limits: {cpu: '500m', memory: '128Mi'}, requests: {cpu: '500m', memory: '128Mi'}},
          readinessProbe: {httpGet: {port: 80, path: '/', scheme: 'HTTP'}, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3},
          imagePullPolicy: 'IfNotPresent',
          terminationMessagePath: '/dev/termination-log',
          terminationMessagePolicy: 'File',
        },
      ],
      volumes: [{name: 'cfg', configMap: {name: 'cfg', defaultMode: 420}}, {name: 'scratch', emptyDir: {}}],
      enableServiceLinks: true,
      dnsPolicy: 'ClusterFirst',
      restartPolicy: 'Always',
      securityContext: {},
      terminationGracePeriodSeconds: 30,
      schedulerName: 'default-scheduler',
    })
  })
  it('is idempotent', () => {
    const p = def({apiVersion: 'v1', kind: 'Pod', metadata: {name: 'p'}, spec: {containers: [{name: 'c', image: 'nginx'}]}})
    const again = def(structuredClone(p))
    expect(again).toEqual(p)
  })
  it('hostNetwork ports get hostPort = containerPort', () => {
    const p = def({apiVersion: 'v1', kind: 'Pod', metadata: {name: 'p'}, spec: {hostNetwork: true, containers: [{name: 'c', image: 'x', ports: [{containerPort: 9100}]}]}})
    expect(p.spec.containers[0].ports).toEqual([{containerPort: 9100, hostPort: 9100, protocol: 'TCP'}])
  })
})

describe('apps/v1', () => {
  const tpl = {metadata: {labels: {app: 'a'}}, spec: {containers: [{name: 'c', image: 'nginx:1'}]}}
  it('Deployment', () => {
    const d = def({apiVersion: 'apps/v1', kind: 'Deployment', metadata: {name: 'd'}, spec: {selector: {matchLabels: {app: 'a'}}, template: structuredClone(tpl)}})
    expect(d.spec.replicas).toBe(1)
    expect(d.spec.strategy).toEqual({type: 'RollingUpdate', rollingUpdate: {maxUnavailable: '25%', maxSurge: '25%'}})
    expect(d.spec.revisionHistoryLimit).toBe(10)
    expect(d.spec.progressDeadlineSeconds).toBe(600)
    // pod templates get PodSpec defaults but not the Pod-only ones
    expect(d.spec.template.spec.enableServiceLinks).toBeUndefined()
    expect(d.spec.template.spec.restartPolicy).toBe('Always')
    // what kubectl get -o yaml shows for the template in v1.32
    expect(d.spec.template.metadata).toEqual({labels: {app: 'a'}, creationTimestamp: null})
    expect(d.spec.template.spec.containers[0].resources).toEqual({})
  })
  it('Recreate gets no rollingUpdate', () => {
    const d = def({apiVersion: 'apps/v1', kind: 'Deployment', metadata: {name: 'd'}, spec: {strategy: {type: 'Recreate'}, template: structuredClone(tpl)}})
    expect(d.spec.strategy).toEqual({type: 'Recreate'})
  })
  it('StatefulSet', () => {
    const s = def({
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: {name: 's'},
      spec: {template: structuredClone(tpl), volumeClaimTemplates: [{metadata: {name: 'data'}, spec: {accessModes: ['ReadWriteOnce']}}]},
    })
    expect(s.spec.podManagementPolicy).toBe('OrderedReady')
    expect(s.spec.updateStrategy).toEqual({type: 'RollingUpdate', rollingUpdate: {partition: 0}})
    expect(s.spec.persistentVolumeClaimRetentionPolicy).toEqual({whenDeleted: 'Retain', whenScaled: 'Retain'})
    expect(s.spec.revisionHistoryLimit).toBe(10)
    expect(s.spec.replicas).toBe(1)
    expect(s.spec.volumeClaimTemplates[0]).toEqual({
      metadata: {name: 'data', creationTimestamp: null},
      spec: {accessModes: ['ReadWriteOnce'], volumeMode: 'Filesystem'},
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      status: {phase: 'Pending'},
    })
  })
  it('DaemonSet', () => {
    const s = def({apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: {name: 's'}, spec: {template: structuredClone(tpl)}})
    expect(s.spec.updateStrategy).toEqual({type: 'RollingUpdate', rollingUpdate: {maxUnavailable: 1, maxSurge: 0}})
    expect(s.spec.revisionHistoryLimit).toBe(10)
  })
})

describe('batch/v1', () => {
  it('Job', () => {
    const j = def({apiVersion: 'batch/v1', kind: 'Job', metadata: {name: 'j'}, spec: {template: {metadata: {labels: {app: 'j'}}, spec: {restartPolicy: 'Never', containers: [{name: 'c', image: 'x'}]}}}})
    expect(j.spec).toMatchObject({completions: 1, parallelism: 1, backoffLimit: 6, completionMode: 'NonIndexed', suspend: false, podReplacementPolicy: 'TerminatingOrFailed'})
    expect(j.metadata.labels).toEqual({app: 'j'})
  })
  it('Job with parallelism only', () => {
    const j = def({apiVersion: 'batch/v1', kind: 'Job', metadata: {name: 'j'}, spec: {parallelism: 3, template: {spec: {containers: []}}}})
    expect(j.spec.completions).toBeUndefined()
    expect(j.spec.parallelism).toBe(3)
  })
  it('CronJob', () => {
    const c = def({apiVersion: 'batch/v1', kind: 'CronJob', metadata: {name: 'c'}, spec: {schedule: '* * * * *', jobTemplate: {spec: {template: {spec: {containers: [{name: 'c', image: 'x'}]}}}}}})
    expect(c.spec).toMatchObject({concurrencyPolicy: 'Allow', suspend: false, successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 1})
    expect(c.spec.jobTemplate.spec.template.spec.restartPolicy).toBe('Always')
    expect(c.spec.jobTemplate.spec.backoffLimit).toBeUndefined()
  })
})

describe('core kinds', () => {
  it('Service', () => {
    const s = def({apiVersion: 'v1', kind: 'Service', metadata: {name: 's'}, spec: {selector: {app: 'a'}, ports: [{port: 80}, {port: 443, targetPort: 'https'}]}})
    expect(s.spec).toEqual({
      selector: {app: 'a'},
      ports: [
        {port: 80, protocol: 'TCP', targetPort: 80},
        {port: 443, targetPort: 'https', protocol: 'TCP'},
      ],
      sessionAffinity: 'None',
      type: 'ClusterIP',
      internalTrafficPolicy: 'Cluster',
      ipFamilyPolicy: 'SingleStack',
      ipFamilies: ['IPv4'],
    })
  })
  it('LoadBalancer Service', () => {
    const s = def({apiVersion: 'v1', kind: 'Service', metadata: {name: 's'}, spec: {type: 'LoadBalancer', sessionAffinity: 'ClientIP', ports: [{port: 80}]}})
    expect(s.spec).toMatchObject({externalTrafficPolicy: 'Cluster', allocateLoadBalancerNodePorts: true, sessionAffinityConfig: {clientIP: {timeoutSeconds: 10800}}})
  })
  it('Namespace', () => {
    const n = def({apiVersion: 'v1', kind: 'Namespace', metadata: {name: 'team-a'}})
    expect(n).toEqual({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {name: 'team-a', labels: {'kubernetes.io/metadata.name': 'team-a'}},
      spec: {finalizers: ['kubernetes']},
      status: {phase: 'Active'},
    })
  })
  it('Secret, PVC, PV', () => {
    expect(def({apiVersion: 'v1', kind: 'Secret', metadata: {name: 's'}}).type).toBe('Opaque')
    const pvc = def({apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: {name: 'c'}, spec: {accessModes: ['ReadWriteOnce']}})
    expect(pvc.spec.volumeMode).toBe('Filesystem')
    expect(pvc.status).toEqual({phase: 'Pending'})
    const pv = def({apiVersion: 'v1', kind: 'PersistentVolume', metadata: {name: 'v'}, spec: {hostPath: {path: '/d'}}})
    expect(pv.spec).toEqual({hostPath: {path: '/d', type: ''}, persistentVolumeReclaimPolicy: 'Retain', volumeMode: 'Filesystem'})
  })
})

describe('autoscaling/v2', () => {
  it('HPA metrics and behavior', () => {
    const h = def({apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: {name: 'h'}, spec: {maxReplicas: 5, behavior: {scaleDown: {stabilizationWindowSeconds: 60}}}})
    expect(h.spec.minReplicas).toBe(1)
    expect(h.spec.metrics).toEqual([{type: 'Resource', resource: {name: 'cpu', target: {type: 'Utilization', averageUtilization: 80}}}])
    expect(h.spec.behavior).toEqual({
      scaleDown: {stabilizationWindowSeconds: 60, selectPolicy: 'Max', policies: [{type: 'Percent', value: 100, periodSeconds: 15}]},
      scaleUp: {
        stabilizationWindowSeconds: 0,
        selectPolicy: 'Max',
        policies: [
          {type: 'Pods', value: 4, periodSeconds: 15},
          {type: 'Percent', value: 100, periodSeconds: 15},
        ],
      },
    })
  })
  it('HPA without behavior keeps it unset', () => {
    const h = def({apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: {name: 'h'}, spec: {maxReplicas: 5}})
    expect(h.spec.behavior).toBeUndefined()
  })
})
