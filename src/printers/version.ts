// What `k8sim version` prints (also answered by bin/run.js without loading oclif: the text must not depend on it).
import {DEFAULT_KUBERNETES_VERSION, K8SIM_VERSION, SIMULATED_KUBERNETES_PATCH} from '../version.js'

export function versionText(output?: string): string {
  const k8s = SIMULATED_KUBERNETES_PATCH[DEFAULT_KUBERNETES_VERSION]
  const info = {k8simVersion: K8SIM_VERSION, kubernetesVersion: k8s, nodeVersion: process.version}
  if (output === 'json') return JSON.stringify(info, null, 2) + '\n'
  if (output === 'yaml') return `k8simVersion: ${K8SIM_VERSION}\nkubernetesVersion: ${k8s}\nnodeVersion: ${process.version}\n`
  return `k8sim version: v${K8SIM_VERSION}\nSimulated Kubernetes version: ${k8s}\n`
}
