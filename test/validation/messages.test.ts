// Exact API-server messages for the rules k8sim enforces beyond the schema.
import {describe, expect, it} from 'vitest'
import {
  decodeErrorMessage,
  formatFieldError,
  invalidStatusMessage,
  kubectlInvalidMessage,
  validateCreate,
  validateUpdate,
} from '../../src/validation/index.js'
import {applyDefaults} from '../../src/admission/defaults/index.js'
import {prepareCreate} from '../../src/admission/metadata.js'
import type {KubeObject} from '../../src/api/types.js'

const msgs = (o: any) => validateCreate(o as KubeObject).map(formatFieldError)

function deployment(over: any = {}): any {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {name: 'web', namespace: 'default'},
    spec: {
      replicas: 2,
      selector: {matchLabels: {app: 'web'}},
      template: {metadata: {labels: {app: 'web'}}, spec: {containers: [{name: 'web', image: 'nginx:1.27'}]}},
      ...over,
    },
  }
}

function pod(containers: any[], spec: any = {}): any {
  return {apiVersion: 'v1', kind: 'Pod', metadata: {name: 'p', namespace: 'default'}, spec: {containers, ...spec}}
}

/** What the store holds after a create: defaults + registry metadata. */
function stored(o: any, uid = 'u-1'): any {
  const c = structuredClone(o)
  applyDefaults(c)
  prepareCreate(c, {nowRFC3339: '2026-01-01T00:00:00Z', uid})
  return c
}

describe('metadata', () => {
  it('accepts a valid Deployment', () => expect(msgs(deployment())).toEqual([]))
  it('name too long and uppercase', () => {
    expect(msgs({apiVersion: 'v1', kind: 'Namespace', metadata: {name: 'Team-A'}})).toEqual([
      "metadata.name: Invalid value: \"Team-A\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
    ])
  })
  it('service names are DNS-1035 labels', () => {
    const svc = {apiVersion: 'v1', kind: 'Service', metadata: {name: '1web'}, spec: {ports: [{port: 80}]}}
    expect(msgs(svc)).toEqual([
      "metadata.name: Invalid value: \"1web\": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
    ])
  })
  it('label keys', () => {
    const cm = {apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'c', labels: {'a/b/c': 'x', '/x': 'y'}}}
    expect(msgs(cm)).toEqual([
      "metadata.labels: Invalid value: \"a/b/c\": a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
      'metadata.labels: Invalid value: "/x": prefix part must be non-empty',
    ])
  })
  it('annotation size', () => {
    const cm = {apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'c', annotations: {big: 'x'.repeat(262145)}}}
    expect(msgs(cm)).toEqual(['metadata.annotations: Too long: must have at most 262144 bytes'])
  })
  it('generateName is checked as a prefix', () => {
    expect(msgs({apiVersion: 'v1', kind: 'ConfigMap', metadata: {generateName: 'cfg-'}})).toEqual([])
  })
})

describe('quantities', () => {
  it('500mi fails while decoding, as kubectl shows it', () => {
    const errs = validateCreate(pod([{name: 'c', image: 'nginx', resources: {limits: {memory: '500mi'}}}]))
    expect(errs).toHaveLength(1)
    expect(errs[0].decode).toBe(true)
    expect(errs[0].field).toBe('spec.containers[0].resources.limits[memory]')
    expect(decodeErrorMessage('Pod', 'v1', errs[0].detail)).toBe('Pod in version "v1" cannot be handled as a Pod: unable to parse quantity\'s suffix')
  })
  it('a malformed number fails the quantity regular expression', () => {
    const errs = validateCreate(deployment({template: {metadata: {labels: {app: 'web'}}, spec: {containers: [{name: 'c', image: 'x', resources: {requests: {cpu: '1.2.3'}}}]}}}))
    expect(errs.map((e) => e.detail)).toEqual(["quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"])
    expect(errs[0].path).toEqual(['spec', 'template', 'spec', 'containers', 0, 'resources', 'requests', 'cpu'])
  })
  it('requests must not exceed limits', () => {
    expect(msgs(pod([{name: 'c', image: 'nginx', resources: {requests: {cpu: '2'}, limits: {cpu: '500m'}}}]))).toEqual([
      'spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 500m',
    ])
  })
  it('negative quantities', () => {
    expect(msgs(pod([{name: 'c', image: 'nginx', resources: {requests: {memory: '-1Gi'}}}]))).toEqual([
      'spec.containers[0].resources.requests[memory]: Invalid value: "-1Gi": must be greater than or equal to 0',
    ])
  })
})

