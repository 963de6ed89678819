/**
 * RDF/XML of a graph, written by our writer (rdfxml-writer.ts); rdfxml-parse.ts reads it back.
 */
import type { Quad } from 'n3';
import { sortedTriples } from './serialize.js';
import { termTable } from '../util/triple-transfer.js';
import { RdfXmlError, writeRdfXml } from './rdfxml-writer.js';

export { RdfXmlError };

/** RDF/XML of the union graph (graph names dropped), subjects and predicates in publication order. */
export function toRdfXml(quads: Iterable<Quad>, prefixes: Readonly<Record<string, string>> = {}, options: { presorted?: boolean } = {}): string {
  const triples = options.presorted ? [...quads] : sortedTriples(quads);
  return writeRdfXml(termTable(triples), prefixes);
}
