/**
 * /sparql, the SPARQL 1.1 Protocol (query operation only): GET with `query`, POST as a form or
 * as `application/sparql-query`, with `default-graph-uri` and `named-graph-uri`. Queries are
 * parsed and checked here (syntax, read-only, SERVICE targets) and run in the worker pool.
 * Without a query: the query page for browsers, the service description for everyone else.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Quad } from 'n3';
import { prepareQuery, QueryRefusal, type QueryForm, type QueryPolicy } from '../query/engine.js';
import { ENGINE_TYPE, RDF_TYPES, RESULT_TYPES, writeRdf } from './formats.js';
import { HttpError, readBody, send } from './http-util.js';
import { negotiate, prefersHtml } from './negotiate.js';
import type { QueryPool } from './query-pool.js';
import { QUERY_PAGE_CSP } from './query-page.js';
import type { CachedResult, ResultCache } from './result-cache.js';
import { chooseCoding, COMPRESS_FROM_BYTES, compressed } from './compression.js';
import type { DatasetRequest } from './dataset.js';

export interface ProtocolContext {
  pool: QueryPool;
  policy: QueryPolicy;
  maxBodyBytes: number;
  cache: ResultCache | undefined;
  queryPage: string;
  serviceDescription: (endpoint: string) => Quad[];
  prefixes: Record<string, string>;
  /**
   * Forms of queries that passed the guard (the policy is fixed for the server's life), so a
   * repeated query is not parsed again on the main thread. Bounded: the oldest entry goes first.
   */
  preparedForms: Map<string, QueryForm>;
  /** Executions under way, by cache key: identical queries arriving together share one. */
  inFlight: Map<string, Promise<CachedResult>>;
}

interface ProtocolRequest { query?: string; update?: string; defaultGraphs: string[]; namedGraphs: string[] }

const REMEMBERED = 1000;

function remember<V>(map: Map<string, V>, key: string, value: V): void {
  map.set(key, value);
  if (map.size > REMEMBERED) map.delete(map.keys().next().value as string);
}

const REFUSAL_STATUS: Record<string, number> = { syntax: 400, update: 400, service: 400, timeout: 503 };

function fromParams(params: URLSearchParams): ProtocolRequest {
  const queries = params.getAll('query');
  if (queries.length > 1) throw new HttpError(400, 'more than one query parameter');
  return {
    ...(queries[0] !== undefined ? { query: queries[0] } : {}),
    ...(params.has('update') ? { update: params.get('update') as string } : {}),
    defaultGraphs: params.getAll('default-graph-uri'),
    namedGraphs: params.getAll('named-graph-uri'),
  };
}

async function readRequest(req: IncomingMessage, url: URL, maxBodyBytes: number): Promise<ProtocolRequest> {
  if (req.method === 'GET' || req.method === 'HEAD') return fromParams(url.searchParams);
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type === 'application/sparql-update') {
    req.resume();
    throw new HttpError(400, 'SPARQL Update is refused: this endpoint is read-only');
  }
  const body = await readBody(req, maxBodyBytes);
  if (type === 'application/x-www-form-urlencoded') return fromParams(new URLSearchParams(body));
  if (type === 'application/sparql-query') return { ...fromParams(url.searchParams), query: body };
  throw new HttpError(415, `POST needs Content-Type application/x-www-form-urlencoded or application/sparql-query, not ${type || 'none'}`);
}

/** The public URL of the endpoint, from the Host header when it is a plain host[:port]. */
function endpointUrl(req: IncomingMessage, fallbackHost: string): string {
  const host = req.headers.host && /^[A-Za-z0-9.-]+(:\d+)?$|^\[[0-9a-fA-F:.]+\](:\d+)?$/.test(req.headers.host) ? req.headers.host : fallbackHost;
  return `http://${host}/sparql`;
}

export async function handleSparql(req: IncomingMessage, res: ServerResponse, url: URL, ctx: ProtocolContext, fallbackHost: string): Promise<void> {
  const request = await readRequest(req, url, ctx.maxBodyBytes);
  const accept = req.headers.accept;
  if (request.update !== undefined) throw new HttpError(400, 'SPARQL Update is refused: this endpoint is read-only');
  if (request.query === undefined) {
    if (prefersHtml(accept, RDF_TYPES)) {
      send(res, 200, 'text/html', ctx.queryPage, { 'Content-Security-Policy': QUERY_PAGE_CSP, Vary: 'Accept' });
      return;
    }
    const type = negotiate(accept, RDF_TYPES);
    if (!type) throw new HttpError(406, `the service description is available as ${RDF_TYPES.join(', ')}`, { Vary: 'Accept' });
    send(res, 200, type, await writeRdf(ctx.serviceDescription(endpointUrl(req, fallbackHost)), type, ctx.prefixes), { Vary: 'Accept' });
    return;
  }
  await answerQuery(res, request, accept, ctx);
}

