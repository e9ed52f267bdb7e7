import {Args, Flags} from '@oclif/core'
import {BaseCommand} from '../cli/base-command.js'

export default class Scale extends BaseCommand {
  static override description = 'Set the replicas of a Deployment, ReplicaSet, StatefulSet or ReplicationController, then simulate'
  static override examples = ['<%= config.bin %> scale deployment/web --replicas 5']
  static override args = {ref: Args.string({description: 'TYPE/NAME', required: true}), name: Args.string({required: false})}
  static override flags = {
    namespace: Flags.string({char: 'n', description: 'namespace'}),
    replicas: Flags.integer({required: true, min: 0, description: 'the new number of replicas'}),
  }

  async run(): Promise<void> {
    const {args, flags} = await this.parse(Scale)
    const {runScale} = await import('../rollout/run.js')
    const ref = args.name ? `${args.ref}/${args.name}` : args.ref
    this.write(await runScale({home: flags.home, cluster: flags.cluster, namespace: flags.namespace, ref}, flags.replicas))
  }
}
