import {Args, Flags} from '@oclif/core'
import {BaseCommand} from '../cli/base-command.js'
import {normalizeBoolArgv} from '../cli/argv.js'
import {EXIT_INVALID} from '../errors.js'

export default class Get extends BaseCommand {
  static override description = 'Display one or many resources, as kubectl get prints them'
  static override strict = false
  static override args = {
    resource: Args.string({description: 'TYPE[,TYPE...] [NAME...] | TYPE/NAME... | all', required: false}),
  }
  static override examples = [
    '<%= config.bin %> get pods',
    '<%= config.bin %> get deploy,svc -n shop -o wide',
    '<%= config.bin %> get all -A',
    "<%= config.bin %> get pods -o jsonpath='{.items[*].spec.nodeName}'",
  ]
  static override flags = {
    namespace: Flags.string({char: 'n', description: 'namespace (default: default)'}),
    'all-namespaces': Flags.boolean({char: 'A', default: false, description: 'list across all namespaces'}),
    output: Flags.string({char: 'o', description: 'wide|yaml|json|name|jsonpath=TEMPLATE|custom-columns=SPEC'}),
    selector: Flags.string({char: 'l', description: 'label selector (a=b,c!=d,e in (x,y),!f)'}),
    'field-selector': Flags.string({description: 'field selector (spec.nodeName=node-1,status.phase!=Running)'}),
    'show-labels': Flags.boolean({default: false, description: 'add a LABELS column'}),
    'sort-by': Flags.string({description: 'sort by a JSONPath, e.g. .metadata.creationTimestamp'}),
    'no-headers': Flags.boolean({default: false, description: 'print tables without a header'}),
    'label-columns': Flags.string({char: 'L', multiple: true, description: 'add a column per label key'}),
    'ignore-not-found': Flags.boolean({default: false, description: 'a missing named object is not an error'}),
    'show-kind': Flags.boolean({default: false, description: 'print NAME as kind/name'}),
  }

  async run(): Promise<void> {
    this.argv = normalizeBoolArgv(this.argv, ['all-namespaces', 'show-labels', 'no-headers', 'ignore-not-found', 'show-kind'])
    const {argv, flags} = await this.parse(Get)
    const [{withCluster}, {runGet, kindsToGet}] = await Promise.all([import('../state/session.js'), import('../printers/get.js')])
    const kinds = (registry: Parameters<typeof kindsToGet>[0]) => kindsToGet(registry, argv as string[])
    const out = await withCluster({home: flags.home, cluster: flags.cluster, write: false, kinds}, (s) =>
      runGet(
        {store: s.store, registry: s.registry, now: s.clock.now()},
        {
          args: argv as string[],
          namespace: flags.namespace ?? 'default',
          allNamespaces: flags['all-namespaces'],
          labelSelector: flags.selector,
          fieldSelector: flags['field-selector'],
          output: flags.output,
          showLabels: flags['show-labels'],
          sortBy: flags['sort-by'],
          noHeaders: flags['no-headers'],
          labelColumns: flags['label-columns']?.flatMap((l) => l.split(',')),
          ignoreNotFound: flags['ignore-not-found'],
          showKind: flags['show-kind'],
        },
      ),
    )
    this.write(out.stdout)
    for (const l of out.stderr) this.warnLine(l)
    if (out.failed) this.exit(EXIT_INVALID)
  }
}
