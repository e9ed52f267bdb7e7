import {Flags} from '@oclif/core'
import {BaseCommand} from '../../cli/base-command.js'

export default class ClusterList extends BaseCommand {
  static override description = 'List the simulated clusters (* marks the one commands use)'
  static override flags = {
    output: Flags.string({char: 'o', options: ['json', 'name'], description: 'output format'}),
  }

  async run(): Promise<void> {
    const {flags} = await this.parse(ClusterList)
    const {listClusters} = await import('../../cluster/list.js')
    const {resolveHome, resolveClusterName} = await import('../../state/paths.js')
    const home = resolveHome(flags.home)
    const clusters = listClusters(home, resolveClusterName(home, flags.cluster))
    if (flags.output === 'json') return this.write(JSON.stringify(clusters, null, 2) + '\n')
    if (flags.output === 'name') return this.write(clusters.map((c) => `cluster/${c.name}\n`).join(''))
    if (clusters.length === 0) return this.warnLine('No clusters found.')
    const {tabwrite, TABLE_TABWRITER} = await import('../../printers/tabwriter.js')
    const rows = [['CURRENT', 'NAME', 'NODES', 'PODS', 'KUBERNETES', 'TIME']]
    for (const c of clusters) rows.push([c.current ? '*' : '', c.name, String(c.nodes), String(c.pods), c.kubernetesVersion, c.time])
    this.write(tabwrite(rows.map((r) => r.join('\t') + '\n').join(''), TABLE_TABWRITER))
  }
}
