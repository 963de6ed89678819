/** `dih-ld extract`: catalogue pages -> reviewable YAML records on stdout, diagnostics on stderr. */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { formatDiagnostic } from '../model/diagnostics.js';
import { readCataloguePage, pageRegistry } from '../sources/catalogue-page.js';
import { recordToYaml } from '../extract/to-yaml.js';
import { decodeText } from '../sources/index.js';
import { asUsage, UsageError } from './args.js';

export async function extractCommand(args: string[]): Promise<number> {
  const { values, positionals } = asUsage(() => parseArgs({ args, allowPositionals: true, strict: true, options: { base: { type: 'string' } } }));
  if (!positionals.length) throw new UsageError('extract needs one or more page files (.txt)');
  let failed = 0;
  const docs: string[] = [];
  for (const path of positionals) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(path);
    } catch (err) {
      process.stderr.write(`dih-ld: ${path}: cannot read: ${(err as Error).message}\n`);
      failed++;
      continue;
    }
    const name = path.split(/[\\/]/).slice(-2).join('/');
    const decoded = decodeText(bytes, { path, name: basename(path) });
    for (const d of decoded.diagnostics) process.stderr.write(`${formatDiagnostic(d)}\n`);
    if (decoded.text === undefined) {
      failed++;
      continue;
    }
    const text = decoded.text;
    const { records, diagnostics } = readCataloguePage(text, pageRegistry(name) === 'page' ? basename(path) : name, values.base);
    for (const d of diagnostics) process.stderr.write(`${formatDiagnostic(d)}\n`);
    if (!records.length) failed++;
    for (const r of records) docs.push(recordToYaml(r, diagnostics, values.base));
  }
  process.stdout.write(docs.join('---\n'));
  return failed ? 1 : 0;
}
