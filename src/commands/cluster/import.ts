import {Flags} from '@oclif/core'
import {BaseCommand} from '../../cli/base-command.js'

export default class ClusterImport extends BaseCommand {
  static override description = 'Load a cluster dump (kubectl get ... -A -o yaml) into the current cluster, keeping uids, status and placement'
  static override examples = [
    'kubectl get nodes,pods,deploy,rs,svc -A -o yaml > dump.yaml && <%= config.bin %> cluster import -f dump.yaml',
    '<%= config.bin %> cluster export | <%= config.bin %> cluster import --cluster copy -f -',
  ]
  static override flags = {
    filename: Flags.string({char: 'f', multiple: true, required: true, description: 'file, directory, or - for stdin (repeatable)'}),
    recursive: Flags.boolean({char: 'R', default: false, description: 'process directories recursively'}),
    quiet: Flags.boolean({char: 'q', default: false, description: 'print only the summary line'}),
  }

  async run(): Promise<void> {
    const {flags} = await this.parse(ClusterImport)
    const {loadManifests, formatIssue} = await import('../../manifest/index.js')
    const {readStdin} = await import('../../cli/io.js')
    const {InvalidInputError} = await import('../../errors.js')
    const {importDocuments} = await import('../../cluster/import.js')
    const {withCluster} = await import('../../state/session.js')
    const {toRFC3339} = await import('../../clock/clock.js')
    const {applyDefaults} = await import('../../admission/defaults/index.js')
    const loaded = await loadManifests(flags.filename, {recursive: flags.recursive, readStdin})
    if (loaded.issues.length > 0) throw new InvalidInputError(loaded.issues.map(formatIssue))
    const docs = loaded.docs.map((d) => ({file: d.file, docIndex: d.docIndex, line: d.line, col: d.col, value: d.obj}))
    const result = await withCluster({home: flags.home, cluster: flags.cluster, write: true}, (s) => importDocuments(s, docs, {defaulter: applyDefaults}))
    let out = flags.quiet ? '' : result.objects.map((o) => `${o.ref} ${o.op}\n`).join('')
    const count = (op: string) => result.objects.filter((o) => o.op === op).length
    out += `imported ${result.objects.length} objects: ${count('created')} created, ${count('configured')} configured, ${count('unchanged')} unchanged`
    if (result.clockAfter > result.clockBefore) out += `; clock moved to ${toRFC3339(result.clockAfter)}`
    this.write(out + '\n')
  }
}
