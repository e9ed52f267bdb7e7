// The whole `apply` use case: load and validate the documents, then store and simulate inside one cluster
// transaction. A failure anywhere rolls the transaction back, so nothing is half-written.

import {parseDuration} from '../api/duration.js'
import {UsageError} from '../errors.js'
import {loadManifests, formatIssue} from '../manifest/index.js'
import {withCluster} from '../state/session.js'
import {Engine} from '../engine/engine.js'
import {applyDocuments, ApplyErrors, errorLine} from './apply.js'
import {schemaErrorsFor} from './schema-check.js'
import {apiWarnings} from './api-warnings.js'
import type {ApplyReport} from './types.js'
import type {ManifestDocLike} from './ports.js'
import {recordDecisions} from '../state/decision-log.js'

export interface RunApplyOptions {
  files: string[]
  recursive: boolean
  namespace?: string
  dryRun: boolean
  timeout: string
  validate: 'strict' | 'warn' | 'ignore'
  explain: boolean
  home?: string
  cluster?: string
  readStdin: () => Promise<string>
  /** called now and then while the simulation runs (the CLI's spinner) */
  onProgress?: (virtualNowMs: number) => void
}

export interface RunApplyResult {
  report?: ApplyReport
  errors: string[]
  warnings: string[]
  /** the bundle's documents, when the API server refused some of them (the rejected report reads them) */
  docs?: ManifestDocLike[]
}

export async function runApply(o: RunApplyOptions): Promise<RunApplyResult> {
  const timeoutMs = parseDuration(o.timeout)
  if (timeoutMs === undefined) throw new UsageError(`invalid --timeout "${o.timeout}": use a duration such as 30s, 5m or 1h`)
  const loaded = await loadManifests(o.files, {recursive: o.recursive, strict: o.validate === 'strict', readStdin: o.readStdin})
  // like kubectl, a file that does not parse does not stop the other documents from being checked
  const parseErrors = loaded.issues.map(formatIssue)
  if (parseErrors.length > 0 && loaded.docs.length === 0) return {errors: parseErrors, warnings: []}
  if (loaded.docs.length === 0) return {errors: ['error: no objects passed to apply'], warnings: []}
  try {
    const report = await withCluster({home: o.home, cluster: o.cluster, write: true, dryRun: o.dryRun}, (s) => {
      const schemaErrors = o.validate === 'ignore' ? [] : schemaErrorsFor(loaded.docs, s, o.validate === 'strict')
      const engine = new Engine(s, {explain: o.explain, schedulerConfig: s.meta?.schedulerConfig})
      engine.start()
      if (schemaErrors.length > 0 || parseErrors.length > 0) {
        // kubectl still sends the documents it could map, so their server-side refusals (a missing namespace, a
        // forbidden pod update) are reported too; the transaction is rolled back, so nothing is stored
        const failed = (d: (typeof loaded.docs)[number]) => schemaErrors.some((e) => e.startsWith(`error: ${d.file}:`) && e.includes(`(document ${d.docIndex}, `))
        const rest = loaded.docs.filter((d) => !failed(d))
        let serverErrors: string[] = []
        try {
          if (rest.length > 0) applyDocuments({...s, engine}, rest, {namespace: o.namespace, dryRun: true, timeoutMs: 0})
        } catch (e) {
          if (e instanceof ApplyErrors) serverErrors = e.lines
          else throw e
        }
        throw new ApplyErrors([...parseErrors, ...schemaErrors, ...serverErrors])
      }
      const {report, rawDecisions} = applyDocuments({...s, engine}, loaded.docs, {namespace: o.namespace, dryRun: o.dryRun, timeoutMs, onProgress: o.onProgress})
      recordDecisions(s, rawDecisions)
      return report
    })
    // the API server's warnings for each document it received (an unchanged one is not sent)
    const sent = new Set(report.objects.filter((r) => r.operation !== 'unchanged').map((r) => `${r.file}#${r.docIndex}`))
    const warnings = loaded.docs.filter((d) => sent.has(`${d.file}#${d.docIndex}`)).flatMap((d) => apiWarnings(d.obj).map((w) => `Warning: ${w}`))
    return {report, errors: [], warnings}
  } catch (e) {
    if (e instanceof ApplyErrors) return {errors: e.lines, warnings: [], docs: loaded.docs}
    throw e
  }
}

void errorLine
