/** `dih-ld build`: sources -> publication. */
import { formatDiagnostic } from '../model/diagnostics.js';
import { build } from '../pipeline.js';
import { formatOutcome } from '../validate/report.js';
import { PREFIXES } from '../vocab/namespaces.js';
import { parseArgs } from 'node:util';
import { asUsage, UsageError } from './args.js';

export async function buildCommand(args: string[]): Promise<number> {
  const { values, positionals } = asUsage(() => parseArgs({ args, allowPositionals: true, strict: true, options: {
    out: { type: 'string', short: 'o', default: 'dist' },
    base: { type: 'string' },
    strict: { type: 'boolean', default: false },
    quiet: { type: 'boolean', short: 'q', default: false },
  } }));
  if (!positionals.length) throw new UsageError('build needs at least one source file or folder');
  const result = await build(positionals, { out: values.out, ...(values.base ? { base: values.base } : {}), strict: values.strict });
  for (const d of result.diagnostics) process.stderr.write(`${formatDiagnostic(d)}\n`);
  if (result.validation.findings.length && !values.quiet) process.stderr.write(formatOutcome(result.validation, PREFIXES));
  const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
  const summary = `${result.records.length} record(s), ${new Set(result.quads.map((q) => `${q.subject.value} ${q.predicate.value} ${q.object.value}`)).size} triples; ` +
    `${errors} input error(s), ${result.validation.violations} violation(s), ${result.validation.warnings} warning(s)`;
  if (!result.files.length) {
    process.stderr.write(`build refused (--strict): ${summary}; ${values.out}/ left as it was\n`);
    return 1;
  }
  process.stderr.write(`published ${values.out}/ (${result.files.join(', ')}): ${summary}\n`);
  return errors || result.validation.violations ? 1 : 0;
}
