// Schema validation of loaded documents, as issues with file:line:col (for apply and validate).

import {validateSchema, type SchemaResult, type SchemaSource} from '../schema/validator.js'
import type {ManifestDoc, ManifestIssue} from './types.js'

export interface ValidateDocsOptions {
  kubernetesVersion?: string
  strict?: boolean
  sources?: SchemaSource[]
}

function objectLabel(doc: ManifestDoc): string {
  const md = doc.obj.metadata ?? {}
  return `${doc.obj.kind}/${md.name ?? md.generateName ?? ''}`
}

function segments(pointer: string): (string | number)[] {
  if (pointer === '') return []
  return pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~')).map((s) => (/^\d+$/.test(s) ? Number(s) : s))
}

/** The issues for one document's schema result (none when valid). */
export function schemaIssues(doc: ManifestDoc, result: SchemaResult): ManifestIssue[] {
  const base = {file: doc.file, docIndex: doc.docIndex, object: objectLabel(doc), apiVersion: doc.obj.apiVersion, kind: doc.obj.kind, name: doc.obj.metadata?.name, namespace: doc.obj.metadata?.namespace}
  // kubectl's wording for a kind the server does not serve, then k8sim's hint
  if (result.status === 'missing-schema') {
    const message = `no matches for kind "${doc.obj.kind}" in version "${doc.obj.apiVersion}"${result.hint ? `: ${result.hint}` : ''}`
    return [{...base, line: doc.line, col: doc.col, code: 'unknown-kind', message}]
  }
  return result.errors.map((e) => {
    // a missing field has no position: point at its parent
    let segs = segments(e.path)
    let pos = doc.positionOf(segs)
    while (!pos && segs.length > 0) {
      segs = segs.slice(0, -1)
      pos = doc.positionOf(segs)
    }
    return {...base, line: pos?.line ?? doc.line, col: pos?.col ?? doc.col, fieldPath: e.fieldPath || undefined, code: 'schema' as const, message: e.message}
  })
}

/** Validate every document against its schema; the issues of all of them, in document order. */
export function validateDocs(docs: ManifestDoc[], opts: ValidateDocsOptions = {}): ManifestIssue[] {
  const issues: ManifestIssue[] = []
  for (const doc of docs) for (const i of schemaIssues(doc, validateSchema(doc.obj, opts))) issues.push(i)
  return issues
}
