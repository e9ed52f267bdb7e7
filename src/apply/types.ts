// The values `apply` produces; printers turn them into text, `-o json` prints them as they are.

export type Operation = 'created' | 'configured' | 'unchanged'

export interface AppliedObject {
  kind: string
  group: string
  namespace?: string
  name: string
  operation: Operation
  /** the kubectl line, e.g. `deployment.apps/web created` (without the dry-run suffix) */
  line: string
  file: string
  docIndex: number
  lineNo: number
}

export type Severity = 'error' | 'warning' | 'info'

export interface Problem {
  code: string
  severity: Severity
  /** `Kind/name` or `Kind/namespace/name` */
  object: string
  namespace?: string
  file?: string
  line?: number
  message: string
  hint?: string
}

export interface DecisionSummary {
  pod: string // ns/name
  node: string | null
  score: number | null
  feasibleNodes: number
  totalNodes: number
  attempts: number
  time: string
  message: string | null
}

export interface ApplyReport {
  apiVersion: 'k8sim.io/v1alpha1'
  kind: 'ApplyReport'
  dryRun: boolean
  /** true when the API server refused the bundle (exit 1): nothing was stored, `problems` says why */
  rejected?: boolean
  cluster: string
  /** null in a rejected report (nothing was simulated) */
  startTime: string | null
  endTime: string | null
  simulatedSeconds: number
  settled: boolean
  healthy: boolean
  objects: AppliedObject[]
  decisions: DecisionSummary[]
  pods: Record<string, number> // by phase
  problems: Problem[]
}
