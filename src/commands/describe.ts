import {Args, Flags} from '@oclif/core'
import {BaseCommand} from '../cli/base-command.js'
import {normalizeBoolArgv} from '../cli/argv.js'
import {EXIT_INVALID} from '../errors.js'

export default class Describe extends BaseCommand {
  static override description = 'Show details of resources, as kubectl describe prints them (pods add a Scheduling: section)'
  static override strict = false
  static override args = {
    resource: Args.string({description: 'TYPE [NAME_PREFIX] | TYPE/NAME...', required: false}),
  }
  static override examples = ['<%= config.bin %> describe pod web-7c5ddbdf54-2xkqf', '<%= config.bin %> describe nodes', '<%= config.bin %> describe deploy/web -n shop']
  static override flags = {
    namespace: Flags.string({char: 'n', description: 'namespace (default: default)'}),
    'all-namespaces': Flags.boolean({char: 'A', default: false, description: 'across all namespaces'}),
    selector: Flags.string({char: 'l', description: 'label selector'}),
    // a string so that kubectl's `--show-events=false` spelling works
    'show-events': Flags.string({options: ['true', 'false'], default: 'true', description: 'print the Events block'}),
  }

  async run(): Promise<void> {
    this.argv = normalizeBoolArgv(this.argv, ['all-namespaces'])
    const {argv, flags} = await this.parse(Describe)
    const [{withCluster}, {runDescribe, kindsToDescribe}] = await Promise.all([import('../state/session.js'), import('../printers/describe/run.js')])
    const kinds = (registry: Parameters<typeof kindsToDescribe>[0]) => kindsToDescribe(registry, argv as string[], flags['show-events'] !== 'false')
    const out = await withCluster({home: flags.home, cluster: flags.cluster, write: false, kinds}, (s) =>
      runDescribe(
        {store: s.store, registry: s.registry, now: s.clock.now()},
        {
          args: argv as string[],
          namespace: flags.namespace ?? 'default',
          allNamespaces: flags['all-namespaces'],
          labelSelector: flags.selector,
          showEvents: flags['show-events'] !== 'false',
          decisionFor: (pod) => {
            const rows = s.loadDecisions(`/Pod/${pod.metadata.namespace ?? ''}/${pod.metadata.name}`)
            const mine = rows.filter((r) => !r.podUid || !pod.metadata.uid || r.podUid === pod.metadata.uid)
            return mine.length > 0 ? mine[mine.length - 1].data : undefined
          },
        },
      ),
    )
    this.write(out.stdout)
    for (const l of out.stderr) this.warnLine(l)
    if (out.failed) this.exit(EXIT_INVALID)
  }
}
