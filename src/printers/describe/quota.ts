// kubectl describe for ResourceQuotas (describeQuota) and LimitRanges (describeLimitRange, describeLimitRangeSpec).
// Simplified: a used quantity keeps its own format (kubectl re-expresses it in the hard quantity's format when they
// differ); resources are sorted where kubectl ranges over a Go map.

import type {KubeObject} from '../../api/types.js'
import {quantityString} from '../tables/common.js'
import {DescribeWriter, LEVEL_0} from './common.js'

const scopeHelp: Record<string, string> = {
  Terminating: 'Matches all pods that have an active deadline. These pods have a limited lifespan on a node before being actively terminated by the system.',
  NotTerminating: 'Matches all pods that do not have an active deadline. These pods usually include long running pods whose container command is not expected to terminate.',
  BestEffort: 'Matches all pods that do not have resource requirements set. These pods have a best effort quality of service.',
  NotBestEffort: 'Matches all pods that have at least one resource requirement set. These pods have a burstable or guaranteed quality of service.',
}

export function describeResourceQuota(rq: KubeObject): string {
  const w = new DescribeWriter()
  w.write(LEVEL_0, `Name:\t${rq.metadata.name}\n`)
  w.write(LEVEL_0, `Namespace:\t${rq.metadata.namespace ?? ''}\n`)
  const scopes: string[] = [...(rq.spec?.scopes ?? [])].sort()
  if (scopes.length > 0) {
    w.write(LEVEL_0, `Scopes:\t${scopes.join(', ')}\n`)
    for (const s of scopes) if (scopeHelp[s]) w.write(LEVEL_0, ` * ${scopeHelp[s]}\n`)
  }
  w.write(LEVEL_0, 'Resource\tUsed\tHard\n')
  w.write(LEVEL_0, '--------\t----\t----\n')
  const hard = rq.status?.hard ?? {}
  for (const r of Object.keys(hard).sort()) w.write(LEVEL_0, `${r}\t${quantityString(rq.status?.used?.[r] ?? '0')}\t${quantityString(hard[r])}\n`)
  return w.toString()
}

export function describeLimitRange(lr: KubeObject): string {
  const w = new DescribeWriter()
  w.write(LEVEL_0, `Name:\t${lr.metadata.name}\n`)
  w.write(LEVEL_0, `Namespace:\t${lr.metadata.namespace ?? ''}\n`)
  w.write(LEVEL_0, 'Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n')
  w.write(LEVEL_0, '----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n')
  for (const item of lr.spec?.limits ?? []) {
    const names = new Set<string>([...Object.keys(item.max ?? {}), ...Object.keys(item.min ?? {}), ...Object.keys(item.default ?? {}), ...Object.keys(item.defaultRequest ?? {}), ...Object.keys(item.maxLimitRequestRatio ?? {})])
    for (const r of [...names].sort()) {
      const cell = (m: any) => (m?.[r] !== undefined ? quantityString(m[r]) : '-')
      w.write(LEVEL_0, `${item.type ?? ''}\t${r}\t${cell(item.min)}\t${cell(item.max)}\t${cell(item.defaultRequest)}\t${cell(item.default)}\t${cell(item.maxLimitRequestRatio)}\n`)
    }
  }
  return w.toString()
}
