/**
 * Descriptions of resources under the base, for dereferencing: every triple (across the source
 * graphs, deduplicated) with the resource as subject or object. Hash IRIs (`{base}ns#term`) are
 * described by their document (`{base}ns`).
 */
import { DataFactory, type Quad } from 'n3';
import type { QuadIndex } from '../query/quad-index.js';
import { tripleToNt } from '../publish/serialize.js';

const { namedNode, quad, defaultGraph } = DataFactory;

/** The subjects a document IRI describes: itself, or the hash IRIs below it. */
export function describedResources(store: QuadIndex, iri: string): string[] {
  const node = namedNode(iri);
  if (store.countQuads(node, null, null, null) > 0 || store.countQuads(null, null, node, null) > 0) return [iri];
  const hashed = new Set<string>();
  for (const s of store.getSubjects(null, null, null)) if (s.termType === 'NamedNode' && s.value.startsWith(`${iri}#`)) hashed.add(s.value);
  return [...hashed].sort();
}

export function describe(store: QuadIndex, resources: string[]): Quad[] {
  const seen = new Map<string, Quad>();
  const add = (q: Quad): void => {
    const key = tripleToNt(q);
    if (!seen.has(key)) seen.set(key, quad(q.subject, q.predicate, q.object, defaultGraph()));
  };
  for (const iri of resources) {
    const node = namedNode(iri);
    for (const q of store.getQuads(node, null, null, null)) add(q);
    for (const q of store.getQuads(null, null, node, null)) add(q);
  }
  return [...seen.values()];
}
