import type {KubeObject} from '../api/types.js'

/** One Kubernetes object read from a manifest (a `kind: List` gives one per item). */
export interface ManifestDoc {
  obj: KubeObject
  /** as the user named it; stdin is '<stdin>' */
  file: string
  /** 1-based document index in the file (empty documents count) */
  docIndex: number
  /** where the object starts (1-based) */
  line: number
  col: number
  /** for an item of a `kind: List`: its index in `items` */
  listIndex?: number
  /** where a field is written (its key for a map entry, the item for a list entry); undefined if absent */
  positionOf(fieldPath: (string | number)[]): {line: number; col: number} | undefined
}

export type ManifestIssueCode = 'yaml' | 'io' | 'missing-kind' | 'missing-apiversion' | 'unknown-kind' | 'schema' | 'duplicate-key'

export interface ManifestIssue {
  file: string
  docIndex?: number
  line?: number
  col?: number
  /** 'Deployment/web' */
  object?: string
  /** 'spec.replicas' */
  fieldPath?: string
  message: string
  code: ManifestIssueCode
  /** for code 'io': the system error code (ENOENT when the path does not exist) */
  errno?: string
  /** the document's apiVersion/kind/name when known (to report per resource) */
  apiVersion?: string
  kind?: string
  name?: string
  namespace?: string
}

export interface LoadOptions {
  /** -R: walk sub-directories */
  recursive?: boolean
  /** duplicate keys are an error */
  strict?: boolean
  /** how to read `-` */
  readStdin?: () => Promise<string>
  /** files whose path matches one of these are skipped (kubeconform's --ignore-filename-pattern) */
  ignoreFilenamePattern?: RegExp[]
  /** a directory with no manifest files is fine (kubeconform), not an error (kubectl) */
  allowEmptyDirectories?: boolean
}

export interface LoadResult {
  docs: ManifestDoc[]
  issues: ManifestIssue[]
  /** every file read (and every named path that could not be), in order: for summaries and ordering */
  files: string[]
}
