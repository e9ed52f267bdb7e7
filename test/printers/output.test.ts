import {describe, expect, it} from 'vitest'
import type {KubeObject} from '../../src/api/types.js'
import {executeJSONPath} from '../../src/printers/jsonpath.js'
import {formatObjects, parseOutputFlag, resourceName, sortByJSONPath} from '../../src/printers/output.js'
import {toGoYAML} from '../../src/printers/output-yaml.js'

const d: KubeObject = {
  kind: 'Deployment',
  apiVersion: 'apps/v1',
  metadata: {name: 'web', namespace: 'default', resourceVersion: '12', creationTimestamp: '2026-01-01T00:00:00Z', labels: {app: 'web'}},
  spec: {replicas: 3, template: {spec: {containers: [{name: 'nginx', image: 'nginx:1.27', args: ['-c', 'a: b', '*'], resources: {}}]}}},
}

describe('-o yaml (go-yaml v2 as kubectl)', () => {
  it('sorts keys, does not indent sequences, quotes what would not read back as a string', () => {
    expect(formatObjects([d], {kind: 'yaml'}, true)).toBe(`apiVersion: apps/v1
kind: Deployment
metadata:
  creationTimestamp: "2026-01-01T00:00:00Z"
  labels:
    app: web
  name: web
  namespace: default
  resourceVersion: "12"
spec:
  replicas: 3
  template:
    spec:
      containers:
      - args:
        - -c
        - 'a: b'
        - '*'
        image: nginx:1.27
        name: nginx
        resources: {}
`)
  })

  it('wraps a List for list requests', () => {
    expect(formatObjects([], {kind: 'yaml'}, false)).toBe('apiVersion: v1\nitems: []\nkind: List\nmetadata:\n  resourceVersion: ""\n')
  })

  it('literal blocks, y/n keys, empty strings, folding after 80 columns', () => {
    expect(toGoYAML({a: 'line1\nline2\n', b: 'x\ny', n: '', y: true})).toBe('a: |\n  line1\n  line2\nb: |-\n  x\n  y\n"n": ""\n"y": true\n')
    const long = 'word '.repeat(20).trim()
    // go-yaml breaks at the first space found past column 80: 15 words on the first line
    expect(toGoYAML({message: long})).toBe(`message: ${Array(15).fill('word').join(' ')}\n  ${Array(5).fill('word').join(' ')}\n`)
  })
})

describe('-o json', () => {
  it('indents with 4 spaces, sorts keys and escapes < > & as Go does', () => {
    const out = formatObjects([{apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'c'}, data: {x: '<none> & more'}}], {kind: 'json'}, true)
    expect(out).toBe('{\n    "apiVersion": "v1",\n    "data": {\n        "x": "\\u003cnone\\u003e \\u0026 more"\n    },\n    "kind": "ConfigMap",\n    "metadata": {\n        "name": "c"\n    }\n}\n')
  })
})

describe('-o name, -o jsonpath, --sort-by', () => {
  it('prints kind.group/name', () => {
    expect(resourceName(d)).toBe('deployment.apps/web')
    expect(formatObjects([d, {apiVersion: 'v1', kind: 'Pod', metadata: {name: 'p'}}], {kind: 'name'}, false)).toBe('deployment.apps/web\npod/p\n')
  })

  const pods: KubeObject[] = ['b', 'a', 'c'].map((n, i) => ({apiVersion: 'v1', kind: 'Pod', metadata: {name: n, labels: {i: String(i)}}, spec: {nodeName: `node-${i}`, containers: [{name: 'x', image: `img${i}`}]}, status: {phase: i === 2 ? 'Pending' : 'Running'}}))
  const list = {apiVersion: 'v1', kind: 'List', items: pods}

  it('evaluates kubectl JSONPath templates', () => {
    expect(executeJSONPath('{.items[*].metadata.name}', list)).toBe('b a c')
    expect(executeJSONPath('{range .items[*]}{.metadata.name}{"\\t"}{.spec.nodeName}{"\\n"}{end}', list)).toBe('b\tnode-0\na\tnode-1\nc\tnode-2\n')
    expect(executeJSONPath('{.items[?(@.status.phase=="Pending")].metadata.name}', list)).toBe('c')
    expect(executeJSONPath('{.items[0].spec.containers[0].image}', list)).toBe('img0')
    expect(executeJSONPath('{.items[-1:].metadata.name}', list)).toBe('c')
    expect(executeJSONPath("{.items[0].metadata.labels['i']}", list)).toBe('0')
    expect(executeJSONPath('{..image}', list)).toBe('img0 img1 img2')
    expect(executeJSONPath('{.items[0].metadata.labels}', list)).toBe('{"i":"0"}')
    expect(executeJSONPath('{.missing}', list)).toBe('')
    expect(formatObjects(pods, parseOutputFlag('jsonpath={.items[*].spec.nodeName}'), false)).toBe('node-0 node-1 node-2')
  })

  it('sorts by a JSONPath', () => {
    expect(sortByJSONPath(pods, '.metadata.name').map((p) => p.metadata.name)).toEqual(['a', 'b', 'c'])
    expect(sortByJSONPath(pods, '{.spec.nodeName}').map((p) => p.metadata.name)).toEqual(['b', 'a', 'c'])
  })

  it('rejects unknown output formats', () => {
    expect(() => parseOutputFlag('xml')).toThrow('unable to match a printer suitable for the output format "xml"')
  })
})

describe('-o custom-columns', () => {
  it('prints one column per JSONPath, <none> when missing', () => {
    const objs: KubeObject[] = [
      {apiVersion: 'v1', kind: 'Pod', metadata: {name: 'web-1'}, spec: {nodeName: 'node-1'}},
      {apiVersion: 'v1', kind: 'Pod', metadata: {name: 'pending'}, spec: {}},
    ]
    expect(formatObjects(objs, parseOutputFlag('custom-columns=NAME:.metadata.name,NODE:.spec.nodeName'), false)).toBe('NAME      NODE\nweb-1     node-1\npending   <none>\n')
    expect(() => parseOutputFlag('custom-columns=NAME')).toThrow('unexpected custom-columns spec: NAME, expected <header>:<json-path-expr>')
  })
})

describe('JSONPath escapes', () => {
  it('reads escaped dots in keys', () => {
    const o = {metadata: {labels: {'app.kubernetes.io/name': 'web'}}}
    expect(executeJSONPath('{.metadata.labels.app\\.kubernetes\\.io/name}', o)).toBe('web')
  })
})
