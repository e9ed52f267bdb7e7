import {describe, expect, it} from 'vitest'
import {validateSchema, normalizeKubernetesVersion, pointerToFieldPath} from '../../src/schema/validator.js'
import {convertSchema} from '../../src/schema/openapi-to-jsonschema.js'
import {CustomSchemas, resourceInfoFromCRD} from '../../src/schema/crd.js'

const crd = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: {name: 'widgets.example.com'},
  spec: {
    group: 'example.com',
    scope: 'Namespaced',
    names: {kind: 'Widget', plural: 'widgets', singular: 'widget', shortNames: ['wg'], categories: ['all']},
    versions: [
      {name: 'v1', served: true, storage: true, schema: {openAPIV3Schema: {type: 'object', properties: {spec: {type: 'object', required: ['size'],
        properties: {size: {type: 'integer', minimum: 1}, color: {type: 'string', enum: ['red', 'blue']}, port: {'x-kubernetes-int-or-string': true},
          extra: {type: 'object', 'x-kubernetes-preserve-unknown-fields': true}}}}}}},
      {name: 'v1beta1', served: true, storage: false, schema: {openAPIV3Schema: {type: 'object', 'x-kubernetes-preserve-unknown-fields': true}}},
    ],
  },
}

describe('schemas from the official OpenAPI', () => {
  it('accepts the versions k8sim ships', () => {
    expect(normalizeKubernetesVersion('1.32.0')).toBe('1.32')
    expect(normalizeKubernetesVersion('v1.29')).toBe('1.29')
    expect(normalizeKubernetesVersion(undefined)).toBe('1.32')
    expect(normalizeKubernetesVersion('1.20.0')).toBeUndefined()
  })

  it('gives JSON pointers and field paths', () => {
    const r = validateSchema({apiVersion: 'v1', kind: 'Pod', metadata: {name: 'p', creationTimestamp: null}, spec: {containers: [{name: 'c', image: 'i', ports: [{containerPort: '80'}]}]}})
    expect(r.status).toBe('invalid')
    expect(r.errors.map((e) => [e.path, e.fieldPath, e.message, e.kubeconform.msg])).toEqual([
      ['/spec/containers/0/ports/0/containerPort', 'spec.containers[0].ports[0].containerPort', 'must be integer, got string "80"', 'got string, want null or integer'],
    ])
    expect(pointerToFieldPath('/metadata/labels/app.kubernetes.io~1name')).toBe('metadata.labels[app.kubernetes.io/name]')
  })

  it('checks int32 ranges, base64 and date-time formats', () => {
    const pod = (extra: object) => ({apiVersion: 'v1', kind: 'Pod', metadata: {name: 'p'}, spec: {containers: [{name: 'c', image: 'i'}], ...extra}})
    expect(validateSchema(pod({terminationGracePeriodSeconds: 5_000_000_000})).status).toBe('valid') // int64
    expect(validateSchema(pod({priority: 5_000_000_000})).errors[0].message).toContain('int32')
    expect(validateSchema({apiVersion: 'v1', kind: 'Secret', metadata: {name: 's'}, data: {a: 'aGVsbG8='}}).status).toBe('valid')
    expect(validateSchema({apiVersion: 'v1', kind: 'Secret', metadata: {name: 's'}, data: {a: 'not base64!'}}).status).toBe('invalid')
    expect(validateSchema({apiVersion: 'v1', kind: 'Pod', metadata: {name: 'p', creationTimestamp: 'yesterday'}}).errors[0].fieldPath).toBe('metadata.creationTimestamp')
  })

  it('explains removed and unknown APIs', () => {
    expect(validateSchema({apiVersion: 'extensions/v1beta1', kind: 'Deployment'}).message).toBe('could not find schema for Deployment: extensions/v1beta1 Deployment was removed in 1.16: use apps/v1')
    expect(validateSchema({apiVersion: 'batch/v1beta1', kind: 'CronJob'}, {kubernetesVersion: '1.32'}).message).toBe('could not find schema for CronJob: batch/v1beta1 CronJob was removed in 1.25: use batch/v1')
    expect(validateSchema({apiVersion: 'autoscaling/v2beta2', kind: 'HorizontalPodAutoscaler'}).message).toContain('removed in 1.26: use autoscaling/v2')
    expect(validateSchema({apiVersion: 'example.com/v1', kind: 'Widget'}).message).toMatch(/^could not find schema for Widget: example.com\/v1 Widget is not a Kubernetes 1.32 API/)
  })

  it('knows what changed between versions (StatefulSet serviceName is optional from 1.33)', () => {
    const sts = {apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: {name: 's'}, spec: {selector: {matchLabels: {a: 'b'}}, template: {metadata: {labels: {a: 'b'}}, spec: {containers: [{name: 'c', image: 'i'}]}}}}
    expect(validateSchema(sts, {kubernetesVersion: '1.32'}).errors.map((e) => e.fieldPath)).toEqual(['spec.serviceName'])
    expect(validateSchema(sts, {kubernetesVersion: '1.33'}).status).toBe('valid')
  })

  it('converts OpenAPI v3: nullable types, int-or-string, strict objects, preserve-unknown-fields', () => {
    expect(convertSchema({type: 'integer', format: 'int32'}, {strict: false, refPrefix: '#/definitions/'})).toEqual({type: ['integer', 'null'], format: 'int32'})
    expect(convertSchema({allOf: [{$ref: '#/components/schemas/X'}], default: {}}, {strict: false, refPrefix: '#/definitions/'})).toEqual({$ref: '#/definitions/X'})
    expect(convertSchema({format: 'int-or-string', oneOf: [{type: 'integer'}, {type: 'string'}]}, {strict: true, refPrefix: ''})).toEqual({type: ['integer', 'string', 'null']})
    expect(convertSchema({type: 'object', properties: {a: {type: 'string'}}}, {strict: true, refPrefix: ''}).additionalProperties).toBe(false)
    expect(convertSchema({type: 'object', properties: {a: {type: 'string'}}, 'x-kubernetes-preserve-unknown-fields': true}, {strict: true, refPrefix: ''}).additionalProperties).toBeUndefined()
  })
})

