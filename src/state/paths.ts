// Where clusters live on disk (CLI.md §1): $K8SIM_HOME/clusters/<name>/state.db, the current cluster's name in
// $K8SIM_HOME/current. Directories are 0700 and files 0600: a cluster's state may hold Secrets.

import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {UserError} from '../errors.js'

export const DEFAULT_CLUSTER = 'default'
const NAME_RE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/

/** `--home`, else $K8SIM_HOME, else ~/.k8sim. Always absolute. */
export function resolveHome(flag?: string): string {
  const h = flag || process.env.K8SIM_HOME || path.join(os.homedir(), '.k8sim')
  return path.resolve(h)
}

/** `--cluster`, else $K8SIM_CLUSTER, else the name kept in $K8SIM_HOME/current, else 'default'. */
export function resolveClusterName(home: string, flag?: string): string {
  const name = flag || process.env.K8SIM_CLUSTER || readCurrent(home) || DEFAULT_CLUSTER
  checkClusterName(name)
  return name
}

/** A cluster name is a DNS-1123 label, so it is always a safe directory name. */
export function checkClusterName(name: string): void {
  if (name.length > 63 || !NAME_RE.test(name)) {
    throw new UserError(
      `invalid cluster name "${name}": must consist of lower case alphanumeric characters or '-', start and end with an alphanumeric character, and be at most 63 characters`,
    )
  }
}

export function clustersDir(home: string): string {
  return path.join(home, 'clusters')
}

export function clusterDir(home: string, name: string): string {
  return path.join(clustersDir(home), name)
}

export function dbPath(home: string, name: string): string {
  return path.join(clusterDir(home, name), 'state.db')
}

export function clusterExists(home: string, name: string): boolean {
  return fs.existsSync(dbPath(home, name))
}

/** Names of the clusters that have a state database, sorted. */
export function listClusterNames(home: string): string[] {
  let entries: string[]
  try {
    entries = fs.readdirSync(clustersDir(home))
  } catch {
    return []
  }
  return entries.filter((n) => NAME_RE.test(n) && fs.existsSync(dbPath(home, n))).sort()
}

/** mkdir -p with mode 0700 on every directory it creates and on the last one. */
export function ensurePrivateDir(dir: string): void {
  const missing: string[] = []
  for (let d = dir; !fs.existsSync(d); d = path.dirname(d)) {
    missing.unshift(d)
    if (path.dirname(d) === d) break
  }
  fs.mkdirSync(dir, {recursive: true, mode: 0o700})
  for (const d of missing) fs.chmodSync(d, 0o700)
}

export function currentFile(home: string): string {
  return path.join(home, 'current')
}

export function readCurrent(home: string): string | undefined {
  try {
    const s = fs.readFileSync(currentFile(home), 'utf8').trim()
    return s || undefined
  } catch {
    return undefined
  }
}

/** Write $K8SIM_HOME/current atomically (write a temp file, rename). */
export function writeCurrent(home: string, name: string): void {
  ensurePrivateDir(home)
  const tmp = `${currentFile(home)}.${process.pid}.tmp`
  fs.writeFileSync(tmp, `${name}\n`, {mode: 0o600})
  fs.renameSync(tmp, currentFile(home))
}

export function clearCurrent(home: string): void {
  fs.rmSync(currentFile(home), {force: true})
}
