// GitHub Actions workflow commands: `::error file=…,line=…,title=…::message`, one per problem or failure.
import type {CiReport} from './model.js'

const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C')

export function formatGithub(r: CiReport): string {
  let out = ''
  for (let a of r.annotations) {
    const props: string[] = []
    // a stream has no file in the repository to annotate: the annotation goes on the run instead
    if (a.file === '<stdin>') a = {...a, file: undefined, message: `<stdin>${a.line ? `:${a.line}` : ''}: ${a.message}`}
    if (a.file) props.push(`file=${escapeProperty(a.file)}`)
    if (a.file && a.line) props.push(`line=${a.line}`)
    props.push(`title=${escapeProperty(a.title)}`)
    out += `::${a.level} ${props.join(',')}::${escapeData(a.message)}\n`
  }
  return out
}
