/** `dih-ld build`: sources -> publication. */
import { formatDiagnostic } from '../model/diagnostics.js';
import { build } from '../pipeline.js';
import { formatOutcome } from '../validate/report.js';
import { PREFIXES } from '../vocab/namespaces.js';
import { parseArgs } from 'node:util';
import { asUsage, UsageError } from './args.js';
import { buildSummary } from '../merge/summary.js';
import { eachFinding, type ValidationFinding, type ValidationOutcome } from '../validate/validate.js';

/** What build prints of its findings: the violations (every finding with --verbose), and the others counted by message. */
function findingsToShow(outcome: ValidationOutcome, verbose: boolean): { shown: ValidationFinding[]; counts: Map<string, number> } {
  const shown: ValidationFinding[] = [];
  const counts = new Map<string, number>();
  // One at a time: a build in batches has them on disk (200,000 at 100,000 hubs).
  for (const f of eachFinding(outcome)) {
    if (verbose || f.severity === 'Violation') shown.push(f);
    if (f.severity !== 'Violation') counts.set(f.message, (counts.get(f.message) ?? 0) + 1);
  }
  return { shown, counts };
}

function warningCounts(counts: ReadonlyMap<string, number>): string {
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
  if (!values.quiet) {
    // Violations in full; warnings in full only with --verbose (a registry build has thousands), else counted by message.
    const { shown, counts } = findingsToShow(result.validation, values.verbose);
    if (shown.length || counts.size) {
      const { conforms, violations, warnings } = result.validation;
      process.stderr.write(formatOutcome({ conforms, violations, warnings, findings: shown }, PREFIXES));
      if (!values.verbose && warnings) process.stderr.write(warningCounts(counts));
    }
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
