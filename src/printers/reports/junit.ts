// JUnit XML valid against the Jenkins XSD CI tools accept (../shared/reference/junit.xsd): testsuites →
// testsuite (properties, testcase*) → testcase (skipped?, failure*, system-out?).
import type {CiReport} from './model.js'

export function xmlEscape(s: string): string {
  // drop characters XML 1.0 forbids, then escape
  return s
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
}

const attr = (name: string, value: string | number | undefined) => (value === undefined ? '' : ` ${name}="${xmlEscape(String(value))}"`)
const secs = (t: number | undefined) => (t === undefined ? undefined : t.toFixed(3))

export function formatJunit(r: CiReport, name = 'k8sim'): string {
  let tests = 0
  let failures = 0
  let skipped = 0
  let body = ''
  for (const s of r.suites) {
    const sf = s.cases.filter((c) => c.failures.length > 0).length
    const ss = s.cases.filter((c) => c.skipped !== undefined).length
    tests += s.cases.length
    failures += sf
    skipped += ss
    body += `  <testsuite${attr('name', s.name)}${attr('tests', s.cases.length)}${attr('failures', sf)}${attr('errors', 0)}${attr('skipped', ss)}${attr('time', secs(s.time))}${attr('timestamp', s.timestamp)}>\n`
    const props = Object.entries(s.properties ?? {})
    if (props.length > 0) {
      body += '    <properties>\n'
      for (const [k, v] of props) body += `      <property${attr('name', k)}${attr('value', v)}/>\n`
      body += '    </properties>\n'
    }
    for (const c of s.cases) {
      const open = `    <testcase${attr('name', c.name)}${attr('classname', c.classname)}${attr('time', secs(c.time))}`
      if (c.failures.length === 0 && c.skipped === undefined && !c.output) {
        body += `${open}/>\n`
        continue
      }
      body += `${open}>\n`
      if (c.skipped !== undefined) body += `      <skipped>${xmlEscape(c.skipped)}</skipped>\n`
      for (const f of c.failures) body += `      <failure${attr('message', f.message)}${attr('type', f.type)}>${xmlEscape(f.text ?? f.message)}</failure>\n`
      if (c.output) body += `      <system-out>${xmlEscape(c.output)}</system-out>\n`
      body += '    </testcase>\n'
    }
    body += '  </testsuite>\n'
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites${attr('name', name)}${attr('tests', tests)}${attr('failures', failures)}${attr('errors', 0)}${attr('disabled', skipped)}>\n${body}</testsuites>\n`
}
