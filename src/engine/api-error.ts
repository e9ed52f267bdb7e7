// Errors the simulated API server returns, shaped like metav1.Status (reason, code, message) with the API
// server's wording (k8s.io/apimachinery/pkg/api/errors).

export type StatusReason =
  | 'Invalid'
  | 'NotFound'
  | 'AlreadyExists'
  | 'Forbidden'
  | 'Conflict'
  | 'BadRequest'
  | 'MethodNotAllowed'
  | 'InternalError'
  | string

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly reason: StatusReason,
    message: string,
    readonly fieldErrors?: unknown[],
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError
}

export function notFound(qualifiedResource: string, name: string): ApiError {
  return new ApiError(404, 'NotFound', `${qualifiedResource} "${name}" not found`)
}

export function alreadyExists(qualifiedResource: string, name: string): ApiError {
  return new ApiError(409, 'AlreadyExists', `${qualifiedResource} "${name}" already exists`)
}

export function conflict(qualifiedResource: string, name: string): ApiError {
  return new ApiError(
    409,
    'Conflict',
    `Operation cannot be fulfilled on ${qualifiedResource} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
  )
}

/** NewInvalid: `Deployment.apps "web" is invalid: <one error>` or `... is invalid: [e1, e2]`. */
export function invalid(qualifiedKind: string, name: string, messages: string[], fieldErrors?: unknown[]): ApiError {
  const agg = messages.length === 1 ? messages[0] : `[${messages.join(', ')}]`
  return new ApiError(422, 'Invalid', `${qualifiedKind} "${name}" is invalid: ${agg}`, fieldErrors)
}
