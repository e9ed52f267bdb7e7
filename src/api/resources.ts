// The API resources k8sim serves, as discovery lists them (kubectl.md §1.2). Custom resources registered by a CRD
// are added at run time with registerResource.

export interface ResourceInfo {
  group: string // '' for core
  version: string // preferred version
  kind: string
  plural: string
  singular: string
  shortNames: string[]
  namespaced: boolean
  /** in kubectl's `all` category, in discovery order */
  allOrder?: number
  /** other served versions (apiVersion strings) that map to this resource */
  alsoServed?: string[]
}

const builtins: ResourceInfo[] = [
  {group: '', version: 'v1', kind: 'Pod', plural: 'pods', singular: 'pod', shortNames: ['po'], namespaced: true, allOrder: 1},
  {group: '', version: 'v1', kind: 'ReplicationController', plural: 'replicationcontrollers', singular: 'replicationcontroller', shortNames: ['rc'], namespaced: true, allOrder: 2},
  {group: '', version: 'v1', kind: 'Service', plural: 'services', singular: 'service', shortNames: ['svc'], namespaced: true, allOrder: 3},
  {group: '', version: 'v1', kind: 'Node', plural: 'nodes', singular: 'node', shortNames: ['no'], namespaced: false},
  {group: '', version: 'v1', kind: 'Namespace', plural: 'namespaces', singular: 'namespace', shortNames: ['ns'], namespaced: false},
  {group: '', version: 'v1', kind: 'Event', plural: 'events', singular: 'event', shortNames: ['ev'], namespaced: true},
  {group: '', version: 'v1', kind: 'Endpoints', plural: 'endpoints', singular: 'endpoints', shortNames: ['ep'], namespaced: true},
  {group: '', version: 'v1', kind: 'ConfigMap', plural: 'configmaps', singular: 'configmap', shortNames: ['cm'], namespaced: true},
  {group: '', version: 'v1', kind: 'Secret', plural: 'secrets', singular: 'secret', shortNames: [], namespaced: true},
  {group: '', version: 'v1', kind: 'ServiceAccount', plural: 'serviceaccounts', singular: 'serviceaccount', shortNames: ['sa'], namespaced: true},
  {group: '', version: 'v1', kind: 'PersistentVolumeClaim', plural: 'persistentvolumeclaims', singular: 'persistentvolumeclaim', shortNames: ['pvc'], namespaced: true},
  {group: '', version: 'v1', kind: 'PersistentVolume', plural: 'persistentvolumes', singular: 'persistentvolume', shortNames: ['pv'], namespaced: false},
  {group: '', version: 'v1', kind: 'LimitRange', plural: 'limitranges', singular: 'limitrange', shortNames: ['limits'], namespaced: true},
  {group: '', version: 'v1', kind: 'ResourceQuota', plural: 'resourcequotas', singular: 'resourcequota', shortNames: ['quota'], namespaced: true},
  {group: '', version: 'v1', kind: 'PodTemplate', plural: 'podtemplates', singular: 'podtemplate', shortNames: [], namespaced: true},
  {group: 'apps', version: 'v1', kind: 'DaemonSet', plural: 'daemonsets', singular: 'daemonset', shortNames: ['ds'], namespaced: true, allOrder: 4},
  {group: 'apps', version: 'v1', kind: 'Deployment', plural: 'deployments', singular: 'deployment', shortNames: ['deploy'], namespaced: true, allOrder: 5},
  {group: 'apps', version: 'v1', kind: 'ReplicaSet', plural: 'replicasets', singular: 'replicaset', shortNames: ['rs'], namespaced: true, allOrder: 6},
  {group: 'apps', version: 'v1', kind: 'StatefulSet', plural: 'statefulsets', singular: 'statefulset', shortNames: ['sts'], namespaced: true, allOrder: 7},
  {group: 'apps', version: 'v1', kind: 'ControllerRevision', plural: 'controllerrevisions', singular: 'controllerrevision', shortNames: [], namespaced: true},
  {group: 'autoscaling', version: 'v2', kind: 'HorizontalPodAutoscaler', plural: 'horizontalpodautoscalers', singular: 'horizontalpodautoscaler', shortNames: ['hpa'], namespaced: true, allOrder: 8, alsoServed: ['autoscaling/v1']},
  {group: 'batch', version: 'v1', kind: 'CronJob', plural: 'cronjobs', singular: 'cronjob', shortNames: ['cj'], namespaced: true, allOrder: 9},
  {group: 'batch', version: 'v1', kind: 'Job', plural: 'jobs', singular: 'job', shortNames: [], namespaced: true, allOrder: 10},
  {group: 'policy', version: 'v1', kind: 'PodDisruptionBudget', plural: 'poddisruptionbudgets', singular: 'poddisruptionbudget', shortNames: ['pdb'], namespaced: true},
  {group: 'networking.k8s.io', version: 'v1', kind: 'Ingress', plural: 'ingresses', singular: 'ingress', shortNames: ['ing'], namespaced: true},
  {group: 'networking.k8s.io', version: 'v1', kind: 'IngressClass', plural: 'ingressclasses', singular: 'ingressclass', shortNames: [], namespaced: false},
  {group: 'networking.k8s.io', version: 'v1', kind: 'NetworkPolicy', plural: 'networkpolicies', singular: 'networkpolicy', shortNames: ['netpol'], namespaced: true},
  {group: 'discovery.k8s.io', version: 'v1', kind: 'EndpointSlice', plural: 'endpointslices', singular: 'endpointslice', shortNames: [], namespaced: true},
  {group: 'storage.k8s.io', version: 'v1', kind: 'StorageClass', plural: 'storageclasses', singular: 'storageclass', shortNames: ['sc'], namespaced: false},
  {group: 'storage.k8s.io', version: 'v1', kind: 'CSIDriver', plural: 'csidrivers', singular: 'csidriver', shortNames: [], namespaced: false},
  {group: 'storage.k8s.io', version: 'v1', kind: 'CSINode', plural: 'csinodes', singular: 'csinode', shortNames: [], namespaced: false},
  {group: 'storage.k8s.io', version: 'v1', kind: 'VolumeAttachment', plural: 'volumeattachments', singular: 'volumeattachment', shortNames: [], namespaced: false},
  {group: 'scheduling.k8s.io', version: 'v1', kind: 'PriorityClass', plural: 'priorityclasses', singular: 'priorityclass', shortNames: ['pc'], namespaced: false},
  {group: 'rbac.authorization.k8s.io', version: 'v1', kind: 'Role', plural: 'roles', singular: 'role', shortNames: [], namespaced: true},
  {group: 'rbac.authorization.k8s.io', version: 'v1', kind: 'RoleBinding', plural: 'rolebindings', singular: 'rolebinding', shortNames: [], namespaced: true},
  {group: 'rbac.authorization.k8s.io', version: 'v1', kind: 'ClusterRole', plural: 'clusterroles', singular: 'clusterrole', shortNames: [], namespaced: false},
  {group: 'rbac.authorization.k8s.io', version: 'v1', kind: 'ClusterRoleBinding', plural: 'clusterrolebindings', singular: 'clusterrolebinding', shortNames: [], namespaced: false},
  {group: 'apiextensions.k8s.io', version: 'v1', kind: 'CustomResourceDefinition', plural: 'customresourcedefinitions', singular: 'customresourcedefinition', shortNames: ['crd', 'crds'], namespaced: false},
  {group: 'coordination.k8s.io', version: 'v1', kind: 'Lease', plural: 'leases', singular: 'lease', shortNames: [], namespaced: true},
  {group: 'events.k8s.io', version: 'v1', kind: 'Event', plural: 'events', singular: 'event', shortNames: ['ev'], namespaced: true},
  {group: 'admissionregistration.k8s.io', version: 'v1', kind: 'ValidatingWebhookConfiguration', plural: 'validatingwebhookconfigurations', singular: 'validatingwebhookconfiguration', shortNames: [], namespaced: false},
  {group: 'admissionregistration.k8s.io', version: 'v1', kind: 'MutatingWebhookConfiguration', plural: 'mutatingwebhookconfigurations', singular: 'mutatingwebhookconfiguration', shortNames: [], namespaced: false},
  {group: 'node.k8s.io', version: 'v1', kind: 'RuntimeClass', plural: 'runtimeclasses', singular: 'runtimeclass', shortNames: [], namespaced: false},
  {group: 'apiregistration.k8s.io', version: 'v1', kind: 'APIService', plural: 'apiservices', singular: 'apiservice', shortNames: [], namespaced: false},
  {group: 'flowcontrol.apiserver.k8s.io', version: 'v1', kind: 'FlowSchema', plural: 'flowschemas', singular: 'flowschema', shortNames: [], namespaced: false},
  {group: 'flowcontrol.apiserver.k8s.io', version: 'v1', kind: 'PriorityLevelConfiguration', plural: 'prioritylevelconfigurations', singular: 'prioritylevelconfiguration', shortNames: [], namespaced: false},
  {group: 'admissionregistration.k8s.io', version: 'v1', kind: 'ValidatingAdmissionPolicy', plural: 'validatingadmissionpolicies', singular: 'validatingadmissionpolicy', shortNames: [], namespaced: false},
  {group: 'admissionregistration.k8s.io', version: 'v1', kind: 'ValidatingAdmissionPolicyBinding', plural: 'validatingadmissionpolicybindings', singular: 'validatingadmissionpolicybinding', shortNames: [], namespaced: false},
  {group: 'storage.k8s.io', version: 'v1', kind: 'CSIStorageCapacity', plural: 'csistoragecapacities', singular: 'csistoragecapacity', shortNames: [], namespaced: true},
  {group: 'networking.k8s.io', version: 'v1', kind: 'IPAddress', plural: 'ipaddresses', singular: 'ipaddress', shortNames: ['ip'], namespaced: false},
  {group: 'networking.k8s.io', version: 'v1', kind: 'ServiceCIDR', plural: 'servicecidrs', singular: 'servicecidr', shortNames: [], namespaced: false},
  {group: 'certificates.k8s.io', version: 'v1', kind: 'CertificateSigningRequest', plural: 'certificatesigningrequests', singular: 'certificatesigningrequest', shortNames: ['csr'], namespaced: false},
]

