/**
 * RDF/XML read back with rdflib's parser: the round-trip check of our writer. A module of its
 * own so that a build, which only writes RDF/XML, never loads rdflib.
 */
import { graph, parse, type Store as RdflibStore } from 'rdflib';
import { DataFactory, type Quad } from 'n3';

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
