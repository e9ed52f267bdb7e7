import {describe, expect, it} from 'vitest'
import type {KubeObject} from '../../src/api/types.js'
import {NodePodUsage} from '../../src/kubelet/node-usage.js'

function pod(name: string, opts: {node?: string; started?: boolean; ip?: string; phase?: string; cpu?: string; memory?: string; hostNetwork?: boolean} = {}): KubeObject {
  const status: any = {}
  if (opts.started) status.startTime = '2026-01-01T00:00:00Z'
  if (opts.ip) status.podIP = opts.ip
  if (opts.phase) status.phase = opts.phase
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {name, namespace: 'default'},
    spec: {
      nodeName: opts.node,
      hostNetwork: opts.hostNetwork,
      containers: [{name: 'app', image: 'nginx', resources: {requests: {cpu: opts.cpu ?? '100m', memory: opts.memory ?? '16Mi'}}}],
    },
    status,
  }
}

const key = (name: string) => `/Pod/default/${name}`

describe('kubelet NodePodUsage', () => {
  it('counts admitted pods and sums their requests per node', () => {
    const u = new NodePodUsage()
    u.set(key('a'), pod('a', {node: 'n1', started: true, ip: '10.244.1.2', cpu: '250m'}))
    u.set(key('b'), pod('b', {node: 'n1', started: true, ip: '10.244.1.3', cpu: '1'}))
    u.set(key('c'), pod('c', {node: 'n2', started: true, ip: '10.244.2.2'}))
    u.set(key('d'), pod('d', {node: 'n1'})) // bound, not admitted yet
    u.set(key('e'), pod('e')) // not bound
    const n1 = u.admitted('n1', key('d'))
    expect(n1.count).toBe(2)
    expect(n1.used.get('cpu')).toBe(1250)
    expect(n1.used.get('memory')).toBe(2 * 16 * 1024 * 1024)
    expect(u.admitted('n2', key('x')).count).toBe(1)
    expect(u.admitted('n3', key('x'))).toEqual({count: 0, used: new Map()})
  })

  it('leaves the asking pod itself out', () => {
    const u = new NodePodUsage()
    u.set(key('a'), pod('a', {node: 'n1', started: true, cpu: '250m'}))
    u.set(key('b'), pod('b', {node: 'n1', started: true, cpu: '1'}))
    const r = u.admitted('n1', key('a'))
    expect(r.count).toBe(1)
    expect(r.used.get('cpu')).toBe(1000)
    // the node's totals are not changed by asking
    expect(u.admitted('n1', key('z')).used.get('cpu')).toBe(1250)
  })

  it('releases requests and IPs when a pod is deleted or turns terminal', () => {
    const u = new NodePodUsage()
    u.set(key('a'), pod('a', {node: 'n1', started: true, ip: '10.244.1.2', cpu: '250m'}))
    u.set(key('b'), pod('b', {node: 'n1', started: true, ip: '10.244.1.3', cpu: '1'}))
    expect(u.ipInUse('n1', '10.244.1.2')).toBe(true)
    u.set(key('a'), undefined)
    expect(u.ipInUse('n1', '10.244.1.2')).toBe(false)
    expect(u.admitted('n1', key('z')).count).toBe(1)
    expect(u.admitted('n1', key('z')).used.get('cpu')).toBe(1000)
    u.set(key('b'), pod('b', {node: 'n1', started: true, ip: '10.244.1.3', cpu: '1', phase: 'Succeeded'}))
    expect(u.ipInUse('n1', '10.244.1.3')).toBe(false)
    expect(u.admitted('n1', key('z')).count).toBe(0)
    expect(u.admitted('n1', key('z')).used.get('cpu') ?? 0).toBe(0)
  })

  it('updates a pod in place: admission, a new IP, and a second pod sharing an IP', () => {
    const u = new NodePodUsage()
    u.set(key('a'), pod('a', {node: 'n1'}))
    expect(u.admitted('n1', key('z')).count).toBe(0)
    u.set(key('a'), pod('a', {node: 'n1', started: true, ip: '10.244.1.2'}))
    u.set(key('a'), pod('a', {node: 'n1', started: true, ip: '10.244.1.2'})) // the same again: counted once
    expect(u.admitted('n1', key('z')).count).toBe(1)
    u.set(key('b'), pod('b', {node: 'n1', started: true, ip: '10.244.1.2'}))
    u.set(key('a'), pod('a', {node: 'n1', started: true, ip: '10.244.1.9'}))
    expect(u.ipInUse('n1', '10.244.1.2')).toBe(true) // still held by b
    expect(u.ipInUse('n1', '10.244.1.9')).toBe(true)
    u.set(key('b'), undefined)
    expect(u.ipInUse('n1', '10.244.1.2')).toBe(false)
    expect(u.admitted('n1', key('z')).count).toBe(1)
  })

  it('does not count host-network pods against pod IPs', () => {
    const u = new NodePodUsage()
    u.set(key('h'), pod('h', {node: 'n1', started: true, ip: '172.18.0.2', hostNetwork: true}))
    expect(u.ipInUse('n1', '172.18.0.2')).toBe(false)
    expect(u.admitted('n1', key('z')).count).toBe(1)
  })
})
