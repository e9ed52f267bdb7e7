import {Args, Flags} from '@oclif/core'
import {BaseCommand} from '../cli/base-command.js'
import {normalizeDryRunArgv} from '../cli/argv.js'
import {EXIT_INVALID, UsageError} from '../errors.js'

export default class Drain extends BaseCommand {
  static override description = 'Drain a node in preparation for maintenance: cordon it, then evict its pods honouring PodDisruptionBudgets'
  static override strict = false
  static override args = {node: Args.string({description: 'node name(s)', required: false})}
  static override examples = [
    '<%= config.bin %> drain node-2 --ignore-daemonsets',
    '<%= config.bin %> drain node-2 --ignore-daemonsets --delete-emptydir-data --force',
    '<%= config.bin %> drain -l topology.kubernetes.io/zone=zone-a --ignore-daemonsets --timeout 10m',
  ]
  static override flags = {
    force: Flags.boolean({default: false, description: 'Continue even if there are pods that do not declare a controller.'}),
    'ignore-daemonsets': Flags.boolean({default: false, description: 'Ignore DaemonSet-managed pods.'}),
    'delete-emptydir-data': Flags.boolean({default: false, description: 'Continue even if there are pods using emptyDir (local data that will be deleted when the node is drained).'}),
    'delete-local-data': Flags.boolean({default: false, hidden: true, description: 'deprecated: use --delete-emptydir-data'}),
    'grace-period': Flags.integer({default: -1, description: 'Period of time in seconds given to each pod to terminate gracefully. If negative, the default value specified in the pod will be used.'}),
    timeout: Flags.string({default: '5m', description: 'Virtual time to wait before giving up (kubectl\'s 0 = infinite is 5m here).'}),
    'pod-selector': Flags.string({description: 'Label selector to filter pods on the node'}),
    selector: Flags.string({char: 'l', description: 'Selector (label query) to filter nodes on'}),
    'disable-eviction': Flags.boolean({default: false, description: 'Force drain to use delete, even if eviction is supported. This will bypass checking PodDisruptionBudgets, use with caution.'}),
    'skip-wait-for-delete-timeout': Flags.integer({default: 0, description: 'If pod DeletionTimestamp older than N seconds, skip waiting for the pod. Seconds must be greater than 0 to skip.'}),
    'chunk-size': Flags.integer({default: 500, hidden: true, description: 'ignored (list paging)'}),
    'dry-run': Flags.string({options: ['none', 'client', 'server'], default: 'none', description: 'none, client or server: print what would be evicted; change nothing'}),
    output: Flags.string({char: 'o', options: ['json'], description: 'json: print the drain report (kubectl lines included) instead of text'}),
    report: Flags.string({description: 'also write the JSON report to this file'}),
  }

  async run(): Promise<void> {
    this.argv = normalizeDryRunArgv(this.argv)
    const {argv, flags} = await this.parse(Drain)
    const names = argv as string[]
    if (flags['delete-local-data']) this.warnLine('Flag --delete-local-data has been deprecated, This option is deprecated and will be deleted. Use --delete-emptydir-data.')
    if (names.length === 0 && !flags.selector) throw new UsageError('USAGE: drain NODE [flags]', "See 'k8sim drain --help' for help and examples")
    if (names.length > 0 && flags.selector) throw new UsageError('cannot specify both a node name and a --selector option')
    const {parseDuration} = await import('../api/duration.js')
    let timeoutMs = parseDuration(flags.timeout)
    if (timeoutMs === undefined) throw new UsageError(`invalid --timeout "${flags.timeout}": use a duration such as 30s, 5m or 1h`)
    // kubectl's 0 means "forever", which never ends in virtual time (CLI.md §4)
    if (timeoutMs === 0) timeoutMs = 5 * 60_000
    const {runDrainCommand} = await import('../drain/run.js')
    const {validatePodSelector} = await import('../drain/drain.js')
    validatePodSelector(flags['pod-selector'])
    const res = await runDrainCommand({home: flags.home, cluster: flags.cluster}, {
      nodes: names,
      selector: flags.selector,
      force: flags.force,
      ignoreDaemonSets: flags['ignore-daemonsets'],
      deleteEmptyDirData: flags['delete-emptydir-data'] || flags['delete-local-data'],
      gracePeriodSeconds: flags['grace-period'],
      timeoutMs,
      podSelector: flags['pod-selector'],
      disableEviction: flags['disable-eviction'],
      skipWaitForDeleteTimeoutSeconds: flags['skip-wait-for-delete-timeout'],
      dryRun: flags['dry-run'] as 'none' | 'client' | 'server',
    }, 5 * 60_000)
    if (flags.report) {
      const {writeFileSync} = await import('node:fs')
      writeFileSync(flags.report, JSON.stringify(res.report, null, 2) + '\n')
    }
    if (flags.output === 'json') {
      this.write(JSON.stringify(res.report, null, 2) + '\n')
      if (res.error !== undefined) this.exit(EXIT_INVALID)
      return
    }
    for (const l of res.lines) {
      if (l.stream === 'out') this.write(l.text + '\n')
      else this.warnLine(l.text)
    }
    if (res.replacements.length > 0) {
      const {formatReplacements} = await import('../printers/drain.js')
      this.write('\n' + formatReplacements(res.replacements))
    }
    if (res.error !== undefined) {
      this.warnLine(`error: ${res.error}`)
      this.exit(EXIT_INVALID)
    }
  }
}
