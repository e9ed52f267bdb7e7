import {Args, Flags} from '@oclif/core'
import {BaseCommand} from '../../cli/base-command.js'

export default class RolloutHistory extends BaseCommand {
  static override description = "Show the revisions of a Deployment, DaemonSet or StatefulSet"
  static override args = {ref: Args.string({description: 'TYPE/NAME', required: true}), name: Args.string({required: false})}
  static override flags = {
    namespace: Flags.string({char: 'n', description: 'namespace'}),
  }

  async run(): Promise<void> {
    const {args, flags} = await this.parse(RolloutHistory)
    const run = await import('../../rollout/run.js')
    const ref = args.name ? `${args.ref}/${args.name}` : args.ref
    const t = {home: flags.home, cluster: flags.cluster, namespace: flags.namespace, ref}
    this.write(await run.runHistory(t))
  }
}
