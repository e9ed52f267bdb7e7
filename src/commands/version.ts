import {Flags} from '@oclif/core'
import {BaseCommand} from '../cli/base-command.js'
import {DEFAULT_KUBERNETES_VERSION, K8SIM_VERSION, SIMULATED_KUBERNETES_PATCH} from '../version.js'

export default class Version extends BaseCommand {
  static override description = 'Print the k8sim version and the Kubernetes version it simulates'
  static override flags = {
    output: Flags.string({char: 'o', options: ['json', 'yaml'], description: 'output format'}),
  }

  async run(): Promise<void> {
    const {flags} = await this.parse(Version)
    const k8s = SIMULATED_KUBERNETES_PATCH[DEFAULT_KUBERNETES_VERSION]
    const info = {k8simVersion: K8SIM_VERSION, kubernetesVersion: k8s, nodeVersion: process.version}
    if (flags.output === 'json') this.write(JSON.stringify(info, null, 2) + '\n')
    else if (flags.output === 'yaml') this.write(`k8simVersion: ${K8SIM_VERSION}\nkubernetesVersion: ${k8s}\nnodeVersion: ${process.version}\n`)
    else this.write(`k8sim version: v${K8SIM_VERSION}\nSimulated Kubernetes version: ${k8s}\n`)
  }
}
