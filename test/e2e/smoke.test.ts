// End-to-end: the real binary, piped, with exit codes. Kept small: spawning costs ~0.3 s per command.
import {describe, expect, it} from 'vitest'
import {k8sim, tempHome} from '../helpers/cli.js'

describe('k8sim binary', () => {
  it('prints its version', () => {
    const r = k8sim(['version'])
    expect(r.status).toBe(0)
    expect(r.stdout).toBe('k8sim version: v0.1.0\nSimulated Kubernetes version: v1.32.8\n')
  })

  it('exits 2 on an unknown flag', () => {
    const r = k8sim(['version', '--bogus'])
    expect(r.status).toBe(2)
    expect(r.stderr).toMatch(/^error: /)
    expect(r.stderr).not.toMatch(/\n\s+at /)
  })

  it('runs the README quick start: guestbook pods end Running with kubelet events', () => {
    const home = tempHome()
    const r = k8sim(['apply', '-f', 'fixtures/guestbook/'], {home})
    expect(r.stderr).toBe('')
    expect(r.status).toBe(0)
    expect(r.stdout.split('\n\n')[0] + '\n').toBe(
      'deployment.apps/frontend created\nservice/frontend created\ndeployment.apps/redis-leader created\nservice/redis-leader created\n',
    )
    const pods = k8sim(['get', 'pods'], {home})
    expect(pods.status).toBe(0)
    const lines = pods.stdout.trim().split('\n')
    expect(lines[0]).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/)
    expect(lines.slice(1)).toHaveLength(4)
    for (const l of lines.slice(1)) expect(l).toMatch(/\s1\/1\s+Running\s+0\s/)
    const events = k8sim(['events'], {home})
    for (const reason of ['Scheduled', 'Pulling', 'Pulled', 'Created', 'Started']) expect(events.stdout).toContain(reason)
  })

  it('apply --dry-run saves nothing and marks its lines', () => {
    const home = tempHome()
    const r = k8sim(['apply', '-f', 'fixtures/guestbook/redis.yaml', '--dry-run'], {home})
    expect(r.status).toBe(0)
    expect(r.stdout.split('\n\n')[0] + '\n').toBe('deployment.apps/redis-leader created (dry run)\nservice/redis-leader created (dry run)\n')
    const get = k8sim(['get', 'deployments'], {home})
    expect(get.stdout).toBe('')
    expect(get.stderr).toBe('No resources found in default namespace.\n')
  })

  it('reads manifests from stdin', () => {
    const r = k8sim(['apply', '-f', '-', '--dry-run'], {input: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  a: b\n'})
    expect(r.status).toBe(0)
    expect(r.stdout).toBe('configmap/c created (dry run)\n')
  })

  it('rejects a bad bundle with one line naming file, line and field, and stores nothing', () => {
    const home = tempHome()
    const bad = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ok\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: "3"\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers: [{name: app, image: nginx}]\n'
    const r = k8sim(['apply', '-f', '-'], {home, input: bad})
    expect(r.status).toBe(1)
    expect(r.stdout).toBe('')
    expect(r.stderr).toMatch(/^error: <stdin>:11:3 \(document 2, Deployment\/web\): spec\.replicas: must be integer, got string "3"\n$/)
    expect(r.stderr).not.toMatch(/\n\s+at /)
    const get = k8sim(['get', 'configmaps', 'ok'], {home})
    expect(get.status).toBe(1)
  })
})
