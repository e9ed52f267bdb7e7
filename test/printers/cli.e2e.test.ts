// The real binary: get/describe/events/delete against the embedded default cluster (needs `npm run build`).
import {existsSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {k8sim, repoRoot, tempHome} from '../helpers/cli.js'

const built = existsSync(join(repoRoot, 'dist', 'commands', 'get.js')) && existsSync(join(repoRoot, 'dist', 'commands', 'delete.js'))

describe.skipIf(!built)('get / describe / events / delete (binary)', () => {
  it('works on the default cluster, with kubectl exit codes and stderr', () => {
    const home = tempHome()
    const nodes = k8sim(['get', 'nodes'], {home})
    expect(nodes.status).toBe(0)
    expect(nodes.stdout.split('\n')[0]).toBe('NAME     STATUS   ROLES    AGE   VERSION')
    expect(nodes.stdout).toContain('node-3   Ready    <none>')

    const none = k8sim(['get', 'pods'], {home})
    expect(none).toMatchObject({status: 0, stdout: '', stderr: 'No resources found in default namespace.\n'})

    const missing = k8sim(['get', 'deploy', 'web'], {home})
    expect(missing).toMatchObject({status: 1, stdout: '', stderr: 'Error from server (NotFound): deployments.apps "web" not found\n'})

    expect(k8sim(['get', 'svc', 'kubernetes', '-o', 'name'], {home}).stdout).toBe('service/kubernetes\n')
    expect(k8sim(['describe', 'ns', 'default'], {home}).stdout).toContain('Status:       Active\n\nNo resource quota.\n')
    expect(k8sim(['get'], {home}).status).toBe(2)

    const del = k8sim(['delete', 'cm', 'kube-root-ca.crt', '-n', 'kube-public'], {home})
    expect(del).toMatchObject({status: 0, stdout: 'configmap "kube-root-ca.crt" deleted\n'})
  })
})