describe('pods', () => {
  it('image required, container names unique DNS labels, ports in range', () => {
    expect(
      msgs(pod([
        {name: 'app', image: ''},
        {name: 'app', image: 'nginx', ports: [{containerPort: 70000}]},
        {name: 'Side_car', image: 'busybox'},
      ])),
    ).toEqual([
      'spec.containers[0].image: Required value',
      'spec.containers[1].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive',
      'spec.containers[1].name: Duplicate value: "app"',
      "spec.containers[2].name: Invalid value: \"Side_car\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
    ])
  })
  it('enums', () => {
    expect(msgs(pod([{name: 'c', image: 'nginx', imagePullPolicy: 'always'}], {restartPolicy: 'always', dnsPolicy: 'Cluster'}))).toEqual([
      'spec.containers[0].imagePullPolicy: Unsupported value: "always": supported values: "Always", "IfNotPresent", "Never"',
      'spec.restartPolicy: Unsupported value: "always": supported values: "Always", "OnFailure", "Never"',
      'spec.dnsPolicy: Unsupported value: "Cluster": supported values: "ClusterFirst", "ClusterFirstWithHostNet", "Default", "None"',
    ])
  })
  it('no containers', () => expect(msgs(pod([]))).toEqual(['spec.containers: Required value']))
  it('volume mounts must name a volume', () => {
    expect(msgs(pod([{name: 'c', image: 'nginx', volumeMounts: [{name: 'data', mountPath: '/data'}]}]))).toEqual([
      'spec.containers[0].volumeMounts[0].name: Not found: "data"',
    ])
  })
  it('updates may change only images and a few fields', () => {
    const old = stored(pod([{name: 'c', image: 'nginx:1'}]))
    const imageOnly = structuredClone(old)
    imageOnly.spec.containers[0].image = 'nginx:2'
    expect(validateUpdate(imageOnly, old)).toEqual([])
    const changed = structuredClone(old)
    changed.spec.containers[0].resources = {limits: {cpu: '1'}}
    const [e] = validateUpdate(changed, old).map(formatFieldError)
    expect(e.split('\n')[0]).toBe(
      'spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
    )
  })
})

describe('workloads', () => {
  it('selector required and mismatching', () => {
    const d = deployment()
    delete d.spec.selector
    expect(msgs(d)).toEqual([
      'spec.selector: Required value',
      'spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`',
    ])
  })
  it('empty selector', () => {
    expect(msgs(deployment({selector: {}}))).toEqual([
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment',
    ])
  })
  it('Deployment pods must restart Always', () => {
    const d = deployment()
    d.spec.template.spec.restartPolicy = 'Never'
    expect(msgs(d)).toEqual(['spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"'])
  })
  it('maxUnavailable and maxSurge both 0', () => {
    expect(msgs(deployment({strategy: {type: 'RollingUpdate', rollingUpdate: {maxUnavailable: 0, maxSurge: 0}}}))).toEqual([
      'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:0, IntVal:0, StrVal:""}: may not be 0 when `maxSurge` is 0',
    ])
  })
  it('Job without restartPolicy', () => {
    const job = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: {name: 'hello', namespace: 'default'},
      spec: {template: {spec: {containers: [{name: 'c', image: 'busybox'}]}}},
    }
    expect(msgs(job)).toEqual(['spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"'])
    const cj = {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: {name: 'hello', namespace: 'default'},
      spec: {schedule: '*/1 * * * *', jobTemplate: {spec: {template: {spec: {containers: [{name: 'c', image: 'busybox'}]}}}}},
    }
    expect(msgs(cj)).toEqual(['spec.jobTemplate.spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"'])
  })
  it('CronJob schedule', () => {
    const cj = {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: {name: 'c', namespace: 'default'},
      spec: {schedule: '* * * *', jobTemplate: {spec: {template: {spec: {restartPolicy: 'Never', containers: [{name: 'c', image: 'busybox'}]}}}}},
    }
    expect(msgs(cj)).toEqual(['spec.schedule: Invalid value: "* * * *": expected exactly 5 fields, found 4: [* * * *]'])
    cj.spec.schedule = '61 * * * *'
    expect(msgs(cj)).toEqual(['spec.schedule: Invalid value: "61 * * * *": end of range (61) above maximum (59): 61'])
  })
  it('Deployment selector is immutable', () => {
    const old = stored(deployment())
    const upd = structuredClone(old)
    upd.spec.selector = {matchLabels: {app: 'web2'}}
    upd.spec.template.metadata.labels = {app: 'web2'}
    expect(validateUpdate(upd, old).map(formatFieldError)).toEqual([
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web2"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
    ])
  })
  it('StatefulSet spec fields other than the allowed ones are forbidden on update', () => {
    const sts = {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: {name: 'db', namespace: 'default'},
      spec: {serviceName: 'db', selector: {matchLabels: {app: 'db'}}, template: {metadata: {labels: {app: 'db'}}, spec: {containers: [{name: 'c', image: 'postgres'}]}}},
    }
    const old = stored(sts)
    const upd = structuredClone(old)
    upd.spec.replicas = 3
    expect(validateUpdate(upd, old)).toEqual([])
    upd.spec.serviceName = 'db2'
    expect(validateUpdate(upd, old).map(formatFieldError)).toEqual([
      "spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
    ])
  })
  it('Job template is immutable', () => {
    const job = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: {name: 'pi', namespace: 'default'},
      spec: {template: {spec: {restartPolicy: 'Never', containers: [{name: 'c', image: 'perl'}]}}},
    }
    const old = stored(job)
    expect(validateCreate(old)).toEqual([])
    const upd = structuredClone(old)
    upd.spec.template.spec.containers[0].image = 'perl:2'
    expect(validateUpdate(upd, old).map(formatFieldError)).toEqual(['spec.template: Invalid value: core.PodTemplateSpec{...}: field is immutable'])
  })
})

