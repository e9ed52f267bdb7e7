import {Args} from '@oclif/core'
import {BaseCommand} from '../../cli/base-command.js'

export default class ClusterDelete extends BaseCommand {
  static override description = 'Delete a simulated cluster and its state'
  static override args = {
    name: Args.string({description: 'cluster name', required: true}),
  }

  async run(): Promise<void> {
    const {args, flags} = await this.parse(ClusterDelete)
    const {resolveHome, readCurrent, clearCurrent} = await import('../../state/paths.js')
    const {deleteCluster} = await import('../../cluster/manage.js')
    const home = resolveHome(flags.home)
    deleteCluster(home, args.name)
    if (readCurrent(home) === args.name) clearCurrent(home)
    this.write(`cluster "${args.name}" deleted\n`)
  }
}
