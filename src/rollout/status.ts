// kubectl rollout status (staging/src/k8s.io/kubectl/pkg/polymorphichelpers/rollout_status.go): one message per
// check, `done` when the rollout is complete; an error for a deadline or an unsupported strategy.
import type {KubeObject} from '../api/types.js'
import {UserError} from '../errors.js'

export interface RolloutStatus {
  message: string
  done: boolean
}

export function rolloutStatus(obj: KubeObject): RolloutStatus {
  const name = obj.metadata.name
  const st = obj.status ?? {}
  const observed = (obj.metadata.generation ?? 0) <= (st.observedGeneration ?? 0)
  switch (obj.kind) {
    case 'Deployment': {
      if (!observed) return {message: 'Waiting for deployment spec update to be observed...', done: false}
      const progressing = (st.conditions ?? []).find((c: any) => c.type === 'Progressing')
      if (progressing?.reason === 'ProgressDeadlineExceeded') throw new UserError(`deployment "${name}" exceeded its progress deadline`)
      const replicas = obj.spec?.replicas ?? 1
      const updated = st.updatedReplicas ?? 0
      if (updated < replicas) return {message: `Waiting for deployment "${name}" rollout to finish: ${updated} out of ${replicas} new replicas have been updated...`, done: false}
      if ((st.replicas ?? 0) > updated) return {message: `Waiting for deployment "${name}" rollout to finish: ${(st.replicas ?? 0) - updated} old replicas are pending termination...`, done: false}
      if ((st.availableReplicas ?? 0) < updated) return {message: `Waiting for deployment "${name}" rollout to finish: ${st.availableReplicas ?? 0} of ${updated} updated replicas are available...`, done: false}
      return {message: `deployment "${name}" successfully rolled out`, done: true}
    }
    case 'DaemonSet': {
      if ((obj.spec?.updateStrategy?.type ?? 'RollingUpdate') !== 'RollingUpdate') throw new UserError('rollout status is only available for RollingUpdate strategy type')
      if (!observed) return {message: 'Waiting for daemon set spec update to be observed...', done: false}
      const desired = st.desiredNumberScheduled ?? 0
      if ((st.updatedNumberScheduled ?? 0) < desired) return {message: `Waiting for daemon set "${name}" rollout to finish: ${st.updatedNumberScheduled ?? 0} out of ${desired} new pods have been updated...`, done: false}
      if ((st.numberAvailable ?? 0) < desired) return {message: `Waiting for daemon set "${name}" rollout to finish: ${st.numberAvailable ?? 0} of ${desired} updated pods are available...`, done: false}
      return {message: `daemon set "${name}" successfully rolled out`, done: true}
    }
    case 'StatefulSet': {
      if ((obj.spec?.updateStrategy?.type ?? 'RollingUpdate') !== 'RollingUpdate') throw new UserError('rollout status is only available for RollingUpdate strategy type')
      if (!st.observedGeneration || (obj.metadata.generation ?? 0) > st.observedGeneration) return {message: 'Waiting for statefulset spec update to be observed...', done: false}
      const replicas = obj.spec?.replicas ?? 1
      if ((st.readyReplicas ?? 0) < replicas) return {message: `Waiting for ${replicas - (st.readyReplicas ?? 0)} pods to be ready...`, done: false}
      const partition = obj.spec?.updateStrategy?.rollingUpdate?.partition ?? 0
      if (partition > 0) {
        if ((st.updatedReplicas ?? 0) < replicas - partition) return {message: `Waiting for partitioned roll out to finish: ${st.updatedReplicas ?? 0} out of ${replicas - partition} new pods have been updated...`, done: false}
        return {message: `partitioned roll out complete: ${st.updatedReplicas ?? 0} new pods have been updated...`, done: true}
      }
      if (st.updateRevision !== st.currentRevision) return {message: `waiting for statefulset rolling update to complete ${st.updatedReplicas ?? 0} pods at revision ${st.updateRevision}...`, done: false}
      return {message: `statefulset rolling update complete ${st.currentReplicas ?? 0} pods at revision ${st.currentRevision}...`, done: true}
    }
    default:
      throw new UserError(`no status viewer has been implemented for ${obj.kind}`)
  }
}
