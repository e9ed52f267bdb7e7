// The report of a bundle the API server refused: printed by `apply -o json|junit|tap|github` beside the exit 1,
// so CI tools see the reasons in the same shape as a simulation's problems. Nothing was stored or simulated.
import type {ApplyReport} from './types.js'
import type {ManifestDocLike} from './ports.js'
import {rejectionProblems, sortProblems} from './problems.js'

export function rejectedReport(errors: string[], o: {dryRun: boolean; cluster?: string; docs?: ManifestDocLike[]}): ApplyReport {
  return {
    apiVersion: 'k8sim.io/v1alpha1',
    kind: 'ApplyReport',
    dryRun: o.dryRun,
    rejected: true,
    cluster: o.cluster ?? '',
    startTime: null,
    endTime: null,
    simulatedSeconds: 0,
    settled: false,
    healthy: false,
    objects: [],
    decisions: [],
    pods: {},
    problems: sortProblems(rejectionProblems(errors, o.docs)),
  }
}