describe('CustomResourceDefinitions', () => {
  it('validates custom resources against openAPIV3Schema', () => {
    const custom = new CustomSchemas()
    expect(custom.register(crd as any)).toEqual(['example.com/v1/Widget', 'example.com/v1beta1/Widget'])
    const w = (spec: object) => ({apiVersion: 'example.com/v1', kind: 'Widget', metadata: {name: 'w'}, spec})
    expect(validateSchema(w({size: 2, color: 'red', port: 'http', extra: {anything: 1}}), {sources: [custom], strict: true}).status).toBe('valid')
    const bad = validateSchema(w({size: 0, color: 'green', port: true, typo: 1}), {sources: [custom], strict: true})
    expect(bad.errors.map((e) => [e.fieldPath, e.message])).toEqual([
      ['spec.typo', 'unknown field'],
      ['spec.size', 'must be greater than or equal to 1'],
      ['spec.color', 'Unsupported value: "green": supported values: "red", "blue"'],
      ['spec.port', 'must be integer or string, got boolean true'],
    ])
    expect(validateSchema(w({}), {sources: [custom]}).errors.map((e) => [e.fieldPath, e.message])).toEqual([['spec.size', 'Required value']])
    expect(validateSchema({apiVersion: 'example.com/v1beta1', kind: 'Widget', metadata: {name: 'w'}, spec: {whatever: true}}, {sources: [custom], strict: true}).status).toBe('valid')
  })

  it('describes the resource for the registry', () => {
    expect(resourceInfoFromCRD(crd as any)).toEqual({group: 'example.com', version: 'v1', kind: 'Widget', plural: 'widgets', singular: 'widget', shortNames: ['wg'], namespaced: true,
      alsoServed: ['example.com/v1beta1'], allOrder: 100})
  })
})
