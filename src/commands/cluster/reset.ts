import {Args} from '@oclif/core'
import {BaseCommand} from '../../cli/base-command.js'

export default class ClusterReset extends BaseCommand {
  static override description = 'Put a cluster back in the state right after it was created (same nodes, seed and start time)'
  static override args = {
    name: Args.string({description: 'cluster name (default: the current cluster)'}),
  }

  async run(): Promise<void> {
    const {args, flags} = await this.parse(ClusterReset)
    const {resolveHome, resolveClusterName, DEFAULT_CLUSTER} = await import('../../state/paths.js')
    const {resetCluster} = await import('../../cluster/manage.js')
    const home = resolveHome(flags.home)
    const name = args.name ?? resolveClusterName(home, flags.cluster)
    if (name === DEFAULT_CLUSTER) {
      const {ensureDefaultCluster} = await import('../../state/session.js')
      ensureDefaultCluster(home)
    }
    const {toRFC3339} = await import('../../clock/clock.js')
    const meta = resetCluster(home, name)
    this.write(`cluster "${name}" reset (time ${toRFC3339(meta.now)})\n`)
  }
}
