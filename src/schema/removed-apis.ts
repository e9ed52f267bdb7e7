// API versions Kubernetes removed, with their replacement and the release that removed them
// (https://kubernetes.io/docs/reference/using-api/deprecation-guide/). Used to explain a missing schema.

interface Removal {
  apiVersion: string
  kinds: string[]
  removedIn: string
  /** replacement apiVersion; undefined when the API has no successor */
  use?: string
  note?: string
}

const REMOVALS: Removal[] = [
  {apiVersion: 'extensions/v1beta1', kinds: ['Deployment', 'DaemonSet', 'ReplicaSet'], removedIn: '1.16', use: 'apps/v1'},
  {apiVersion: 'extensions/v1beta1', kinds: ['NetworkPolicy'], removedIn: '1.16', use: 'networking.k8s.io/v1'},
  {apiVersion: 'extensions/v1beta1', kinds: ['PodSecurityPolicy'], removedIn: '1.16', use: 'policy/v1beta1', note: 'PodSecurityPolicy itself was removed in 1.25: use Pod Security Admission'},
  {apiVersion: 'extensions/v1beta1', kinds: ['Ingress'], removedIn: '1.22', use: 'networking.k8s.io/v1'},
  {apiVersion: 'apps/v1beta1', kinds: ['Deployment', 'StatefulSet', 'ControllerRevision'], removedIn: '1.16', use: 'apps/v1'},
  {apiVersion: 'apps/v1beta2', kinds: ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ControllerRevision'], removedIn: '1.16', use: 'apps/v1'},
  {apiVersion: 'networking.k8s.io/v1beta1', kinds: ['Ingress', 'IngressClass'], removedIn: '1.22', use: 'networking.k8s.io/v1'},
  {apiVersion: 'apiextensions.k8s.io/v1beta1', kinds: ['CustomResourceDefinition'], removedIn: '1.22', use: 'apiextensions.k8s.io/v1'},
  {apiVersion: 'apiregistration.k8s.io/v1beta1', kinds: ['APIService'], removedIn: '1.22', use: 'apiregistration.k8s.io/v1'},
  {apiVersion: 'admissionregistration.k8s.io/v1beta1', kinds: ['ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration'], removedIn: '1.22', use: 'admissionregistration.k8s.io/v1'},
  {apiVersion: 'admissionregistration.k8s.io/v1alpha1', kinds: ['InitializerConfiguration'], removedIn: '1.14', note: 'initializers were removed with no replacement: use admission webhooks'},
  {apiVersion: 'authentication.k8s.io/v1beta1', kinds: ['TokenReview'], removedIn: '1.22', use: 'authentication.k8s.io/v1'},
  {apiVersion: 'authorization.k8s.io/v1beta1', kinds: ['SubjectAccessReview', 'LocalSubjectAccessReview', 'SelfSubjectAccessReview'], removedIn: '1.22', use: 'authorization.k8s.io/v1'},
  {apiVersion: 'certificates.k8s.io/v1beta1', kinds: ['CertificateSigningRequest'], removedIn: '1.22', use: 'certificates.k8s.io/v1'},
  {apiVersion: 'coordination.k8s.io/v1beta1', kinds: ['Lease'], removedIn: '1.22', use: 'coordination.k8s.io/v1'},
  {apiVersion: 'rbac.authorization.k8s.io/v1beta1', kinds: ['Role', 'RoleBinding', 'ClusterRole', 'ClusterRoleBinding'], removedIn: '1.22', use: 'rbac.authorization.k8s.io/v1'},
  {apiVersion: 'rbac.authorization.k8s.io/v1alpha1', kinds: ['Role', 'RoleBinding', 'ClusterRole', 'ClusterRoleBinding'], removedIn: '1.22', use: 'rbac.authorization.k8s.io/v1'},
  {apiVersion: 'scheduling.k8s.io/v1beta1', kinds: ['PriorityClass'], removedIn: '1.22', use: 'scheduling.k8s.io/v1'},
  {apiVersion: 'scheduling.k8s.io/v1alpha1', kinds: ['PriorityClass'], removedIn: '1.17', use: 'scheduling.k8s.io/v1'},
  {apiVersion: 'storage.k8s.io/v1beta1', kinds: ['CSIDriver', 'CSINode', 'StorageClass', 'VolumeAttachment'], removedIn: '1.22', use: 'storage.k8s.io/v1'},
  {apiVersion: 'storage.k8s.io/v1beta1', kinds: ['CSIStorageCapacity'], removedIn: '1.27', use: 'storage.k8s.io/v1'},
  {apiVersion: 'batch/v1beta1', kinds: ['CronJob'], removedIn: '1.25', use: 'batch/v1'},
  {apiVersion: 'batch/v2alpha1', kinds: ['CronJob'], removedIn: '1.21', use: 'batch/v1'},
  {apiVersion: 'discovery.k8s.io/v1beta1', kinds: ['EndpointSlice'], removedIn: '1.25', use: 'discovery.k8s.io/v1'},
  {apiVersion: 'events.k8s.io/v1beta1', kinds: ['Event'], removedIn: '1.25', use: 'events.k8s.io/v1'},
  {apiVersion: 'autoscaling/v2beta1', kinds: ['HorizontalPodAutoscaler'], removedIn: '1.25', use: 'autoscaling/v2'},
  {apiVersion: 'autoscaling/v2beta2', kinds: ['HorizontalPodAutoscaler'], removedIn: '1.26', use: 'autoscaling/v2'},
  {apiVersion: 'policy/v1beta1', kinds: ['PodDisruptionBudget'], removedIn: '1.25', use: 'policy/v1'},
  {apiVersion: 'policy/v1beta1', kinds: ['PodSecurityPolicy'], removedIn: '1.25', note: 'use Pod Security Admission (pod-security.kubernetes.io labels on the namespace)'},
  {apiVersion: 'node.k8s.io/v1beta1', kinds: ['RuntimeClass'], removedIn: '1.25', use: 'node.k8s.io/v1'},
  {apiVersion: 'node.k8s.io/v1alpha1', kinds: ['RuntimeClass'], removedIn: '1.22', use: 'node.k8s.io/v1'},
  {apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta1', kinds: ['FlowSchema', 'PriorityLevelConfiguration'], removedIn: '1.26', use: 'flowcontrol.apiserver.k8s.io/v1'},
  {apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta2', kinds: ['FlowSchema', 'PriorityLevelConfiguration'], removedIn: '1.29', use: 'flowcontrol.apiserver.k8s.io/v1'},
  {apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta3', kinds: ['FlowSchema', 'PriorityLevelConfiguration'], removedIn: '1.32', use: 'flowcontrol.apiserver.k8s.io/v1'},
]

function minorOf(v: string): number {
  return Number(v.split('.')[1] ?? 0)
}

/** `extensions/v1beta1 Deployment was removed in 1.16: use apps/v1`, or undefined when not a removed API. */
export function removedApiHint(apiVersion: string, kind: string, kubernetesVersion: string): string | undefined {
  const r = REMOVALS.find((x) => x.apiVersion === apiVersion && x.kinds.includes(kind))
  if (!r || minorOf(kubernetesVersion) < minorOf(r.removedIn)) return undefined
  const tail = r.use ? `use ${r.use}${r.note ? ` (${r.note})` : ''}` : (r.note ?? 'no replacement')
  return `${apiVersion} ${kind} was removed in ${r.removedIn}: ${tail}`
}
