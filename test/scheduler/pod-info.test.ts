// PodInfo.withPod: a newer version of a bound pod keeps the derived data (requests, terms, host ports) and carries
// the new object, built by the constructor like every other PodInfo.
import {describe, expect, it} from 'vitest'
import {PodInfo} from '../../src/scheduler/framework/pod-info.js'
import {pod} from './harness.js'

describe('PodInfo.withPod', () => {
  it('keeps the derived data and takes the new pod object', () => {
    const p = pod('web-1', {cpu: '250m', memory: '64Mi', labels: {app: 'web'}})
    p.spec.containers[0].ports = [{containerPort: 80, hostPort: 8080}]
    const pi = new PodInfo(p, 7)
    const bound = structuredClone(p)
    bound.spec.nodeName = 'node-1'
    const next = pi.withPod(bound)
    expect(next).toBeInstanceOf(PodInfo)
    expect(next.pod).toBe(bound)
    expect(next.priority).toBe(7)
    for (const k of ['key', 'namespace', 'requests', 'nonZeroCPU', 'nonZeroMemory', 'requiredAffinityTerms', 'requiredAntiAffinityTerms', 'preferredAffinityTerms', 'preferredAntiAffinityTerms', 'hostPorts', 'hasAffinity'] as const) {
      expect(next[k], k).toBe(pi[k])
    }
    expect(Object.keys(next)).toEqual(Object.keys(pi))
    expect(next.requests.milliCPU).toBe(250)
    expect(next.hostPorts).toEqual([{ip: '0.0.0.0', protocol: 'TCP', port: 8080}])
  })
})
