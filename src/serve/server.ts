/**
 * The HTTP server: node:http, a small routing table, one graph loaded at start. Queries run in a
 * worker pool (real time limits, a main thread that keeps answering); dereferencing and files are
 * answered on the main thread from the loaded store and the --data folder.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { Parser } from 'n3';
import { QuadIndex } from '../query/quad-index.js';
import { quadIndexBytes, quadIndexFromBytes, readQuadIndexFile } from '../query/quad-index-file.js';
import { DihError } from '../model/diagnostics.js';
import { prepareQuery, type QueryPolicy } from '../query/engine.js';
import { DEFAULT_BASE, prefixesFor } from '../vocab/namespaces.js';
import { ontologyDir } from '../util/paths.js';
import { dereference, type DerefContext } from './deref.js';
import { HttpError, escapeHtml, send, sendError } from './http-util.js';
import { QueryPool } from './query-pool.js';
import { ASSET_PREFIX, namedQueries, queryPageAssets, queryPageHtml } from './query-page.js';
import { ResultCache } from './result-cache.js';
import { serviceDescription } from './service-description.js';
import { handleSparql, warmNamedQueries, type ProtocolContext } from './sparql-protocol.js';
import { readStatic, staticFile } from './static-files.js';

export interface ServeOptions {
  /** Publication folder (holds dih.nq, the dumps, catalogue, VoID, HTML pages). */
  data: string;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** IRI base of the data; paths under it are dereferenced. */
  base?: string;
  allowService?: string[];
  timeoutMs?: number;
  maxRows?: number;
  maxBodyBytes?: number;
  cors?: boolean;
  workers?: number;
  cache?: boolean;
}

export const SERVE_DEFAULTS = { host: '127.0.0.1', port: 3030, timeoutMs: 30_000, maxRows: 10_000, maxBodyBytes: 1 << 20 } as const;

export interface RunningServer {
  url: string;
  port: number;
  store: QuadIndex;
  /** Why the publication's dih.nq.idx was not used, when it was there (dih.nq was parsed instead). */
  indexRefused?: 'stale' | 'unreadable';
  server: Server;
  /** Settles when the named queries have been run into the result cache (at once without a cache). */
  warmed: Promise<void>;
  /** Queries waiting for a worker now. */
  queued(): number;
  close(): Promise<void>;
}

/** Files of the package published under the base: the JSON-LD context and the ontology. */
const PACKAGE_FILES: Record<string, { file: () => string; type: string }> = {
  'context.jsonld': { file: () => join(ontologyDir(), 'context.jsonld'), type: 'application/ld+json' },
  ns: { file: () => join(ontologyDir(), 'dih.ttl'), type: 'text/turtle' },
};

/**
 * The graph served: the publication's quad index (its dih.nq.idx, or when that is missing or stale,
 * built from dih.nq), in shared memory so that every query worker reads the same columns.
 */
function loadIndex(data: string): { index: QuadIndex; bytes: Uint8Array; refused?: 'stale' | 'unreadable' } {
  const isDir = existsSync(data) && statSync(data).isDirectory();
  let refused: 'stale' | 'unreadable' | undefined;
  if (isDir) {
    const read = readQuadIndexFile(data, true);
    if (typeof read !== 'string') return read;
    if (read !== 'missing') refused = read;
  }
  const file = isDir ? join(data, 'dih.nq') : data;
  if (!existsSync(file)) throw new DihError(`no graph at ${file}: run \`dih-ld build\` first`, { file });
  let built: QuadIndex;
  try {
    built = QuadIndex.fromQuads(new Parser({ format: 'application/n-quads' }).parse(readFileSync(file, 'utf8')));
  } catch (err) {
    throw new DihError(`${file}: ${(err as Error).message}`, { file });
  }
  const raw = quadIndexBytes(built);
  const bytes = new Uint8Array(new SharedArrayBuffer(raw.length));
  bytes.set(raw);
  return { index: quadIndexFromBytes(bytes) as QuadIndex, bytes, ...(refused ? { refused } : {}) };
}

