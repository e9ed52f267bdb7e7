// Every problem code k8sim reports, with its default severity and meaning (the README table comes from here).
import type {Severity} from '../types.js'

export const PROBLEM_CODES: Record<string, {severity: Severity; meaning: string}> = {
  // rejected at apply (exit 1)
  'parse-error': {severity: 'error', meaning: 'a document is not valid YAML/JSON'},
  invalid: {severity: 'error', meaning: 'schema or API-server validation refused a document'},
  'removed-api': {severity: 'error', meaning: 'the apiVersion was removed before the target Kubernetes version'},
  'unknown-kind': {severity: 'error', meaning: 'no such kind in that apiVersion (a CRD not installed, a typo)'},
  'missing-namespace': {severity: 'error', meaning: 'the object names a namespace that does not exist'},
  'quota-exceeded': {severity: 'error', meaning: 'a ResourceQuota refused the object'},
  'limit-range': {severity: 'error', meaning: 'a LimitRange refused the object'},
  'immutable-field': {severity: 'error', meaning: 'a later document changes a field that cannot change'},
  // found by the simulation (exit 3 with --wait when the severity is error)
  unschedulable: {severity: 'error', meaning: "pods never fit on a node (the scheduler's FailedScheduling message)"},
  hostport: {severity: 'error', meaning: 'pods are unschedulable because their hostPort is taken on every node'},
  'crash-loop': {severity: 'error', meaning: 'a container keeps exiting: CrashLoopBackOff'},
  'image-pull': {severity: 'error', meaning: 'an image cannot be pulled: ErrImagePull / ImagePullBackOff'},
  'container-config': {severity: 'error', meaning: 'CreateContainerConfigError for another reason'},
  'volume-not-attachable': {severity: 'error', meaning: 'a scheduled pod never starts: its volume cannot be attached or mounted (FailedAttachVolume / FailedMount)'},
  'pod-failed': {severity: 'error', meaning: 'a pod outside a Job ended in phase Failed'},
  'rollout-stalled': {severity: 'error', meaning: 'a Deployment, StatefulSet or DaemonSet did not finish rolling out'},
  'job-failed': {severity: 'error', meaning: 'a Job reached its backoffLimit or deadline'},
  'missing-configmap': {severity: 'error', meaning: 'a pod template refers to a ConfigMap that does not exist'},
  'missing-secret': {severity: 'error', meaning: 'a pod template refers to a Secret that does not exist'},
  'missing-pvc': {severity: 'error', meaning: 'a pod template mounts a PersistentVolumeClaim that does not exist'},
  'missing-serviceaccount': {severity: 'error', meaning: 'serviceAccountName names a ServiceAccount that does not exist: no pod is created'},
  'missing-priorityclass': {severity: 'error', meaning: 'priorityClassName names a PriorityClass that does not exist: pods are rejected'},
  'missing-storageclass': {severity: 'error', meaning: 'a claim names a StorageClass that does not exist'},
  'no-provisioner': {severity: 'error', meaning: "a StorageClass's provisioner does not run in the cluster: claims never bind"},
  'pvc-pending': {severity: 'error', meaning: 'a claim a pod needs stays Pending'},
  'service-no-endpoints': {severity: 'error', meaning: 'a Service selects no pods (error), or only pods that are not ready (warning)'},
  'service-port-mismatch': {severity: 'error', meaning: "a Service's named targetPort is not declared by the pods it selects"},
  'ingress-backend-missing': {severity: 'error', meaning: 'an Ingress backend names a Service or port that does not exist'},
  'hpa-target-missing': {severity: 'error', meaning: "an HPA's scaleTargetRef does not exist"},
  // warnings and info (never change the exit code)
  'lb-pending': {severity: 'warning', meaning: 'a LoadBalancer Service gets no external IP (no cloud controller)'},
  'ingress-no-class': {severity: 'warning', meaning: 'an Ingress has no class and no default IngressClass exists'},
  'pdb-no-pods': {severity: 'warning', meaning: 'a PodDisruptionBudget selects no pods'},
  'pdb-blocks-drain': {severity: 'warning', meaning: 'a PodDisruptionBudget never allows an eviction: node drains hang'},
  'deprecated-api': {severity: 'warning', meaning: 'the apiVersion is deprecated in the target Kubernetes version'},
  'deprecated-annotation': {severity: 'warning', meaning: 'an annotation replaced by a field'},
  'duplicate-object': {severity: 'info', meaning: 'the same object is defined twice in the bundle (warning when the definitions differ)'},
}
