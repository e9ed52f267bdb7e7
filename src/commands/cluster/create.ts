import {Args, Flags} from '@oclif/core'
import {BaseCommand} from '../../cli/base-command.js'

export default class ClusterCreate extends BaseCommand {
  static override description = 'Create a simulated cluster and make it the current one'
  static override examples = [
    '<%= config.bin %> cluster create',
    '<%= config.bin %> cluster create big --nodes 50 --cpu 8 --memory 32Gi --zones a,b',
    '<%= config.bin %> cluster create tainted --taints dedicated=gpu:NoSchedule --node-labels gpu=true',
    '<%= config.bin %> cluster create ci --seed 42 --start-time 2026-01-01T00:00:00Z',
    '<%= config.bin %> cluster create -f cluster.yaml',
  ]
  static override args = {
    name: Args.string({description: 'cluster name (default: the Cluster file\'s metadata.name, else "default")'}),
  }
  static override flags = {
    nodes: Flags.string({description: 'number of worker nodes (0: no nodes) [default: 3]'}),
    cpu: Flags.string({description: 'CPU of each node [default: 4]'}),
    memory: Flags.string({description: 'memory of each node [default: 16Gi]'}),
    pods: Flags.string({description: 'pod capacity of each node [default: 110]'}),
    zones: Flags.string({description: 'topology.kubernetes.io/zone values, round-robin over the nodes [default: zone-a,zone-b,zone-c]'}),
    'node-labels': Flags.string({description: 'extra node labels: k=v,k2=v2'}),
    taints: Flags.string({description: 'node taints: key=value:Effect,key:Effect'}),
    'kubernetes-version': Flags.string({description: 'Kubernetes version to simulate, 1.29 to 1.35 [default: 1.32]'}),
    seed: Flags.string({description: 'seed of the random generator [default: derived from the name]'}),
    'start-time': Flags.string({description: 'virtual clock start, RFC 3339 [default: $SOURCE_DATE_EPOCH, else now]'}),
    'scheduler-config': Flags.string({description: 'a KubeSchedulerConfiguration file'}),
    filename: Flags.string({char: 'f', description: 'a k8sim.io/v1alpha1 Cluster file (node pools)'}),
  }

  async run(): Promise<void> {
    const {args, flags} = await this.parse(ClusterCreate)
    const {buildCreateOptions} = await import('../../cluster/create-options.js')
    const {createCluster} = await import('../../cluster/manage.js')
    const {resolveHome, writeCurrent} = await import('../../state/paths.js')
    const {totalNodes} = await import('../../cluster/options.js')
    const {toRFC3339} = await import('../../clock/clock.js')
    const {name, options} = await buildCreateOptions({
      name: args.name,
      file: flags.filename,
      nodes: flags.nodes,
      cpu: flags.cpu,
      memory: flags.memory,
      pods: flags.pods,
      zones: flags.zones,
      nodeLabels: flags['node-labels'],
      taints: flags.taints,
      kubernetesVersion: flags['kubernetes-version'],
      seed: flags.seed,
      startTime: flags['start-time'],
      schedulerConfig: flags['scheduler-config'],
      wallClockMs: Date.now(),
    })
    const home = resolveHome(flags.home)
    createCluster(home, name, options)
    writeCurrent(home, name)
    const n = totalNodes(options)
    this.write(
      `cluster "${name}" created (${n} node${n === 1 ? '' : 's'}, Kubernetes ${options.kubeletVersion}, start time ${toRFC3339(options.startTime)}, seed ${options.seed})\n` +
        `Switched to cluster "${name}".\n`,
    )
    if (process.env.K8SIM_CLUSTER && process.env.K8SIM_CLUSTER !== name) {
      this.warnLine(`warning: K8SIM_CLUSTER=${process.env.K8SIM_CLUSTER} is set and takes precedence over the current cluster`)
    }
  }
}
