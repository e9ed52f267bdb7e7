import {Flags} from '@oclif/core'
import {BaseCommand} from '../cli/base-command.js'
import {InvalidInputError, EXIT_UNHEALTHY} from '../errors.js'
import {colorEnabled, readStdin, startSpinner} from '../cli/io.js'

export default class Apply extends BaseCommand {
  static override description = 'Apply manifests to the simulated cluster, then run it until they settle'
  static override examples = [
    '<%= config.bin %> apply -f k8s/',
    'helm template ./chart | <%= config.bin %> apply -f - --dry-run --wait',
  ]
  static override flags = {
    filename: Flags.string({char: 'f', multiple: true, required: true, description: 'file, directory, or - for stdin (repeatable)'}),
    recursive: Flags.boolean({char: 'R', default: false, description: 'process directories recursively'}),
    namespace: Flags.string({char: 'n', description: 'namespace for objects that name none'}),
    'dry-run': Flags.boolean({default: false, description: 'simulate on a copy; save nothing (kubectl\'s --dry-run=client|server are accepted)'}),
    wait: Flags.boolean({default: false, description: 'exit 3 unless every applied workload is healthy at the end'}),
    timeout: Flags.string({default: '5m', description: 'virtual time to simulate at most'}),
    output: Flags.string({char: 'o', options: ['text', 'json', 'name', 'junit', 'tap', 'github'], default: 'text', description: 'output format'}),
    report: Flags.string({description: 'also write the JSON report to this file'}),
    explain: Flags.boolean({default: false, description: 'keep the full per-node scheduling breakdown'}),
    'server-side': Flags.boolean({default: false, description: 'accepted for kubectl compatibility (ignored)'}),
    validate: Flags.string({default: 'strict', options: ['strict', 'true', 'warn', 'ignore', 'false'], description: 'schema validation as kubectl: strict (unknown fields and duplicate keys are errors), warn, ignore'}),
  }

  async run(): Promise<void> {
    // kubectl spells it --dry-run=client|server|none; a bare --dry-run is k8sim's (and old kubectl's) client dry run
    this.argv = this.argv.flatMap((a) => (a === '--dry-run=none' ? [] : /^--dry-run=(client|server)$/.test(a) ? ['--dry-run'] : [a]))
    const {flags} = await this.parse(Apply)
    const {runApply} = await import('../apply/run.js')
    const dryRun = flags['dry-run']
    const spinner = await startSpinner('simulating')
    try {
      const result = await runApply({
        files: flags.filename,
        recursive: flags.recursive,
        namespace: flags.namespace,
        dryRun,
        timeout: flags.timeout,
        validate: flags.validate === 'true' ? 'strict' : flags.validate === 'false' ? 'ignore' : (flags.validate as 'strict' | 'warn' | 'ignore'),
        explain: flags.explain,
        home: flags.home,
        cluster: flags.cluster,
        readStdin,
        onProgress: (ms) => spinner.tick(`simulating (virtual time ${new Date(ms).toISOString().replace('.000Z', 'Z')})`),
      })
      spinner.stop()
      for (const w of result.warnings) this.warnLine(w)
      if (result.errors.length > 0) {
        // a refused bundle still gets its machine-readable report (rejected: true), then exits 1
        if (flags.output !== 'text' && flags.output !== 'name' || flags.report) {
          const {rejectedReport} = await import('../apply/rejected-report.js')
          const rejected = rejectedReport(result.errors, {dryRun, cluster: flags.cluster, docs: result.docs})
          if (flags.report) (await import('node:fs')).writeFileSync(flags.report, JSON.stringify(rejected, null, 2) + '\n')
          if (flags.output !== 'text' && flags.output !== 'name') this.write((await import('../printers/reports/index.js')).formatApplyOutput(rejected, flags.output))
        }
        throw new InvalidInputError(result.errors)
      }
      const report = result.report!
      const {formatApplyReport} = await import('../printers/apply-report.js')
      if (flags.report) {
        const {writeFileSync} = await import('node:fs')
        writeFileSync(flags.report, JSON.stringify(report, null, 2) + '\n')
      }
      if (flags.output === 'json') this.write(JSON.stringify(report, null, 2) + '\n')
      else if (flags.output === 'junit' || flags.output === 'tap' || flags.output === 'github') this.write((await import('../printers/reports/index.js')).formatApplyOutput(report, flags.output))
      else if (flags.output === 'name') this.write(report.objects.map((o) => o.line.replace(/ \S+$/, '') + '\n').join(''))
      else {
        let paint: ((severity: string) => string) | undefined
        if (colorEnabled(flags['no-color'])) {
          const {default: chalk} = await import('chalk')
          paint = (sev) => (sev === 'error' ? chalk.red(sev) : sev === 'warning' ? chalk.yellow(sev) : chalk.cyan(sev))
        }
        this.write(formatApplyReport(report, paint))
      }
      if (flags.wait && !report.healthy) this.exit(EXIT_UNHEALTHY)
    } finally {
      spinner.stop()
    }
  }
}
