// kubectl apply's three-way merge, simplified to JSON-merge semantics: fields in the new manifest win, fields
// that the previous manifest set and the new one drops are removed, everything else the server or controllers
// set (status, clusterIP, defaults) is kept. Lists are replaced whole (defaulting fills them again), except the
// core lists with a strategic-merge key, merged item by item as kubectl's strategic merge patch does.

type Obj = Record<string, unknown>

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

export function threeWayMerge(lastApplied: unknown, applied: unknown, live: unknown): unknown {
  if (!isObj(applied) || !isObj(live)) return structuredClone(applied)
  const out: Obj = {...live}
  const last = isObj(lastApplied) ? lastApplied : {}
  for (const k of Object.keys(last)) {
    if (!(k in applied)) delete out[k]
  }
  for (const [k, v] of Object.entries(applied)) {
    const key = Array.isArray(v) && Array.isArray(live[k]) ? mergeKeyOf(k, v, live[k] as unknown[]) : undefined
    out[k] = isObj(v) && isObj(live[k]) ? threeWayMerge(last[k], v, live[k]) : key ? mergeList(key, last[k], v as Obj[], live[k] as Obj[]) : structuredClone(v)
  }
  return out
}

/** The strategic-merge patchMergeKey of the core lists whose items the server adds to (the service account's
 * volume and mount, defaulted fields inside containers): merging them by key keeps those on re-apply. */
const MERGE_KEYS: Record<string, string> = {
  containers: 'name', initContainers: 'name', ephemeralContainers: 'name', volumes: 'name', env: 'name',
  imagePullSecrets: 'name', resourceClaims: 'name', volumeMounts: 'mountPath', volumeDevices: 'devicePath', hostAliases: 'ip',
}

function mergeKeyOf(field: string, applied: unknown[], live: unknown[]): string | undefined {
  const all = [...applied, ...live]
  const key = MERGE_KEYS[field] ?? (field === 'ports' ? (all.every((x) => isObj(x) && 'containerPort' in x) ? 'containerPort' : 'port') : undefined)
  return key && all.every((x) => isObj(x) && x[key] !== undefined) ? key : undefined
}

/** Items keep the live order; applied ones are merged, ones the last apply had and this one drops are removed,
 * server-added ones stay, new ones are appended in the manifest's order. */
function mergeList(key: string, lastApplied: unknown, applied: Obj[], live: Obj[]): Obj[] {
  const id = (x: Obj) => JSON.stringify(x[key])
  const lastItems = new Map((Array.isArray(lastApplied) ? lastApplied.filter(isObj) : []).map((x) => [id(x), x]))
  const appliedItems = new Map(applied.map((x) => [id(x), x]))
  const out: Obj[] = []
  for (const l of live) {
    const a = appliedItems.get(id(l))
    if (a) out.push(threeWayMerge(lastItems.get(id(l)), a, l) as Obj)
    else if (!lastItems.has(id(l))) out.push(l)
  }
  const liveIds = new Set(live.map(id))
  for (const a of applied) if (!liveIds.has(id(a))) out.push(structuredClone(a))
  return out
}
