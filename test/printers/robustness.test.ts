// Every table and describer copes with a bare object (no spec, no status), as a freshly created one can be.
import {describe, expect, it} from 'vitest'
import {ResourceRegistry} from '../../src/api/resources.js'
import {ObjectStore} from '../../src/api/store/store.js'
import {describeObject} from '../../src/printers/describe/index.js'
import {formatObjects} from '../../src/printers/output.js'
import {printTable} from '../../src/printers/tables/index.js'

describe('bare objects of every built-in kind', () => {
  const now = Date.parse('2026-01-01T00:00:00Z')
  for (const r of new ResourceRegistry().all()) {
    it(`${r.kind}.${r.group || 'core'}`, () => {
      const store = new ObjectStore()
      const obj = store.create({apiVersion: r.group ? `${r.group}/${r.version}` : r.version, kind: r.kind, metadata: {name: 'x', ...(r.namespaced ? {namespace: 'default'} : {})}})
      for (const wide of [false, true]) expect(printTable([obj], {now, wide, showLabels: true, allNamespaces: true, withKind: true})).toMatch(/^[A-Z]/)
      expect(describeObject(obj, {store, now})).toMatch(/^Name:/)
      expect(formatObjects([obj], {kind: 'yaml'}, true)).toContain('name: x\n')
    })
  }
})
