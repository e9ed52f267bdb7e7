// `-f` semantics of kubectl (reference/kubectl.md §1.3): files in argument order, `-` for stdin, directories
// read for .json/.yaml/.yml files in lexical order, sub-directories only with -R. Never throws for user errors:
// a missing path or an unreadable file is an issue.

import {readdirSync, readFileSync, statSync} from 'node:fs'
import {join} from 'node:path'
import {parseManifestText} from './parse.js'
import type {LoadOptions, LoadResult, ManifestIssue} from './types.js'

const EXTENSIONS = ['.json', '.yaml', '.yml']

export const STDIN_NAME = '<stdin>'

function hasManifestExtension(name: string): boolean {
  return EXTENSIONS.some((e) => name.endsWith(e))
}

/** The manifest files under a directory, in filepath.Walk order (lexical, depth-first). */
function walk(dir: string, recursive: boolean, out: string[]): void {
  const entries = readdirSync(dir, {withFileTypes: true}).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  for (const e of entries) {
    const p = join(dir, e.name)
    let isDir = e.isDirectory()
    if (e.isSymbolicLink()) {
      try {
        isDir = statSync(p).isDirectory()
      } catch {
        continue
      }
      if (isDir) continue // filepath.Walk does not follow symlinked directories
    }
    if (isDir) {
      if (recursive) walk(p, recursive, out)
    } else if (hasManifestExtension(e.name)) {
      out.push(p)
    }
  }
}

function ioIssue(file: string, e: unknown): ManifestIssue {
  const err = e as NodeJS.ErrnoException
  if (err.code === 'ENOENT') return {file, code: 'io', errno: 'ENOENT', message: `the path "${file}" does not exist`}
  if (err.code === 'EISDIR') return {file, code: 'io', errno: 'EISDIR', message: `${file} is a directory`}
  return {file, code: 'io', errno: err.code, message: `error reading ${file}: ${err.message}`}
}

export async function loadManifests(paths: string[], opts: LoadOptions = {}): Promise<LoadResult> {
  const result: LoadResult = {docs: [], issues: [], files: []}
  const ignored = (p: string) => (opts.ignoreFilenamePattern ?? []).some((re) => re.test(p))

  const readOne = (file: string, text: string) => {
    result.files.push(file)
    const parsed = parseManifestText(text, file, {strict: opts.strict})
    for (const d of parsed.docs) result.docs.push(d)
    for (const i of parsed.issues) result.issues.push(i)
  }

  for (const path of paths) {
    if (path === '-') {
      if (ignored(STDIN_NAME)) continue
      let text = ''
      try {
        text = opts.readStdin ? await opts.readStdin() : ''
      } catch (e) {
        result.issues.push({file: STDIN_NAME, code: 'io', message: `error reading stdin: ${(e as Error).message}`})
        continue
      }
      readOne(STDIN_NAME, text)
      continue
    }
    if (/^https?:\/\//.test(path)) {
      result.issues.push({file: path, code: 'io', message: `${path}: k8sim reads local files only; download it first`})
      continue
    }
    let isDir: boolean
    try {
      isDir = statSync(path).isDirectory()
    } catch (e) {
      if (!ignored(path)) {
        result.files.push(path)
        result.issues.push(ioIssue(path, e))
      }
      continue
    }
    const files: string[] = []
    if (isDir) {
      try {
        walk(path, opts.recursive ?? false, files)
      } catch (e) {
        result.issues.push(ioIssue(path, e))
        continue
      }
      if (files.length === 0 && !opts.allowEmptyDirectories) {
        result.issues.push({file: path, code: 'io', message: `error reading [${path}]: recognized file extensions are [.json .yaml .yml]`})
        continue
      }
    } else {
      files.push(path) // a file named explicitly is read whatever its extension
    }
    for (const f of files) {
      if (ignored(f)) continue
      let text: string
      try {
        text = readFileSync(f, 'utf8')
      } catch (e) {
        result.issues.push(ioIssue(f, e))
        continue
      }
      readOne(f, text)
    }
  }
  return result
}
