// DefaultTolerationSeconds (plugin/pkg/admission/defaulttolerationseconds): pods tolerate not-ready and unreachable
// nodes for 300 s unless they already say otherwise (kubectl.md §5.10).
import type {KubeObject} from '../../api/types.js'

export const DEFAULT_TOLERATION_SECONDS = 300
const NOT_READY = 'node.kubernetes.io/not-ready'
const UNREACHABLE = 'node.kubernetes.io/unreachable'

export function defaultTolerationSeconds(op: 'CREATE' | 'UPDATE', pod: KubeObject): void {
  if (op !== 'CREATE' || pod.kind !== 'Pod') return
  const tolerations: any[] = pod.spec?.tolerations ?? []
  const tolerates = (key: string) =>
    tolerations.some((t) => (t.key === key || !t.key) && (t.effect === 'NoExecute' || !t.effect))
  const add: any[] = []
  if (!tolerates(NOT_READY)) add.push({key: NOT_READY, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: DEFAULT_TOLERATION_SECONDS})
  if (!tolerates(UNREACHABLE)) add.push({key: UNREACHABLE, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: DEFAULT_TOLERATION_SECONDS})
  if (add.length > 0) pod.spec = {...pod.spec, tolerations: [...tolerations, ...add]}
}
