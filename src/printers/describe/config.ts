// kubectl describe for ConfigMaps and Secrets (ConfigMapDescriber, describeSecret). Keys sorted, as newer kubectl
// does (v1.32 ranges over a Go map: random order), so output stays deterministic. A Secret never shows its values.

import type {KubeObject} from '../../api/types.js'
import {DescribeWriter, LEVEL_0, describeEvents, printAnnotationsMultiline, printLabelsMultiline} from './common.js'

const sortedKeys = (m: unknown): string[] => (m && typeof m === 'object' ? Object.keys(m).sort() : [])

export function describeConfigMap(cm: KubeObject, ctx: {events?: KubeObject[]; now: number}): string {
  const w = new DescribeWriter()
  w.write(LEVEL_0, `Name:\t${cm.metadata.name}\n`)
  w.write(LEVEL_0, `Namespace:\t${cm.metadata.namespace ?? ''}\n`)
  printLabelsMultiline(w, 'Labels', cm.metadata.labels)
  printAnnotationsMultiline(w, 'Annotations', cm.metadata.annotations)
  w.write(LEVEL_0, '\nData\n====\n')
  for (const k of sortedKeys(cm.data)) {
    w.write(LEVEL_0, `${k}:\n----\n`)
    w.write(LEVEL_0, `${String(cm.data[k] ?? '')}\n`)
    w.write(LEVEL_0, '\n')
  }
  w.write(LEVEL_0, '\nBinaryData\n====\n')
  for (const k of sortedKeys(cm.binaryData)) w.write(LEVEL_0, `${k}: ${base64Length(cm.binaryData[k])} bytes\n`)
  w.write(LEVEL_0, '\n')
  describeEvents(w, ctx.events, ctx.now)
  return w.toString()
}

export function describeSecret(secret: KubeObject): string {
  const w = new DescribeWriter()
  w.write(LEVEL_0, `Name:\t${secret.metadata.name}\n`)
  w.write(LEVEL_0, `Namespace:\t${secret.metadata.namespace ?? ''}\n`)
  printLabelsMultiline(w, 'Labels', secret.metadata.labels)
  printAnnotationsMultiline(w, 'Annotations', secret.metadata.annotations)
  w.write(LEVEL_0, `\nType:\t${secret.type ?? ''}\n`)
  w.write(LEVEL_0, '\nData\n====\n')
  for (const k of sortedKeys(secret.data)) {
    // a service-account token is the one value kubectl prints
    if (k === 'token' && secret.type === 'kubernetes.io/service-account-token') w.write(LEVEL_0, `${k}:\t${Buffer.from(String(secret.data[k]), 'base64').toString('utf8')}\n`)
    else w.write(LEVEL_0, `${k}:\t${base64Length(secret.data[k])} bytes\n`)
  }
  return w.toString()
}

/** Decoded length of a base64 value (data and binaryData hold base64 on the wire). */
function base64Length(v: unknown): number {
  return Buffer.from(String(v ?? ''), 'base64').length
}

/** describeServiceAccount: pull, mountable and token secrets (missing ones marked), then Events. */
export function describeServiceAccount(sa: KubeObject, ctx: {events?: KubeObject[]; now: number; secrets: KubeObject[]}): string {
  const w = new DescribeWriter()
  w.write(LEVEL_0, `Name:\t${sa.metadata.name}\n`)
  w.write(LEVEL_0, `Namespace:\t${sa.metadata.namespace ?? ''}\n`)
  printLabelsMultiline(w, 'Labels', sa.metadata.labels)
  printAnnotationsMultiline(w, 'Annotations', sa.metadata.annotations)
  const existing = new Set(ctx.secrets.map((s) => s.metadata.name ?? ''))
  const tokens = ctx.secrets.filter((s) => s.type === 'kubernetes.io/service-account-token' && s.metadata.annotations?.['kubernetes.io/service-account.name'] === sa.metadata.name)
  const names = (refs: unknown): string[] => (Array.isArray(refs) ? refs.map((r: any) => String(r?.name ?? '')) : [])
  // sorted by header, as kubectl ranges over sets.StringKeySet(types).List()
  const groups: [string, string[], boolean][] = [
    ['Image pull secrets:', names(sa.imagePullSecrets), false],
    ['Mountable secrets: ', names(sa.secrets), true],
    ['Tokens:            ', tokens.map((s) => s.metadata.name ?? ''), false],
  ]
  for (const [header, list, markMissing] of groups) {
    if (list.length === 0) {
      w.write(LEVEL_0, `${header}\t<none>\n`)
      continue
    }
    list.forEach((name, i) => w.write(LEVEL_0, `${i === 0 ? header : ' '.repeat(19)}\t${name}${markMissing && !existing.has(name) ? ' (not found)' : ''}\n`))
  }
  describeEvents(w, ctx.events, ctx.now)
  return w.toString()
}
