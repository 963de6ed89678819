/**
 * query: SPARQL over a built publication with Comunica. The only module that imports Comunica,
 * and it does so lazily, so commands that never query start fast.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { StreamParser, Store } from 'n3';
import type { Bindings } from '@rdfjs/types';
import { DihError } from '../model/diagnostics.js';

type QueryEngine = import('@comunica/query-sparql').QueryEngine;

let enginePromise: Promise<QueryEngine> | undefined;

/** One engine per process, created on first use. */
export function queryEngine(): Promise<QueryEngine> {
  enginePromise ??= import('@comunica/query-sparql').then((m) => new m.QueryEngine());
  return enginePromise;
}

/** Loads `dih.nq` of a publication folder (or an N-Quads/N-Triples/Turtle file) into a store. */
export async function loadGraph(data: string): Promise<Store> {
  const file = existsSync(data) && statSync(data).isDirectory() ? join(data, 'dih.nq') : data;
  if (!existsSync(file)) throw new DihError(`no graph at ${file}: run \`dih-ld build\` first`, { file });
  const format = file.endsWith('.nq') ? 'application/n-quads' : file.endsWith('.nt') ? 'application/n-triples' : file.endsWith('.trig') ? 'application/trig' : 'text/turtle';
  const store = new Store();
  await new Promise<void>((resolve, reject) => {
    const parser = new StreamParser({ format });
    parser.on('data', (q) => store.addQuad(q));
    parser.on('error', (err: Error) => reject(new DihError(`${file}: ${err.message}`, { file })));
    parser.on('end', () => resolve());
    createReadStream(file).pipe(parser);
  });
  return store;
}

export type OutputFormat = 'table' | 'json' | 'xml' | 'csv' | 'tsv' | 'turtle' | 'ntriples' | 'jsonld';

const MEDIA_TYPES: Record<Exclude<OutputFormat, 'table'>, string> = {
  json: 'application/sparql-results+json',
  xml: 'application/sparql-results+xml',
  csv: 'text/csv',
  tsv: 'text/tab-separated-values',
  turtle: 'text/turtle',
  ntriples: 'application/n-triples',
  jsonld: 'application/ld+json',
};

export interface QueryOutcome {
  kind: 'bindings' | 'quads' | 'boolean' | 'void';
  text: string;
  rows?: number;
}

/** Query context shared by the CLI and the server: facts live in named graphs, so the default graph is their union. */
export function queryContext(store: Store): { sources: [Store]; unionDefaultGraph: true } {
  return { sources: [store], unionDefaultGraph: true };
}

export async function runQuery(query: string, store: Store, format: OutputFormat = 'table'): Promise<QueryOutcome> {
  const engine = await queryEngine();
  let result;
  try {
    result = await engine.query(query, queryContext(store));
  } catch (err) {
    throw new DihError(`query failed: ${(err as Error).message}`, { field: 'query' });
  }
  if (result.resultType === 'bindings' && format === 'table') {
    const stream = await result.execute();
    const vars = ((await result.metadata()).variables as unknown as ({ value: string } | { variable: { value: string } })[]).map((v) => ('variable' in v ? v.variable.value : v.value));
    const rows = (await stream.toArray()) as unknown as Bindings[];
    return { kind: 'bindings', text: formatTable(vars, rows), rows: rows.length };
  }
  const isRdf = result.resultType === 'quads';
  const chosen = format === 'table' ? (isRdf ? 'turtle' : 'json') : format;
  if (isRdf && !['turtle', 'ntriples', 'jsonld'].includes(chosen)) throw new DihError(`format ${format} is for SELECT/ASK results; use turtle, ntriples or jsonld for ${'CONSTRUCT/DESCRIBE'}`, { field: 'format' });
  if (!isRdf && ['turtle', 'ntriples', 'jsonld'].includes(chosen)) throw new DihError(`format ${format} is for CONSTRUCT/DESCRIBE results; use table, json, xml, csv or tsv`, { field: 'format' });
  const { data } = await engine.resultToString(result, MEDIA_TYPES[chosen as Exclude<OutputFormat, 'table'>]);
  let text = '';
  for await (const chunk of data as AsyncIterable<string | Buffer>) text += chunk.toString();
  return { kind: result.resultType, text };
}

function cell(term: { termType: string; value: string; language?: string } | undefined): string {
  if (!term) return '';
  if (term.termType === 'Literal') return term.language ? `${term.value} @${term.language}` : term.value;
  return term.value;
}

/** A plain aligned text table, readable in a terminal. */
export function formatTable(vars: string[], rows: Bindings[]): string {
  const data = rows.map((b) => vars.map((v) => cell(b.get(v) as never).replace(/\s+/g, ' ')));
  const widths = vars.map((v, i) => Math.min(80, Math.max(v.length, ...data.map((r) => (r[i] ?? '').length))));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ').trimEnd();
  const out = [line(vars), widths.map((w) => '-'.repeat(w)).join('-+-'), ...data.map(line)];
  out.push(`(${rows.length} row${rows.length === 1 ? '' : 's'})`);
  return `${out.join('\n')}\n`;
}