describe('services', () => {
  it('clusterIP may not change', () => {
    const old = stored({apiVersion: 'v1', kind: 'Service', metadata: {name: 's', namespace: 'default'}, spec: {ports: [{port: 80}]}})
    old.spec.clusterIP = '10.96.0.10'
    old.spec.clusterIPs = ['10.96.0.10']
    const upd = structuredClone(old)
    upd.spec.clusterIP = '10.96.0.11'
    upd.spec.clusterIPs = ['10.96.0.11']
    expect(validateUpdate(upd, old).map(formatFieldError)).toEqual(['spec.clusterIPs[0]: Invalid value: []string{"10.96.0.11"}: may not change once set'])
  })
  it('port names required with several ports', () => {
    const svc = {apiVersion: 'v1', kind: 'Service', metadata: {name: 's'}, spec: {ports: [{port: 80}, {port: 443}]}}
    expect(msgs(svc)).toEqual(['spec.ports[0].name: Required value', 'spec.ports[1].name: Required value'])
  })
})

describe('status messages', () => {
  const errs = validateCreate(pod([{name: 'a', image: ''}, {name: 'a', image: 'nginx'}]))
  it('API server Status message', () => {
    expect(invalidStatusMessage('Pod', 'p', errs)).toBe('Pod "p" is invalid: [spec.containers[0].image: Required value, spec.containers[1].name: Duplicate value: "a"]')
    expect(invalidStatusMessage('Deployment.apps', 'web', errs.slice(0, 1))).toBe('Deployment.apps "web" is invalid: spec.containers[0].image: Required value')
  })
  it('kubectl rendering', () => {
    expect(kubectlInvalidMessage('Pod', 'p', errs.slice(0, 1))).toBe('The Pod "p" is invalid: spec.containers[0].image: Required value')
    expect(kubectlInvalidMessage('Pod', 'p', errs)).toBe(
      'The Pod "p" is invalid: \n* spec.containers[0].image: Required value\n* spec.containers[1].name: Duplicate value: "a"',
    )
  })
})

