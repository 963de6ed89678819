/**
 * The named graphs of a publication, as the push sends them: one per source record and the
 * vocabularies (from dih.nq), the default graph's provenance descriptions (in a graph of their own,
 * since a store's default graph is often the union of all graphs), and the catalogue.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataFactory, Parser, type Quad } from 'n3';
import { DihError } from '../model/diagnostics.js';
import { tripleToNt } from '../publish/serialize.js';

export interface GraphPayload { graph: string; ntriples: string; triples: number; from: string }

export function publicationGraphs(dist: string, base: string): GraphPayload[] {
  const nqFile = join(dist, 'dih.nq');
  if (!existsSync(nqFile)) throw new DihError(`no publication at ${dist} (dih.nq is missing): run \`dih-ld build\` first`, { file: nqFile });
  const byGraph = new Map<string, Set<string>>();
  const add = (graph: string, q: Quad) => {
    let set = byGraph.get(graph);
    if (!set) byGraph.set(graph, (set = new Set()));
    set.add(tripleToNt(q));
  };
  const from = new Map<string, string>();
  let quads: Quad[];
  try {
    quads = new Parser({ format: 'application/n-quads' }).parse(readFileSync(nqFile, 'utf8'));
  } catch (err) {
    throw new DihError(`${nqFile}: ${(err as Error).message}`, { file: nqFile });
  }
  for (const q of quads) {
    const graph = q.graph.termType === 'DefaultGraph' ? `${base}provenance` : q.graph.value;
    add(graph, q);
    from.set(graph, 'dih.nq');
  }
  const catalogFile = join(dist, 'catalog.ttl');
  if (existsSync(catalogFile)) {
    const graph = `${base}catalog`;
    for (const q of new Parser({ format: 'text/turtle' }).parse(readFileSync(catalogFile, 'utf8'))) add(graph, DataFactory.quad(q.subject, q.predicate, q.object));
    from.set(graph, 'catalog.ttl');
  }
  return [...byGraph.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([graph, lines]) => {
    const sorted = [...lines].sort();
    return { graph, ntriples: sorted.length ? `${sorted.join('\n')}\n` : '', triples: sorted.length, from: from.get(graph) ?? '' };
  });
}
