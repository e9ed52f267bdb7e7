// NodePorts in v1.32 reads pod.spec.containers only: host ports of restartable (sidecar) init containers are neither
// wanted nor counted as used (they are from v1.34 / 1.33.x, kubernetes PR #132040).
import {describe, expect, it} from 'vitest'
import {Harness, node, pod} from './harness.js'

const port = [{containerPort: 8080, hostPort: 8080, protocol: 'TCP'}]

describe('NodePorts and sidecar init containers (v1.32)', () => {
  it('a sidecar\'s host port does not block a pod wanting the same port', () => {
    const h = new Harness()
    h.create(node('n1'))
    h.create(pod('mesh', {nodeName: 'n1', spec: {initContainers: [{name: 'proxy', image: 'x', restartPolicy: 'Always', ports: port}]}}))
    const web = pod('web')
    web.spec.containers[0].ports = port
    h.create(web)
    h.settle()
    expect(h.pod('default', 'web')!.spec.nodeName).toBe('n1')
  })

  it('a sidecar host port of the incoming pod is not checked', () => {
    const h = new Harness()
    h.create(node('n1'))
    const web = pod('web', {nodeName: 'n1'})
    web.spec.containers[0].ports = port
    h.create(web)
    h.create(pod('mesh', {spec: {initContainers: [{name: 'proxy', image: 'x', restartPolicy: 'Always', ports: port}]}}))
    h.settle()
    expect(h.pod('default', 'mesh')!.spec.nodeName).toBe('n1')
  })
})
