/** `dih-ld query`: SPARQL over a publication, a query given inline or as a .rq file. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadQueryStore, runQuery, type OutputFormat } from '../query/engine.js';
import { indexRefusedNotice } from '../query/quad-index-file.js';
import { queriesDir } from '../util/paths.js';
import { parseArgs } from 'node:util';
import { asUsage, UsageError } from './args.js';

const FORMATS: OutputFormat[] = ['table', 'json', 'xml', 'csv', 'tsv', 'turtle', 'ntriples', 'jsonld'];

/** The query text: a file path, a named query of queries/ (with or without .rq), or SPARQL itself. */
export function resolveQueryText(arg: string): string {
  if (arg.endsWith('.rq') && existsSync(arg)) return readFileSync(arg, 'utf8');
  const named = join(queriesDir(), arg.endsWith('.rq') ? arg.replace(/^queries\//, '') : `${arg}.rq`);
  if (/^[\w./-]+$/.test(arg) && existsSync(named)) return readFileSync(named, 'utf8');
  if (arg.endsWith('.rq')) throw new UsageError(`no query file ${arg}`);
  return arg;
}

export async function queryCommand(args: string[]): Promise<number> {
  const { values, positionals } = asUsage(() => parseArgs({ args, allowPositionals: true, strict: true, options: {
    data: { type: 'string', short: 'd', default: 'dist' },
    format: { type: 'string', short: 'f', default: 'table' },
    'allow-service': { type: 'string', multiple: true, default: [] },
  } }));
  if (positionals.length !== 1) throw new UsageError('query needs exactly one SPARQL query or .rq file');
  const format = values.format as OutputFormat;
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
  const store = await loadQueryStore(values.data, (why) => process.stderr.write(`dih-ld: ${indexRefusedNotice(values.data, why)}\n`));
  const outcome = await runQuery(resolveQueryText(positionals[0] as string), store, format, { allowService: values['allow-service'] });
  process.stdout.write(outcome.text.endsWith('\n') || !outcome.text ? outcome.text : `${outcome.text}\n`);
  return 0;
}
