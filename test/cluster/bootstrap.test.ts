import {describe, expect, it} from 'vitest'
import {ObjectStore} from '../../src/api/store/store.js'
import {VirtualClock, parseRFC3339} from '../../src/clock/clock.js'
import {SeededRandom} from '../../src/clock/random.js'
import {bootstrapCluster} from '../../src/cluster/bootstrap.js'
import {defaultClusterOptions, parseKubernetesVersion} from '../../src/cluster/options.js'
import {nextNodeIndex, nodeInternalIP, nodePodCIDR} from '../../src/cluster/nodes.js'

function fresh(name = 'default', mutate?: (o: ReturnType<typeof defaultClusterOptions>) => void) {
  const opts = defaultClusterOptions(name, parseRFC3339('2026-01-01T00:00:00Z'))
  mutate?.(opts)
  const store = new ObjectStore()
  bootstrapCluster(store, new VirtualClock(opts.startTime), new SeededRandom(opts.seed), opts)
  return store
}

describe('bootstrapCluster (the embedded default)', () => {
  it('creates the objects of CLI.md §1', () => {
    const s = fresh()
    const names = (gk: string) => s.list(gk).map((o) => (o.metadata.namespace ? `${o.metadata.namespace}/` : '') + o.metadata.name)
    expect(names('/Namespace')).toEqual(['default', 'kube-system', 'kube-public', 'kube-node-lease'])
    expect(names('/ServiceAccount')).toEqual(['default/default', 'kube-system/default', 'kube-public/default', 'kube-node-lease/default'])
    expect(names('/ConfigMap')).toEqual(['default/kube-root-ca.crt', 'kube-system/kube-root-ca.crt', 'kube-public/kube-root-ca.crt', 'kube-node-lease/kube-root-ca.crt'])
    expect(names('/Service')).toEqual(['default/kubernetes'])
    expect(names('/Endpoints')).toEqual(['default/kubernetes'])
    expect(names('discovery.k8s.io/EndpointSlice')).toEqual(['default/kubernetes'])
    expect(names('storage.k8s.io/StorageClass')).toEqual(['standard'])
    expect(names('scheduling.k8s.io/PriorityClass')).toEqual(['system-node-critical', 'system-cluster-critical'])
    expect(names('/Node')).toEqual(['node-1', 'node-2', 'node-3'])
    expect(s.size()).toBe(21)
  })

  it('gives nodes what a kubelet reports', () => {
    const nodes = fresh().list('/Node')
    expect(nodes.map((n) => n.metadata.labels!['topology.kubernetes.io/zone'])).toEqual(['zone-a', 'zone-b', 'zone-c'])
    const n = nodes[1]
    expect(n.metadata.labels).toEqual({
      'beta.kubernetes.io/arch': 'amd64',
      'beta.kubernetes.io/os': 'linux',
      'kubernetes.io/arch': 'amd64',
      'kubernetes.io/hostname': 'node-2',
      'kubernetes.io/os': 'linux',
      'topology.kubernetes.io/zone': 'zone-b',
    })
    expect(n.spec).toEqual({podCIDR: '10.244.2.0/24', podCIDRs: ['10.244.2.0/24']})
    expect(n.status.capacity).toEqual({cpu: '4', 'ephemeral-storage': '100Gi', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory: '16Gi', pods: '110'})
    expect(n.status.allocatable).toEqual(n.status.capacity)
    expect(n.status.addresses).toEqual([{address: '172.18.0.4', type: 'InternalIP'}, {address: 'node-2', type: 'Hostname'}])
    expect(n.status.conditions.map((c: any) => [c.type, c.status, c.reason, c.message])).toEqual([
      ['MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'],
      ['DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'],
      ['PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'],
      ['Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'],
    ])
    expect(n.status.conditions[3].lastHeartbeatTime).toBe('2026-01-01T00:00:00Z')
    expect(n.status.nodeInfo).toMatchObject({kubeletVersion: 'v1.32.8', kubeProxyVersion: 'v1.32.8', operatingSystem: 'linux', architecture: 'amd64'})
    expect(n.metadata.creationTimestamp).toBe('2026-01-01T00:00:00Z')
    expect(n.metadata.uid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    const v134 = fresh('x', (o) => Object.assign(o, {kubernetesVersion: '1.34', kubeletVersion: parseKubernetesVersion('1.34').kubelet})).list('/Node')[0]
    expect(v134.status.nodeInfo.kubeletVersion).toBe('v1.34.1')
    expect(v134.status.nodeInfo.kubeProxyVersion).toBeUndefined()
  })

  it('labels namespaces and sets up service/kubernetes and the default StorageClass as a kind cluster has them', () => {
    const s = fresh()
    expect(s.get('/Namespace//kube-system')).toMatchObject({metadata: {labels: {'kubernetes.io/metadata.name': 'kube-system'}}, spec: {finalizers: ['kubernetes']}, status: {phase: 'Active'}})
    expect(s.get('/Service/default/kubernetes')!.spec).toEqual({
      clusterIP: '10.96.0.1',
      clusterIPs: ['10.96.0.1'],
      internalTrafficPolicy: 'Cluster',
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      ports: [{name: 'https', port: 443, protocol: 'TCP', targetPort: 6443}],
      sessionAffinity: 'None',
      type: 'ClusterIP',
    })
    expect(s.get('/Endpoints/default/kubernetes')!.subsets).toEqual([{addresses: [{ip: '172.18.0.2'}], ports: [{name: 'https', port: 6443, protocol: 'TCP'}]}])
    const sc = s.get('storage.k8s.io/StorageClass//standard')!
    expect(sc.metadata.annotations).toEqual({'storageclass.kubernetes.io/is-default-class': 'true'})
    expect([sc.provisioner, sc.reclaimPolicy, sc.volumeBindingMode]).toEqual(['rancher.io/local-path', 'Delete', 'WaitForFirstConsumer'])
    expect(s.get('/ConfigMap/kube-public/kube-root-ca.crt')!.data['ca.crt']).toMatch(/^-----BEGIN CERTIFICATE-----\n[\s\S]+\n-----END CERTIFICATE-----\n$/)
  })

  it('is deterministic for a name, seed and start time, and differs with the seed', () => {
    expect(JSON.stringify(fresh('a').list('/Node'))).toBe(JSON.stringify(fresh('a').list('/Node')))
    expect(fresh('a').list('/Node')[0].metadata.uid).not.toBe(fresh('b').list('/Node')[0].metadata.uid)
  })

  it('numbers node addresses without clashes in large clusters', () => {
    expect(nodeInternalIP(1)).toBe('172.18.0.3')
    expect(nodeInternalIP(251)).toBe('172.18.0.253')
    expect(nodeInternalIP(252)).toBe('172.18.1.1')
    expect(nodePodCIDR(255)).toBe('10.244.255.0/24')
    expect(nodePodCIDR(256)).toBe('10.245.0.0/24')
    const ips = new Set(Array.from({length: 5000}, (_, i) => nodeInternalIP(i + 1)))
    expect(ips.size).toBe(5000)
    expect(nextNodeIndex(fresh().list('/Node'))).toBe(4)
  })
})
