// End-to-end smoke test of the real binary (needs `npm run build`): exit codes, stdin, output formats.
import {spawnSync} from 'node:child_process'
import {existsSync, readFileSync} from 'node:fs'
import {join, resolve} from 'node:path'
import {describe, expect, it} from 'vitest'

const root = resolve(__dirname, '../..')
const bin = join(root, 'bin', 'run.js')
const cases = join(resolve(process.env.K8SIM_CONFORMANCE_DIR ?? join(root, '../shared/conformance')), 'validation', 'cases')
const built = existsSync(join(root, 'dist', 'commands', 'validate.js')) && existsSync(join(root, 'schemas', 'k8s', '1.32', 'index.json'))

function k8sim(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [bin, 'validate', ...args], {cwd: cases, input: input ?? '', encoding: 'utf8', env: {...process.env, NO_COLOR: '1'}})
  return {code: r.status, stdout: r.stdout, stderr: r.stderr}
}

describe.skipIf(!built || !existsSync(cases))('k8sim validate (binary)', () => {
  it('exits 0 on valid files, 1 on invalid ones, with kubeconform lines', () => {
    expect(k8sim(['valid.yaml'])).toMatchObject({code: 0, stdout: ''})
    const bad = k8sim(['--summary', '-f', 'invalid.yaml', 'valid.yaml'])
    expect(bad.code).toBe(1)
    expect(bad.stdout).toBe(
      "invalid.yaml - ReplicationController bob is invalid: problem validating schema. Check JSON formatting: jsonschema validation failed with 'k8s/v1.32-standalone/replicationcontroller-v1.json#' - at '/spec/replicas': got string, want null or integer\n" +
      'Summary: 2 resources found in 2 files - Valid: 1, Invalid: 1, Errors: 0, Skipped: 0\n')
  })

  it('reads stdin and prints kubeconform json', () => {
    const r = k8sim(['-o', 'json', '--summary', '-'], readFileSync(join(cases, 'invalid.yaml'), 'utf8'))
    expect(r.code).toBe(1)
    const json = JSON.parse(r.stdout)
    expect(json.resources[0]).toMatchObject({filename: 'stdin', kind: 'ReplicationController', name: 'bob', version: 'v1', status: 'statusInvalid', validationErrors: [{path: '/spec/replicas', msg: 'got string, want null or integer'}]})
    expect(json.summary).toEqual({valid: 0, invalid: 1, errors: 0, skipped: 0})
  })

  it('is a usage error (exit 2) to ask for a version without schemas', () => {
    const r = k8sim(['--kubernetes-version', '1.20.0', 'valid.yaml'])
    expect(r.code).toBe(2)
    expect(r.stderr).toBe('error: unsupported --kubernetes-version "1.20.0": k8sim ships schemas for 1.29, 1.30, 1.31, 1.32, 1.33, 1.34, 1.35\n')
  })

  it('prints tap and junit', () => {
    expect(k8sim(['-o', 'tap', 'valid.yaml']).stdout).toBe('TAP version 13\nok 1 - valid.yaml (ReplicationController)\n1..1\n')
    const junit = k8sim(['-o', 'junit', 'missing_kind.yaml'])
    expect(junit.code).toBe(1)
    expect(junit.stdout).toContain('<error message="missing &apos;kind&apos; key" type=""></error>')
  })
})
