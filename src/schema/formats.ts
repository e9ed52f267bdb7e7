// The OpenAPI formats Kubernetes' schemas use, checked as the API server's decoder would check them.
import type {Ajv} from 'ajv'

const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/
// Go's base64.StdEncoding (what encoding/json uses for []byte) ignores \r and \n
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/

export function isDateTime(s: string): boolean {
  if (!DATE_TIME.test(s)) return false
  const month = Number(s.slice(5, 7))
  const day = Number(s.slice(8, 10))
  const hour = Number(s.slice(11, 13))
  const minute = Number(s.slice(14, 16))
  const second = Number(s.slice(17, 19))
  return month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour <= 23 && minute <= 59 && second <= 60
}

export function isBase64(s: string): boolean {
  return BASE64.test(s.replace(/[\r\n]/g, ''))
}

export function addKubernetesFormats(ajv: Ajv): void {
  ajv.addFormat('int32', {type: 'number', validate: (n: number) => Number.isInteger(n) && n >= -2147483648 && n <= 2147483647})
  ajv.addFormat('int64', {type: 'number', validate: (n: number) => Number.isInteger(n)})
  ajv.addFormat('double', {type: 'number', validate: () => true})
  ajv.addFormat('float', {type: 'number', validate: () => true})
  ajv.addFormat('byte', {type: 'string', validate: isBase64})
  ajv.addFormat('date-time', {type: 'string', validate: isDateTime})
  // formats CRD schemas use that the API server does not check strictly
  for (const f of ['int-or-string', 'duration', 'date', 'uri', 'uuid', 'email', 'hostname', 'ipv4', 'ipv6', 'cidr', 'mac', 'password', 'binary', 'bsonobjectid', 'isbn', 'creditcard', 'ssn', 'hexcolor', 'rgbcolor', 'uri-reference', 'regex', 'time']) {
    ajv.addFormat(f, {validate: () => true})
  }
}
