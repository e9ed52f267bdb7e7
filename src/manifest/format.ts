import type {ManifestIssue} from './types.js'

/**
 * The one-line error of CLI.md §5:
 * `error: app.yaml:14:7 (document 2, Deployment/web): spec.replicas: must be integer, got string "3"`.
 */
export function formatIssue(issue: ManifestIssue): string {
  // kubectl's own wording for paths (`the path "x" does not exist`) already names the file
  if (issue.code === 'io' && issue.line === undefined) return `error: ${issue.message}`
  let where = issue.file
  if (issue.line !== undefined) where += `:${issue.line}:${issue.col ?? 1}`
  const context: string[] = []
  if (issue.docIndex !== undefined) context.push(`document ${issue.docIndex}`)
  if (issue.object) context.push(issue.object)
  const paren = context.length > 0 ? ` (${context.join(', ')})` : ''
  const field = issue.fieldPath ? `${issue.fieldPath}: ` : ''
  return `error: ${where}${paren}: ${field}${issue.message}`
}
