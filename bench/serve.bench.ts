/**
 * Load test of `dih-ld serve` on 127.0.0.1 with autocannon (its own process): requests/s and p50/p99 latency for
 * each named query of queries/, 50 concurrent clients, a bounded time per query. Baseline: the
 * same queries against an Oxigraph store (the `oxigraph` npm package) loaded with the same
 * dih.nq, behind a minimal node:http SPARQL GET handler, measured in the same run.
 *
 * Our server is measured twice: with its result cache off (every request runs the query in a
 * worker) and on (the default: a read-only graph gives the same bytes for the same query, and the
 * server runs the query page's named queries into the cache when it starts).
 *
 * A second baseline is the floor for a cached answer: a bare node:http server that answers every
 * request with the very bytes (compressed) our cached server sends. For answers of a megabyte and
 * more, that is what this machine can move to 50 clients with the load generator on its cores:
 * autocannon decodes every body as UTF-8 text (`req.body += chunk`), which costs it about 20 ms per
 * 1,000 compressed (binary) kilobytes.
 *
 * Data: DIH_SERVE_BENCH_DATA=<publication folder> (e.g. a build of the registries' exports);
 * without it, the example sources are built into a temporary folder.
 * Time per query and configuration: DIH_SERVE_BENCH_SECONDS (default 3).
 * DIH_SERVE_BENCH_QUERIES="hubs-by-sector,..." (comma-separated) runs only those named queries.
 */
import { createServer, get } from 'node:http';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import oxigraph from 'oxigraph';
import { build } from '../src/pipeline.js';
import { startServer } from '../src/serve/server.js';
import { namedQueries } from '../src/serve/query-page.js';
import { tempDir } from '../test/helpers/paths.js';

/** The part of autocannon's JSON report used here. */
interface AutocannonResult { requests: { average: number; total: number }; latency: { p50: number; p99: number }; errors: number; timeouts: number; non2xx: number }
const run = promisify(execFile);
const AUTOCANNON = createRequire(import.meta.url).resolve('autocannon/autocannon.js');

const CONNECTIONS = 50;
/**
 * autocannon's worker threads, one per core: a single autocannon thread is the bottleneck on
 * compressed answers (it decodes each body as UTF-8 text), and would be measured instead of the server.
 */
const LOAD_WORKERS = Number(process.env.DIH_SERVE_BENCH_WORKERS ?? availableParallelism());
const SECONDS = Number(process.env.DIH_SERVE_BENCH_SECONDS ?? 3);
const ACCEPT = 'application/sparql-results+json';
/** What Chromium sends, so the server picks the coding a browser on the query page gets. */
const BROWSER_ENCODINGS = 'gzip, deflate, br, zstd';

interface Figures { rps: number; p50: number; p99: number; errors: number; non2xx: number; requests: number }

/** autocannon in a process of its own, so the load generator does not share the servers' event loop. */
async function load(url: string, headers: string[] = []): Promise<Figures> {
  const { stdout } = await run(process.execPath, [AUTOCANNON, '-c', String(CONNECTIONS), '-w', String(LOAD_WORKERS), '-d', String(SECONDS), '-j', '-H', `accept=${ACCEPT}`, ...headers.flatMap((h) => ['-H', h]), url], { maxBuffer: 64 * 2 ** 20 });
  const r = JSON.parse(stdout) as AutocannonResult;
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.timeouts, non2xx: r.non2xx, requests: r.requests.total };
}

/** wrk's figures in milliseconds, from its `--latency` report (`50%    7.61ms`, `Requests/sec: 5313.32`). */
function parseWrk(report: string): Figures {
  const ms = (text: string): number => {
    const [, value = 'NaN', unit = 'ms'] = /([\d.]+)(us|ms|s|m)\b/.exec(text) ?? [];
    return Number(value) * ({ us: 0.001, ms: 1, s: 1000, m: 60_000 } as Record<string, number>)[unit]!;
  };
  const line = (pattern: RegExp): string => pattern.exec(report)?.[1] ?? '';
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(report);
  return {
    rps: Number(line(/Requests\/sec:\s+([\d.]+)/)),
    p50: ms(line(/^\s+50%\s+(\S+)/m)),
    p99: ms(line(/^\s+99%\s+(\S+)/m)),
    errors: socket ? socket.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0,
    non2xx: Number(line(/Non-2xx or 3xx responses:\s+(\d+)/) || 0),
    requests: Number(line(/(\d+) requests in/)),
  };
}

