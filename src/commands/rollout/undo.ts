import {Args, Flags} from '@oclif/core'
import {BaseCommand} from '../../cli/base-command.js'

export default class RolloutUndo extends BaseCommand {
  static override description = 'Roll a Deployment, DaemonSet or StatefulSet back to its previous (or a given) revision'
  static override args = {ref: Args.string({description: 'TYPE/NAME', required: true}), name: Args.string({required: false})}
  static override flags = {
    namespace: Flags.string({char: 'n', description: 'namespace'}),
    'to-revision': Flags.integer({default: 0, description: 'revision to roll back to (0 = the previous one)'}),
  }

  async run(): Promise<void> {
    const {args, flags} = await this.parse(RolloutUndo)
    const run = await import('../../rollout/run.js')
    const ref = args.name ? `${args.ref}/${args.name}` : args.ref
    const t = {home: flags.home, cluster: flags.cluster, namespace: flags.namespace, ref}
    this.write(await run.runUndo(t, flags["to-revision"]))
  }
}
