// kubectl apply's three-way merge, simplified to JSON-merge semantics: fields in the new manifest win, fields
// that the previous manifest set and the new one drops are removed, everything else the server or controllers
// set (status, clusterIP, defaults) is kept. Lists are replaced whole (defaulting fills them again).

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
    out[k] = isObj(v) && isObj(live[k]) ? threeWayMerge(last[k], v, live[k]) : structuredClone(v)
  }
  return out
}
