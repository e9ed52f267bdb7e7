// --schema-location: kubeconform's schema location templates (local files), e.g.
// `registry/{{ .ResourceKind }}{{ .KindSuffix }}.json` or a fixed `schema.json`. A location that does not end
// in `json` is a folder laid out like kubeconform's kubernetes-json-schema fork. `default` means k8sim's own
// schemas, which are always consulted first anyway.

import {existsSync, readFileSync} from 'node:fs'
import {isAbsolute, resolve} from 'node:path'
import {sharedAjv, type CompiledSchema, type SchemaSource} from './validator.js'

const FORK_LAYOUT = '/{{ .NormalizedKubernetesVersion }}-standalone{{ .StrictSuffix }}/{{ .ResourceKind }}{{ .KindSuffix }}.json'

/** Expand one kubeconform template for a resource (same variables and rules as kubeconform's schemaPath). */
export function expandSchemaLocation(template: string, kind: string, apiVersion: string, kubernetesVersion: string, strict: boolean): string {
  const groupParts = apiVersion.split('/')
  const versionParts = groupParts[0].split('.')
  let kindSuffix = '-' + versionParts[0].toLowerCase()
  if (groupParts.length > 1) kindSuffix += '-' + groupParts[1].toLowerCase()
  const vars: Record<string, string> = {
    NormalizedKubernetesVersion: kubernetesVersion === 'master' ? 'master' : `v${kubernetesVersion}`,
    StrictSuffix: strict ? '-strict' : '',
    ResourceKind: kind.toLowerCase(),
    ResourceAPIVersion: groupParts[groupParts.length - 1],
    Group: groupParts[0],
    KindSuffix: kindSuffix,
  }
  return template.replace(/\{\{-?\s*\.(\w+)\s*-?\}\}/g, (m, name: string) => vars[name] ?? m)
}

/** Drop what ajv cannot compile in schemas written for other validators ($schema of draft-04, `id`). */
function sanitize(schema: any): any {
  if (schema && typeof schema === 'object' && !Array.isArray(schema)) {
    const {$schema: _s, id: _id, $id: _id2, ...rest} = schema
    void _id2
    void _s
    void _id
    return rest
  }
  return schema
}

export class SchemaLocations implements SchemaSource {
  private cache = new Map<string, CompiledSchema | null>()
  private templates: string[]
  /** files that could not be read or compiled: path → message */
  readonly failures = new Map<string, string>()

  /** baseDir resolves relative locations (the current directory for the CLI). */
  constructor(locations: string[], private baseDir: string) {
    this.templates = locations.filter((l) => l !== 'default').map((l) => (l.endsWith('json') ? l : l.replace(/\/$/, '') + FORK_LAYOUT))
  }

  find(apiVersion: string, kind: string, kubernetesVersion: string, strict: boolean): CompiledSchema | undefined {
    for (const t of this.templates) {
      if (/^https?:\/\//.test(t)) continue // k8sim works offline: remote registries are not fetched
      const rel = expandSchemaLocation(t, kind, apiVersion, `${kubernetesVersion}.0`, strict)
      const file = isAbsolute(rel) ? rel : resolve(this.baseDir, rel)
      const c = this.load(file)
      if (c) return c
    }
    return undefined
  }

  private load(file: string): CompiledSchema | undefined {
    const cached = this.cache.get(file)
    if (cached !== undefined) return cached ?? undefined
    let c: CompiledSchema | null = null
    if (existsSync(file)) {
      try {
        c = {validate: sharedAjv().compile(sanitize(JSON.parse(readFileSync(file, 'utf8')))), id: file}
      } catch (e) {
        this.failures.set(file, (e as Error).message)
      }
    }
    this.cache.set(file, c)
    return c ?? undefined
  }
}
