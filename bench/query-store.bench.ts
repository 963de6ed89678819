/**
 * Which store Comunica should query: the named queries of queries/ over an n3 Store, over
 * rdf-stores, and over our quad index (src/query/quad-index.ts, what `dih-ld query` and `serve`
 * use), each next to Oxigraph (npm `oxigraph`) on the same data as the baseline. Median of 5 runs
 * per query, after one warm-up run; and the time each store takes to build from the parsed quads.
 *
 * Stores: all three, or those named in DIH_QUERY_BENCH_STORES (comma-separated); queries: all named
 * ones, or those in DIH_QUERY_BENCH_QUERIES.
 * Data: DIH_QUERY_BENCH_DATA=<publication folder> (e.g. a build of the registries); without it,
 * the example sources are built into a temporary folder.
 */
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { Store } from 'n3';
import { RdfStore } from 'rdf-stores';
import oxigraph from 'oxigraph';
import { build } from '../src/pipeline.js';
import { loadQuads, queryContext, queryEngine, queryStore } from '../src/query/engine.js';
import type { QuadIndex } from '../src/query/quad-index.js';
import { readQuadIndex } from '../src/query/quad-index-file.js';
import { namedQueries } from '../src/serve/query-page.js';
import { tempDir } from '../test/helpers/paths.js';

let data = process.env.DIH_QUERY_BENCH_DATA;
if (!data) {
  data = join(tempDir('dih-bench-query-'), 'dist');
  await build([join(import.meta.dirname ?? '.', '..', 'sources')], { out: data });
}
// Only the quad index wanted, and the publication has one: read it (a 100,000-hub dih.nq takes
// minutes to parse and gigabytes as n3 quads).
const wanted = process.env.DIH_QUERY_BENCH_STORES?.split(',').map((name) => name.trim());
const indexOnly = !!wanted && wanted.every((name) => name.startsWith('quad index'));
const readIndex = indexOnly ? readQuadIndex(data) : 'missing';
const quads = typeof readIndex === 'string' ? await loadQuads(data) : [];
function timedBuild<T>(make: () => T): { store: T; ms: number } {
  const t = performance.now();
  const store = make();
  return { store, ms: performance.now() - t };
}
const makers = {
  n3: () => new Store(quads),
  'rdf-stores': () => {
    const store = RdfStore.createDefault();
    for (const q of quads) store.addQuad(q);
    return store;
  },
  'quad index': () => (typeof readIndex === 'string' ? queryStore(quads) : readIndex),
};
/**
 * How Comunica is given each store: RDF/JS sources are matched one pattern at a time; the quad
 * index as `dih-ld` gives it (groups of triple patterns joined in the index, src/query/bgp-source.ts),
 * and once more pattern by pattern ("quad index by pattern"), to show what that grouping brings.
 */
const contexts: Record<string, (store: unknown) => Promise<Record<string, unknown>>> = {
  n3: async (store) => ({ sources: [store], unionDefaultGraph: true }),
  'rdf-stores': async (store) => ({ sources: [store], unionDefaultGraph: true }),
  'quad index': (store) => queryContext(store as QuadIndex),
  'quad index by pattern': (store) => queryContext(store as QuadIndex, { patternsOnly: true }),
};
// DIH_QUERY_BENCH_STORES="quad index" (comma-separated) for graphs too big for the others (n3: ~3.4 KB a quad).
const built = Object.fromEntries(Object.entries(makers).filter(([name]) => !wanted || wanted.includes(name)).map(([name, make]) => [name, timedBuild<unknown>(make)]));
const stores: Record<string, unknown> = Object.fromEntries(Object.entries(built).map(([name, b]) => [name, b.store]));
if (stores['quad index'] && (!wanted || wanted.includes('quad index by pattern'))) stores['quad index by pattern'] = stores['quad index'];
/**
 * Loads an N-Triples or N-Quads file into Oxigraph 64 MB of whole lines at a time: a 100,000-hub
 * dump is larger than the longest string V8 makes.
 */
