/** Graph comparison for tests: parse any of our serializations and compare canonical N-Triples sets. */
import { Parser, type Quad } from 'n3';
import jsonld from 'jsonld';
import { tripleToNt } from '../../src/publish/serialize.js';
import { offlineDocumentLoader } from '../../src/publish/jsonld-loader.js';
import { parseRdfXml } from '../../src/publish/rdfxml-parse.js';

export function parseRdf(text: string, format: 'text/turtle' | 'application/n-triples' | 'application/n-quads'): Quad[] {
  return new Parser({ format }).parse(text);
}

/** RDF/XML through rdflib's parser (the writer is rdflib's too, so the check is a round trip). */
export function parseRdfXmlText(text: string): Quad[] {
  return parseRdfXml(text);
}

export async function parseJsonLd(text: string): Promise<Quad[]> {
  const nq = (await jsonld.toRDF(JSON.parse(text), { format: 'application/n-quads', documentLoader: offlineDocumentLoader, safe: true } as never)) as unknown as string;
  return parseRdf(nq, 'application/n-quads');
}

/** The set of triples (graph names dropped) as canonical N-Triples lines. */
export function tripleSet(quads: Iterable<Quad>): Set<string> {
  return new Set([...quads].map(tripleToNt));
}

export function hasBlankNodes(quads: Iterable<Quad>): boolean {
  for (const q of quads) if ([q.subject, q.object, q.graph].some((t) => t.termType === 'BlankNode')) return true;
  return false;
}

/** Differences between two triple sets, for readable assertion messages. */
export function diffSets(a: Set<string>, b: Set<string>): { onlyA: string[]; onlyB: string[] } {
  return { onlyA: [...a].filter((x) => !b.has(x)).slice(0, 10), onlyB: [...b].filter((x) => !a.has(x)).slice(0, 10) };
}
