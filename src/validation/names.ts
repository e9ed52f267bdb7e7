// String-format checks of k8s.io/apimachinery/pkg/util/validation (v1.32 wording). Each returns the list of
// problems as the Go functions do; callers wrap each in a field error.

const DNS1123_LABEL_FMT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?'
const DNS1123_LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character"
const DNS1123_SUBDOMAIN_FMT = DNS1123_LABEL_FMT + '(\\.' + DNS1123_LABEL_FMT + ')*'
const DNS1123_SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character"
const DNS1035_LABEL_FMT = '[a-z]([-a-z0-9]*[a-z0-9])?'
const DNS1035_LABEL_MSG =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character"
const QNAME_FMT = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]'
const QNAME_MSG = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character"
const LABEL_VALUE_FMT = '(' + QNAME_FMT + ')?'
const LABEL_VALUE_MSG =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character"
const CONFIGMAP_KEY_FMT = '[-._a-zA-Z0-9]+'
const CONFIGMAP_KEY_MSG = "a valid config key must consist of alphanumeric characters, '-', '_' or '.'"
const ENV_VAR_FMT = '[-._a-zA-Z][-._a-zA-Z0-9]*'
const ENV_VAR_MSG = "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit"
const PERCENT_FMT = '[0-9]+%'
const PERCENT_MSG = "a valid percent string must be a numeric string followed by an ending '%'"

const re = (fmt: string) => new RegExp('^' + fmt + '$')
const dns1123LabelRe = re(DNS1123_LABEL_FMT)
const dns1123SubdomainRe = re(DNS1123_SUBDOMAIN_FMT)
const dns1035LabelRe = re(DNS1035_LABEL_FMT)
const qnameRe = re(QNAME_FMT)
const labelValueRe = re(LABEL_VALUE_FMT)
const configMapKeyRe = re(CONFIGMAP_KEY_FMT)
const envVarRe = re(ENV_VAR_FMT)
const percentRe = re(PERCENT_FMT)

/** Go's len(): bytes, not characters. */
export function byteLen(s: string): number {
  return Buffer.byteLength(s, 'utf8')
}

export function maxLenError(n: number): string {
  return `must be no more than ${n} characters`
}

export function regexError(msg: string, fmt: string, ...examples: string[]): string {
  if (examples.length === 0) return `${msg} (regex used for validation is '${fmt}')`
  let s = msg + ' (e.g. '
  examples.forEach((ex, i) => {
    if (i > 0) s += ' or '
    s += `'${ex}', `
  })
  return s + `regex used for validation is '${fmt}')`
}

export const EMPTY_ERROR = 'must be non-empty'

export function inclusiveRangeError(lo: number, hi: number): string {
  return `must be between ${lo} and ${hi}, inclusive`
}

export function isDNS1123Label(v: string): string[] {
  const errs: string[] = []
  if (byteLen(v) > 63) errs.push(maxLenError(63))
  if (!dns1123LabelRe.test(v)) {
    if (dns1123SubdomainRe.test(v)) errs.push('must not contain dots')
    else errs.push(regexError(DNS1123_LABEL_MSG, DNS1123_LABEL_FMT, 'my-name', '123-abc'))
  }
  return errs
}

export function isDNS1123Subdomain(v: string): string[] {
  const errs: string[] = []
  if (byteLen(v) > 253) errs.push(maxLenError(253))
  if (!dns1123SubdomainRe.test(v)) errs.push(regexError(DNS1123_SUBDOMAIN_MSG, DNS1123_SUBDOMAIN_FMT, 'example.com'))
  return errs
}

export function isDNS1035Label(v: string): string[] {
  const errs: string[] = []
  if (byteLen(v) > 63) errs.push(maxLenError(63))
  if (!dns1035LabelRe.test(v)) errs.push(regexError(DNS1035_LABEL_MSG, DNS1035_LABEL_FMT, 'my-name', 'abc-123'))
  return errs
}

