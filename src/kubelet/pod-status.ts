// The pod-level status the kubelet derives from its container statuses (pkg/kubelet/kubelet_pods.go getPhase,
// pkg/kubelet/status/generate.go): phase and the PodReadyToStartContainers, Initialized, Ready and
// ContainersReady conditions, listed in that order before the conditions other components own (PodScheduled).
import type {KubeObject} from '../api/types.js'

export const KUBELET_CONDITIONS = ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled']

export function isSidecar(c: {restartPolicy?: string}): boolean {
  return c.restartPolicy === 'Always'
}

export function everRan(s: any): boolean {
  return Boolean(s?.state?.running || s?.state?.terminated || s?.lastState?.terminated || (s?.restartCount ?? 0) > 0)
}

/** Whether every init container is done: regular ones terminated with exit 0, sidecars started. */
export function initialized(pod: KubeObject): boolean {
  const statuses: any[] = pod.status?.initContainerStatuses ?? []
  for (const c of pod.spec?.initContainers ?? []) {
    const s = statuses.find((x) => x.name === c.name)
    if (isSidecar(c)) {
      if (!s?.started) return false
    } else if (!(s?.state?.terminated && s.state.terminated.exitCode === 0)) return false
  }
  return true
}

function initFailedForGood(pod: KubeObject): boolean {
  if ((pod.spec?.restartPolicy ?? 'Always') !== 'Never') return false
  const statuses: any[] = pod.status?.initContainerStatuses ?? []
  return (pod.spec?.initContainers ?? []).some((c: any) => {
    const s = statuses.find((x) => x.name === c.name)
    return !isSidecar(c) && s?.state?.terminated && s.state.terminated.exitCode !== 0
  })
}

/** getPhase, simplified to the states the simulation produces. */
export function computePhase(pod: KubeObject): string {
  if (initFailedForGood(pod)) return 'Failed'
  if (!initialized(pod)) return 'Pending'
  const policy = pod.spec?.restartPolicy ?? 'Always'
  let running = 0
  let waiting = 0
  let stopped = 0
  let succeeded = 0
  const statuses: any[] = pod.status?.containerStatuses ?? []
  for (const c of pod.spec?.containers ?? []) {
    const s = statuses.find((x) => x.name === c.name)
    if (s?.state?.running) running++
    else if (s?.state?.terminated) {
      stopped++
      if (s.state.terminated.exitCode === 0) succeeded++
    } else if (s?.lastState?.terminated) stopped++
    else waiting++
  }
  if (waiting > 0) return 'Pending'
  if (running > 0) return 'Running'
  if (stopped > 0) {
    if (policy === 'Always') return 'Running'
    if (stopped === succeeded) return 'Succeeded'
    if (policy === 'Never') return 'Failed'
    return 'Running'
  }
  return 'Pending'
}

function condition(type: string, ok: boolean, now: string, reason?: string, message?: string): any {
  const c: any = {lastProbeTime: null, lastTransitionTime: now, status: ok ? 'True' : 'False', type}
  if (reason) c.reason = reason
  if (message) c.message = message
  return c
}

/** Recompute phase and kubelet conditions in place, keeping lastTransitionTime when a status did not flip. */
export function refreshPodStatus(pod: KubeObject, now: string): void {
  const st = (pod.status ??= {})
  const phase = computePhase(pod)
  st.phase = phase
  const terminal = phase === 'Succeeded' || phase === 'Failed'
  const init = initialized(pod)
  const incompleteInit = (pod.spec?.initContainers ?? [])
    .filter((c: any) => {
      const s = (st.initContainerStatuses ?? []).find((x: any) => x.name === c.name)
      return isSidecar(c) ? !s?.started : !(s?.state?.terminated?.exitCode === 0)
    })
    .map((c: any) => c.name)
  const unready: string[] = []
  for (const c of pod.spec?.initContainers ?? []) {
    if (!isSidecar(c)) continue
    const s = (st.initContainerStatuses ?? []).find((x: any) => x.name === c.name)
    if (!s?.ready) unready.push(c.name)
  }
  for (const c of pod.spec?.containers ?? []) {
    const s = (st.containerStatuses ?? []).find((x: any) => x.name === c.name)
    if (!s?.ready) unready.push(c.name)
  }
  const completed = phase === 'Succeeded'
  const readyMsg = unready.length > 0 ? `containers with unready status: [${unready.join(' ')}]` : undefined
  const next = [
    condition('PodReadyToStartContainers', !terminal && Boolean(st.podIP), now),
    completed
      ? condition('Initialized', true, now, 'PodCompleted')
      : init
        ? condition('Initialized', true, now)
        : condition('Initialized', false, now, 'ContainersNotInitialized', `containers with incomplete status: [${incompleteInit.join(' ')}]`),
    unready.length === 0 ? condition('Ready', true, now) : completed ? condition('Ready', false, now, 'PodCompleted') : condition('Ready', false, now, 'ContainersNotReady', readyMsg),
    unready.length === 0
      ? condition('ContainersReady', true, now)
      : completed
        ? condition('ContainersReady', false, now, 'PodCompleted')
        : condition('ContainersReady', false, now, 'ContainersNotReady', readyMsg),
  ]
  // the kubelet also reports PodScheduled=True (the scheduler's condition, kept with its transition time)
  next.push(condition('PodScheduled', true, now))
  const old: any[] = st.conditions ?? []
  for (const c of next) {
    const prev = old.find((o) => o.type === c.type)
    if (prev && prev.status === c.status) {
      c.lastTransitionTime = prev.lastTransitionTime
      if (c.type === 'PodScheduled') Object.assign(c, prev)
    }
  }
  st.conditions = [...next, ...old.filter((o) => !KUBELET_CONDITIONS.includes(o.type))]
}