describe('scheduling constraints', () => {
  it('pod anti-affinity needs a topologyKey; weights are 1-100', () => {
    const p = pod([{name: 'c', image: 'nginx'}], {
      affinity: {
        podAntiAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: [{labelSelector: {matchLabels: {app: 'a'}}}],
          preferredDuringSchedulingIgnoredDuringExecution: [{weight: 0, podAffinityTerm: {topologyKey: 'kubernetes.io/hostname'}}],
        },
      },
    })
    expect(msgs(p)).toEqual([
      'spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey: Required value: can not be empty',
      'spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey: Invalid value: "": name part must be non-empty',
      "spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey: Invalid value: \"\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
      'spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight: Invalid value: 0: must be in the range 1-100',
    ])
  })
  it('node affinity operators', () => {
    const p = pod([{name: 'c', image: 'nginx'}], {
      affinity: {nodeAffinity: {requiredDuringSchedulingIgnoredDuringExecution: {nodeSelectorTerms: [{matchExpressions: [{key: 'zone', operator: 'In'}]}]}}},
    })
    expect(msgs(p)).toEqual([
      "spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
    ])
  })
  it('tolerations and topology spread', () => {
    const p = pod([{name: 'c', image: 'nginx'}], {
      tolerations: [{key: 'k', operator: 'Exists', value: 'v'}, {operator: 'Equal', value: 'x'}, {key: 'k', effect: 'NoSchedule', tolerationSeconds: 5}],
      topologySpreadConstraints: [{maxSkew: 0, topologyKey: 'zone', whenUnsatisfiable: 'Maybe'}],
    })
    expect(msgs(p)).toEqual([
      "spec.topologySpreadConstraints[0].maxSkew: Invalid value: 0: must be greater than zero",
      'spec.topologySpreadConstraints[0].whenUnsatisfiable: Unsupported value: "Maybe": supported values: "DoNotSchedule", "ScheduleAnyway"',
      'spec.tolerations[0].operator: Invalid value: core.Toleration{Key:"k", Operator:"Exists", Value:"v", Effect:"", TolerationSeconds:(*int64)(nil)}: value must be empty when `operator` is \'Exists\'',
      'spec.tolerations[1].operator: Invalid value: "Equal": operator must be Exists when `key` is empty, which means "match all values and all keys"',
      "spec.tolerations[2].effect: Invalid value: \"NoSchedule\": effect must be 'NoExecute' when `tolerationSeconds` is set",
    ])
  })
})

describe('source paths', () => {
  it('label errors keep the Kubernetes field but point at the entry', () => {
    const [e] = validateCreate({apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'c', labels: {ok: 'fine', owner: '_'}}} as KubeObject)
    expect(e.field).toBe('metadata.labels')
    expect(e.path).toEqual(['metadata', 'labels', 'owner'])
  })
})

describe('service IPs', () => {
  it('clusterIP must be an IP or None', () => {
    const svc = {apiVersion: 'v1', kind: 'Service', metadata: {name: 's'}, spec: {clusterIP: '10.96.0.300', ports: [{port: 80}]}}
    expect(msgs(svc)).toEqual(['spec.clusterIPs[0]: Invalid value: "10.96.0.300": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'])
    svc.spec.clusterIP = 'None'
    expect(msgs(svc)).toEqual([])
  })
})

describe('StatefulSet pod templates', () => {
  it('are not validated beyond labels, as in Kubernetes (their pods fail to create instead)', () => {
    const sts = {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: {name: 'db', namespace: 'default'},
      spec: {serviceName: 'db', selector: {matchLabels: {app: 'db'}}, template: {metadata: {labels: {app: 'db'}}, spec: {containers: [{name: 'c'}]}}},
    }
    expect(msgs(sts)).toEqual([])
  })
})

describe('Secret data must be base64', () => {
  const secret = (v: string) => ({apiVersion: 'v1', kind: 'Secret', metadata: {name: 's'}, data: {password: v}}) as any
  it('reports the byte offset as Go does', () => {
    const check = (v: string) => validateCreate(secret(v)).map((e) => e.detail)
    expect(check('cGFzc3dvcmQ=')).toEqual([])
    expect(check('')).toEqual([])
    expect(check('hello world')).toEqual(['illegal base64 data at input byte 5'])
    expect(check('admin')).toEqual(['illegal base64 data at input byte 4'])
    expect(check('abcdef')).toEqual(['illegal base64 data at input byte 4'])
    expect(check('YQ=')).toEqual(['illegal base64 data at input byte 3'])
    const [e] = validateCreate(secret('s3cr3t!'))
    expect(e.decode).toBe(true)
    expect(decodeErrorMessage('Secret', 'v1', e.detail)).toBe('Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 6')
  })
})

