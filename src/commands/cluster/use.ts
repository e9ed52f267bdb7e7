import {Args} from '@oclif/core'
import {BaseCommand} from '../../cli/base-command.js'

export default class ClusterUse extends BaseCommand {
  static override description = 'Make a cluster the current one (kept in $K8SIM_HOME/current)'
  static override args = {
    name: Args.string({description: 'cluster name', required: true}),
  }

  async run(): Promise<void> {
    const {args, flags} = await this.parse(ClusterUse)
    const {resolveHome, writeCurrent, checkClusterName, DEFAULT_CLUSTER} = await import('../../state/paths.js')
    const {clusterIsReady, notFound} = await import('../../cluster/manage.js')
    const home = resolveHome(flags.home)
    checkClusterName(args.name)
    if (args.name === DEFAULT_CLUSTER) {
      const {ensureDefaultCluster} = await import('../../state/session.js')
      ensureDefaultCluster(home)
    } else if (!clusterIsReady(home, args.name)) throw notFound(args.name)
    writeCurrent(home, args.name)
    this.write(`Switched to cluster "${args.name}".\n`)
    if (process.env.K8SIM_CLUSTER && process.env.K8SIM_CLUSTER !== args.name) {
      this.warnLine(`warning: K8SIM_CLUSTER=${process.env.K8SIM_CLUSTER} is set and takes precedence over the current cluster`)
    }
  }
}