async function answerQuery(res: ServerResponse, request: ProtocolRequest, accept: string | undefined, ctx: ProtocolContext): Promise<void> {
  const query = request.query as string;
  let form = ctx.preparedForms.get(query);
  if (!form) {
    try {
      form = (await prepareQuery(query, ctx.policy)).form;
    } catch (err) {
      throw asHttpError(err);
    }
    remember(ctx.preparedForms, query, form);
  }
  const offers = RESULT_TYPES[form];
  const chosen = negotiate(accept, offers);
  if (!chosen) throw new HttpError(406, `${form.toUpperCase()} results are available as ${offers.join(', ')}`, { Vary: 'Accept' });
  const mediaType = ENGINE_TYPE[chosen] ?? chosen;
  const dataset = { defaultGraphs: request.defaultGraphs, namedGraphs: request.namedGraphs };
  // a client that leaves before its query starts takes the query with it (unless others share it)
  const gone = new AbortController();
  res.once('close', () => { if (!res.writableFinished) gone.abort(); });
  const { result, cache } = await resultOf(ctx, query, mediaType, dataset, gone.signal);
  const headers: Record<string, string> = { Vary: 'Accept, Accept-Encoding' };
  if (ctx.cache) headers['X-Cache'] = cache;
  if (result.truncated) headers['X-Result-Truncated'] = `true; limit=${ctx.policy.maxRows}`;
  const coding = result.body.byteLength >= COMPRESS_FROM_BYTES ? chooseCoding(res.req.headers['accept-encoding']) : undefined;
  if (coding) {
    headers['Content-Encoding'] = coding;
    send(res, 200, mediaType, await compressed(result, coding), headers);
    return;
  }
  send(res, 200, mediaType, result.body, headers);
}

/**
 * The serialized result of a query that passed the guard: from the cache when it holds it (HIT),
 * else from the pool (MISS); with the cache on, identical queries arriving together share one run.
 */
export async function resultOf(ctx: ProtocolContext, query: string, mediaType: string, dataset: DatasetRequest, signal?: AbortSignal): Promise<{ result: CachedResult; cache: 'HIT' | 'MISS' }> {
  const key = JSON.stringify([query, mediaType, dataset.defaultGraphs, dataset.namedGraphs]);
  const hit = ctx.cache?.get(key);
  if (hit) return { result: hit, cache: 'HIT' };
  let running = ctx.cache ? ctx.inFlight.get(key) : undefined;
  if (!running) {
    // a shared execution (cache on) is not the first client's alone to cancel
    running = ctx.pool.run(query, mediaType, dataset, ctx.cache ? undefined : signal).then((r) => ({ body: Buffer.from(r.text), rows: r.rows, truncated: r.truncated }));
    if (ctx.cache) {
      ctx.inFlight.set(key, running);
      void running.then((r) => ctx.cache?.set(key, r), () => undefined).finally(() => ctx.inFlight.delete(key));
    }
  }
  try {
    return { result: await running, cache: 'MISS' };
  } catch (err) {
    throw asHttpError(err);
  }
}

/**
 * Runs the named queries of the query page once, as the page asks for them (SPARQL JSON, default
 * dataset), so their first click is answered from the cache. Failures are left to the first real
 * request, which reports them.
 */
export async function warmNamedQueries(ctx: ProtocolContext, queries: Record<string, string>): Promise<void> {
  if (!ctx.cache) return;
  await Promise.all(Object.values(queries).map(async (query) => {
    try {
      const { form } = await prepareQuery(query, ctx.policy);
      remember(ctx.preparedForms, query, form);
      const type = RESULT_TYPES[form][0] as string;
      await resultOf(ctx, query, ENGINE_TYPE[type] ?? type, { defaultGraphs: [], namedGraphs: [] });
    } catch {
      // the first request for this query will carry the error to its user
    }
  }));
}

function asHttpError(err: unknown): HttpError {
  if (err instanceof HttpError) return err;
  if (err instanceof QueryRefusal) return new HttpError(REFUSAL_STATUS[err.kind] ?? 400, err.message);
  return new HttpError(500, `query failed: ${(err as Error).message}`);
}