export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const base = options.base ?? DEFAULT_BASE;
  const dataDir = existsSync(options.data) && statSync(options.data).isDirectory() ? options.data : join(options.data, '..');
  const policy: QueryPolicy = { allowService: options.allowService ?? [], timeoutMs: options.timeoutMs ?? SERVE_DEFAULTS.timeoutMs, maxRows: options.maxRows ?? SERVE_DEFAULTS.maxRows };
  // The graph is read once; the main thread and every worker use the same index bytes.
  const { index: store, bytes, refused: indexRefused } = loadIndex(options.data);
  // Comunica's first load takes seconds: pay it at start, not in the first request.
  await prepareQuery('ASK {}');
  const pool = new QueryPool(bytes, options.workers ?? Math.max(1, Math.min(4, cpus().length)), policy);
  await pool.ready();

  const prefixes = prefixesFor(base);
  const named = namedQueries();
  const description = new Map<string, ReturnType<typeof serviceDescription>>();
  const protocol: ProtocolContext = {
    pool, policy, prefixes,
    preparedForms: new Map(),
    inFlight: new Map(),
    maxBodyBytes: options.maxBodyBytes ?? SERVE_DEFAULTS.maxBodyBytes,
    cache: options.cache === false ? undefined : new ResultCache(),
    queryPage: queryPageHtml(named),
    serviceDescription: (endpoint) => {
      if (!description.has(endpoint)) description.set(endpoint, serviceDescription(endpoint, store, policy.allowService!.length > 0));
      return description.get(endpoint)!;
    },
  };
  const assets = queryPageAssets();
  const deref: DerefContext = { store, base, prefixes };
  let fallbackHost = '127.0.0.1';

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    if (options.cors) res.setHeader('Access-Control-Allow-Origin', '*');
    if (req.method === 'OPTIONS') {
      const headers: Record<string, string> = { Allow: 'GET, HEAD, POST, OPTIONS' };
      if (options.cors) Object.assign(headers, { 'Access-Control-Allow-Methods': 'GET, HEAD, POST', 'Access-Control-Allow-Headers': 'Accept, Content-Type', 'Access-Control-Max-Age': '600' });
      res.writeHead(204, headers).end();
      return;
    }
    if (path === '/sparql') {
      if (!['GET', 'HEAD', 'POST'].includes(req.method ?? '')) throw new HttpError(405, `${req.method} is not allowed on /sparql`, { Allow: 'GET, HEAD, POST' });
      await handleSparql(req, res, url, protocol, fallbackHost);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') throw new HttpError(405, `${req.method} is not allowed here: the server is read-only`, { Allow: 'GET, HEAD' });
    if (path.startsWith(ASSET_PREFIX)) {
      const asset = assets.get(path.slice(ASSET_PREFIX.length));
      if (!asset) throw new HttpError(404, `no asset ${path}`);
      send(res, 200, asset.type, asset.body, { 'Cache-Control': 'public, max-age=3600' });
      return;
    }
    const file = staticFile(dataDir, path);
    if (file) {
      send(res, 200, file.type, readStatic(file));
      return;
    }
    const packaged = PACKAGE_FILES[path.slice(1)];
    if (packaged) {
      send(res, 200, packaged.type, readFileSync(packaged.file()));
      return;
    }
    if (await dereference(res, path, req.headers.accept, deref)) return;
    if (path === '/') {
      send(res, 200, 'text/html', landingPage());
      return;
    }
    throw new HttpError(404, `nothing at ${path} (IRI ${base}${path.slice(1)} is not in the graph)`);
  }

  const server = createServer((req, res) => {
    route(req, res).catch((err: unknown) => {
      if (res.headersSent || res.destroyed) {
        res.destroy();
        return;
      }
      sendError(res, err instanceof HttpError ? err : new HttpError(500, `internal error: ${(err as Error).message}`));
    });
  });
  server.requestTimeout = (policy.timeoutMs ?? 30_000) * 2 + 10_000;
  server.headersTimeout = 20_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? SERVE_DEFAULTS.port, options.host ?? SERVE_DEFAULTS.host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const hostForUrl = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  fallbackHost = `${hostForUrl}:${address.port}`;
  // the server already answers; the workers run the query page's named queries meanwhile
  const warmed = warmNamedQueries(protocol, named);
  return {
    warmed,
    queued: () => pool.waiting,
    url: `http://${fallbackHost}`,
    port: address.port,
    store,
    ...(indexRefused ? { indexRefused } : {}),
    server,
    close: async () => {
      server.closeAllConnections();
      await Promise.all([new Promise<void>((resolve) => server.close(() => resolve())), pool.close()]);
    },
  };
}

function landingPage(): string {
  const links = [['/sparql', 'SPARQL query page and endpoint'], ['/dih.ttl', 'the graph as Turtle'], ['/dih.jsonld', 'JSON-LD'], ['/dih.nt', 'N-Triples'], ['/dih.nq', 'N-Quads (one named graph per source record)']];
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Digital Innovation Hubs</title></head>
<body><h1>Digital Innovation Hubs as linked data</h1><ul>
${links.map(([href, text]) => `<li><a href="${escapeHtml(href as string)}">${escapeHtml(text as string)}</a></li>`).join('\n')}
</ul></body></html>
`;
}
