/** `dih-ld build`: sources -> publication. */
import { formatDiagnostic } from '../model/diagnostics.js';
import { build } from '../pipeline.js';
import { formatOutcome } from '../validate/report.js';
import { PREFIXES } from '../vocab/namespaces.js';
import { parseArgs } from 'node:util';
import { asUsage, UsageError } from './args.js';
import { buildSummary } from '../merge/summary.js';

function warningCounts(findings: { severity: string; message: string }[]): string {
  const counts = new Map<string, number>();
  for (const f of findings) if (f.severity !== 'Violation') counts.set(f.message, (counts.get(f.message) ?? 0) + 1);
  const lines = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([m, n]) => `  ${String(n).padStart(6)} x ${m}`);
  return `warnings (each listed with --verbose, or by \`dih-ld validate\`):\n${lines.join('\n')}\n`;
}

export async function buildCommand(args: string[]): Promise<number> {
  const { values, positionals } = asUsage(() => parseArgs({ args, allowPositionals: true, strict: true, options: {
    out: { type: 'string', short: 'o', default: 'dist' },
    base: { type: 'string' },
    'publication-base': { type: 'string' },
    strict: { type: 'boolean', default: false },
    quiet: { type: 'boolean', short: 'q', default: false },
    verbose: { type: 'boolean', short: 'v', default: false },
    'include-personal-data': { type: 'boolean', default: false },
    'batch-hubs': { type: 'string' },
  } }));
  if (!positionals.length) throw new UsageError('build needs at least one source file or folder');
  const batchHubs = values['batch-hubs'] === undefined ? undefined : Number(values['batch-hubs']);
  if (batchHubs !== undefined && !(Number.isInteger(batchHubs) && batchHubs >= 1)) throw new UsageError(`--batch-hubs must be a whole number of hubs, at least 1, got ${JSON.stringify(values['batch-hubs'])}`);
  const result = await build(positionals, { out: values.out, ...(batchHubs !== undefined ? { batchHubs } : {}), ...(values.base ? { base: values.base } : {}), ...(values['publication-base'] ? { publicationBase: values['publication-base'] } : {}), strict: values.strict, includePersonalData: values['include-personal-data'] });
  for (const d of result.diagnostics) process.stderr.write(`${formatDiagnostic(d)}\n`);
  if (result.validation.findings.length && !values.quiet) {
    // Violations in full; warnings in full only with --verbose (a registry build has thousands), else counted by message.
    const shown = values.verbose ? result.validation : { ...result.validation, findings: result.validation.findings.filter((f) => f.severity === 'Violation') };
    process.stderr.write(formatOutcome(shown, PREFIXES));
    if (!values.verbose && result.validation.warnings) process.stderr.write(warningCounts(result.validation.findings));
  }
  const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
  process.stderr.write(buildSummary(result.records, result.mergeCounts, result.diagnostics));
  const summary = `${result.records.length} record(s), ${result.triples} triples${result.batches > 1 ? ` (in ${result.batches} batches)` : ''}; ` +
    `${errors} input error(s), ${result.validation.violations} violation(s), ${result.validation.warnings} warning(s)`;
  if (!result.files.length) {
    process.stderr.write(`build refused (--strict): ${summary}; ${values.out}/ left as it was\n`);
    return 1;
  }
  const pages = result.files.filter((f) => f.endsWith('.html')).length;
  const named = result.files.filter((f) => !f.endsWith('.html') && !f.includes('/'));
  process.stderr.write(`published ${values.out}/ (${named.join(', ')}${pages ? `, ${pages} HTML page(s)` : ''}): ${summary}\n`);
  if (result.batches > 1) process.stderr.write(`no query index (a build in batches does not write one): \`dih-ld index --data ${values.out}\` writes it, else query and serve parse dih.nq\n`);
  return errors || result.validation.violations ? 1 : 0;
}
