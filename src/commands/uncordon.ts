import {Args, Flags} from '@oclif/core'
import {BaseCommand} from '../cli/base-command.js'
import {cordonOrUncordon} from './cordon.js'

export default class Uncordon extends BaseCommand {
  static override description = 'Mark a node as schedulable'
  static override strict = false
  static override args = {node: Args.string({description: 'node name(s)', required: false})}
  static override examples = ['<%= config.bin %> uncordon node-1']
  static override flags = {
    selector: Flags.string({char: 'l', description: 'select nodes by label'}),
    'dry-run': Flags.string({options: ['none', 'client', 'server'], default: 'none', description: 'print what would change; change nothing'}),
  }

  async run(): Promise<void> {
    const {argv, flags} = await this.parse(Uncordon)
    await cordonOrUncordon(this, 'uncordon', argv as string[], flags, false)
  }
}
