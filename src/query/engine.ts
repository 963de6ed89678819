/**
 * query: SPARQL over a built publication with Comunica. The only module that uses Comunica (the
 * classes it loads are handed to bgp-source.ts and comunica-tuning.ts); it loads it
 * (comunica-load.ts) on the first query, so commands that never query start fast.
 */
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Parser, StreamParser, Store, type Quad } from 'n3';
import { QuadIndex, QuadIndexBuilder } from './quad-index.js';
import { readQuadIndex } from './quad-index-file.js';
import { loadComunica, type Comunica } from './comunica-load.js';
import { quadIndexQuerySource } from './bgp-source.js';
import { groupOnlyConnectedOperations, preferHashOptionalOverLocalSources } from './comunica-tuning.js';
import type { Bindings } from '@rdfjs/types';
import { DihError } from '../model/diagnostics.js';

type QueryEngine = InstanceType<Comunica['QueryEngine']>;

let comunicaPromise: Promise<Comunica> | undefined;
let enginePromise: Promise<QueryEngine> | undefined;

function comunicaModule(): Promise<Comunica> {
  comunicaPromise ??= loadComunica().then(({ comunica }) => {
    preferHashOptionalOverLocalSources(comunica);
    groupOnlyConnectedOperations(comunica);
    return comunica;
  });
  return comunicaPromise;
}

/** One engine per process, created on first use. */
export function queryEngine(): Promise<QueryEngine> {
  enginePromise ??= comunicaModule().then((comunica) => new comunica.QueryEngine());
  return enginePromise;
}

/** Comunica's context key for sources it need not identify (KeysQueryOperation.querySources). */
const QUERY_SOURCES = '@comunica/bus-query-operation:querySources';
const indexSources = new WeakMap<QuadIndex, Map<boolean, object>>();

/**
 * The context entries that give Comunica the data. A quad index is handed over as a source that
 * answers whole groups of triple patterns (bgp-source.ts); `patternsOnly` gives it as a plain
 * RDF/JS source instead, matched one pattern at a time (for comparison in bench/ and tests).
 */
export async function sourceContext(store: QueryStore | Store, { unionDefaultGraph = true, patternsOnly = false } = {}): Promise<Record<string, unknown>> {
  if (!(store instanceof QuadIndex) || patternsOnly) return { sources: [store], unionDefaultGraph };
  const comunica = await comunicaModule();
  let byMode = indexSources.get(store);
  if (!byMode) indexSources.set(store, (byMode = new Map()));
  let wrapper = byMode.get(unionDefaultGraph);
  if (!wrapper) byMode.set(unionDefaultGraph, (wrapper = quadIndexQuerySource(store, comunica, unionDefaultGraph)));
  return { [QUERY_SOURCES]: [wrapper], unionDefaultGraph };
}

/** Loads `dih.nq` of a publication folder (or an N-Quads/N-Triples/Turtle file) as quads. */
export async function loadQuads(data: string): Promise<Quad[]> {
  const quads: Quad[] = [];
  await readGraph(data, (q) => quads.push(q));
  return quads;
}

/** Each quad of `dih.nq` of a publication folder (or of an RDF file) given to `onQuad`, in file order. */
async function readGraph(data: string, onQuad: (q: Quad) => void): Promise<void> {
  const file = existsSync(data) && statSync(data).isDirectory() ? join(data, 'dih.nq') : data;
  if (!existsSync(file)) throw new DihError(`no graph at ${file}: run \`dih-ld build\` first`, { file });
  const format = file.endsWith('.nq') ? 'application/n-quads' : file.endsWith('.nt') ? 'application/n-triples' : file.endsWith('.trig') ? 'application/trig' : 'text/turtle';
  // A file that fits in a string is parsed in one call: n3's stream parser takes ~5x longer
  // (2.6 s against 0.5 s for the registries' 32 MB dih.nq), which a first query waits for.
  if (statSync(file).size < 256 * 2 ** 20) {
    let quads: Quad[];
    try {
      quads = new Parser({ format }).parse(readFileSync(file, 'utf8'));
    } catch (err) {
      throw new DihError(`${file}: ${(err as Error).message}`, { file });
    }
    for (const q of quads) onQuad(q);
    return;
  }
  await new Promise<void>((resolve, reject) => {
    const parser = new StreamParser({ format });
    parser.on('data', onQuad);
    parser.on('error', (err: Error) => reject(new DihError(`${file}: ${err.message}`, { file })));
    parser.on('end', () => resolve());
    createReadStream(file).pipe(parser);
  });
}

