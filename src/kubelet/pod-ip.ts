// Pod IPs from the node's spec.podCIDR, as the host-local IPAM of a kind node hands them out: .1 is the bridge,
// pods get the lowest free address from .2 on. Deterministic: it depends only on the pods on the node.
import type {KubeObject} from '../api/types.js'

function ipToInt(ip: string): number {
  return ip.split('.').reduce((a, p) => a * 256 + Number(p), 0)
}

function intToIp(n: number): string {
  return [Math.floor(n / 16777216) % 256, Math.floor(n / 65536) % 256, Math.floor(n / 256) % 256, n % 256].join('.')
}

/** The node's pod CIDR; nodes without one get 10.244.<index>.0/24 by their position among all nodes. */
export function podCIDROf(node: KubeObject, allNodeNames: () => string[]): string {
  if (node.spec?.podCIDR) return node.spec.podCIDR
  const i = [...allNodeNames()].sort().indexOf(node.metadata.name ?? '')
  return `10.244.${Math.max(0, i) + 1}.0/24`
}

export function allocatePodIP(cidr: string, inUse: (ip: string) => boolean): string | undefined {
  const [base, bits] = cidr.split('/')
  const size = 2 ** (32 - Number(bits))
  const start = ipToInt(base) - (ipToInt(base) % size)
  for (let off = 2; off < size - 1; off++) {
    const ip = intToIp(start + off)
    if (!inUse(ip)) return ip
  }
  return undefined
}

export function nodeInternalIP(node: KubeObject): string | undefined {
  const addrs: any[] = node.status?.addresses ?? []
  return addrs.find((a) => a.type === 'InternalIP')?.address
}
