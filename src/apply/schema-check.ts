// Schema validation of an apply bundle against the cluster's Kubernetes version, with the CRDs the cluster
// already has plus those in the bundle (a CRD and its custom resources may come in one apply, in any order).
// kubectl 1.32 applies with server-side strict field validation: unknown fields are errors.

import type {ManifestDoc} from '../manifest/types.js'
import {schemaIssues} from '../manifest/validate-docs.js'
import {formatIssue} from '../manifest/format.js'
import {validateSchema} from '../schema/validator.js'
import {CustomSchemas, resourceInfoFromCRD} from '../schema/crd.js'
import {removedApiHint} from '../schema/removed-apis.js'
import type {ObjectStore} from '../api/store/store.js'
import type {ResourceRegistry} from '../api/resources.js'

const CRD_KIND = 'apiextensions.k8s.io/CustomResourceDefinition'

export interface SchemaCheckSession {
  store: ObjectStore
  registry: ResourceRegistry
  kubernetesVersion: string
}

export function schemaErrorsFor(docs: ManifestDoc[], s: SchemaCheckSession, strict = true): string[] {
  const custom = new CustomSchemas()
  for (const crd of s.store.list(CRD_KIND)) custom.register(crd)
  for (const d of docs) {
    if (d.obj.apiVersion?.startsWith('apiextensions.k8s.io/') && d.obj.kind === 'CustomResourceDefinition') {
      custom.register(d.obj)
      s.registry.register(resourceInfoFromCRD(d.obj))
    }
  }
  const errors: string[] = []
  for (const doc of docs) {
    const result = validateSchema(doc.obj, {kubernetesVersion: s.kubernetesVersion, strict, sources: [custom]})
    if (result.status === 'missing-schema') {
      const md = doc.obj.metadata ?? {}
      const hint = removedApiHint(doc.obj.apiVersion, doc.obj.kind, s.kubernetesVersion)
      errors.push(
        formatIssue({
          file: doc.file,
          docIndex: doc.docIndex,
          line: doc.line,
          col: doc.col,
          object: `${doc.obj.kind}/${md.name ?? md.generateName ?? ''}`,
          code: 'unknown-kind',
          message:
            `resource mapping not found for name: "${md.name ?? ''}" namespace: "${md.namespace ?? ''}" from "${doc.file}": ` +
            `no matches for kind "${doc.obj.kind}" in version "${doc.obj.apiVersion}"` +
            (hint ? ` (${hint})` : '; ensure CRDs are installed first'),
        }),
      )
      continue
    }
    for (const issue of schemaIssues(doc, result)) errors.push(formatIssue(issue))
  }
  return errors
}
