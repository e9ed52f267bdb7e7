// Admission errors as the API server returns them (k8s.io/apiserver/pkg/admission/errors.go). The ApiServer turns
// an AdmissionError into its API error (status, reason, message).
import {qualifiedResource, ResourceRegistry} from '../../api/resources.js'
import {parseApiVersion, type KubeObject} from '../../api/types.js'

export class AdmissionError extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
    message: string,
  ) {
    super(message)
    this.name = 'AdmissionError'
  }
}

let registry: ResourceRegistry | undefined

/** `pods`, `deployments.apps`: the resource an error names. */
export function resourceOf(obj: KubeObject): string {
  registry ??= new ResourceRegistry()
  const {group} = parseApiVersion(obj.apiVersion)
  const info = registry.byGroupKind(group, obj.kind)
  if (info) return qualifiedResource(info)
  const plural = obj.kind.toLowerCase() + 's'
  return group ? `${plural}.${group}` : plural
}

/** The name admission saw: a generated name was not chosen yet, so errors show the generateName prefix. */
export function admissionName(obj: KubeObject): string {
  const {name = '', generateName} = obj.metadata
  if (generateName && name.startsWith(generateName) && name.length === generateName.length + 5) return generateName
  return name
}

/** admission.NewForbidden: `pods "x" is forbidden: <message>` (403 Forbidden). */
export function forbidden(obj: KubeObject, message: string): AdmissionError {
  return new AdmissionError(403, 'Forbidden', `${resourceOf(obj)} "${admissionName(obj)}" is forbidden: ${message}`)
}

/** utilerrors.NewAggregate(...).Error(): one message as is, several as `[a, b]` (duplicates removed). */
export function aggregate(messages: string[]): string {
  const uniq = [...new Set(messages)]
  return uniq.length === 1 ? uniq[0] : `[${uniq.join(', ')}]`
}

/** field.Invalid rendered in an Invalid status: `Service "x" is invalid: path: Invalid value: v: detail` (422). */
export function invalidField(obj: KubeObject, path: string, value: string, detail: string): AdmissionError {
  const {group} = parseApiVersion(obj.apiVersion)
  const kind = group ? `${obj.kind}.${group}` : obj.kind
  return new AdmissionError(422, 'Invalid', `${kind} "${obj.metadata.name ?? ''}" is invalid: ${path}: Invalid value: ${value}: ${detail}`)
}