/** A registry of resources; one per cluster, since CRDs add to it. */
export class ResourceRegistry {
  private byGK = new Map<string, ResourceInfo>()
  private list: ResourceInfo[] = []

  constructor(extra: ResourceInfo[] = []) {
    for (const r of builtins) this.register(r)
    for (const r of extra) this.register(r)
  }

  register(r: ResourceInfo): void {
    const key = `${r.group}/${r.kind}`
    // events.k8s.io Event must not shadow core Event for lookups by name; both are kept by group
    if (!this.byGK.has(key)) this.list.push(r)
    this.byGK.set(key, r)
  }

  all(): readonly ResourceInfo[] {
    return this.list
  }

  byGroupKind(group: string, kind: string): ResourceInfo | undefined {
    return this.byGK.get(`${group}/${kind}`)
  }

  /** Resolve what a user typed (`deploy`, `deployments.apps`, `Pod`, `pvc`), case-insensitively, as kubectl does. */
  resolve(name: string): ResourceInfo | undefined {
    const n = name.toLowerCase()
    const dot = n.indexOf('.')
    if (dot > 0) {
      const base = n.slice(0, dot)
      const named = (r: ResourceInfo): boolean => r.plural === base || r.singular === base || r.kind.toLowerCase() === base || r.shortNames.includes(base)
      const group = n.slice(dot + 1)
      const found = this.list.find((r) => r.group === group && named(r))
      if (found) return found
      // kubectl also takes resource.version.group (`deployments.v1.apps`)
      const m = /^(v\d+(?:(?:alpha|beta)\d+)?)\.(.+)$/.exec(group)
      return m ? this.list.find((r) => r.group === m[2] && r.version === m[1] && named(r)) : undefined
    }
    // prefer the core group, then discovery order (as kubectl's RESTMapper prefers core for `events`)
    return (
      this.list.find((r) => r.plural === n) ??
      this.list.find((r) => r.singular === n) ??
      this.list.find((r) => r.shortNames.includes(n)) ??
      this.list.find((r) => r.kind.toLowerCase() === n)
    )
  }
}

/** `deployment.apps` / `pod`: the prefix kubectl's NamePrinter uses (kubectl.md §1.1). */
export function printedKind(group: string, kind: string): string {
  return group ? `${kind.toLowerCase()}.${group}` : kind.toLowerCase()
}

/** `deployments.apps` / `pods`: the resource name used in API errors (`deployments.apps "web" not found`). */
export function qualifiedResource(r: ResourceInfo): string {
  return r.group ? `${r.plural}.${r.group}` : r.plural
}
