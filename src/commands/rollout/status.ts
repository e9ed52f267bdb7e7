import {Args, Flags} from '@oclif/core'
import {BaseCommand} from '../../cli/base-command.js'
import {UsageError} from '../../errors.js'

export default class RolloutStatus extends BaseCommand {
  static override description = 'Follow a rollout in virtual time until it completes (kubectl rollout status)'
  static override args = {ref: Args.string({description: 'TYPE/NAME', required: true}), name: Args.string({required: false})}
  static override flags = {
    namespace: Flags.string({char: 'n', description: 'namespace'}),
    watch: Flags.boolean({char: 'w', default: true, allowNo: true, description: 'keep watching until the rollout ends'}),
    timeout: Flags.string({default: '10m', description: 'virtual time to wait at most'}),
  }

  async run(): Promise<void> {
    const {args, flags} = await this.parse(RolloutStatus)
    const {parseDuration} = await import('../../api/duration.js')
    const ms = parseDuration(flags.timeout)
    if (ms === undefined) throw new UsageError(`invalid --timeout "${flags.timeout}"`)
    const {runStatus} = await import('../../rollout/run.js')
    const ref = args.name ? `${args.ref}/${args.name}` : args.ref
    await runStatus({home: flags.home, cluster: flags.cluster, namespace: flags.namespace, ref}, ms, flags.watch, (l) => this.write(l))
  }
}
