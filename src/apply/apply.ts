// `k8sim apply`: store every document through the simulated API server (all or nothing), then let the control
// plane run on the virtual clock until what was applied settles. Returns data; the command prints it.

import type {KubeObject} from '../api/types.js'
import {parseApiVersion} from '../api/types.js'
import {printedKind, qualifiedResource} from '../api/resources.js'
import {objectKey} from '../api/store/keys.js'
import {toRFC3339} from '../clock/clock.js'
import {threeWayMerge} from './merge.js'
import type {AppliedObject, ApplyReport, Operation} from './types.js'
import type {ManifestDocLike, ApplySession, ApiServerLike} from './ports.js'
import {lastAppliedAnnotation} from '../admission/metadata.js'
import {collectProblems} from './problems.js'
import {summarizeDecisions} from './decisions.js'

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration'

export interface ApplyOptions {
  namespace?: string
  dryRun: boolean
  timeoutMs: number
  onProgress?: (virtualNowMs: number) => void
}

/** One error line per failed document, in CLI.md §5 form. */
export class ApplyErrors extends Error {
  constructor(readonly lines: string[]) {
    super(lines.join('\n'))
  }
}

export function docLabel(doc: ManifestDocLike): string {
  const kind = doc.obj?.kind ?? '?'
  const name = doc.obj?.metadata?.name ?? doc.obj?.metadata?.generateName ?? '<unknown>'
  return `${kind}/${name}`
}

function pos(doc: ManifestDocLike, path?: (string | number)[]): string {
  const p = path ? doc.positionOf(path) : undefined
  return `${doc.file}:${p?.line ?? doc.line}:${p?.col ?? doc.col}`
}

export function errorLine(doc: ManifestDocLike, message: string, path?: (string | number)[]): string {
  return `error: ${pos(doc, path)} (document ${doc.docIndex}, ${docLabel(doc)}): ${message}`
}

/** Namespaces and CRDs first so the rest of the bundle can use them, whatever the document order. */
function applyOrder(docs: ManifestDocLike[]): ManifestDocLike[] {
  const rank = (d: ManifestDocLike) => (d.obj.kind === 'Namespace' ? 0 : d.obj.kind === 'CustomResourceDefinition' ? 1 : 2)
  return docs.map((d, i) => ({d, i})).sort((a, b) => rank(a.d) - rank(b.d) || a.i - b.i).map((x) => x.d)
}

export function applyDocuments(s: ApplySession, docs: ManifestDocLike[], opts: ApplyOptions): {report: ApplyReport; rawDecisions: unknown[]} {
  const {store, clock, registry} = s
  const api: ApiServerLike = s.engine.api
  const startMs = clock.now()
  const errors: string[] = []
  const results = new Map<ManifestDocLike, AppliedObject>()

  for (const doc of applyOrder(docs)) {
    const manifest = structuredClone(doc.obj) as KubeObject
    const {group} = parseApiVersion(manifest.apiVersion)
    const info = registry.byGroupKind(group, manifest.kind)
    if (!info) {
      errors.push(
        errorLine(doc, `resource mapping not found for name: "${manifest.metadata?.name ?? ''}" namespace: "${manifest.metadata?.namespace ?? ''}" from "${doc.file}": no matches for kind "${manifest.kind}" in version "${manifest.apiVersion}"; ensure CRDs are installed first`),
      )
      continue
    }
    if (!manifest.metadata?.name) {
      errors.push(errorLine(doc, manifest.metadata?.generateName ? `from ${manifest.metadata.generateName}: cannot use generate name with apply` : 'metadata.name: Required value: name or generateName is required', ['metadata']))
      continue
    }
    if (info.namespaced) {
      const ns = manifest.metadata.namespace
      if (opts.namespace && ns && ns !== opts.namespace) {
        errors.push(errorLine(doc, `the namespace from the provided object "${ns}" does not match the namespace "${opts.namespace}". You must pass '--namespace=${ns}' to perform this operation.`, ['metadata', 'namespace']))
        continue
      }
      manifest.metadata.namespace = ns ?? opts.namespace ?? 'default'
    } else {
      delete manifest.metadata.namespace
    }
    const lastApplied = lastAppliedAnnotation(manifest)
    manifest.metadata.annotations = {...(manifest.metadata.annotations ?? {}), [LAST_APPLIED]: lastApplied}
    const key = objectKey(group, manifest.kind, manifest.metadata.namespace, manifest.metadata.name)
    const live = store.get(key)
    let operation: Operation
    try {
      if (!live) {
        api.create(manifest)
        operation = 'created'
      } else if (live.metadata.annotations?.[LAST_APPLIED] === lastApplied) {
        operation = 'unchanged'
      } else {
        const previous = live.metadata.annotations?.[LAST_APPLIED]
        const merged = threeWayMerge(previous ? JSON.parse(previous) : {}, manifest, structuredClone(live)) as KubeObject
        api.update(merged)
        operation = 'configured'
      }
    } catch (e: any) {
      if (e && typeof e.status === 'number') {
        const verb = live ? 'applying patch' : 'creating'
        const fieldErrors: {field?: string; path?: (string | number)[]}[] = e.fieldErrors ?? []
        const path = fieldErrors[0]?.path ?? (fieldErrors[0]?.field ? fieldPathToArray(fieldErrors[0].field) : undefined)
        errors.push(errorLine(doc, `Error from server (${e.reason}): error when ${verb} "${doc.file}": ${e.message}`, path))
        continue
      }
      throw e
    }
    results.set(doc, {
      kind: manifest.kind,
      group,
      namespace: manifest.metadata.namespace,
      name: manifest.metadata.name,
      operation,
      line: `${printedKind(group, manifest.kind)}/${manifest.metadata.name} ${operation}`,
      file: doc.file,
      docIndex: doc.docIndex,
      lineNo: doc.line,
    })
    void qualifiedResource
  }
  if (errors.length > 0) throw new ApplyErrors(errors)

  const run = s.engine.runUntilSettled({timeoutMs: opts.timeoutMs, onProgress: opts.onProgress})
  const objects = docs.map((d) => results.get(d)!).filter(Boolean)
  const problems = collectProblems(s, objects, docs)
  const rawDecisions = s.engine.decisions?.() ?? []
  const decisions = summarizeDecisions(rawDecisions)
  const pods: Record<string, number> = {}
  for (const p of store.list('/Pod')) {
    const phase = p.status?.phase ?? 'Pending'
    pods[phase] = (pods[phase] ?? 0) + 1
  }
  const report: ApplyReport = {
    apiVersion: 'k8sim.io/v1alpha1',
    kind: 'ApplyReport',
    dryRun: opts.dryRun,
    cluster: s.name,
    startTime: toRFC3339(startMs),
    endTime: toRFC3339(clock.now()),
    simulatedSeconds: Math.round((clock.now() - startMs) / 1000),
    settled: run.settled,
    healthy: !problems.some((p) => p.severity === 'error'),
    objects,
    decisions,
    pods,
    problems,
  }
  return {report, rawDecisions}
}

/** `spec.template.spec.containers[0].image` → ['spec','template','spec','containers',0,'image'] */
export function fieldPathToArray(field: string): (string | number)[] {
  const out: (string | number)[] = []
  for (const part of field.split('.')) {
    const m = /^([^[]*)((?:\[[^\]]*\])*)$/.exec(part)
    if (!m) {
      out.push(part)
      continue
    }
    if (m[1]) out.push(m[1])
    for (const idx of m[2].matchAll(/\[([^\]]*)\]/g)) out.push(/^\d+$/.test(idx[1]) ? Number(idx[1]) : idx[1])
  }
  return out
}
