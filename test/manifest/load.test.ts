import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {loadManifests, formatIssue} from '../../src/manifest/index.js'

const cm = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n`

describe('loadManifests (-f semantics of kubectl)', () => {
  let dir: string
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'k8sim-load-'))
    mkdirSync(join(dir, 'm', 'sub'), {recursive: true})
    mkdirSync(join(dir, 'empty'))
    writeFileSync(join(dir, 'm', 'b.yaml'), cm('b'))
    writeFileSync(join(dir, 'm', 'a.yml'), cm('a'))
    writeFileSync(join(dir, 'm', 'c.json'), JSON.stringify({apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'c'}}))
    writeFileSync(join(dir, 'm', 'notes.txt'), cm('txt'))
    writeFileSync(join(dir, 'm', 'sub', 'd.yaml'), cm('d'))
    writeFileSync(join(dir, 'explicit.txt'), cm('explicit'))
  })
  afterAll(() => rmSync(dir, {recursive: true, force: true}))

  const names = (r: Awaited<ReturnType<typeof loadManifests>>) => r.docs.map((d) => d.obj.metadata.name)

  it('reads a directory in lexical order, only .json/.yaml/.yml, sub-directories only with -R', async () => {
    expect(names(await loadManifests([join(dir, 'm')]))).toEqual(['a', 'b', 'c'])
    expect(names(await loadManifests([join(dir, 'm')], {recursive: true}))).toEqual(['a', 'b', 'c', 'd'])
  })

  it('reads a file named explicitly whatever its extension, in argument order', async () => {
    const r = await loadManifests([join(dir, 'explicit.txt'), join(dir, 'm', 'a.yml')])
    expect(names(r)).toEqual(['explicit', 'a'])
    expect(r.docs[0].file).toBe(join(dir, 'explicit.txt'))
  })

  it('says a missing path does not exist, as kubectl does', async () => {
    const r = await loadManifests(['manifests/nonexist.yaml'])
    expect(r.docs).toEqual([])
    expect(r.issues.map(formatIssue)).toEqual(['error: the path "manifests/nonexist.yaml" does not exist'])
    expect(r.issues[0]).toMatchObject({code: 'io', errno: 'ENOENT'})
  })

  it('rejects a directory with no manifests unless allowed', async () => {
    const empty = join(dir, 'empty')
    expect((await loadManifests([empty])).issues.map(formatIssue)).toEqual([`error: error reading [${empty}]: recognized file extensions are [.json .yaml .yml]`])
    expect((await loadManifests([empty], {allowEmptyDirectories: true})).issues).toEqual([])
  })

  it('reads - from stdin, named <stdin>', async () => {
    const r = await loadManifests(['-'], {readStdin: async () => cm('from-stdin')})
    expect(names(r)).toEqual(['from-stdin'])
    expect(r.docs[0].file).toBe('<stdin>')
  })

  it('skips files matching --ignore-filename-pattern', async () => {
    const r = await loadManifests([join(dir, 'm')], {recursive: true, ignoreFilenamePattern: [/sub/, /b\.yaml$/]})
    expect(names(r)).toEqual(['a', 'c'])
  })
})
