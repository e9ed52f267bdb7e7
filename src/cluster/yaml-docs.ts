// A minimal multi-document YAML reader for the cluster commands (cluster files, scheduler configs, import dumps).
// YAML 1.1 like Kubernetes (`yes` is a boolean, `010` octal). Lists (`kind: List`, `*List`) are flattened.

import fs from 'node:fs'
import {parseAllDocuments, LineCounter} from 'yaml'
import {UserError} from '../errors.js'

export interface LoadedDoc {
  file: string
  /** 1-based document index in the file */
  docIndex: number
  /** where the object starts, when known */
  line?: number
  col?: number
  value: unknown
}

export function readTextFile(file: string): string {
  try {
    return file === '-' ? fs.readFileSync(0, 'utf8') : fs.readFileSync(file, 'utf8')
  } catch (err: any) {
    if (err?.code === 'ENOENT') throw new UserError(`the path "${file}" does not exist`)
    if (err?.code === 'EISDIR') throw new UserError(`the path "${file}" is a directory, not a file`)
    throw new UserError(`cannot read "${file}": ${err?.message ?? err}`)
  }
}

/** Every non-empty document of a YAML or JSON text. */
export function parseYamlDocs(text: string, file: string): LoadedDoc[] {
  const shown = file === '-' ? '<stdin>' : file
  const lc = new LineCounter()
  const docs = parseAllDocuments(text, {version: '1.1', lineCounter: lc, prettyErrors: false, uniqueKeys: false})
  const out: LoadedDoc[] = []
  const list = Array.isArray(docs) ? docs : [docs]
  list.forEach((doc, i) => {
    const err = doc.errors[0]
    if (err) {
      const {line, col} = lc.linePos(err.pos[0])
      throw new UserError(`${shown}:${line}:${col} (document ${i + 1}): ${err.message.split('\n')[0]}`)
    }
    const value = doc.toJS({maxAliasCount: 1000})
    if (value !== null && value !== undefined) out.push({file: shown, docIndex: i + 1, value})
  })
  return out
}

export function readYamlDocs(file: string): LoadedDoc[] {
  return parseYamlDocs(readTextFile(file), file)
}

/** Objects of a document, with `List` kinds (`kind: List`, `PodList`...) flattened into their items. */
export function flattenLists(doc: LoadedDoc): LoadedDoc[] {
  const v = doc.value as any
  if (v && typeof v === 'object' && typeof v.kind === 'string' && v.kind.endsWith('List') && Array.isArray(v.items)) {
    return v.items.flatMap((item: unknown) => flattenLists({...doc, value: item}))
  }
  return [doc]
}
