import {it} from 'vitest'
import {Harness, node, pod} from './harness.js'

it('perf', () => {
  const N = Number(process.env.NODES ?? 1000), P = Number(process.env.PODS ?? 10000)
  const h = new Harness({explain: process.env.EXPLAIN === '1', fullDetailMaxNodes: Number(process.env.FULL ?? 1000)})
  for (let i = 0; i < N; i++) h.create(node(`node-${i}`, {labels: {'topology.kubernetes.io/zone': `zone-${i % 3}`}}))
  const t0 = performance.now()
  for (let i = 0; i < P; i++) {
    const p = pod(`web-${i}`, {cpu: '100m', memory: '128Mi', labels: {app: 'web'}})
    h.create(p)
  }
  const t1 = performance.now()
  h.settle(600_000)
  const t2 = performance.now()
  let bound = 0
  for (const p of h.store.list('/Pod')) if (p.spec.nodeName) bound++
  const d = h.scheduler.takeDecisions()
  const t3 = performance.now()
  console.log(`create ${(t1 - t0).toFixed(0)}ms schedule ${(t2 - t1).toFixed(0)}ms take ${(t3-t2).toFixed(0)}ms bound ${bound}/${P} decisions ${d.length} mem ${(process.memoryUsage().rss/1e6).toFixed(0)}MB`)
})
