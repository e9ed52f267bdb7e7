// Node objects as a kubelet registers them on a kind-like cluster (kubectl.md §2.5, §3.4, §6.3): labels,
// annotations, capacity = allocatable, conditions with the kubelet's reasons, nodeInfo, addresses, podCIDR.

import type {KubeObject} from '../api/types.js'
import type {VirtualClock} from '../clock/clock.js'
import type {SeededRandom} from '../clock/random.js'
import type {Taint} from './options.js'

export interface NodeInput {
  name: string
  cpu: string
  memory: string
  pods: number
  ephemeralStorage: string
  labels: Record<string, string>
  taints: Taint[]
  /** topology.kubernetes.io/zone, when set */
  zone?: string
  /** 1-based node number: it picks the node's InternalIP and podCIDR */
  index: number
  kubeletVersion: string
}

/** The simulated control plane's address (kind's control-plane container), behind service/kubernetes. */
export const API_SERVER_IP = '172.18.0.2'

/** 172.18.0.3 for node 1, 172.18.0.4 for node 2, ...; 253 hosts per third octet. */
export function nodeInternalIP(index: number): string {
  const k = index + 1
  return `172.18.${Math.floor(k / 253)}.${(k % 253) + 1}`
}

/** 10.244.<index>.0/24, continuing past 10.244.255.0 into the next /16. */
export function nodePodCIDR(index: number): string {
  const v = ((10 << 24) | (244 << 16)) + index * 256
  return `${v >>> 24}.${(v >>> 16) & 255}.${(v >>> 8) & 255}.0/24`
}

function hex(rng: SeededRandom, n: number): string {
  let s = ''
  while (s.length < n) s += rng.nextUint32().toString(16).padStart(8, '0')
  return s.slice(0, n)
}

export function newNodeObject(n: NodeInput, clock: VirtualClock, rng: SeededRandom): KubeObject {
  const now = clock.nowRFC3339()
  const minor = Number(/^v1\.(\d+)/.exec(n.kubeletVersion)?.[1] ?? 32)
  const resources = {
    cpu: n.cpu,
    'ephemeral-storage': n.ephemeralStorage,
    'hugepages-1Gi': '0',
    'hugepages-2Mi': '0',
    memory: n.memory,
    pods: String(n.pods),
  }
  const condition = (type: string, status: string, reason: string, message: string) => ({
    lastHeartbeatTime: now,
    lastTransitionTime: now,
    message,
    reason,
    status,
    type,
  })
  const node: KubeObject = {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      annotations: {
        'kubeadm.alpha.kubernetes.io/cri-socket': 'unix:///run/containerd/containerd.sock',
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
      creationTimestamp: now,
      labels: {
        'beta.kubernetes.io/arch': 'amd64',
        'beta.kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'kubernetes.io/hostname': n.name,
        'kubernetes.io/os': 'linux',
        ...(n.zone ? {'topology.kubernetes.io/zone': n.zone} : {}),
        ...n.labels,
      },
      name: n.name,
      uid: rng.uuid(),
    },
    spec: {
      podCIDR: nodePodCIDR(n.index),
      podCIDRs: [nodePodCIDR(n.index)],
      ...(n.taints.length > 0 ? {taints: n.taints.map((t) => ({...t}))} : {}),
    },
    status: {
      addresses: [
        {address: nodeInternalIP(n.index), type: 'InternalIP'},
        {address: n.name, type: 'Hostname'},
      ],
      allocatable: {...resources},
      capacity: {...resources},
      conditions: [
        condition('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
        condition('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
        condition('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
        condition('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
      ],
      daemonEndpoints: {kubeletEndpoint: {Port: 10250}},
      nodeInfo: {
        architecture: 'amd64',
        bootID: rng.uuid(),
        containerRuntimeVersion: 'containerd://2.0.3',
        kernelVersion: '6.8.0-52-generic',
        // DisableNodeKubeProxyVersion: kubelets stop reporting it from 1.33
        ...(minor <= 32 ? {kubeProxyVersion: n.kubeletVersion} : {}),
        kubeletVersion: n.kubeletVersion,
        machineID: hex(rng, 32),
        operatingSystem: 'linux',
        osImage: 'Debian GNU/Linux 12 (bookworm)',
        systemUUID: rng.uuid(),
      },
    },
  }
  return node
}

/** The lowest node number whose InternalIP no stored node uses (for adding a node to a running cluster). */
export function nextNodeIndex(nodes: KubeObject[]): number {
  const used = new Set<string>()
  for (const n of nodes) for (const a of n.status?.addresses ?? []) if (a.type === 'InternalIP') used.add(a.address)
  let i = nodes.length + 1
  while (used.has(nodeInternalIP(i))) i++
  return i
}
