import {describe, expect, it} from 'vitest'
import {k8simInProcess} from '../helpers/in-process.js'
import {k8sim} from '../helpers/cli.js'
import {checkJunitStructure, tmpHome, xsdErrors} from './helpers.js'

const home = tmpHome()

describe('apply -o junit|tap|github', () => {
  it('junit: one suite per file, one case per object, failures for error problems', async () => {
    const r = await k8simInProcess(['apply', '-f', 'fixtures/broken/service-no-endpoints', '--dry-run=client', '--wait', '-o', 'junit'], {home})
    expect(r.status).toBe(3)
    expect(checkJunitStructure(r.stdout)).toEqual({suites: 1, cases: 2, failures: 1})
    expect(r.stdout).toContain('<testcase name="service/shop -n default" classname="fixtures/broken/service-no-endpoints/manifests.yaml">')
    expect(await xsdErrors(r.stdout)).toBeUndefined()
  })
  it('a rejected bundle still prints its report and exits 1', async () => {
    const r = await k8simInProcess(['apply', '-f', 'fixtures/broken/unknown-kind', '--dry-run=client', '-o', 'junit'], {home})
    expect(r.status).toBe(1)
    expect(checkJunitStructure(r.stdout)).toEqual({suites: 1, cases: 1, failures: 1})
    expect(await xsdErrors(r.stdout)).toBeUndefined()
    expect(r.stderr).toContain('no matches for kind "ServiceMonitor" in version "monitoring.coreos.com/v1"')
  })
  it('github annotations carry file and line', async () => {
    const r = await k8simInProcess(['apply', '-f', 'fixtures/broken/hpa-target-missing', '--dry-run=client', '-o', 'github'], {home})
    expect(r.stdout).toBe(
      '::error file=fixtures/broken/hpa-target-missing/manifests.yaml,line=1,title=hpa-target-missing%3A HorizontalPodAutoscaler/api::scaleTargetRef Deployment/api does not exist in namespace default (hint: fix spec.scaleTargetRef (apiVersion, kind, name) or add the workload to the bundle)\n',
    )
  })
  it('tap', async () => {
    const r = await k8simInProcess(['apply', '-f', 'fixtures/broken/lb-pending', '--dry-run=client', '-o', 'tap'], {home})
    expect(r.stdout).toBe(
      'TAP version 13\n1..2\nok 1 - fixtures/broken/lb-pending/manifests.yaml: deployment.apps/front -n default\nok 2 - fixtures/broken/lb-pending/manifests.yaml: service/front -n default\n# warning lb-pending: type LoadBalancer: no cloud load-balancer controller runs here, EXTERNAL-IP stays <pending> (hint: reach it through its NodePort or ClusterIP, or use an Ingress)\n',
    )
  })
  it('github: a stream has no file, so the annotation names <stdin> in its message', async () => {
    const stdin = 'apiVersion: v1\nkind: Service\nmetadata: {name: x}\nspec:\n  selector: {app: nothing}\n  ports: [{port: 80}]\n'
    // spawned: the in-process runner does not feed stdin
    const r = k8sim(['apply', '-f', '-', '--dry-run=client', '-o', 'github'], {home, input: stdin})
    expect(r.stdout).toBe('::error title=service-no-endpoints%3A Service/x::<stdin>:1: selector app=nothing matches no pods (hint: check the selector against the pod template labels)\n')
  })
})
