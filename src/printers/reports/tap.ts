// TAP version 13: one test point per case, failures with a YAML diagnostic block.
import type {CiReport} from './model.js'

function yamlString(s: string): string {
  return JSON.stringify(s)
}

export function formatTap(r: CiReport): string {
  const cases = r.suites.flatMap((s) => s.cases.map((c) => ({suite: s.name, c})))
  let out = `TAP version 13\n1..${cases.length}\n`
  cases.forEach(({suite, c}, i) => {
    const desc = `${suite}: ${c.name}`.replace(/#/g, '\\#').replace(/\n/g, ' ')
    if (c.skipped !== undefined) {
      out += `ok ${i + 1} - ${desc} # SKIP ${c.skipped.replace(/\n/g, ' ')}\n`
      return
    }
    if (c.failures.length === 0) {
      out += `ok ${i + 1} - ${desc}\n`
      if (c.output) for (const l of c.output.split('\n')) out += `# ${l}\n`
      return
    }
    out += `not ok ${i + 1} - ${desc}\n  ---\n  failures:\n`
    for (const f of c.failures) {
      out += `    - type: ${yamlString(f.type)}\n      message: ${yamlString(f.message)}\n`
      if (f.text && f.text !== f.message) out += `      detail: ${yamlString(f.text)}\n`
    }
    out += '  ...\n'
  })
  return out
}
