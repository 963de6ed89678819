/**
 * RDF/XML: written by our writer (rdfxml-writer.ts), read back with rdflib's parser.
 */
import { graph, parse, type Store as RdflibStore } from 'rdflib';
import type { Quad } from 'n3';
import { DataFactory } from 'n3';
import { sortedTriples } from './serialize.js';
import { termTable } from '../util/triple-transfer.js';
import { RdfXmlError, writeRdfXml } from './rdfxml-writer.js';

export { RdfXmlError };

/** RDF/XML of the union graph (graph names dropped), subjects and predicates in publication order. */
export function toRdfXml(quads: Iterable<Quad>, prefixes: Readonly<Record<string, string>> = {}, options: { presorted?: boolean } = {}): string {
  const triples = options.presorted ? [...quads] : sortedTriples(quads);
  return writeRdfXml(termTable(triples), prefixes);
}

/** Parses RDF/XML with rdflib's parser into n3 quads (default graph): the round-trip check. */
export function parseRdfXml(text: string, baseIri = 'https://w3id.org/dih/'): Quad[] {
  const store: RdflibStore = graph();
  parse(text, store, baseIri, 'application/rdf+xml');
  const { namedNode, literal, blankNode, quad } = DataFactory;
  const term = (t: { termType: string; value: string; language?: string; datatype?: { value: string } }) => {
    if (t.termType === 'NamedNode') return namedNode(t.value);
    if (t.termType === 'BlankNode') return blankNode(t.value);
    if (t.language) return literal(t.value, t.language);
    return literal(t.value, namedNode(t.datatype?.value ?? 'http://www.w3.org/2001/XMLSchema#string'));
  };
  return store.statements.map((s) => quad(term(s.subject) as Quad['subject'], term(s.predicate) as Quad['predicate'], term(s.object) as Quad['object']));
}
