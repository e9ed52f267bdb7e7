// An unrendered template (`{{ .Values.x }}`) is a flow mapping used as a map key: sigs.k8s.io/yaml refuses it
// while converting to JSON, and kubectl names the file.
import {describe, expect, it} from 'vitest'
import {parseManifestText} from '../../src/manifest/parse.js'

describe('collections used as map keys', () => {
  it('reports the first one in document order, as kubectl words it', () => {
    const text = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n  replicas: {{ .Values.replicas }}\n'
    const r = parseManifestText(text, 'chart/deploy.yaml')
    expect(r.docs).toEqual([])
    expect(r.issues.map((i) => [i.line, i.code, i.message])).toEqual([
      [4, 'yaml', 'error parsing chart/deploy.yaml: error converting YAML to JSON: yaml: invalid map key: map[interface {}]interface {}{".Release.Name":interface {}(nil)}'],
    ])
  })

  it('leaves nested flow collections that are values alone', () => {
    const r = parseManifestText('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x, labels: {a: b}}\ndata: {k: "[[1]]"}\n', 'cm.yaml')
    expect(r.issues).toEqual([])
    expect(r.docs[0].obj.metadata.labels).toEqual({a: 'b'})
  })
})
