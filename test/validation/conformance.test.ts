// The conformance validation cases whose API-server verdict (serverExpect) k8sim's server-side rules decide,
// plus a guard that schema-valid example manifests stay valid after defaulting + validation.
import {describe, expect, it} from 'vitest'
import {existsSync, readFileSync, statSync} from 'node:fs'
import {parseAllDocuments} from 'yaml'
import {formatFieldError, validateCreate} from '../../src/validation/index.js'
import type {KubeObject} from '../../src/api/types.js'

const ROOT = '/work/shared/conformance/validation/'
const cases: any[] = existsSync(ROOT + 'expected.json') ? JSON.parse(readFileSync(ROOT + 'expected.json', 'utf8')) : []

function objectsOf(file: string): KubeObject[] {
  const out: KubeObject[] = []
  for (const d of parseAllDocuments(readFileSync(ROOT + 'cases/' + file, 'utf8'), {version: '1.1'} as any)) {
    const o: any = d.toJS()
    if (!o || typeof o !== 'object' || !o.kind || !o.apiVersion) continue
    for (const it of o.kind === 'List' ? (o.items ?? []) : [o]) out.push({...it, metadata: it.metadata ?? {}})
  }
  return out
}

function messages(file: string): string[] {
  return objectsOf(file).flatMap((o) => validateCreate(o).map(formatFieldError))
}

// serverExpect verdicts that come from the schema/decoder (helper 1's area), not from API-server rules
const SCHEMA_DECIDED = new Set([
  'kval-array-instead-of-map',
  'kval-invalid-protocol-type',
  'kval-misspelled-key',
  'kval-indentation-strict',
  'kval-map-instead-of-array',
  'kval-quantity-bool',
  'kval-duplicate-key-strict',
])
// schema-valid manifests that a real API server rejects too (no template labels for the selector)
const SERVER_INVALID_WITHOUT_VERDICT = new Set(['kc-extra-property-nonstrict', 'kc-duplicate-key-nonstrict'])

const usable = (c: any) => typeof c.file === 'string' && !c.fileAbsent && existsSync(ROOT + 'cases/' + c.file) && statSync(ROOT + 'cases/' + c.file).isFile()

describe('conformance serverExpect cases', () => {
  const decided = cases.filter((c) => c.serverExpect && usable(c) && !SCHEMA_DECIDED.has(c.id))
  it('has cases to check', () => expect(decided.length).toBeGreaterThan(10))
  for (const c of decided) {
    it(`${c.id}: ${c.serverExpect}${c.serverMessageContains ? ` (${c.serverMessageContains})` : ''}`, () => {
      const msgs = messages(c.file)
      if (c.serverExpect === 'valid') expect(msgs).toEqual([])
      else {
        expect(msgs.length).toBeGreaterThan(0)
        if (c.serverMessageContains && c.serverMessageContains !== 'unknown field') {
          expect(msgs.some((m) => m.includes(c.serverMessageContains))).toBe(true)
        }
      }
    })
  }
})

describe('schema-valid examples stay valid on the server side', () => {
  const valid = cases.filter((c) => c.expect === 'valid' && !c.serverExpect && usable(c) && !SERVER_INVALID_WITHOUT_VERDICT.has(c.id))
  for (const c of valid) {
    it(c.id, () => expect(messages(c.file)).toEqual([]))
  }
})

describe('exact API-server messages of conformance cases', () => {
  it('kval-enum-invalid', () => {
    expect(messages('error_enum_invalid.yaml')).toEqual([
      'spec.containers[0].ports[0].protocol: Unsupported value: "udp": supported values: "SCTP", "TCP", "UDP"',
    ])
  })
  it('kval-invalid-label', () => {
    expect(messages('error_invalid_label.yaml')).toEqual([
      "metadata.labels: Invalid value: \"_\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
    ])
  })
  it('kval-invalid-name', () => {
    expect(messages('error_invalid_name.yaml')).toEqual([
      "metadata.name: Invalid value: \"x.com^2\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
    ])
  })
  it('kval-missing-name', () => {
    expect(messages('error_missing_name.yaml')).toEqual(['metadata.name: Required value: name or generateName is required'])
  })
  it('kval-list-map-duplicate-key', () => {
    expect(messages('error_x_list_map_duplicate_key.yaml')).toEqual(['spec.containers[0].ports[2]: Duplicate value: {"containerPort":88,"protocol":"TCP"}'])
  })
  it('own-selector-mismatch', () => {
    expect(messages('deployment-selector-mismatch.yaml')).toEqual([
      'spec.template.metadata.labels: Invalid value: map[string]string{"app":"service"}: `selector` does not match template `labels`',
    ])
  })
  it('own-service-type-wrong-case', () => {
    expect(messages('service-type-wrong-case.yaml')).toEqual([
      'spec.type: Unsupported value: "loadBalancer": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"',
    ])
  })
})
