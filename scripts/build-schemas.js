#!/usr/bin/env node
// Build step (after tsc): converts the official Kubernetes OpenAPI v3 documents into JSON Schemas under
// schemas/k8s/<version>/: index.json (gvk key → definition name), defs.json and defs-strict.json
// ({definitions}, refs as #/definitions/X). Source: $K8SIM_OPENAPI_DIR or ../shared/k8s-openapi (relative to
// the repository), one folder v<version>/ per Kubernetes minor version.
import {existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync} from 'node:fs'
import {dirname, join, resolve} from 'node:path'
import {fileURLToPath} from 'node:url'
import {convertOpenAPIDocuments} from '../dist/schema/openapi-to-jsonschema.js'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const source = resolve(root, process.env.K8SIM_OPENAPI_DIR ?? '../shared/k8s-openapi')
const out = join(root, 'schemas', 'k8s')
const versions = ['1.29', '1.30', '1.31', '1.32', '1.33', '1.34', '1.35']

function jsonFiles(dir) {
  const files = []
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name)
    if (statSync(p).isDirectory()) files.push(...jsonFiles(p))
    else if (name.endsWith('.json')) files.push(p)
  }
  return files
}

if (!existsSync(source)) {
  if (existsSync(join(out, '1.32', 'index.json'))) {
    console.error(`build-schemas: ${source} not found; keeping the schemas already in schemas/k8s`)
    process.exit(0)
  }
  console.error(`build-schemas: OpenAPI documents not found at ${source} (set K8SIM_OPENAPI_DIR)`)
  process.exit(1)
}

let built = 0
for (const v of versions) {
  const dir = join(source, `v${v}`)
  if (!existsSync(dir)) {
    console.error(`build-schemas: no OpenAPI documents for ${v} (${dir}), skipped`)
    continue
  }
  // core group first so its definitions win when names repeat across documents
  const files = jsonFiles(dir).sort((a, b) => Number(b.includes('/api/')) - Number(a.includes('/api/')) || a.localeCompare(b))
  const docs = files.map((f) => JSON.parse(readFileSync(f, 'utf8')))
  const target = join(out, v)
  mkdirSync(target, {recursive: true})
  for (const strict of [false, true]) {
    const {definitions, kinds} = convertOpenAPIDocuments(docs, {strict, refPrefix: '#/definitions/'})
    writeFileSync(join(target, strict ? 'defs-strict.json' : 'defs.json'), JSON.stringify({definitions}))
    if (!strict) {
      const index = {}
      for (const k of kinds) index[k.group ? `${k.group}/${k.version}/${k.kind}` : `${k.version}/${k.kind}`] = k.definition
      writeFileSync(join(target, 'index.json'), JSON.stringify(index))
    }
  }
  built++
}
console.error(`build-schemas: ${built} Kubernetes versions converted into ${out}`)
