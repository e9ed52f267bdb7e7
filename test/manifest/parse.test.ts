import {describe, expect, it} from 'vitest'
import {parseManifestText} from '../../src/manifest/parse.js'
import {formatIssue} from '../../src/manifest/format.js'
import {validateDocs} from '../../src/manifest/validate-docs.js'

const deployment = `# a comment
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: cfg
data:
  a: b
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: "3"
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: web
        image: nginx
        ports:
        - containerPort: 80
`

describe('positions', () => {
  it('gives each object its document index, line and column', () => {
    const r = parseManifestText(deployment, 'app.yaml')
    expect(r.issues).toEqual([])
    expect(r.docs.map((d) => [d.obj.kind, d.docIndex, d.line, d.col])).toEqual([['ConfigMap', 1, 3, 1], ['Deployment', 2, 10, 1]])
  })

  it('finds where a field is written (key of a map entry, item of a list)', () => {
    const d = parseManifestText(deployment, 'app.yaml').docs[1]
    expect(d.positionOf(['spec', 'replicas'])).toEqual({line: 15, col: 3})
    expect(d.positionOf(['spec', 'template', 'spec', 'containers', 0])).toEqual({line: 24, col: 9})
    expect(d.positionOf(['spec', 'template', 'spec', 'containers', 0, 'ports', 0, 'containerPort'])).toEqual({line: 27, col: 11})
    expect(d.positionOf(['spec', 'selector', 'matchLabels', 'app'])).toEqual({line: 17, col: 19})
    expect(d.positionOf(['spec', 'nope'])).toBeUndefined()
  })

  it('formats schema errors as CLI.md §5 says', () => {
    const r = parseManifestText(deployment, 'app.yaml')
    expect(validateDocs(r.docs).map(formatIssue)).toEqual([
      'error: app.yaml:15:3 (document 2, Deployment/web): spec.replicas: must be integer, got string "3"',
    ])
  })

  it('points a missing required field at its parent', () => {
    const r = parseManifestText('apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 1\n', 'd.yaml')
    const lines = validateDocs(r.docs, {kubernetesVersion: '1.32'}).map(formatIssue)
    expect(lines).toContain('error: d.yaml:5:1 (document 1, Deployment/web): spec.selector: Required value')
    expect(lines).toContain('error: d.yaml:5:1 (document 1, Deployment/web): spec.template: Required value')
  })

  it('reports unknown fields in strict mode only', () => {
    const text = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  replicas: 2\n  ports:\n  - port: 80\n'
    const r = parseManifestText(text, 's.yaml')
    expect(validateDocs(r.docs)).toEqual([])
    expect(validateDocs(r.docs, {strict: true}).map(formatIssue)).toEqual(['error: s.yaml:6:3 (document 1, Service/s): spec.replicas: unknown field'])
  })

  it('keeps positions in JSON files', () => {
    const r = parseManifestText('{\n  "apiVersion": "v1",\n  "kind": "Pod",\n  "metadata": {"name": "p"},\n  "spec": {"containers": [{"name": "c", "image": 5}]}\n}\n', 'p.json')
    expect(r.docs).toHaveLength(1)
    expect(validateDocs(r.docs).map(formatIssue)).toEqual(['error: p.json:5:41 (document 1, Pod/p): spec.containers[0].image: must be string, got integer 5'])
  })
})

describe('YAML 1.1 as Kubernetes reads it', () => {
  const one = (text: string) => parseManifestText(`apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n${text}`, 'c.yaml')

  it('reads unquoted yes/no/on/off/y/n as booleans', () => {
    const d = one('x: {a: yes, b: No, c: on, d: OFF, e: y, f: n, g: True, h: "yes"}').docs[0]
    expect(d.obj.x).toEqual({a: true, b: false, c: true, d: false, e: true, f: false, g: true, h: 'yes'})
  })

  it('reads 0777 as octal, 0x1F as hex, 1_000 as 1000; 1:30 and dates stay strings', () => {
    const d = one('x: {oct: 0777, hex: 0x1F, big: 1_000, time: 1:30, date: 2024-01-02, f: 1.5, e: 1e3, z: ~}').docs[0]
    expect(d.obj.x).toEqual({oct: 511, hex: 31, big: 1000, time: '1:30', date: '2024-01-02', f: 1.5, e: 1000, z: null})
  })

  it('reads a key n or y as a boolean, as go-yaml v2 does (the "Norway problem")', () => {
    expect(one('x: {n: 1, y: 2, no: 3}').docs[0].obj.x).toEqual({false: 3, true: 2})
  })

  it('turns non-string keys into strings', () => {
    const d = one('data:\n  5: "integer"\n  3.14: "float"\n  true: "boolean"\n').docs[0]
    expect(d.obj.data).toEqual({'5': 'integer', '3.14': 'float', 'true': 'boolean'})
  })

  it('reads the same values on the fast path and the careful path (anchors)', () => {
    const fast = one('x: {a: yes, b: 0777, c: 1:30}').docs[0].obj.x
    const careful = one('x: &anchor {a: yes, b: 0777, c: 1:30}').docs[0].obj.x
    expect(careful).toEqual(fast)
  })

  it('lets the last duplicate key win unless strict', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: a\n    image: a\n  containers:\n  - name: b\n    image: b\n'
    expect(parseManifestText(text, 'p.yaml').docs[0].obj.spec.containers[0].name).toBe('b')
    const strict = parseManifestText(text, 'p.yaml', {strict: true})
    expect(strict.docs).toEqual([])
    expect(strict.issues.map(formatIssue)).toEqual(['error: p.yaml:9:3 (document 1, Pod/p): spec.containers: key "containers" already set in map'])
    expect(strict.issues[0].code).toBe('duplicate-key')
  })
})

