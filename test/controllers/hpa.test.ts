import {describe, expect, it} from 'vitest'
import {deployment, eventLines, makeRealCluster} from './harness.js'

describe('horizontal pod autoscaler', () => {
  it('scales up from cpu usage with the default behavior, up to maxReplicas', () => {
    const c = makeRealCluster()
    const d = deployment('web', 2, 'nginx:1.27')
    d.spec.template.metadata.annotations = {'sim.k8sim.io/cpu-usage': '200m'}
    d.spec.template.spec.containers[0].resources = {requests: {cpu: '100m'}}
    c.engine.api.create(d)
    c.engine.api.create({apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: {name: 'web', namespace: 'default'},
      spec: {scaleTargetRef: {apiVersion: 'apps/v1', kind: 'Deployment', name: 'web'}, minReplicas: 1, maxReplicas: 10,
        metrics: [{type: 'Resource', resource: {name: 'cpu', target: {type: 'Utilization', averageUtilization: 50}}}]}})
    c.engine.runUntilSettled({timeoutMs: 300_000})
    c.engine.advance(60_000)
    const ev = eventLines(c.store, 'horizontal-pod-autoscaler').filter((e) => e.includes('SuccessfulRescale'))
    expect(ev[0]).toBe('HorizontalPodAutoscaler/web SuccessfulRescale: New size: 6; reason: cpu resource utilization (percentage of request) above target')
    expect(ev[1]).toBe('HorizontalPodAutoscaler/web SuccessfulRescale: New size: 10; reason: cpu resource utilization (percentage of request) above target')
    const h = c.store.get('autoscaling/HorizontalPodAutoscaler/default/web')!
    expect(h.status.currentMetrics[0].resource.current.averageUtilization).toBe(200)
    expect(h.status.conditions.map((x: any) => `${x.type}/${x.status}/${x.reason}`)).toEqual([
      'AbleToScale/True/ReadyForNewScale', 'ScalingActive/True/ValidMetricFound', 'ScalingLimited/True/TooManyReplicas'])
    expect(c.store.get('apps/Deployment/default/web')!.spec.replicas).toBe(10)
  })

  it('scales idle pods down only after the 5-minute stabilization window', () => {
    const c = makeRealCluster()
    const d = deployment('web', 4, 'nginx:1.27')
    d.spec.template.spec.containers[0].resources = {requests: {cpu: '100m'}}
    c.engine.api.create(d)
    c.engine.api.create({apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: {name: 'web', namespace: 'default'},
      spec: {scaleTargetRef: {apiVersion: 'apps/v1', kind: 'Deployment', name: 'web'}, minReplicas: 2, maxReplicas: 10}})
    c.engine.runUntilSettled({timeoutMs: 300_000})
    c.engine.advance(200_000)
    expect(c.store.get('apps/Deployment/default/web')!.spec.replicas).toBe(4)
    c.engine.advance(200_000)
    expect(c.store.get('apps/Deployment/default/web')!.spec.replicas).toBe(2)
    expect(eventLines(c.store, 'horizontal-pod-autoscaler').filter((e) => e.includes('SuccessfulRescale'))).toEqual(['HorizontalPodAutoscaler/web SuccessfulRescale: New size: 2; reason: All metrics below target'])
  })
})
