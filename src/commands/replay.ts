import {Args, Flags} from '@oclif/core'
import {BaseCommand} from '../cli/base-command.js'
import {EXIT_UNHEALTHY} from '../errors.js'
import {colorEnabled, startSpinner} from '../cli/io.js'

export default class Replay extends BaseCommand {
  static override description = 'Run a k8sim.io/v1alpha1 Scenario in an in-memory cluster and check its expectations'
  static override examples = ['<%= config.bin %> replay fixtures/scenarios/rolling-update.yaml', '<%= config.bin %> replay scenario.yaml -o junit > replay.xml']
  static override args = {scenario: Args.string({required: true, description: 'Scenario file'})}
  static override flags = {
    output: Flags.string({char: 'o', options: ['text', 'json', 'junit', 'tap', 'github'], default: 'text', description: 'output format'}),
    report: Flags.string({description: 'also write the JSON report to this file'}),
  }

  async run(): Promise<void> {
    const {args, flags} = await this.parse(Replay)
    const {runReplay} = await import('../replay/run.js')
    const spinner = await startSpinner(`replaying ${args.scenario}`)
    let report
    try {
      report = await runReplay(args.scenario)
    } finally {
      spinner.stop()
    }
    if (flags.report) (await import('node:fs')).writeFileSync(flags.report, JSON.stringify(report, null, 2) + '\n')
    if (flags.output === 'text') {
      const {formatReplayReport} = await import('../printers/replay-report.js')
      let color: ((s: string, ok: boolean) => string) | undefined
      if (colorEnabled(flags['no-color'])) {
        const {default: chalk} = await import('chalk')
        color = (s, ok) => (ok ? chalk.green(s) : chalk.red(s))
      }
      this.write(formatReplayReport(report, {color}))
    } else {
      this.write(await (await import('../printers/reports/index.js')).formatReplayOutput(report, flags.output))
    }
    if (!report.passed) this.exit(EXIT_UNHEALTHY)
  }
}
