import {Args, Flags} from '@oclif/core'
import {BaseCommand} from '../cli/base-command.js'
import {UserError} from '../errors.js'

export default class Decisions extends BaseCommand {
  static override description = 'Show the scheduler\'s decisions: a table, or one pod\'s per-node, per-plugin breakdown'
  static override examples = ['<%= config.bin %> decisions', '<%= config.bin %> decisions web-7c9f8d6b5-x2k9p -o json', '<%= config.bin %> decisions default/p --attempt 1']
  static override args = {pod: Args.string({description: 'POD or NAMESPACE/POD', required: false})}
  static override flags = {
    namespace: Flags.string({char: 'n', description: 'namespace'}),
    'all-namespaces': Flags.boolean({char: 'A', default: false, description: 'all namespaces'}),
    attempt: Flags.integer({description: 'attempt number (1 = first); default the latest', min: 1}),
    output: Flags.string({char: 'o', options: ['text', 'json'], default: 'text', description: 'output format'}),
  }

  async run(): Promise<void> {
    const {args, flags} = await this.parse(Decisions)
    const {withCluster} = await import('../state/session.js')
    const {formatDecision, formatDecisionTable} = await import('../printers/decisions.js')
    // decisions live in their own table; the store is read only for a pod without any (to say why)
    const kinds = () => (args.pod ? [{group: '', kind: 'Pod'}] : [])
    await withCluster({home: flags.home, cluster: flags.cluster, write: false, kinds}, (s) => {
      if (!args.pod) {
        const ns = flags['all-namespaces'] ? undefined : (flags.namespace ?? 'default')
        const byPod = new Map<string, any[]>()
        for (const r of s.allDecisions()) {
          const list = byPod.get(r.podKey) ?? []
          list.push(r.data)
          byPod.set(r.podKey, list)
        }
        const rows = []
        for (const [key, list] of byPod) {
          const [, , namespace, name] = key.split('/')
          if (ns !== undefined && namespace !== ns) continue
          const last = list[list.length - 1]
          rows.push({namespace, name, node: last.node, score: last.score ?? null, feasibleNodes: last.feasibleNodes ?? 0, totalNodes: last.totalNodes ?? 0, attempts: list.length, time: last.time})
        }
        if (flags.output === 'json') return this.write(JSON.stringify(rows, null, 2) + '\n')
        if (rows.length === 0) return this.warnLine(ns ? `No scheduling decisions found in ${ns} namespace.` : 'No scheduling decisions found.')
        return this.write(formatDecisionTable(rows, flags['all-namespaces']))
      }
      const [namespace, name] = args.pod.includes('/') ? args.pod.split('/', 2) : [flags.namespace ?? 'default', args.pod]
      const key = `/Pod/${namespace}/${name}`
      const rows = s.loadDecisions(key)
      if (rows.length === 0) {
        const pod = s.store.get(key)
        if (!pod) throw new UserError(`Error from server (NotFound): pods "${name}" not found`)
        if (pod.spec?.nodeName) throw new UserError(`pod ${namespace}/${name} was bound to ${pod.spec.nodeName} through spec.nodeName and never met the scheduler`)
        throw new UserError(`no scheduling attempt recorded for pod ${namespace}/${name} yet`)
      }
      const n = flags.attempt ?? rows.length
      if (n > rows.length) throw new UserError(`pod ${namespace}/${name} has ${rows.length} scheduling attempt(s); --attempt ${n} does not exist`)
      const d = {...(rows[n - 1].data as any), attempt: n, attempts: rows.length}
      this.write(flags.output === 'json' ? JSON.stringify(d, null, 2) + '\n' : formatDecision(d))
    })
  }
}