async function loadLines(store: InstanceType<typeof oxigraph.Store>, file: string, format: string): Promise<InstanceType<typeof oxigraph.Store>> {
  let rest = '';
  for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: 64 * 2 ** 20 })) {
    const text = rest + (chunk as string);
    const end = text.lastIndexOf('\n') + 1;
    store.load(text.slice(0, end), { format });
    rest = text.slice(end);
  }
  if (rest) store.load(rest, { format });
  return store;
}
// DIH_QUERY_BENCH_BASELINES=merged leaves out Oxigraph's union of the named graphs (half the loading);
// `none` leaves out Oxigraph (a graph it cannot hold).
const baselines = process.env.DIH_QUERY_BENCH_BASELINES?.split(',').map((name) => name.trim()) ?? ['union', 'merged'];
const loadingStarted = performance.now();
/**
 * npm's Oxigraph runs in 32-bit WebAssembly (at most 4 GB of memory): a graph it cannot hold fails
 * its load ("unreachable"). Then its column stays empty and our stores are still timed.
 */
async function loadOrSay(what: string, file: string, format: string): Promise<InstanceType<typeof oxigraph.Store> | undefined> {
  try {
    return await loadLines(new oxigraph.Store(), file, format);
  } catch (err) {
    console.log(`Oxigraph could not load ${what} (${(err as Error).message}; it runs in 32-bit WebAssembly, at most 4 GB): no ${what} baseline`);
    return undefined;
  }
}
const oxi = baselines.includes('union') ? await loadOrSay('the named graphs', join(data, 'dih.nq'), 'application/n-quads') : undefined;
/**
 * A second baseline for our union default graph, which is the RDF merge of the graphs (each triple
 * once, src/query/bgp.ts): Oxigraph with the triples in its default graph. Its union option
 * matches a triple once per graph, as Comunica over an RDF/JS source does.
 */
const oxiMerged = baselines.includes('merged') ? await loadOrSay('the merged triples', join(data, 'dih.nt'), 'application/n-triples') : undefined;
const oxigraphLoadMs = performance.now() - loadingStarted;
const engine = await queryEngine();

function median(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** A run slower than this is not repeated: its first time is the figure (a store that slow is out anyway). */
const SLOW_MS = 2000;

async function timeRuns(run: () => Promise<unknown> | unknown): Promise<number> {
  const first = performance.now();
  await run();
  const once = performance.now() - first;
  if (once > SLOW_MS) return once;
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    await run();
    times.push(performance.now() - t);
  }
  return median(times);
}

console.log(`data: ${data} (${typeof readIndex === 'string' ? `${quads.length} quads` : `${readIndex.size} quads, from its dih.nq.idx`}; Oxigraph loaded ${baselines.join(' and ')} in ${(oxigraphLoadMs / 1000).toFixed(1)} s); median ms of 5 runs after a warm-up (one run when over 2 s); ratio = store / oxigraph (union of the graphs), merged = store / oxigraph over the merged triples`);
console.log(`store build from the parsed quads: ${Object.entries(built).map(([name, b]) => `${name} ${b.ms.toFixed(0)} ms`).join(', ')}`);
console.log(`${'query'.padEnd(30)} ${'oxigraph'.padStart(9)} ${'merged'.padStart(9)} ${Object.keys(stores).map((name) => `${name.padStart(10)} ${'ratio'.padStart(6)} ${'merged'.padStart(6)}`).join(' ')}`);
// DIH_QUERY_BENCH_QUERIES="hubs-by-region,..." (comma-separated) runs only those named queries.
const wantedQueries = process.env.DIH_QUERY_BENCH_QUERIES?.split(',').map((name) => name.trim());
for (const [name, query] of Object.entries(namedQueries()).filter(([name]) => !wantedQueries || wantedQueries.includes(name))) {
  const base = oxi ? await timeRuns(() => oxi.query(query, { results_format: 'json', use_default_graph_as_union: true })) : NaN;
  const merged = oxiMerged ? await timeRuns(() => oxiMerged.query(query, { results_format: 'json' })) : NaN;
  const cells: string[] = [];
  for (const [storeName, store] of Object.entries(stores)) {
    const context = await contexts[storeName]!(store);
    const ms = await timeRuns(async () => (await engine.queryBindings(query, context as never)).toArray());
    cells.push(`${ms.toFixed(0).padStart(10)} ${(ms / base).toFixed(1).padStart(5)}x ${(ms / merged).toFixed(1).padStart(5)}x`);
  }
  console.log(`${name.padEnd(30)} ${base.toFixed(1).padStart(9)} ${merged.toFixed(1).padStart(9)} ${cells.join(' ')}`);
}
