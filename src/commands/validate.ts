import {Args, Flags} from '@oclif/core'
import {BaseCommand} from '../cli/base-command.js'
import {UsageError} from '../errors.js'
import {DEFAULT_KUBERNETES_VERSION, SUPPORTED_KUBERNETES_VERSIONS} from '../version.js'

async function readAllStdin(): Promise<string> {
  const chunks: Buffer[] = []
  for await (const c of process.stdin) chunks.push(typeof c === 'string' ? Buffer.from(c) : c)
  return Buffer.concat(chunks).toString('utf8')
}

function splitList(values: string[] | undefined): string[] {
  return (values ?? []).flatMap((v) => v.split(',')).map((s) => s.trim()).filter((s) => s !== '')
}

export default class Validate extends BaseCommand {
  static override description = 'Validate manifests against the Kubernetes API schemas (kubeconform-compatible output); no cluster needed'
  static override strict = false
  static override args = {files: Args.string({description: 'files or directories to validate (- for stdin)', required: false, ignoreStdin: true})}
  static override examples = [
    '<%= config.bin %> validate -f app.yaml',
    '<%= config.bin %> validate --strict --summary manifests/',
    'cat app.yaml | <%= config.bin %> validate -o json -',
  ]
  static override flags = {
    filename: Flags.string({char: 'f', multiple: true, multipleNonGreedy: true, description: 'file, directory (walked recursively) or - for stdin; repeatable'}),
    'kubernetes-version': Flags.string({description: `Kubernetes version whose schemas to use (${SUPPORTED_KUBERNETES_VERSIONS[0]}–${SUPPORTED_KUBERNETES_VERSIONS[SUPPORTED_KUBERNETES_VERSIONS.length - 1]})`, default: DEFAULT_KUBERNETES_VERSION}),
    strict: Flags.boolean({description: 'reject unknown fields and duplicate keys', default: false}),
    skip: Flags.string({multiple: true, multipleNonGreedy: true, description: 'comma-separated kinds (or apiVersion/Kind) to skip'}),
    reject: Flags.string({multiple: true, multipleNonGreedy: true, description: 'comma-separated kinds (or apiVersion/Kind) to reject'}),
    'ignore-missing-schemas': Flags.boolean({description: 'skip resources with no schema instead of failing', default: false}),
    'ignore-filename-pattern': Flags.string({multiple: true, multipleNonGreedy: true, description: 'regular expression of paths to ignore; repeatable'}),
    'schema-location': Flags.string({multiple: true, multipleNonGreedy: true, description: 'extra schema location (kubeconform template, local files); repeatable'}),
    summary: Flags.boolean({description: 'print a summary at the end', default: false}),
    verbose: Flags.boolean({char: 'v', description: 'print results for all resources', default: false}),
    'server-checks': Flags.boolean({description: "also run the API server's validation and print what it would reject as warnings (stderr); the verdict stays kubeconform's", default: true, allowNo: true}),
    output: Flags.string({char: 'o', options: ['text', 'json', 'junit', 'tap'], default: 'text', description: 'output format'}),
  }

  async run(): Promise<void> {
    const {flags, argv} = await this.parse(Validate)
    const files = [...(flags.filename ?? []), ...(argv as string[])]
    const {normalizeKubernetesVersion} = await import('../schema/validator.js')
    if (!normalizeKubernetesVersion(flags['kubernetes-version'])) {
      throw new UsageError(`unsupported --kubernetes-version "${flags['kubernetes-version']}": k8sim ships schemas for ${SUPPORTED_KUBERNETES_VERSIONS.join(', ')}`)
    }
    if (files.length === 0 && process.stdin.isTTY) throw new UsageError('must specify files to validate: -f PATH, a path argument, or - for stdin')
    const ignoreFilenamePattern = (flags['ignore-filename-pattern'] ?? []).map((p) => {
      try {
        return new RegExp(p)
      } catch (e) {
        throw new UsageError(`invalid --ignore-filename-pattern "${p}": ${(e as Error).message}`)
      }
    })
    const {runValidate} = await import('../manifest/run-validate.js')
    const {printValidateReport} = await import('../printers/validate/index.js')
    const report = await runValidate({
      files,
      kubernetesVersion: flags['kubernetes-version'],
      strict: flags.strict,
      skip: splitList(flags.skip),
      reject: splitList(flags.reject),
      ignoreMissingSchemas: flags['ignore-missing-schemas'],
      ignoreFilenamePattern,
      schemaLocations: flags['schema-location'] ?? [],
      baseDir: process.cwd(),
      readStdin: readAllStdin,
      serverChecks: flags['server-checks'],
    })
    for (const r of report.resources) {
      for (const e of r.serverErrors ?? []) {
        const where = e.line !== undefined ? `${r.filename}:${e.line}:${e.col}` : r.filename
        this.warnLine(`warning: ${where} (document ${r.docIndex}, ${r.kind}/${r.name}): ${e.fieldPath ? `${e.fieldPath}: ` : ''}${e.message} (the API server would reject this)`)
      }
    }
    this.write(printValidateReport(report, {output: flags.output as 'text' | 'json' | 'junit' | 'tap', summary: flags.summary, verbose: flags.verbose}))
    if (report.summary.invalid > 0 || report.summary.errors > 0) this.exit(1)
  }
}
