import {Args, Flags} from '@oclif/core'
import {BaseCommand} from '../cli/base-command.js'
import {normalizeDryRunArgv} from '../cli/argv.js'
import {EXIT_INVALID, InvalidInputError, UsageError} from '../errors.js'

export default class Delete extends BaseCommand {
  static override description = 'Delete resources by file, type and name, or selector; then run the cluster until it settles'
  static override strict = false
  static override args = {
    resource: Args.string({description: 'TYPE [NAME...] | TYPE/NAME...', required: false}),
  }
  static override examples = [
    '<%= config.bin %> delete deployment web',
    '<%= config.bin %> delete -f app.yaml',
    '<%= config.bin %> delete pods -l app=web --grace-period=0 --force',
    '<%= config.bin %> delete deploy/web --cascade=orphan',
  ]
  static override flags = {
    filename: Flags.string({char: 'f', multiple: true, description: 'file, directory, or - for stdin (repeatable)'}),
    recursive: Flags.boolean({char: 'R', default: false, description: 'process directories recursively'}),
    namespace: Flags.string({char: 'n', description: 'namespace (default: default)'}),
    'all-namespaces': Flags.boolean({char: 'A', default: false, description: 'with --all or -l: across all namespaces'}),
    all: Flags.boolean({default: false, description: 'delete every object of the given types in the namespace'}),
    selector: Flags.string({char: 'l', description: 'label selector'}),
    'field-selector': Flags.string({description: 'field selector'}),
    cascade: Flags.string({default: 'background', description: 'background, foreground or orphan'}),
    'grace-period': Flags.integer({default: -1, description: 'seconds given to pods to terminate (-1: their own)'}),
    force: Flags.boolean({default: false, description: 'with --grace-period=0: remove at once'}),
    now: Flags.boolean({default: false, description: 'grace period 1'}),
    'ignore-not-found': Flags.boolean({description: 'treat "not found" as success'}),
    output: Flags.string({char: 'o', options: ['name'], description: 'name: print kind/name only'}),
    'dry-run': Flags.string({options: ['none', 'client', 'server'], default: 'none', description: 'print what would be deleted; change nothing'}),
    // accepted as kubectl spells it (`--wait=false`); the deletion always runs to completion in virtual time
    wait: Flags.string({options: ['true', 'false'], default: 'true', description: 'accepted for kubectl compatibility'}),
    timeout: Flags.string({default: '5m', description: 'virtual time to simulate at most'}),
  }

  async run(): Promise<void> {
    this.argv = normalizeDryRunArgv(this.argv)
    const {argv, flags} = await this.parse(Delete)
    const {parseDuration} = await import('../api/duration.js')
    const timeoutMs = parseDuration(flags.timeout)
    if (timeoutMs === undefined) throw new UsageError(`invalid --timeout "${flags.timeout}": use a duration such as 30s, 5m or 1h`)
    let fromFiles: Array<{obj: any; file: string}> | undefined
    if (flags.filename?.length) {
      const {loadManifests, formatIssue} = await import('../manifest/index.js')
      const {readStdin} = await import('../cli/io.js')
      const loaded = await loadManifests(flags.filename, {recursive: flags.recursive, readStdin})
      if (loaded.issues.length > 0) throw new InvalidInputError(loaded.issues.map(formatIssue))
      fromFiles = loaded.docs.map((d) => ({obj: d.obj, file: d.file}))
    }
    const [{withCluster}, {runDelete}, {Engine}, {recordDecisions}] = await Promise.all([
      import('../state/session.js'),
      import('../printers/delete-run.js'),
      import('../engine/engine.js'),
      import('../state/decision-log.js'),
    ])
    const dryRun = flags['dry-run'] === 'client' || flags['dry-run'] === 'server' ? flags['dry-run'] : undefined
    const out = await withCluster({home: flags.home, cluster: flags.cluster, write: true, dryRun: !!dryRun}, (s) => {
      const engine = new Engine(s, {schedulerConfig: (s.meta as any).schedulerConfig})
      engine.start()
      const res = runDelete({store: s.store, registry: s.registry, now: s.clock.now()}, engine.api, {
        args: argv as string[],
        fromFiles,
        namespace: flags.namespace ?? 'default',
        allNamespaces: flags['all-namespaces'],
        labelSelector: flags.selector,
        fieldSelector: flags['field-selector'],
        all: flags.all,
        cascade: flags.cascade,
        gracePeriod: flags['grace-period'],
        force: flags.force,
        now: flags.now,
        ignoreNotFound: flags['ignore-not-found'],
        output: flags.output,
        dryRun,
      })
      if (!dryRun) {
        engine.runUntilSettled({timeoutMs})
        recordDecisions(s, engine.decisions())
      }
      return res
    })
    for (const l of out.stderr.filter((x) => x.startsWith('Warning:'))) this.warnLine(l)
    this.write(out.stdout)
    for (const l of out.stderr.filter((x) => !x.startsWith('Warning:'))) this.warnLine(l)
    if (out.failed) this.exit(EXIT_INVALID)
  }
}
