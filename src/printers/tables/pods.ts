// Pods: printPod (pkg/printers/internalversion/printers.go), STATUS/READY/RESTARTS exactly as kubectl computes them.

import type {KubeObject} from '../../api/types.js'
import {humanDuration, timeOf} from '../age.js'
import {type TableContext, type TableDef, ageOf, col, renderTable} from './common.js'

const isRestartableInit = (c: any): boolean => c?.restartPolicy === 'Always'

export interface PodSummary {
  ready: string
  status: string
  restarts: string
}

/** READY, STATUS and RESTARTS of a pod, as printPod computes them. */
export function podSummary(pod: KubeObject, now: number): PodSummary {
  const spec = pod.spec ?? {}
  const status = pod.status ?? {}
  let restarts = 0
  let restartableInitRestarts = 0
  let totalContainers = (spec.containers ?? []).length
  let readyContainers = 0
  let lastRestart: number | undefined
  let lastRestartableInitRestart: number | undefined
  const later = (a: number | undefined, b: unknown): number | undefined => {
    const t = timeOf(b)
    return t !== undefined && (a === undefined || t > a) ? t : a
  }

  const phase: string = status.phase ?? ''
  let reason: string = status.reason ? status.reason : phase
  for (const c of status.conditions ?? []) if (c.type === 'PodScheduled' && c.reason === 'SchedulingGated') reason = 'SchedulingGated'

  const initContainers = new Map<string, any>()
  for (const c of spec.initContainers ?? []) {
    initContainers.set(c.name, c)
    if (isRestartableInit(c)) totalContainers++
  }

  let initializing = false
  const initStatuses: any[] = status.initContainerStatuses ?? []
  for (let i = 0; i < initStatuses.length; i++) {
    const c = initStatuses[i]
    restarts += c.restartCount ?? 0
    if (c.lastState?.terminated) lastRestart = later(lastRestart, c.lastState.terminated.finishedAt)
    const restartable = isRestartableInit(initContainers.get(c.name))
    if (restartable) {
      restartableInitRestarts += c.restartCount ?? 0
      if (c.lastState?.terminated) lastRestartableInitRestart = later(lastRestartableInitRestart, c.lastState.terminated.finishedAt)
    }
    const term = c.state?.terminated
    const wait = c.state?.waiting
    if (term && (term.exitCode ?? 0) === 0) continue
    if (restartable && c.started === true) {
      if (c.ready) readyContainers++
      continue
    }
    if (term) {
      if (!term.reason) reason = term.signal ? `Init:Signal:${term.signal}` : `Init:ExitCode:${term.exitCode ?? 0}`
      else reason = 'Init:' + term.reason
    } else if (wait && wait.reason && wait.reason !== 'PodInitializing') {
      reason = 'Init:' + wait.reason
    } else {
      reason = `Init:${i}/${(spec.initContainers ?? []).length}`
    }
    initializing = true
    break
  }

  const initializedTrue = (status.conditions ?? []).some((c: any) => c.type === 'Initialized' && c.status === 'True')
  if (!initializing || initializedTrue) {
    restarts = restartableInitRestarts
    lastRestart = lastRestartableInitRestart
    let hasRunning = false
    const cs: any[] = status.containerStatuses ?? []
    for (let i = cs.length - 1; i >= 0; i--) {
      const c = cs[i]
      restarts += c.restartCount ?? 0
      if (c.lastState?.terminated) lastRestart = later(lastRestart, c.lastState.terminated.finishedAt)
      const wait = c.state?.waiting
      const term = c.state?.terminated
      if (wait && wait.reason) reason = wait.reason
      else if (term && term.reason) reason = term.reason
      else if (term && !term.reason) reason = term.signal ? `Signal:${term.signal}` : `ExitCode:${term.exitCode ?? 0}`
      else if (c.ready && c.state?.running) {
        hasRunning = true
        readyContainers++
      }
    }
    if (reason === 'Completed' && hasRunning) {
      reason = (status.conditions ?? []).some((c: any) => c.type === 'Ready' && c.status === 'True') ? 'Running' : 'NotReady'
    }
  }

  const deleting = !!pod.metadata?.deletionTimestamp
  if (deleting && status.reason === 'NodeLost') reason = 'Unknown'
  else if (deleting && phase !== 'Succeeded' && phase !== 'Failed') reason = 'Terminating'

  let restartsStr = String(restarts)
  if (restarts !== 0 && lastRestart !== undefined) restartsStr = `${restarts} (${humanDuration(now - lastRestart)} ago)`
  return {ready: `${readyContainers}/${totalContainers}`, status: reason, restarts: restartsStr}
}

function readinessGates(pod: KubeObject): string {
  const gates: any[] = pod.spec?.readinessGates ?? []
  if (gates.length === 0) return '<none>'
  let t = 0
  for (const g of gates) {
    const c = (pod.status?.conditions ?? []).find((x: any) => x.type === g.conditionType)
    if (c?.status === 'True') t++
  }
  return `${t}/${gates.length}`
}

export const podTable: TableDef = {
  columns: [col('Name'), col('Ready'), col('Status'), col('Restarts'), col('Age'), col('IP', 1), col('Node', 1), col('Nominated Node', 1), col('Readiness Gates', 1)],
  row: (pod, ctx) => {
    const s = podSummary(pod, ctx.now)
    const ip = pod.status?.podIPs?.[0]?.ip || '<none>'
    return [pod.metadata.name ?? '', s.ready, s.status, s.restarts, ageOf(pod, ctx), ip, pod.spec?.nodeName || '<none>', pod.status?.nominatedNodeName || '<none>', readinessGates(pod)]
  },
}

export function printPods(objs: KubeObject[], ctx: TableContext): string {
  return renderTable(podTable, objs, ctx)
}
