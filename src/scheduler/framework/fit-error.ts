// framework.FitError.Error(): "0/N nodes are available: <prefilter msg>. <histogram>. <postfilter msg>."
import type {Status} from './status.js'

export const NO_NODE_AVAILABLE_MSG = '0/%v nodes are available'

/**
 * Reasons of every node status counted (plus the absent-node status for nodes without one), entries
 * "<count> <reason>" sorted as strings (sort.Strings) and joined with ", ".
 */
export function fitErrorMessage(numAllNodes: number, statuses: Map<string, Status>, absent: Status | null, preFilterMsg: string, postFilterMsg: string): string {
  let msg = `0/${numAllNodes} nodes are available:`
  if (preFilterMsg !== '') {
    msg += ` ${preFilterMsg}.`
  } else {
    const counts = new Map<string, number>()
    for (const s of statuses.values()) for (const r of s.reasons) counts.set(r, (counts.get(r) ?? 0) + 1)
    if (statuses.size < numAllNodes && absent) {
      for (const r of absent.reasons) counts.set(r, (counts.get(r) ?? 0) + numAllNodes - statuses.size)
    }
    const entries = [...counts].map(([r, n]) => `${n} ${r}`)
    entries.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    if (entries.length > 0) msg += ` ${entries.join(', ')}.`
  }
  if (postFilterMsg !== '') msg += ` ${postFilterMsg}.`
  return msg
}

/** truncateMessage: event notes are limited to 1024 bytes */
export function truncateMessage(message: string): string {
  const max = 1024
  if (message.length <= max) return message
  const suffix = ' ...'
  return message.slice(0, max - suffix.length) + suffix
}