/** The query store of a publication folder's dih.nq (or of an RDF file), built as the parser streams: no array of quads. */
export async function queryStoreOf(data: string): Promise<QueryStore> {
  const builder = new QuadIndexBuilder();
  await readGraph(data, (q) => builder.add(q));
  return builder.finish();
}

/** The graph as an n3 Store, for code that reads it directly (validation, dereferencing). */
export async function loadGraph(data: string): Promise<Store> {
  return new Store(await loadQuads(data));
}

/**
 * The store queries run over: a QuadIndex (quad-index.ts). Measured on the registries' merged
 * graph and the named queries of queries/ (bench/query-store.bench.ts), Comunica over it answers
 * as fast as over rdf-stores or faster, and over either 1.2-11x faster than over an n3 Store; it
 * builds in a fraction of rdf-stores' time and loads from the build's dih.nq.idx without parsing.
 */
export type QueryStore = QuadIndex;

export function queryStore(quads: Iterable<Quad>): QueryStore {
  return QuadIndex.fromQuads(quads);
}

/**
 * The store of a publication folder (from its query index when that is there and matches its
 * dih.nq; otherwise parsed from dih.nq, and `onIndexRefused` told why) or of an RDF file.
 */
export async function loadQueryStore(data: string, onIndexRefused?: (why: 'stale' | 'unreadable') => void): Promise<QueryStore> {
  if (existsSync(data) && statSync(data).isDirectory()) {
    const index = readQuadIndex(data);
    if (typeof index !== 'string') return index;
    if (index !== 'missing') onIndexRefused?.(index);
  }
  return queryStoreOf(data);
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
export function queryContext(store: QueryStore | Store, options: { patternsOnly?: boolean } = {}): Promise<Record<string, unknown>> {
  return sourceContext(store, { unionDefaultGraph: true, ...options });
}

export async function runQuery(query: string, store: QueryStore | Store, format: OutputFormat = 'table', policy: QueryPolicy = {}): Promise<QueryOutcome> {
  const engine = await queryEngine();
  let result;
  try {
    // The same guard as the server: no update, no SERVICE unless allowed, never a file: target.
    const prepared = await prepareQuery(query, policy);
    result = await engine.query(prepared.algebra as never, { ...(await queryContext(store)), ...safetyContext(policy) } as never);
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

// ---------------------------------------------------------------------------------------------
// Safety for queries that come from the network (the server) or the command line: parse with
// Comunica's own parser, refuse what a read-only endpoint must not run, then execute with a time
// limit and a row cap.

/** The four query forms; updates are recognised only to be refused. */
export type QueryForm = 'select' | 'ask' | 'construct' | 'describe';

export interface QueryPolicy {
  /** SERVICE endpoints the operator allows (`--allow-service`); compared as normalised URLs. */
  allowService?: readonly string[];
  /** Wall-clock limit for one query, in milliseconds. */
  timeoutMs?: number;
  /** At most this many result rows (SELECT) or triples (CONSTRUCT/DESCRIBE) are returned. */
  maxRows?: number;
}

export type RefusalKind = 'syntax' | 'update' | 'service' | 'timeout';

/** A query the engine will not run (or stopped): the server turns `kind` into an HTTP status. */
export class QueryRefusal extends DihError {
  constructor(readonly kind: RefusalKind, message: string) {
    super(message, { field: 'query' });
    this.name = 'QueryRefusal';
  }
}

/**
 * A query stopped at its time limit, said one way whichever clock stops it first (the engine's own,
 * or the server's pool, which replaces the worker of a query that overran), in the unit of --timeout.
 */
export function timeLimitRefusal(limitMs: number): QueryRefusal {
  return new QueryRefusal('timeout', `query stopped after the time limit of ${limitMs / 1000} s`);
}

export interface PreparedQuery {
  form: QueryForm;
  /** Comunica's algebra of the query, handed back to it for execution (parsed once). */
  algebra: unknown;
}

const UPDATE_OPERATIONS = new Set(['compositeupdate', 'deleteinsert', 'load', 'clear', 'create', 'drop', 'add', 'move', 'copy']);
const FORM_OPERATIONS: Record<string, QueryForm> = { ask: 'ask', construct: 'construct', describe: 'describe', project: 'select' };

interface AlgebraNode { type?: unknown; input?: unknown; name?: { termType?: string; value?: string } }

/** Parses a query (no execution) and applies the guard: read-only, SERVICE only to allowed endpoints. */
export async function prepareQuery(query: string, policy: QueryPolicy = {}): Promise<PreparedQuery> {
  const engine = await queryEngine();
  let algebra: AlgebraNode;
  try {
    algebra = (await engine.explain(query, { sources: [new Store()] }, 'parsed')).data as AlgebraNode;
  } catch (err) {
    throw new QueryRefusal('syntax', describeParseError((err as Error).message));
  }
  if (UPDATE_OPERATIONS.has(String(algebra.type))) throw new QueryRefusal('update', 'SPARQL Update is refused: this endpoint is read-only');
  for (const target of serviceTargets(algebra)) checkServiceTarget(target, policy.allowService ?? []);
  return { form: queryForm(algebra), algebra };
}

/** SELECT, ASK, CONSTRUCT or DESCRIBE, below the modifiers (slice, distinct, order, dataset) that wrap it. */
function queryForm(op: AlgebraNode): QueryForm {
  for (let node: AlgebraNode | undefined = op; node; node = node.input as AlgebraNode | undefined) {
    const form = FORM_OPERATIONS[String(node.type)];
    if (form) return form;
    if (Array.isArray(node.input)) break;
  }
  return 'select';
}

/** Every SERVICE target anywhere in the algebra tree (walked, not pattern-matched in text). */
export function serviceTargets(op: unknown, out: { termType: string; value: string }[] = []): { termType: string; value: string }[] {
  if (Array.isArray(op)) {
    for (const child of op) serviceTargets(child, out);
  } else if (op && typeof op === 'object') {
    const node = op as AlgebraNode;
    if (node.type === 'service' && node.name) out.push({ termType: String(node.name.termType), value: String(node.name.value) });
    for (const child of Object.values(op)) if (child && typeof child === 'object') serviceTargets(child, out);
  }
  return out;
}

function normaliseEndpoint(url: string): string | undefined {
  try {
    return new URL(url).href;
  } catch {
    return undefined;
  }
}

function checkServiceTarget(target: { termType: string; value: string }, allow: readonly string[]): void {
  if (target.termType !== 'NamedNode') throw new QueryRefusal('service', 'SERVICE with a variable endpoint is refused: name the endpoint');
  const url = normaliseEndpoint(target.value);
  if (!url || !/^https?:$/.test(new URL(url).protocol)) throw new QueryRefusal('service', `SERVICE <${target.value}> is refused: only http(s) endpoints can be allowed, never file: or other schemes`);
  const allowed = allow.map(normaliseEndpoint);
  if (!allowed.includes(url)) {
    const list = allow.length ? `allowed: ${allow.join(', ')}` : 'no SERVICE endpoint is allowed (the operator allows them with --allow-service URL)';
    throw new QueryRefusal('service', `SERVICE <${target.value}> is refused: ${list}`);
  }
}

/** Comunica context that backs up the guard: read-only, no file access, HTTP only to allowed endpoints. */
export function safetyContext(policy: QueryPolicy, signal?: AbortSignal): Record<string, unknown> {
  const allowed = (policy.allowService ?? []).map(normaliseEndpoint);
  const guardedFetch: typeof fetch = async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const { origin, pathname } = new URL(url);
    if (!allowed.includes(normaliseEndpoint(origin + pathname))) throw new QueryRefusal('service', `HTTP request to ${url} refused: not an allowed SERVICE endpoint`);
    return fetch(input, init);
  };
  return {
    readOnly: true,
    serviceAllowFileTargets: false,
    '@comunica/bus-dereference:blockFileAccess': true,
    fetch: guardedFetch,
    ...(policy.timeoutMs ? { httpTimeout: policy.timeoutMs } : {}),
    ...(signal ? { httpAbortSignal: signal } : {}),
  };
}

/** "Parse error on line 3 / snippet / ---^ / Expecting ... / but found: 'x'" made short, with line and column. */
export function describeParseError(message: string): string {
  const lines = message.split('\n');
  const line = /line (\d+)/i.exec(lines[0] ?? '')?.[1];
  const caretLine = lines.findIndex((l) => /^-*\^$/.test(l));
  if (!line || caretLine < 1) return `syntax error: ${message}`;
  const column = (lines[caretLine] as string).length;
  const found = lines.find((l) => l.startsWith('but found'))?.replace(/^but found:?\s*/, '') ?? '';
  const expected = lines.filter((l) => /^\s+\d+\. /.test(l)).map((l) => l.replace(/^\s+\d+\.\s*/, '').replace(/^\[(.*)\]$/, '$1'));
  const expecting = expected.length ? `; expected ${expected.slice(0, 8).join(', ')}${expected.length > 8 ? `, ... (${expected.length} alternatives)` : ''}` : '';
  const other = expected.length ? '' : lines.slice(caretLine + 1).filter((l) => !l.startsWith('but found')).join(' ').trim();
  return `syntax error at line ${line}, column ${column}: found ${found || 'end of query'}${expecting}${other ? `; ${other}` : ''}\n${lines[caretLine - 1]}\n${lines[caretLine]}`;
}

const BOOLEAN_WRITERS: Record<string, (value: boolean) => string> = {
  'text/csv': (value) => `_askResult\r\n${value}\r\n`,
  'text/tab-separated-values': (value) => `?_askResult\n${value}\n`,
  'application/sparql-results+xml': (value) => `<?xml version="1.0" encoding="UTF-8"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n  <head/>\n  <boolean>${value}</boolean>\n</sparql>\n`,
};

export interface QueryRun {
  form: QueryForm;
  mediaType: string;
  text: string;
  /** Rows (SELECT) or triples (CONSTRUCT/DESCRIBE) returned. */
  rows: number;
  /** True when the row cap cut the result. */
  truncated: boolean;
}

/**
 * Executes a prepared query and serializes the result in `mediaType`, within the policy's time
 * limit and row cap. On timeout the caller gets a QueryRefusal, the result stream is destroyed and
 * pending SERVICE requests are aborted; but Comunica 5 has no query-level cancellation, and
 * operators that buffer (joins, aggregates, ORDER BY) may keep computing in this thread. That is
 * why the server runs queries in worker threads and enforces the limit by terminating the worker.
 */
export async function executeQuery(prepared: PreparedQuery, store: QueryStore | Store, mediaType: string, policy: QueryPolicy = {}, unionDefaultGraph = true): Promise<QueryRun> {
  const engine = await queryEngine();
  const abort = new AbortController();
  const streams: { destroy(cause?: Error): void }[] = [];
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    const limit = policy.timeoutMs;
    if (!limit) return;
    timer = setTimeout(() => {
      const error = timeLimitRefusal(limit);
      abort.abort(error);
      for (const s of streams) s.destroy(error);
      reject(error);
    }, limit);
  });
  timedOut.catch(() => undefined);
  try {
    const work = (async (): Promise<QueryRun> => {
      const context = { ...(await sourceContext(store, { unionDefaultGraph })), ...safetyContext(policy, abort.signal) };
      const result = await engine.query(prepared.algebra as never, context as never);
      const cap = policy.maxRows ?? Number.POSITIVE_INFINITY;
      let rows = 0;
      let truncated = false;
      let handle: unknown = result;
      if (result.resultType === 'bindings' || result.resultType === 'quads') {
        const source = await result.execute();
        streams.push(source as never);
        // take one more than the cap, so that a cut result can be told from one that fits exactly
        const limited = (Number.isFinite(cap) ? source.take(cap + 1) : source).map((item: unknown) => {
          if (++rows > cap) { truncated = true; rows = cap; return null; }
          return item;
        });
        handle = { resultType: result.resultType, execute: async () => limited, metadata: () => result.metadata() };
      }
      // Boolean results Comunica 5.4 cannot write: SPARQL CSV/TSV define no boolean form (answered
      // as Jena/Fuseki do), and its XML writer fails on booleans (it asks them for variables).
      const booleanWriter = result.resultType === 'boolean' ? BOOLEAN_WRITERS[mediaType] : undefined;
      if (result.resultType === 'boolean' && booleanWriter) {
        return { form: prepared.form, mediaType, text: booleanWriter(await result.execute()), rows: 1, truncated: false };
      }
      const { data } = await engine.resultToString(handle as never, mediaType);
      let text = '';
      for await (const chunk of data as AsyncIterable<string | Buffer>) text += chunk.toString();
      return { form: prepared.form, mediaType, text, rows, truncated };
    })();
    return await Promise.race([work, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}
