/**
 * `dih-ld explain <hub name or IRI> [--data dist]`: which source records were merged into a hub and
 * why (score and evidence), and where they disagree. Reads the publication's links.csv and
 * conflicts.csv, so it explains exactly what was published.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse/sync';
import { asUsage, UsageError } from './args.js';
import { foldKey } from '../sources/cleaning.js';

type Row = Record<string, string>;

function readCsv(path: string): Row[] {
  if (!existsSync(path)) throw new UsageError(`${path} is missing: build the publication first (dih-ld build ... --out <dir>)`);
  return parse(readFileSync(path, 'utf8'), { columns: true, bom: true }) as Row[];
}

/** Hubs whose IRI, or the name of one of whose records, matches the query (accent- and case-insensitive). */
export function findHubs(links: Row[], query: string): string[] {
  const q = foldKey(query);
  const exact = new Set<string>();
  const partial = new Set<string>();
  for (const r of links) {
    const name = foldKey(r.source_name ?? '');
    const iri = r.hub ?? '';
    if (iri === query || name === q || foldKey(iri.slice(iri.lastIndexOf('/') + 1)) === q) exact.add(iri);
    else if (q && (name.includes(q) || foldKey(r.source_record ?? '') === q)) partial.add(iri);
  }
  return [...(exact.size ? exact : partial)].sort();
}

export function explainHub(hub: string, links: Row[], conflicts: Row[]): string {
  const members = links.filter((r) => r.hub === hub);
  const lines = [`${hub}`, `  merged from ${members.length} source record(s):`];
  for (const r of members) {
    lines.push(`  - ${r.source_record} (${r.source_file}, ${r.registry_identifier}) "${r.source_name}"`);
    lines.push(`      score ${r.score}: ${r.evidence}`);
  }
  const own = conflicts.filter((c) => c.hub === hub);
  if (own.length) {
    lines.push(`  ${own.length} conflict(s):`);
    for (const c of own) lines.push(`  - ${c.property}: ${c.value_a} (${c.record_a}) vs ${c.value_b} (${c.record_b})`);
  } else lines.push('  no conflicts');
  return `${lines.join('\n')}\n`;
}

export async function explainCommand(args: string[]): Promise<number> {
  const { values, positionals } = asUsage(() => parseArgs({ args, allowPositionals: true, strict: true, options: {
    data: { type: 'string', short: 'd', default: 'dist' },
  } }));
  if (positionals.length !== 1) throw new UsageError('explain needs exactly one hub name or IRI');
  const query = positionals[0] as string;
  const links = readCsv(join(values.data, 'links.csv'));
  const conflicts = readCsv(join(values.data, 'conflicts.csv'));
  const hubs = findHubs(links, query);
  if (!hubs.length) {
    process.stderr.write(`no hub in ${values.data}/links.csv has a record named like ${JSON.stringify(query)}\n`);
    return 1;
  }
  process.stdout.write(hubs.map((h) => explainHub(h, links, conflicts)).join('\n'));
  return 0;
}
