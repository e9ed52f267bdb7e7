import {Args, Flags} from '@oclif/core'
import {BaseCommand} from '../../cli/base-command.js'
import {UsageError} from '../../errors.js'
import type {NodeOpResult, SessionTarget} from '../../drain/run.js'

export default class NodeAdd extends BaseCommand {
  static override description = 'Add a node to the cluster (registered and Ready at once); pending pods may schedule onto it'
  static override args = {name: Args.string({description: 'node name', required: true})}
  static override examples = ['<%= config.bin %> node add node-4', '<%= config.bin %> node add gpu-1 --cpu 8 --memory 32Gi --labels pool=gpu --taints gpu=true:NoSchedule']
  static override flags = {
    cpu: Flags.string({default: '4', description: 'CPU capacity'}),
    memory: Flags.string({default: '16Gi', description: 'memory capacity'}),
    pods: Flags.string({default: '110', description: 'pod capacity'}),
    'ephemeral-storage': Flags.string({default: '100Gi', description: 'ephemeral-storage capacity'}),
    labels: Flags.string({description: 'extra labels: k=v,k2=v2'}),
    taints: Flags.string({description: 'taints: k=v:Effect,...'}),
    zone: Flags.string({description: 'topology.kubernetes.io/zone label'}),
    timeout: Flags.string({default: '5m', description: 'virtual time to simulate at most after adding it'}),
    quiet: Flags.boolean({char: 'q', default: false, description: 'print only the node line, not the events that followed'}),
  }

  async run(): Promise<void> {
    const {args, flags} = await this.parse(NodeAdd)
    const o = await import('../../cluster/options.js')
    const input = {
      name: args.name,
      cpu: o.parseCpu(flags.cpu, '--cpu'),
      memory: o.parseMemory(flags.memory, '--memory'),
      pods: o.parseCount(flags.pods, '--pods'),
      ephemeralStorage: o.parseMemory(flags['ephemeral-storage'], '--ephemeral-storage'),
      labels: flags.labels ? o.parseLabelList(flags.labels) : {},
      taints: flags.taints ? o.parseTaintList(flags.taints) : [],
      zone: flags.zone,
    }
    const {runNodeAdd} = await import('../../drain/run.js')
    await printNodeOp(this, flags, (t, ms) => runNodeAdd(t, input, ms))
  }
}

/** Run a node operation, print its line and (unless -q) the events that followed, as `advance` does. */
export async function printNodeOp(
  cmd: BaseCommand,
  flags: {timeout: string; quiet: boolean; home?: string; cluster?: string},
  op: (t: SessionTarget, timeoutMs: number) => Promise<NodeOpResult>,
): Promise<void> {
  const {parseDuration} = await import('../../api/duration.js')
  const ms = parseDuration(flags.timeout)
  if (ms === undefined) throw new UsageError(`invalid --timeout "${flags.timeout}": use a duration such as 30s, 5m or 1h`)
  const res = await op({home: flags.home, cluster: flags.cluster}, ms)
  let text = res.line + '\n'
  if (!flags.quiet) {
    const {printEventsCommand, eventSortTime} = await import('../../printers/events.js')
    const events = res.events.filter((e) => eventSortTime(e) >= res.start)
    if (events.length > 0) text += '\n' + printEventsCommand(events, {now: res.now, allNamespaces: true})
  }
  ;(cmd as any).write(text)
}
