import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

export const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures')
export const JUNIT_XSD = path.resolve(import.meta.dirname, '../../../shared/reference/junit.xsd')

export function tmpHome(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'k8sim-ci-'))
}

export function dirs(sub: string): string[] {
  const base = path.join(FIXTURES, sub)
  return fs.readdirSync(base).filter((d) => fs.statSync(path.join(base, d)).isDirectory()).sort()
}

/** Validate against the Jenkins JUnit XSD with libxml2 (xmllint-wasm, so every machine checks it); undefined when valid. */
export async function xsdErrors(xml: string): Promise<string | undefined> {
  const {validateXML} = await import('xmllint-wasm')
  const r = await validateXML({xml: [{fileName: 'report.xml', contents: xml}], schema: [{fileName: 'junit.xsd', contents: fs.readFileSync(JUNIT_XSD, 'utf8')}]})
  return r.valid ? undefined : r.rawOutput
}

/** Structure checks that hold whether or not xmllint is installed. */
export function checkJunitStructure(xml: string): {suites: number; cases: number; failures: number} {
  if (!xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites')) throw new Error('not a testsuites document')
  const suites = [...xml.matchAll(/<testsuite [^>]*tests="(\d+)" failures="(\d+)"/g)]
  const cases = (xml.match(/<testcase /g) ?? []).length
  const failures = (xml.match(/<failure /g) ?? []).length
  const declared = suites.reduce((n, m) => n + Number(m[1]), 0)
  if (declared !== cases) throw new Error(`tests attributes say ${declared}, found ${cases} testcases`)
  return {suites: suites.length, cases, failures}
}

const validators = new Map<string, any>()

/** Validate a report against schemas/output/<name>.schema.json; returns the ajv errors or undefined. */
export async function schemaErrors(name: 'apply-report' | 'replay-report', value: unknown): Promise<unknown[] | undefined> {
  let v = validators.get(name)
  if (!v) {
    const [{default: Ajv}, {default: addFormats}] = await Promise.all([import('ajv'), import('ajv-formats')])
    const ajv = new (Ajv as any)({allErrors: true, strict: false})
    ;(addFormats as any)(ajv)
    v = ajv.compile(JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, `../../schemas/output/${name}.schema.json`), 'utf8')))
    validators.set(name, v)
  }
  return v(value) ? undefined : v.errors
}
