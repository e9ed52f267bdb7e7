import {Args, Flags} from '@oclif/core'
import {BaseCommand} from '../cli/base-command.js'
import {UsageError} from '../errors.js'

export default class Advance extends BaseCommand {
  static override description = 'Move virtual time forward and print what happened (events)'
  static override examples = ['<%= config.bin %> advance 30s', '<%= config.bin %> advance 1h -q']
  static override args = {duration: Args.string({description: 'how long: 30s, 5m, 2h, 1h30m', required: true})}
  static override flags = {
    quiet: Flags.boolean({char: 'q', default: false, description: 'print nothing'}),
    namespace: Flags.string({char: 'n', description: 'only events of this namespace'}),
    'all-namespaces': Flags.boolean({char: 'A', default: true, description: 'events of every namespace (default)'}),
  }

  async run(): Promise<void> {
    const {args, flags} = await this.parse(Advance)
    const {parseDuration} = await import('../api/duration.js')
    const ms = parseDuration(args.duration)
    if (ms === undefined) throw new UsageError(`invalid duration "${args.duration}": use 30s, 5m, 2h or 1h30m`)
    const {withCluster} = await import('../state/session.js')
    const {Engine} = await import('../engine/engine.js')
    const {recordDecisions} = await import('../state/decision-log.js')
    const {printEventsCommand, eventSortTime} = await import('../printers/events.js')
    const out = await withCluster({home: flags.home, cluster: flags.cluster, write: true}, (s) => {
      const start = s.clock.now()
      const engine = new Engine(s, {schedulerConfig: (s.meta as any).schedulerConfig})
      engine.start()
      engine.advance(ms)
      recordDecisions(s, engine.decisions())
      if (flags.quiet) return ''
      const events = s.store.list('/Event', flags.namespace).filter((e) => eventSortTime(e) > start)
      return printEventsCommand(events, {now: s.clock.now(), allNamespaces: !flags.namespace})
    })
    this.write(out)
  }
}
