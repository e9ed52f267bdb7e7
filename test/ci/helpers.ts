import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {execFileSync} from 'node:child_process'

export const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures')
export const JUNIT_XSD = path.resolve(import.meta.dirname, '../../../shared/reference/junit.xsd')

export function tmpHome(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'k8sim-ci-'))
}

export function dirs(sub: string): string[] {
  const base = path.join(FIXTURES, sub)
  return fs.readdirSync(base).filter((d) => fs.statSync(path.join(base, d)).isDirectory()).sort()
}

export function hasXmllint(): boolean {
  try {
    execFileSync('xmllint', ['--version'], {stdio: 'ignore'})
    return true
  } catch {
    return false
  }
}

/** Validate against the Jenkins JUnit XSD with xmllint; returns undefined when valid, else the error text. */
export function xsdErrors(xml: string): string | undefined {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'k8sim-junit-')), 'report.xml')
  fs.writeFileSync(file, xml)
  try {
    execFileSync('xmllint', ['--noout', '--schema', JUNIT_XSD, file], {stdio: 'pipe'})
    return undefined
  } catch (e: any) {
    return String(e.stderr ?? e.message)
  }
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
