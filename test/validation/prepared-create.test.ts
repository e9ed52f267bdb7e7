// validatePreparedCreate validates pods in place (no defaulted copy): it must give validateCreate's errors and leave
// the API server's object as it was.
import {describe, expect, it} from 'vitest'
import {validateCreate, validatePreparedCreate} from '../../src/validation/index.js'
import {applyDefaults} from '../../src/admission/defaults/index.js'
import {prepareCreate} from '../../src/admission/metadata.js'
import type {KubeObject} from '../../src/api/types.js'

function deepFreeze<T>(x: T): T {
  if (x && typeof x === 'object') {
    Object.freeze(x)
    for (const v of Object.values(x)) deepFreeze(v)
  }
  return x
}

/** as the API server has it when it validates: defaulted, then prepared */
function served(pod: any): KubeObject {
  applyDefaults(pod)
  prepareCreate(pod, {nowRFC3339: '2025-01-01T00:00:00Z', uid: '11111111-2222-4333-8444-555555555555'})
  return pod
}

const pods: Record<string, any> = {
  valid: {
    apiVersion: 'v1', kind: 'Pod', metadata: {name: 'web', namespace: 'default', labels: {app: 'web'}},
    spec: {
      containers: [{name: 'web', image: 'nginx:1.27', resources: {requests: {cpu: '10m'}, limits: {memory: '16Mi'}}, ports: [{containerPort: 80}]}],
      affinity: {podAntiAffinity: {requiredDuringSchedulingIgnoredDuringExecution: [{topologyKey: 'kubernetes.io/hostname', labelSelector: {matchLabels: {app: 'web'}}, matchLabelKeys: ['app']}]}},
    },
  },
  invalid: {
    apiVersion: 'v1', kind: 'Pod', metadata: {name: 'Bad_Name', namespace: 'default'},
    spec: {
      containers: [{name: 'web', image: '', ports: [{containerPort: 70000}]}, {name: 'web', image: 'x'}],
      initContainers: [{name: 'init', image: 'busybox', restartPolicy: 'Sometimes'}],
      restartPolicy: 'Never',
    },
  },
  badQuantity: {
    apiVersion: 'v1', kind: 'Pod', metadata: {name: 'q', namespace: 'default'},
    spec: {containers: [{name: 'c', image: 'x', resources: {requests: {cpu: 'lots'}}}]},
  },
}

describe('validatePreparedCreate', () => {
  for (const [name, pod] of Object.entries(pods)) {
    it(`gives validateCreate's errors for a served pod (${name}) and does not change it`, () => {
      const obj = deepFreeze(served(structuredClone(pod)))
      const before = JSON.stringify(obj)
      expect(validatePreparedCreate(obj)).toEqual(validateCreate(obj))
      expect(JSON.stringify(obj)).toBe(before)
    })
  }

  it('finds errors in the invalid pod', () => {
    expect(validatePreparedCreate(served(structuredClone(pods.invalid))).length).toBeGreaterThan(0)
  })
})
