/** `dih-ld push`: load a publication into a triple store over the SPARQL 1.1 Graph Store Protocol. */
import { parseArgs } from 'node:util';
import { publicationGraphs } from '../push/graphs.js';
import { formatGraphReport, pushGraphs } from '../push/graph-store.js';
import { DEFAULT_BASE } from '../vocab/namespaces.js';
import { asUsage, UsageError } from './args.js';

export async function pushCommand(args: string[]): Promise<number> {
  const { values, positionals } = asUsage(() => parseArgs({ args, allowPositionals: true, strict: true, options: {
    'graph-store': { type: 'string' },
    sparql: { type: 'string' },
    user: { type: 'string', short: 'u' },
    password: { type: 'string', short: 'p' },
    base: { type: 'string' },
  } }));
  if (positionals.length !== 1) throw new UsageError('push needs exactly one publication folder (e.g. dist)');
  if (!values['graph-store']) throw new UsageError('push needs --graph-store URL (e.g. http://127.0.0.1:8890/sparql-graph-crud-auth)');
  const password = values.password ?? process.env.DIH_LD_PASSWORD;
  if (values.user !== undefined && password === undefined) throw new UsageError('--user needs --password (or DIH_LD_PASSWORD in the environment)');
  let store: URL;
  try {
    store = new URL(values['graph-store']);
  } catch {
    throw new UsageError(`--graph-store is not a URL: ${values['graph-store']}`);
  }
  if (store.protocol !== 'http:' && store.protocol !== 'https:') throw new UsageError('--graph-store must be an http(s) URL');
  const graphs = publicationGraphs(positionals[0] as string, values.base ?? DEFAULT_BASE);
  process.stderr.write(`pushing ${graphs.length} graph(s) to ${store.origin}${store.pathname}\n`);
  const report = await pushGraphs(graphs, {
    graphStore: store.href,
    ...(values.sparql ? { sparql: values.sparql } : {}),
    ...(values.user !== undefined ? { credentials: { user: values.user, password: password as string } } : {}),
  }, (r) => process.stdout.write(`${formatGraphReport(r)}\n`));
  const total = report.graphs.reduce((n, r) => n + (r.outcome === 'landed' ? r.sent : 0), 0);
  process.stdout.write(`${report.landed} of ${report.graphs.length} graph(s) landed (${total} triples); ${report.failed} failed\n`);
  if (report.failed) process.stdout.write(`graphs NOT in the store as published: ${report.graphs.filter((r) => r.outcome !== 'landed').map((r) => r.graph).join(', ')}\n`);
  return report.failed ? 1 : 0;
}
