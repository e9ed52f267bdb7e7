// Every controller kube-controller-manager would run here, in a fixed order (the order only matters for
// determinism: timers due at one instant run first in, first out).

import type {Controller} from './runtime/types.js'
import {DeploymentController} from './deployment/deployment.js'
import {REPLICATION_CONTROLLER, ReplicaSetController} from './replicaset/replicaset.js'
import {EndpointsController} from './endpoints/endpoints.js'
import {EndpointSliceController} from './endpointslice/endpointslice.js'
import {ServiceAccountController} from './serviceaccount/serviceaccount.js'
import {GarbageCollector} from './garbagecollector/garbagecollector.js'
import {NamespaceController} from './namespace/namespace.js'
import {JobController} from './job/job.js'
import {StatefulSetController} from './statefulset/statefulset.js'
import {DaemonSetController} from './daemonset/daemonset.js'
import {TTLAfterFinishedController} from './job/ttl.js'
import {CronJobController} from './cronjob/cronjob.js'
import {DisruptionController} from './disruption/disruption.js'
import {NodeLifecycleController} from './nodelifecycle/nodelifecycle.js'
import {TaintEvictionController} from './tainteviction/tainteviction.js'
import {PodGCController} from './podgc/podgc.js'
import {createResourceQuotaController} from './resourcequota/index.js'
import {HorizontalPodAutoscalerController} from './podautoscaler/horizontal.js'
import {APIServiceAvailableController} from './apiservice/available.js'

export function createControllers(): Controller[] {
  return [
    new DeploymentController(),
    new ReplicaSetController(),
    new ReplicaSetController(REPLICATION_CONTROLLER),
    new EndpointsController(),
    new EndpointSliceController(),
    new ServiceAccountController(),
    new GarbageCollector(),
    new NamespaceController(),
    new StatefulSetController(),
    new DaemonSetController(),
    new JobController(),
    new TTLAfterFinishedController(),
    new CronJobController(),
    new DisruptionController(),
    new NodeLifecycleController(),
    new TaintEvictionController(),
    new PodGCController(),
    createResourceQuotaController(),
    new HorizontalPodAutoscalerController(),
    new APIServiceAvailableController(),
  ]
}
