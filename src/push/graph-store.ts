/**
 * SPARQL 1.1 Graph Store HTTP Protocol client: one PUT per named graph (replacing it, so pushing
 * twice leaves the same triples), then a COUNT query per graph to check what landed.
 *
 * An answer a store marks as incomplete (HTTP 206, Virtuoso's X-SQL-State and friends), on the
 * upload or on the count, is a failure. After a failed upload the graph is counted again, since a
 * store may have emptied it before failing. Every graph gets its own line in the report, so after
 * a failure the user knows exactly which graphs are in the store, and in what state.
 */
import { AuthenticatingFetcher, type Credentials } from './http-auth.js';
import type { GraphPayload } from './graphs.js';

export interface PushOptions {
  /** Graph Store endpoint, e.g. http://127.0.0.1:8890/sparql-graph-crud-auth */
  graphStore: string;
  /** SPARQL query endpoint for the verification; default: the graph store URL with its last path segment replaced by `sparql`. */
  sparql?: string;
  credentials?: Credentials;
  timeoutMs?: number;
}

export type GraphOutcome = 'landed' | 'rejected' | 'partial' | 'count-mismatch' | 'unverified';

export interface GraphReport {
  graph: string;
  sent: number;
  status?: number;
  counted?: number;
  outcome: GraphOutcome;
  message?: string;
}

export interface PushReport { graphs: GraphReport[]; landed: number; failed: number }

export function defaultSparqlEndpoint(graphStore: string): string {
  const url = new URL(graphStore);
  url.pathname = url.pathname.replace(/[^/]*$/, 'sparql');
  url.search = '';
  return url.href;
}

async function bodyExcerpt(r: Response): Promise<string> {
  const text = await r.text().catch(() => '');
  return text.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 300);
}

/**
 * How a store says an answer is incomplete: HTTP 206, or Virtuoso's headers on a 200. Virtuoso
 * 7.2 answers a query cut by its anytime timeout with `X-SQL-State: S1TAT` and no rows, and one
 * cut at ResultSetMaxRows with `X-SPARQL-MaxRows`; Virtuoso 8 adds 206 and `X-SPARQL-Anytime`.
 */
export function incompleteAnswer(r: Response): string | undefined {
  const signals = [
    r.status === 206 ? 'HTTP 206' : '',
    ...['X-SQL-State', 'X-SPARQL-Anytime', 'X-SPARQL-MaxRows'].map((h) => (r.headers.get(h) ? `${h}: ${r.headers.get(h)}` : '')),
  ].filter(Boolean);
  if (!signals.length) return undefined;
  const message = r.headers.get('x-sql-message');
  return `${signals.join(', ')}${message ? ` (${message.trim().slice(0, 200)})` : ''}`;
}

export async function countTriples(fetcher: AuthenticatingFetcher, sparql: string, graph: string): Promise<number> {
  const url = new URL(sparql);
  url.searchParams.set('query', `SELECT (COUNT(*) AS ?n) WHERE { GRAPH <${graph}> { ?s ?p ?o } }`);
  const r = await fetcher.fetch(url, { method: 'GET', headers: { Accept: 'application/sparql-results+json' } });
  if (!r.ok) throw new Error(`count query answered HTTP ${r.status}: ${await bodyExcerpt(r)}`);
  const incomplete = incompleteAnswer(r);
  if (incomplete) {
    await r.arrayBuffer().catch(() => undefined);
    throw new Error(`the store answered the count query with partial results: ${incomplete}`);
  }
  const json = (await r.json()) as { results?: { bindings?: { n?: { value?: string } }[] } };
  const value = json.results?.bindings?.[0]?.n?.value;
  if (value === undefined || !/^\d+$/.test(value)) throw new Error('count query gave no number');
  return Number(value);
}

/**
 * After a failed upload: what the graph holds now. A store may have emptied the graph and loaded
 * part of the body before failing (Virtuoso does, then answers 500), so the user is told.
 */
async function stateAfterFailure(fetcher: AuthenticatingFetcher, sparql: string, graph: GraphPayload): Promise<{ counted?: number; note: string }> {
  try {
    const counted = await countTriples(fetcher, sparql, graph.graph);
    if (counted === 0) return { counted, note: 'the graph is now empty in the store' };
    return { counted, note: `the store now holds ${counted} triple(s) in this graph, not the ${graph.triples} sent: its previous content may be gone` };
  } catch (err) {
    return { note: `the graph's state in the store is unknown (${(err as Error).message})` };
  }
}

export async function pushGraphs(graphs: GraphPayload[], options: PushOptions, progress?: (r: GraphReport) => void): Promise<PushReport> {
  const fetcher = new AuthenticatingFetcher(options.credentials, options.timeoutMs);
  const sparql = options.sparql ?? defaultSparqlEndpoint(options.graphStore);
  const reports: GraphReport[] = [];
  for (const g of graphs) {
    const report: GraphReport = { graph: g.graph, sent: g.triples, outcome: 'rejected' };
    try {
      const url = new URL(options.graphStore);
      url.searchParams.set('graph', g.graph);
      // N-Triples is Turtle, and text/turtle is the type every Graph Store implementation accepts.
      const r = await fetcher.fetch(url, { method: 'PUT', headers: { 'Content-Type': 'text/turtle; charset=utf-8' }, body: g.ntriples });
      report.status = r.status;
      const incomplete = incompleteAnswer(r);
      if (incomplete) {
        report.outcome = 'partial';
        report.message = `the store loaded only part of the graph (${incomplete}): ${await bodyExcerpt(r)}`;
      } else if (!r.ok) {
        report.message = `HTTP ${r.status} ${r.statusText}${r.status === 401 ? ' (check --user and --password)' : r.status === 403 ? ' (the user lacks the right to write graphs, e.g. SPARQL_UPDATE)' : ''}: ${await bodyExcerpt(r)}`;
        // refused before any change (authentication, rights) needs no look; anything else may have touched the graph
        if (r.status !== 401 && r.status !== 403) {
          const after = await stateAfterFailure(fetcher, sparql, g);
          if (after.counted !== undefined) report.counted = after.counted;
          report.message += `; ${after.note}`;
        }
      } else {
        await r.arrayBuffer().catch(() => undefined);
        try {
          report.counted = await countTriples(fetcher, sparql, g.graph);
          report.outcome = report.counted === g.triples ? 'landed' : 'count-mismatch';
          if (report.outcome === 'count-mismatch') report.message = `sent ${g.triples} triples, the store holds ${report.counted}`;
        } catch (err) {
          report.outcome = 'unverified';
          report.message = `uploaded, but the verification failed: ${(err as Error).message}`;
        }
      }
    } catch (err) {
      const cause = (err as Error & { cause?: Error }).cause;
      report.message = `${(err as Error).message}${cause ? ` (${cause.message})` : ''}`;
    }
    reports.push(report);
    progress?.(report);
  }
  const landed = reports.filter((r) => r.outcome === 'landed').length;
  return { graphs: reports, landed, failed: reports.length - landed };
}

export function formatGraphReport(r: GraphReport): string {
  const counted = r.counted !== undefined ? `, ${r.counted} in store` : '';
  return `${r.outcome === 'landed' ? 'ok  ' : 'FAIL'} ${r.graph}: ${r.outcome}, ${r.sent} triples sent${r.status !== undefined ? `, HTTP ${r.status}` : ''}${counted}${r.message ? `; ${r.message}` : ''}`;
}
