// CustomResourceDefinitions (apiextensions.k8s.io/v1): their custom resources validate against
// spec.versions[].schema.openAPIV3Schema, converted like the built-in schemas.

import type {KubeObject} from '../api/types.js'
import type {ResourceInfo} from '../api/resources.js'
import {convertCRDSchema, gvkKey} from './openapi-to-jsonschema.js'
import {sharedAjv, type CompiledSchema, type SchemaSource} from './validator.js'

interface CRDVersionSchema {
  openAPIV3Schema: any
  compiled: {normal?: CompiledSchema; strict?: CompiledSchema}
  crdName: string
}

/** The custom resources' schemas one cluster (or one validate run) knows. */
export class CustomSchemas implements SchemaSource {
  private byGVK = new Map<string, CRDVersionSchema>()

  /** Register every served version of a CRD; returns the GVK keys (`example.com/v1/Widget`). */
  register(crd: KubeObject): string[] {
    const spec = crd.spec ?? {}
    const group: string = spec.group ?? ''
    const kind: string = spec.names?.kind ?? ''
    if (!kind) return []
    const keys: string[] = []
    for (const v of Array.isArray(spec.versions) ? spec.versions : []) {
      if (!v || typeof v.name !== 'string' || v.served === false) continue
      const key = gvkKey(group, v.name, kind)
      this.byGVK.set(key, {openAPIV3Schema: v.schema?.openAPIV3Schema ?? spec.validation?.openAPIV3Schema, compiled: {}, crdName: crd.metadata?.name ?? ''})
      keys.push(key)
    }
    return keys
  }

  has(apiVersion: string, kind: string): boolean {
    return this.byGVK.has(keyOf(apiVersion, kind))
  }

  find(apiVersion: string, kind: string, _kubernetesVersion: string, strict: boolean): CompiledSchema | undefined {
    const key = keyOf(apiVersion, kind)
    const entry = this.byGVK.get(key)
    if (!entry) return undefined
    const slot = strict ? 'strict' : 'normal'
    let c = entry.compiled[slot]
    if (!c) {
      c = {validate: sharedAjv().compile(convertCRDSchema(entry.openAPIV3Schema, strict)), id: `crd/${entry.crdName}/${key}`}
      entry.compiled[slot] = c
    }
    return c
  }
}

function keyOf(apiVersion: string, kind: string): string {
  const i = apiVersion.indexOf('/')
  return i < 0 ? gvkKey('', apiVersion, kind) : gvkKey(apiVersion.slice(0, i), apiVersion.slice(i + 1), kind)
}

/** Register a CRD into a set of custom schemas (a convenience for callers holding one per cluster). */
export function registerCRD(crd: KubeObject, into: CustomSchemas): string[] {
  return into.register(crd)
}

/** The ResourceRegistry entry for a CRD's custom resource (kubectl names, scope, served versions). */
export function resourceInfoFromCRD(crd: KubeObject): ResourceInfo {
  const spec = crd.spec ?? {}
  const names = spec.names ?? {}
  const group: string = spec.group ?? ''
  const versions: any[] = (Array.isArray(spec.versions) ? spec.versions : []).filter((v: any) => v && v.served !== false)
  const preferred = versions.find((v) => v.storage) ?? versions[0] ?? {name: spec.version ?? 'v1'}
  const kind: string = names.kind ?? ''
  const info: ResourceInfo = {
    group,
    version: preferred.name,
    kind,
    plural: names.plural ?? kind.toLowerCase() + 's',
    singular: names.singular ?? kind.toLowerCase(),
    shortNames: Array.isArray(names.shortNames) ? names.shortNames : [],
    namespaced: spec.scope !== 'Cluster',
  }
  const others = versions.filter((v) => v.name !== preferred.name).map((v) => (group ? `${group}/${v.name}` : v.name))
  if (others.length > 0) info.alsoServed = others
  if (Array.isArray(names.categories) && names.categories.includes('all')) info.allOrder = 100
  return info
}