/** IsQualifiedName: label keys, annotation keys, finalizers. */
export function isQualifiedName(v: string): string[] {
  const errs: string[] = []
  const parts = v.split('/')
  let name: string
  if (parts.length === 1) {
    name = parts[0]
  } else if (parts.length === 2) {
    const prefix = parts[0]
    name = parts[1]
    if (prefix.length === 0) errs.push('prefix part ' + EMPTY_ERROR)
    else for (const m of isDNS1123Subdomain(prefix)) errs.push('prefix part ' + m)
  } else {
    return [
      'a qualified name ' +
        regexError(QNAME_MSG, QNAME_FMT, 'MyName', 'my.name', '123-abc') +
        " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    ]
  }
  if (name.length === 0) errs.push('name part ' + EMPTY_ERROR)
  else if (byteLen(name) > 63) errs.push('name part ' + maxLenError(63))
  if (!qnameRe.test(name)) errs.push('name part ' + regexError(QNAME_MSG, QNAME_FMT, 'MyName', 'my.name', '123-abc'))
  return errs
}

export function isValidLabelValue(v: string): string[] {
  const errs: string[] = []
  if (byteLen(v) > 63) errs.push(maxLenError(63))
  if (!labelValueRe.test(v)) errs.push(regexError(LABEL_VALUE_MSG, LABEL_VALUE_FMT, 'MyValue', 'my_value', '12345'))
  return errs
}

export function isValidPortNum(port: number): string[] {
  return port >= 1 && port <= 65535 ? [] : [inclusiveRangeError(1, 65535)]
}

export function isInRange(v: number, lo: number, hi: number): string[] {
  return v >= lo && v <= hi ? [] : [inclusiveRangeError(lo, hi)]
}

export function isValidPortName(port: string): string[] {
  const errs: string[] = []
  if (byteLen(port) > 15) errs.push(maxLenError(15))
  if (!/^[-a-z0-9]+$/.test(port)) errs.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)')
  if (!/[a-z]/.test(port)) errs.push('must contain at least one letter (a-z)')
  if (port.includes('--')) errs.push('must not contain consecutive hyphens')
  if (port.length > 0 && (port.startsWith('-') || port.endsWith('-'))) errs.push('must not begin or end with a hyphen')
  return errs
}

function hasChDirPrefix(v: string): string[] {
  if (v === '.') return ["must not be '.'"]
  if (v === '..') return ["must not be '..'"]
  if (v.startsWith('..')) return ["must not start with '..'"]
  return []
}

export function isConfigMapKey(v: string): string[] {
  const errs: string[] = []
  if (byteLen(v) > 253) errs.push(maxLenError(253))
  if (!configMapKeyRe.test(v)) errs.push(regexError(CONFIGMAP_KEY_MSG, CONFIGMAP_KEY_FMT, 'key.name', 'KEY_NAME', 'key-name'))
  return [...errs, ...hasChDirPrefix(v)]
}

/** IsEnvVarName; v1.32 has RelaxedEnvironmentVariableValidation off by default. */
export function isEnvVarName(v: string): string[] {
  const errs: string[] = []
  if (!envVarRe.test(v)) errs.push(regexError(ENV_VAR_MSG, ENV_VAR_FMT, 'my.env-name', 'MY_ENV.NAME', 'MyEnvName1'))
  return [...errs, ...hasChDirPrefix(v)]
}

export function isValidPercent(v: string): string[] {
  return percentRe.test(v) ? [] : [regexError(PERCENT_MSG, PERCENT_FMT, '1%', '93%')]
}

/** maskTrailingDash: a generateName prefix may end in '-'. */
function maskTrailingDash(name: string): string {
  return name.length > 1 && name.endsWith('-') ? name.slice(0, -2) + 'a' : name
}

/** ValidateNameFunc variants (apimachinery/pkg/api/validation/generic.go). */
export type NameValidator = (name: string, prefix: boolean) => string[]

export const nameIsDNSSubdomain: NameValidator = (name, prefix) => isDNS1123Subdomain(prefix ? maskTrailingDash(name) : name)
export const nameIsDNSLabel: NameValidator = (name, prefix) => isDNS1123Label(prefix ? maskTrailingDash(name) : name)
export const nameIsDNS1035Label: NameValidator = (name, prefix) => isDNS1035Label(prefix ? maskTrailingDash(name) : name)

/** path.ValidatePathSegmentName: names of kinds that only forbid path-breaking characters (RBAC etc.). */
export const validatePathSegmentName: NameValidator = (name, prefix) => {
  const errs: string[] = []
  if (!prefix) {
    if (name === '.' || name === '..') errs.push(`may not be '${name}'`)
  }
  for (const bad of ['/', '%']) if (name.includes(bad)) errs.push(`may not contain '${bad}'`)
  return errs
}
