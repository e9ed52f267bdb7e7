import {describe, expect, it} from 'vitest'
import {deployment, makeRealCluster} from '../controllers/harness.js'

describe('performance', () => {
  it('a 1,000-replica Deployment on 100 nodes settles quickly', () => {
    const c = makeRealCluster({nodes: 100})
    const t0 = performance.now()
    c.engine.api.create(deployment('big', 1000, 'nginx:1.27'))
    const r = c.engine.runUntilSettled({timeoutMs: 300_000})
    const wall = performance.now() - t0
    expect(r.settled).toBe(true)
    expect(c.store.list('/Pod').filter((p) => p.status.phase === 'Running')).toHaveLength(1000)
    expect(c.store.get('apps/Deployment/default/big')!.status.availableReplicas).toBe(1000)
    console.log(`1000 replicas / 100 nodes: ${wall.toFixed(0)} ms wall, ${r.elapsedMs} ms virtual`)
    expect(wall).toBeLessThan(15_000) // the 2 s target is for an idle machine (npm run bench)
  })
})
