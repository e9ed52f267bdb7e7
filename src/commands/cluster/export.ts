import {Flags} from '@oclif/core'
import {BaseCommand} from '../../cli/base-command.js'

export default class ClusterExport extends BaseCommand {
  static override description = 'Write the current cluster as a List dump (what `cluster import` takes back unchanged)'
  static override flags = {
    output: Flags.string({char: 'o', options: ['yaml', 'json'], default: 'yaml', description: 'output format'}),
  }

  async run(): Promise<void> {
    const {flags} = await this.parse(ClusterExport)
    const {withCluster} = await import('../../state/session.js')
    const {exportList} = await import('../../cluster/export.js')
    const list = await withCluster({home: flags.home, cluster: flags.cluster, write: false}, (s) => exportList(s.store, s.registry))
    if (flags.output === 'json') {
      const {goJSONIndent} = await import('../../printers/output-json.js')
      this.write(goJSONIndent(list))
    } else {
      const {toGoYAML} = await import('../../printers/output-yaml.js')
      this.write(toGoYAML(list))
    }
  }
}
