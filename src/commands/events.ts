import {Flags} from '@oclif/core'
import {BaseCommand} from '../cli/base-command.js'
import {normalizeBoolArgv} from '../cli/argv.js'

export default class Events extends BaseCommand {
  static override description = 'List events in virtual time, as kubectl events prints them'
  static override examples = ['<%= config.bin %> events', '<%= config.bin %> events --for pod/web-7c5ddbdf54-2xkqf', '<%= config.bin %> events -A --types Warning']
  static override flags = {
    namespace: Flags.string({char: 'n', description: 'namespace (default: default)'}),
    'all-namespaces': Flags.boolean({char: 'A', default: false, description: 'across all namespaces'}),
    for: Flags.string({description: 'only events about this object: TYPE/NAME'}),
    types: Flags.string({multiple: true, description: 'only these event types: Normal, Warning'}),
    'no-headers': Flags.boolean({default: false, description: 'print without a header'}),
    output: Flags.string({char: 'o', options: ['json', 'yaml'], description: 'print the EventList as json or yaml'}),
  }

  async run(): Promise<void> {
    this.argv = normalizeBoolArgv(this.argv, ['all-namespaces', 'no-headers'])
    const {flags} = await this.parse(Events)
    const [{withCluster}, {runEvents}] = await Promise.all([import('../state/session.js'), import('../printers/events-run.js')])
    const out = await withCluster({home: flags.home, cluster: flags.cluster, write: false, kinds: () => [{group: '', kind: 'Event'}]}, (s) =>
      runEvents(
        {store: s.store, registry: s.registry, now: s.clock.now()},
        {namespace: flags.namespace ?? 'default', allNamespaces: flags['all-namespaces'], for: flags.for, types: flags.types, noHeaders: flags['no-headers'], output: flags.output as 'json' | 'yaml' | undefined},
      ),
    )
    this.write(out.stdout)
    for (const l of out.stderr) this.warnLine(l)
  }
}