describe('storage, policy, autoscaling, networking', () => {
  it('PVC needs access modes and a storage request', () => {
    expect(msgs({apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: {name: 'data'}, spec: {}})).toEqual([
      'spec.accessModes: Required value: at least 1 access mode is required',
      'spec.resources[storage]: Required value',
    ])
    expect(
      msgs({apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: {name: 'data'}, spec: {accessModes: ['ReadWriteOnly'], resources: {requests: {storage: '0'}}}}),
    ).toEqual([
      'spec.accessModes: Unsupported value: "ReadWriteOnly": supported values: "ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"',
      'spec.resources[storage]: Invalid value: "0": must be greater than zero',
    ])
  })
  it('PDB with both budgets and a bad percentage', () => {
    expect(
      msgs({apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: {name: 'p'}, spec: {minAvailable: '50', maxUnavailable: '150%', selector: {matchLabels: {app: 'a'}}}}),
    ).toEqual([
      'spec: Invalid value: policy.PodDisruptionBudgetSpec{...}: minAvailable and maxUnavailable cannot be both set',
      "spec.minAvailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:\"50\"}: a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
      'spec.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"150%"}: must not be greater than 100%',
    ])
  })
  it('HPA replica bounds', () => {
    expect(
      msgs({apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: {name: 'h'}, spec: {minReplicas: 5, maxReplicas: 2, scaleTargetRef: {apiVersion: 'apps/v1', kind: 'Deployment', name: 'web'}}}),
    ).toEqual(['spec.maxReplicas: Invalid value: 2: must be greater than or equal to `minReplicas`'])
  })
  it('Ingress paths', () => {
    const ing = {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: {name: 'i'},
      spec: {rules: [{host: 'Example.com', http: {paths: [{path: 'api', pathType: 'Prefix', backend: {service: {name: 'web', port: {}}}}]}}]},
    }
    expect(msgs(ing)).toEqual([
      "spec.rules[0].host: Invalid value: \"Example.com\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
      'spec.rules[0].http.paths[0].path: Invalid value: "api": must be an absolute path',
      'spec.rules[0].http.paths[0].backend: Required value: port name or number is required',
    ])
  })
})

describe('environment variables', () => {
  it('fieldRef paths and key selectors', () => {
    const p = pod([
      {
        name: 'c',
        image: 'nginx',
        env: [
          {name: 'POD_IP', valueFrom: {fieldRef: {fieldPath: 'metadata.podIP'}}},
          {name: 'LABELS', valueFrom: {fieldRef: {fieldPath: 'metadata.labels'}}},
          {name: 'PASS', value: 'x', valueFrom: {secretKeyRef: {name: 'db', key: 'password'}}},
          {name: 'EMPTY', valueFrom: {}},
          {name: 'A=B', value: '1'},
        ],
      },
    ])
    expect(msgs(p)).toEqual([
      'spec.containers[0].env[0].valueFrom.fieldRef.fieldPath: Invalid value: "metadata.podIP": error converting fieldPath: field label not supported: metadata.podIP',
      'spec.containers[0].env[1].valueFrom.fieldRef.fieldPath: Unsupported value: "metadata.labels": supported values: "metadata.name", "metadata.namespace", "metadata.uid", "spec.nodeName", "spec.serviceAccountName", "status.hostIP", "status.hostIPs", "status.podIP", "status.podIPs"',
      'spec.containers[0].env[2].valueFrom: Invalid value: "": may not be specified when `value` is not empty',
      'spec.containers[0].env[3].valueFrom: Invalid value: "": must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`',
      "spec.containers[0].env[4].name: Invalid value: \"A=B\": a valid environment variable name must consist only of printable ASCII characters other than '='",
    ])
  })
})

describe('PriorityClass and ResourceQuota', () => {
  it('user priorities are capped; system- names reserved', () => {
    expect(msgs({apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: {name: 'high'}, value: 2000000000})).toEqual([
      'value: Forbidden: maximum allowed value of a user defined priority is 1000000000',
    ])
    expect(msgs({apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: {name: 'system-high'}, value: 10})).toEqual([
      "metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: system-high is not a known system priority class",
    ])
  })
  it('quota resource names and integer counts', () => {
    expect(msgs({apiVersion: 'v1', kind: 'ResourceQuota', metadata: {name: 'q'}, spec: {hard: {pods: '1.5', gpus: '1', 'requests.cpu': '2'}}})).toEqual([
      'spec.hard[pods]: Invalid value: "1500m": must be an integer',
      'spec.hard[gpus]: Invalid value: "gpus": must be a standard resource for quota',
    ])
  })
})