/**
 * The same load from wrk, a load generator written in C that does not decode the bodies it
 * receives, when it is installed (Debian: `apt-get install wrk`): what the server itself sustains.
 */
async function loadWithWrk(url: string, headers: string[] = []): Promise<Figures | undefined> {
  const { stdout } = await run('wrk', ['-t', String(LOAD_WORKERS), '-c', String(CONNECTIONS), '-d', `${SECONDS}s`, '--latency', '-H', `accept: ${ACCEPT}`, ...headers.flatMap((h) => ['-H', h.replace('=', ': ')]), url], { maxBuffer: 2 ** 20 }).catch(() => ({ stdout: undefined }));
  return stdout === undefined ? undefined : parseWrk(stdout);
}

/** The baseline endpoint: Oxigraph in-process, answering GET ?query= as SPARQL JSON. */
async function oxigraphEndpoint(nquads: string): Promise<{ url: string; close: () => Promise<void> }> {
  const store = new oxigraph.Store();
  store.load(nquads, { format: 'application/n-quads' });
  const server = createServer((req, res) => {
    // as our server does: a request whose client has gone (the end of a load run) is not run
    if (req.socket.destroyed) return void res.destroy();
    const query = new URL(req.url ?? '/', 'http://x').searchParams.get('query') ?? '';
    try {
      const body = store.query(query, { results_format: 'json', use_default_graph_as_union: true }) as string;
      res.writeHead(200, { 'content-type': ACCEPT }).end(body);
    } catch (err) {
      res.writeHead(400).end((err as Error).message);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/sparql`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** The raw bytes and headers a server sends for a GET (no decompression, unlike fetch). */
function rawGet(url: string, headers: Record<string, string>): Promise<{ body: Buffer; headers: Record<string, string> }> {
  return new Promise((resolve, reject) => {
    get(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ body: Buffer.concat(chunks), headers: { 'content-type': String(res.headers['content-type'] ?? ''), ...(res.headers['content-encoding'] ? { 'content-encoding': String(res.headers['content-encoding']) } : {}) } }));
    }).on('error', reject);
  });
}

/** The floor of a cached answer: a bare server sending the same bytes to every request. */
async function bareEndpoint(answer: { body: Buffer; headers: Record<string, string> }): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer((_req, res) => void res.writeHead(200, { ...answer.headers, 'content-length': answer.body.length }).end(answer.body));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/**
 * Waits until an endpoint has finished the queries still running when a load run ended, so they
 * do not slow down the next measurement: a trivial query answers only once a worker is free.
 */
async function settle(endpoint: string): Promise<void> {
  await (await fetch(`${endpoint}?query=${encodeURIComponent(`ASK {} # settle ${Math.random()}`)}`, { headers: { accept: ACCEPT } })).text();
}

let data = process.env.DIH_SERVE_BENCH_DATA;
if (!data) {
  data = join(tempDir('dih-bench-serve-'), 'dist');
  await build([join(import.meta.dirname ?? '.', '..', 'sources')], { out: data });
  console.log('data: the example sources (set DIH_SERVE_BENCH_DATA to a build of the registries for the merged graph)');
}
const nquads = readFileSync(join(data, 'dih.nq'), 'utf8');
console.log(`data: ${data} (${nquads.split('\n').filter(Boolean).length} quads); ${CONNECTIONS} connections, ${SECONDS} s per query and endpoint`);

const wantedQueries = process.env.DIH_SERVE_BENCH_QUERIES?.split(',').map((name) => name.trim());
const queries = Object.fromEntries(Object.entries(namedQueries()).filter(([name]) => !wantedQueries || wantedQueries.includes(name)));
const baseline = await oxigraphEndpoint(nquads);
const uncached = await startServer({ data, port: 0, cache: false });
const cached = await startServer({ data, port: 0 });
// the cached server runs the named queries at start (what a user's first click finds); measured after that
await cached.warmed;
const rows: string[] = [];
const targetVerdict = (autocannon: Figures, wrk?: Figures): string => [['autocannon', autocannon] as const, ...(wrk ? [['wrk', wrk] as const] : [])]
  .map(([tool, f]) => `${f.p50 < 50 ? 'met' : 'not met'} by ${tool} (${f.p50} ms)`).join(', ');
const fmt = (f: Figures): string => `${f.rps.toFixed(0).padStart(6)} req/s  p50 ${String(f.p50).padStart(4)} ms  p99 ${String(f.p99).padStart(5)} ms  errors ${f.errors + f.non2xx}`;
let totalErrors = 0;
let metByAutocannon = 0;
try {
  for (const [name, text] of Object.entries(queries)) {
    const q = `?query=${encodeURIComponent(text)}`;
    const ours = await load(`${uncached.url}/sparql${q}`);
    await settle(`${uncached.url}/sparql`);
    const ourCached = await load(`${cached.url}/sparql${q}`);
    // what a browser (the query page) asks for: the same answers, compressed
    const ourCompressed = await load(`${cached.url}/sparql${q}`, [`accept-encoding=${BROWSER_ENCODINGS}`]);
    const compressedAnswer = await rawGet(`${cached.url}/sparql${q}`, { accept: ACCEPT, 'accept-encoding': BROWSER_ENCODINGS });
    const bare = await bareEndpoint(compressedAnswer);
    const floor = await load(bare.url, [`accept-encoding=${BROWSER_ENCODINGS}`]);
    const byWrk = await loadWithWrk(`${cached.url}/sparql${q}`, [`accept-encoding=${BROWSER_ENCODINGS}`]);
    const floorByWrk = byWrk && await loadWithWrk(bare.url, [`accept-encoding=${BROWSER_ENCODINGS}`]);
    await bare.close();
    const oxi = await load(`${baseline.url}${q}`);
    await settle(baseline.url);
    for (const f of [ours, ourCached, ourCompressed, ...(byWrk ? [byWrk] : [])]) totalErrors += f.errors + f.non2xx;
    const size = compressedAnswer.body.length;
    const coding = `${compressedAnswer.headers['content-encoding'] ?? 'identity'}, ${size < 10_000 ? `${size} bytes` : `${(size / 1000).toFixed(0)} KB`}`;
    if (ourCompressed.p50 < 50) metByAutocannon++;
    const lines = [
      `dih-ld serve, no cache: ${fmt(ours)}`,
      `dih-ld serve, cached:   ${fmt(ourCached)}`,
      `cached, as a browser asks (${coding}): ${fmt(ourCompressed)}`,
      `bare node:http, same bytes: ${fmt(floor)}`,
      ...(byWrk && floorByWrk ? [`wrk, cached, as a browser asks: ${fmt(byWrk)}`, `wrk, bare node:http, same bytes: ${fmt(floorByWrk)}`] : ['wrk: not installed (apt-get install wrk)']),
      `oxigraph baseline:      ${fmt(oxi)}`,
      `ratio p50 (no cache / oxigraph): ${(ours.p50 / Math.max(oxi.p50, 1)).toFixed(1)}x, req/s oxigraph / ours: ${(oxi.rps / Math.max(ours.rps, 1)).toFixed(1)}x`,
      `target p50 < 50 ms (cached, as a browser asks): ${targetVerdict(ourCompressed, byWrk)}`,
    ];
    rows.push(`${name}\n${lines.map((l) => `  ${l}`).join('\n')}`);
    console.log(rows[rows.length - 1]);
  }
} finally {
  await Promise.all([uncached.close(), cached.close(), baseline.close()]);
}
console.log(`errors under ${CONNECTIONS} concurrent clients (dih-ld serve, both configurations): ${totalErrors}`);
console.log(`p50 under 50 ms (cached, as a browser asks, autocannon): ${metByAutocannon} of ${Object.keys(queries).length} named queries`);
