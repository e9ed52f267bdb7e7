import {Args, Flags} from '@oclif/core'
import {BaseCommand} from '../../cli/base-command.js'

export default class RolloutHistory extends BaseCommand {
  static override description = "Show the revisions of a Deployment, DaemonSet or StatefulSet"
  static override args = {ref: Args.string({description: 'TYPE/NAME', required: true}), name: Args.string({required: false})}
  static override flags = {
    namespace: Flags.string({char: 'n', description: 'namespace'}),
    revision: Flags.integer({default: 0, min: 0, description: 'show the pod template of this revision'}),
  }

  async run(): Promise<void> {
    const {args, flags} = await this.parse(RolloutHistory)
    const run = await import('../../rollout/run.js')
    const ref = args.name ? `${args.ref}/${args.name}` : args.ref
    const t = {home: flags.home, cluster: flags.cluster, namespace: flags.namespace, ref}
    const {DescribeWriter} = await import('../../printers/describe/common.js')
    const {describePodTemplate} = await import('../../printers/describe/workloads.js')
    // kubectl's printTemplate: DescribePodTemplate through a bare PrefixWriter (no tabwriter: the tabs stay)
    const render = (template: any): string => {
      const w = new DescribeWriter()
      describePodTemplate(w, template)
      return w.raw()
    }
    this.write(await run.runHistory(t, flags.revision, render))
  }
}
