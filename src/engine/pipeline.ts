// The API server pipeline's stages: defaulting, metadata and validation (helper 2), admission plugins (helper 7).
import {applyDefaults} from '../admission/defaults/index.js'
import {prepareCreate, prepareUpdate} from '../admission/metadata.js'
import {runAdmission} from '../admission/plugins/index.js'
import {decodeErrorMessage, formatFieldError, invalidStatusMessage, validatePreparedCreate, validateUpdate, type FieldError} from '../validation/index.js'
import type {ApiHooks, FieldErrorLike} from './hooks.js'

export const apiHooks: ApiHooks = {
  applyDefaults,
  prepareCreate,
  prepareUpdate,
  // the API server validates what it has defaulted and prepared
  validateCreate: validatePreparedCreate,
  validateUpdate,
  formatFieldError: (e: FieldErrorLike) => formatFieldError(e as FieldError),
  invalidMessage: (qualifiedKind, name, errs) => invalidStatusMessage(qualifiedKind, name, errs as FieldError[]),
  decodeMessage: decodeErrorMessage,
  runAdmission,
}
