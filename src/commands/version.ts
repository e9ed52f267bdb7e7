import {Flags} from '@oclif/core'
import {BaseCommand} from '../cli/base-command.js'
import {versionText} from '../printers/version.js'

export default class Version extends BaseCommand {
  static override description = 'Print the k8sim version and the Kubernetes version it simulates'
  static override flags = {
    output: Flags.string({char: 'o', options: ['json', 'yaml'], description: 'output format'}),
  }

  async run(): Promise<void> {
    const {flags} = await this.parse(Version)
    this.write(versionText(flags.output))
  }
}
