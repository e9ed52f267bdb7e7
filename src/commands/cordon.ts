import {Args, Flags} from '@oclif/core'
import {BaseCommand} from '../cli/base-command.js'
import {UsageError} from '../errors.js'

export default class Cordon extends BaseCommand {
  static override description = 'Mark a node as unschedulable'
  static override strict = false
  static override args = {node: Args.string({description: 'node name(s)', required: false})}
  static override examples = ['<%= config.bin %> cordon node-1', '<%= config.bin %> cordon -l topology.kubernetes.io/zone=zone-a']
  static override flags = {
    selector: Flags.string({char: 'l', description: 'select nodes by label'}),
    'dry-run': Flags.string({options: ['none', 'client', 'server'], default: 'none', description: 'print what would change; change nothing'}),
  }

  async run(): Promise<void> {
    const {argv, flags} = await this.parse(Cordon)
    await cordonOrUncordon(this, 'cordon', argv as string[], flags, true)
  }
}

export async function cordonOrUncordon(cmd: BaseCommand, use: string, names: string[], flags: {selector?: string; 'dry-run': string; home?: string; cluster?: string}, desired: boolean): Promise<void> {
  if (names.length === 0 && !flags.selector) throw new UsageError(`USAGE: ${use} NODE [flags]`, `See 'k8sim ${use} --help' for help and examples`)
  if (names.length > 0 && flags.selector) throw new UsageError('cannot specify both a node name and a --selector option')
  const {runCordon} = await import('../drain/run.js')
  const lines = await runCordon({home: flags.home, cluster: flags.cluster}, {names, selector: flags.selector, desired, dryRun: flags['dry-run'] as any})
  ;(cmd as any).write(lines.map((l) => l + '\n').join(''))
}
