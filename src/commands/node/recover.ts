import {Args, Flags} from '@oclif/core'
import {BaseCommand} from '../../cli/base-command.js'
import {printNodeOp} from './add.js'

export default class NodeRecover extends BaseCommand {
  static override description = 'Restart a failed node\'s kubelet: it reports Ready again, the unreachable taints go, its pods resume'
  static override args = {node: Args.string({description: 'node name', required: true})}
  static override examples = ['<%= config.bin %> node recover node-2']
  static override flags = {
    timeout: Flags.string({default: '5m', description: 'virtual time to simulate at most after the recovery'}),
    quiet: Flags.boolean({char: 'q', default: false, description: 'print only the node line, not the events that followed'}),
  }

  async run(): Promise<void> {
    const {args, flags} = await this.parse(NodeRecover)
    const {runNodeRecover} = await import('../../drain/run.js')
    await printNodeOp(this, flags, (t, ms) => runNodeRecover(t, args.node, ms))
  }
}