describe('documents and lists', () => {
  it('skips empty and comment-only documents but counts them', () => {
    const r = parseManifestText('---\n---\n# only a comment\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\n---\n', 'e.yaml')
    expect(r.issues).toEqual([])
    expect(r.docs.map((d) => [d.docIndex, d.line])).toEqual([[3, 5]])
  })

  it('flattens kind: List, items keep their own positions', () => {
    const text = 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: a}\n- apiVersion: v1\n  kind: Service\n  metadata: {name: s}\n  spec:\n    ports:\n    - port: "x"\n'
    const r = parseManifestText(text, 'l.yaml')
    expect(r.docs.map((d) => [d.obj.kind, d.docIndex, d.listIndex, d.line, d.col])).toEqual([['ConfigMap', 1, 0, 4, 3], ['Service', 1, 1, 7, 3]])
    expect(validateDocs(r.docs).map(formatIssue)).toEqual(['error: l.yaml:12:7 (document 1, Service/s): spec.ports[0].port: must be integer, got string "x"'])
  })

  it('reports missing kind and apiVersion like kubeconform', () => {
    const r = parseManifestText('kind: Pod\nmetadata: {name: p}\n---\napiVersion: v1\nmetadata: {name: q}\n---\nkind:\n', 'm.yaml')
    expect(r.issues.map(formatIssue)).toEqual([
      "error: m.yaml:1:1 (document 1, Pod/p): missing 'apiVersion' key",
      "error: m.yaml:4:1 (document 2): missing 'kind' key",
      "error: m.yaml:7:1 (document 3): missing 'kind' key",
    ])
  })

  it('reports YAML errors with line and column and goes on with the next document', () => {
    const r = parseManifestText('apiVersion: v1\nkind: Pod\nmetadata:\n  name: "abc\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: ok}\n', 'y.yaml')
    expect(r.issues).toHaveLength(1)
    // the unterminated string runs to the end of its document
    expect(r.issues[0]).toMatchObject({code: 'yaml', docIndex: 1, line: 5, message: 'Missing closing "quote'})
    expect(formatIssue(r.issues[0])).toBe('error: y.yaml:5:1 (document 1): Missing closing "quote')
    expect(r.docs.map((d) => d.obj.metadata.name)).toEqual(['ok'])
  })

  it('rejects a document that is not a mapping', () => {
    const r = parseManifestText('- a\n- b\n---\njust a string\n', 's.yaml')
    expect(r.issues.map((i) => [i.docIndex, i.code])).toEqual([[1, 'yaml'], [2, 'yaml']])
    expect(r.issues[1].message).toBe('expected a Kubernetes object (a mapping with apiVersion and kind), got a string ("just a string")')
  })
})

describe('unknown kinds in apply-style issues', () => {
  it('uses kubectl wording, then the hint', () => {
    const r = parseManifestText('apiVersion: policy/v1beta1\nkind: PodDisruptionBudget\nmetadata:\n  name: pdb\n', 'pdb.yaml')
    expect(validateDocs(r.docs).map(formatIssue)).toEqual([
      'error: pdb.yaml:1:1 (document 1, PodDisruptionBudget/pdb): no matches for kind "PodDisruptionBudget" in version "policy/v1beta1": policy/v1beta1 PodDisruptionBudget was removed in 1.25: use policy/v1',
    ])
  })
})
