import {Args, Flags} from '@oclif/core'
import {BaseCommand} from '../../cli/base-command.js'
import {printNodeOp} from './add.js'

export default class NodeFail extends BaseCommand {
  static override description = 'Stop a node\'s kubelet: after the node-monitor grace period (50s) the node is NotReady and tainted unreachable; its pods are evicted after their tolerationSeconds (300s by default) and rescheduled'
  static override args = {node: Args.string({description: 'node name', required: true})}
  static override examples = ['<%= config.bin %> node fail node-2', '<%= config.bin %> node fail node-2 --timeout 1m']
  static override flags = {
    timeout: Flags.string({default: '10m', description: 'virtual time to simulate at most after the failure'}),
    quiet: Flags.boolean({char: 'q', default: false, description: 'print only the node line, not the events that followed'}),
  }

  async run(): Promise<void> {
    const {args, flags} = await this.parse(NodeFail)
    const {runNodeFail} = await import('../../drain/run.js')
    await printNodeOp(this, flags, (t, ms) => runNodeFail(t, args.node, ms))
  }
}
