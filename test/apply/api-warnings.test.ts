// The API server's Warning: lines, worded as kube-apiserver 1.32 words them.
import {describe, expect, it} from 'vitest'
import {apiWarnings} from '../../src/apply/api-warnings.js'

describe('apiWarnings', () => {
  it('a claim with the beta storage-class annotation', () => {
    const pvc: any = {apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: {name: 'c', annotations: {'volume.beta.kubernetes.io/storage-class': 'fast'}}, spec: {resources: {requests: {storage: '1Gi'}}}}
    expect(apiWarnings(pvc)).toEqual(['metadata.annotations[volume.beta.kubernetes.io/storage-class]: deprecated since v1.8; use "storageClassName" attribute instead'])
  })

  it('a pod template with deprecated node labels, a removed volume plugin and a fractional memory request', () => {
    const d: any = {apiVersion: 'apps/v1', kind: 'Deployment', metadata: {name: 'd'}, spec: {template: {metadata: {annotations: {'scheduler.alpha.kubernetes.io/critical-pod': ''}}, spec: {
      nodeSelector: {'beta.kubernetes.io/os': 'linux'},
      containers: [{name: 'c', image: 'x', resources: {requests: {memory: '0.5'}}, env: [{name: 'A', value: '1'}, {name: 'A', value: '2'}]}],
      volumes: [{name: 'g', glusterfs: {endpoints: 'e', path: 'p'}}],
    }}}}
    expect(apiWarnings(d)).toEqual([
      'spec.template.spec.nodeSelector[beta.kubernetes.io/os]: deprecated since v1.14; use "kubernetes.io/os" instead',
      'spec.template.metadata.annotations[scheduler.alpha.kubernetes.io/critical-pod]: non-functional in v1.16+; use the "priorityClassName" field instead',
      'spec.template.spec.volumes[0].glusterfs: deprecated in v1.25, non-functional in v1.26+',
      'spec.template.spec.containers[0].resources.requests[memory]: fractional byte value "500m" is invalid, must be an integer',
      'spec.template.spec.containers[0].env[1]: hides previous definition of "A", which may be dropped when using apply',
    ])
  })

  it('nothing for a plain pod', () => {
    expect(apiWarnings({apiVersion: 'v1', kind: 'Pod', metadata: {name: 'p'}, spec: {containers: [{name: 'c', image: 'x', resources: {requests: {memory: '64Mi'}}}]}} as any)).toEqual([])
  })
})
