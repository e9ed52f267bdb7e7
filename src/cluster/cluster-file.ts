// The `k8sim.io/v1alpha1 Cluster` file of `cluster create -f` (schema: schemas/k8sim/cluster.schema.json).

import fs from 'node:fs'
import {UserError} from '../errors.js'
import {
  DEFAULT_NODE_COUNT,
  DEFAULT_POOL,
  type NodePool,
  normalizePool,
  parseKubernetesVersion,
  parseSeed,
  parseStartTime,
} from './options.js'
import {readYamlDocs} from './yaml-docs.js'

/** What a Cluster file sets; anything unset is taken from the flags or the defaults. */
export interface ClusterFileSpec {
  name?: string
  kubernetesVersion?: {minor: string; kubelet: string}
  seed?: number
  startTime?: number
  nodePools?: NodePool[]
  schedulerConfig?: unknown
}

let validator: ((v: unknown) => boolean) & {errors?: any[] | null} = undefined as any

async function clusterValidator() {
  if (!validator) {
    const [{default: Ajv}, {default: addFormats}] = await Promise.all([import('ajv'), import('ajv-formats')])
    const schema = JSON.parse(fs.readFileSync(new URL('../../schemas/k8sim/cluster.schema.json', import.meta.url), 'utf8'))
    const ajv = new (Ajv as any)({allErrors: false, strict: false})
    ;(addFormats as any)(ajv)
    validator = ajv.compile(schema)
  }
  return validator
}

export async function readClusterFile(file: string): Promise<ClusterFileSpec> {
  const docs = readYamlDocs(file)
  if (docs.length !== 1) throw new UserError(`${docs[0]?.file ?? file}: expected exactly one k8sim.io/v1alpha1 Cluster document, found ${docs.length}`)
  return clusterSpecFromObject(docs[0].value, docs[0].file)
}

/** Validate a parsed Cluster object and turn it into options (also used by scenarios that embed a cluster). */
export async function clusterSpecFromObject(obj: unknown, where: string): Promise<ClusterFileSpec> {
  const validate = await clusterValidator()
  if (!validate(obj)) {
    const e = validate.errors![0]
    const path = (e.instancePath as string).replace(/^\//, '').replace(/\/(\d+)(?=\/|$)/g, '[$1]').replace(/\//g, '.')
    let msg = e.message as string
    if (e.keyword === 'additionalProperties') msg = `unknown field "${e.params.additionalProperty}"`
    if (e.keyword === 'const') msg = `must be ${JSON.stringify(e.params.allowedValue)}`
    if (e.keyword === 'enum') msg = `must be one of ${(e.params.allowedValues as string[]).join(', ')}`
    throw new UserError(`${where}: ${path ? `${path}: ` : ''}${msg}`)
  }
  const o = obj as any
  const spec = o.spec ?? {}
  const out: ClusterFileSpec = {}
  try {
    if (o.metadata?.name !== undefined) out.name = String(o.metadata.name)
    if (typeof spec.kubernetesVersion === 'number' && !/^\d+\.\d\d$/.test(String(spec.kubernetesVersion))) {
      throw new UserError(`spec.kubernetesVersion: ${spec.kubernetesVersion} is read as a number: quote the version, e.g. kubernetesVersion: "1.30"`)
    }
    if (spec.kubernetesVersion !== undefined) out.kubernetesVersion = parseKubernetesVersion(String(spec.kubernetesVersion))
    if (spec.seed !== undefined) out.seed = parseSeed(spec.seed)
    if (spec.startTime !== undefined) out.startTime = parseStartTime(spec.startTime, 'spec.startTime')
    if (spec.schedulerConfig !== undefined) out.schedulerConfig = spec.schedulerConfig
    if (spec.nodePools !== undefined) {
      const pools = (spec.nodePools as any[]).map((p): NodePool =>
        normalizePool({
          name: p.name,
          count: p.count ?? DEFAULT_NODE_COUNT,
          cpu: String(p.cpu ?? DEFAULT_POOL.cpu),
          memory: String(p.memory ?? DEFAULT_POOL.memory),
          pods: p.pods ?? DEFAULT_POOL.pods,
          ephemeralStorage: String(p.ephemeralStorage ?? DEFAULT_POOL.ephemeralStorage),
          labels: {...(p.labels ?? {})},
          taints: p.taints ?? [],
          zones: p.zones ?? [...DEFAULT_POOL.zones],
        }),
      )
      const seen = new Set<string>()
      for (const p of pools) {
        if (seen.has(p.name)) throw new UserError(`duplicate node pool name "${p.name}"`)
        seen.add(p.name)
      }
      out.nodePools = pools
    }
  } catch (err) {
    if (err instanceof UserError) throw new UserError(`${where}: ${err.message}`, err.hint)
    throw err
  }
  return out
}
