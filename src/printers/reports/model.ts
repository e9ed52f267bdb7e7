// The shape every CI format prints: suites of test cases (junit, tap) and file:line annotations (github).
// apply and replay reports are turned into this once; each format is a small pure function of it.

export interface CiFailure {
  /** one line */
  message: string
  /** the problem code or expectation type */
  type: string
  /** longer text (hint, details) */
  text?: string
}

export interface CiCase {
  name: string
  classname: string
  /** seconds of virtual time, when known */
  time?: number
  failures: CiFailure[]
  skipped?: string
  /** warnings and notes that do not fail the case */
  output?: string
}

export interface CiSuite {
  name: string
  time?: number
  timestamp?: string
  properties?: Record<string, string>
  cases: CiCase[]
}

export interface CiAnnotation {
  level: 'error' | 'warning' | 'notice'
  file?: string
  line?: number
  title: string
  message: string
}

export interface CiReport {
  suites: CiSuite[]
  annotations: CiAnnotation[]
}
