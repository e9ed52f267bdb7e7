// Read and check a Scenario file: JSON Schema first (errors name the field path and line), then build the
// in-memory cluster's options from spec.cluster like a Cluster file's spec.
import fs from 'node:fs'
import path from 'node:path'
import {LineCounter, parseDocument, isMap, isSeq, type Node} from 'yaml'
import {UserError} from '../errors.js'
import {clusterSpecFromObject} from '../cluster/cluster-file.js'
import {defaultClusterOptions, type ClusterCreateOptions} from '../cluster/options.js'

export interface LoadedScenario {
  name: string
  file: string
  dir: string
  spec: any
  /** 1-based line of each step */
  stepLines: number[]
  options: ClusterCreateOptions
}

/** Scenarios start at a fixed instant unless they say otherwise, so their output never depends on the day. */
const DEFAULT_START = Date.UTC(2025, 0, 1)

let validator: any

async function scenarioValidator() {
  if (!validator) {
    const [{default: Ajv}, {default: addFormats}] = await Promise.all([import('ajv'), import('ajv-formats')])
    const schema = JSON.parse(fs.readFileSync(new URL('../../schemas/k8sim/scenario.schema.json', import.meta.url), 'utf8'))
    const ajv = new (Ajv as any)({allErrors: false, strict: false})
    ;(addFormats as any)(ajv)
    validator = ajv.compile(schema)
  }
  return validator
}

function nodeAt(doc: any, p: (string | number)[]): Node | undefined {
  return doc.getIn(p, true) as Node | undefined
}

export async function loadScenario(file: string): Promise<LoadedScenario> {
  let text: string
  try {
    text = fs.readFileSync(file, 'utf8')
  } catch {
    throw new UserError(`the path "${file}" does not exist`)
  }
  const lc = new LineCounter()
  const doc = parseDocument(text, {version: '1.1', lineCounter: lc})
  if (doc.errors.length > 0) {
    const e = doc.errors[0]
    // the yaml library's wording names its own API; say what is wrong with the file instead
    if (e.code === 'MULTIPLE_DOCS') throw new UserError(`${file}:${e.linePos?.[0]?.line ?? 1}: a Scenario file holds one YAML document, this one has several`, 'manifests go in a step (`- apply: app.yaml`), or run `k8sim apply -f` on them')
    throw new UserError(`${file}:${e.linePos?.[0]?.line ?? 1}: ${e.message.split('\n')[0]}`)
  }
  const obj = doc.toJS() as any
  const lineOf = (p: (string | number)[]) => {
    const n = nodeAt(doc, p)
    return n?.range ? lc.linePos(n.range[0]).line : undefined
  }
  const validate = await scenarioValidator()
  if (!validate(obj)) {
    const e = validate.errors[0]
    const parts = (e.instancePath as string).split('/').slice(1).map((x: string) => (/^\d+$/.test(x) ? Number(x) : x))
    const fieldPath = parts.map((x: string | number) => (typeof x === 'number' ? `[${x}]` : `.${x}`)).join('').replace(/^\./, '')
    let msg = e.message as string
    if (e.keyword === 'additionalProperties') msg = `unknown field "${e.params.additionalProperty}"`
    if (e.keyword === 'const') msg = `must be ${JSON.stringify(e.params.allowedValue)}`
    if (e.keyword === 'enum') msg = `must be one of ${(e.params.allowedValues as string[]).join(', ')}`
    const line = lineOf(parts) ?? 1
    throw new UserError(`${file}:${line}: ${fieldPath ? `${fieldPath}: ` : ''}${msg}`)
  }
  const name = String(obj.metadata?.name ?? path.basename(file).replace(/\.ya?ml$/, ''))
  const spec = obj.spec
  const stepsNode = nodeAt(doc, ['spec', 'steps'])
  const stepLines = isSeq(stepsNode) ? stepsNode.items.map((n: any) => (n?.range ? lc.linePos(n.range[0]).line : 0)) : []
  void isMap
  const cluster = await clusterSpecFromObject({apiVersion: 'k8sim.io/v1alpha1', kind: 'Cluster', metadata: {name}, spec: spec.cluster ?? {}}, `${file}: spec.cluster`)
  const options = defaultClusterOptions(name, cluster.startTime ?? DEFAULT_START)
  if (cluster.kubernetesVersion) {
    options.kubernetesVersion = cluster.kubernetesVersion.minor
    options.kubeletVersion = cluster.kubernetesVersion.kubelet
  }
  if (cluster.seed !== undefined) options.seed = cluster.seed
  if (cluster.nodePools) options.nodePools = cluster.nodePools
  if (cluster.schedulerConfig !== undefined) options.schedulerConfig = cluster.schedulerConfig
  return {name, file, dir: path.dirname(file), spec, stepLines, options}
}
