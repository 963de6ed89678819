/**
 * Provenance of single facts as W3C Web Annotations: the statement (reified) is the body, the text
 * span of the source document is the target, located by a TextQuoteSelector and a
 * TextPositionSelector. Every node gets an IRI under the source record, so no blank nodes.
 */
import { DataFactory, type Quad } from 'n3';
import type { FactProvenance, HubRecord } from '../model/record.js';
import { dcterms, dih, oa, rdf, xsd } from '../vocab/namespaces.js';
import { stableHash, type IriMinter } from './iri.js';
import { cleanLiteral } from './text.js';

const { namedNode, quad } = DataFactory;
const literal = cleanLiteral;

export interface AnnotationInput {
  minter: IriMinter;
  record: HubRecord;
  subject: string;
  predicate: string;
  object: Quad['object'];
  provenance: FactProvenance;
}

/** The IRI of the document a record was read from, when it has one. */
export function documentIri(minter: IriMinter, record: HubRecord): string {
  return minter.sourceNode(record.source.registry, record.source.id, 'document');
}

export function annotationQuads(input: AnnotationInput): Quad[] {
  const { minter, record, subject, predicate, object, provenance } = input;
  const graph = namedNode(minter.source(record.source.registry, record.source.id));
  const key = stableHash(`${subject}\u0000${predicate}\u0000${object.termType}\u0000${object.value}\u0000${provenance.span?.start ?? ''}`);
  const a = namedNode(minter.sourceNode(record.source.registry, record.source.id, 'annotation', key));
  const body = namedNode(`${a.value}/statement`);
  const out: Quad[] = [];
  const add = (s: Quad['subject'], p: string, o: Quad['object']) => out.push(quad(s, namedNode(p), o, graph));
  add(a, rdf.type, namedNode(oa.Annotation));
  add(a, oa.motivatedBy, namedNode(oa.describing));
  add(a, oa.hasBody, body);
  add(body, rdf.type, namedNode(rdf.Statement));
  add(body, rdf.subject, namedNode(subject));
  add(body, rdf.predicate, namedNode(predicate));
  add(body, rdf.object, object);
  if (provenance.confidence !== undefined) add(a, dih.confidence, literal(provenance.confidence.toFixed(2), namedNode(xsd.decimal)));
  if (provenance.field) add(a, dcterms.source, literal(provenance.field));
  if (provenance.span) {
    const target = namedNode(`${a.value}/target`);
    const quote = namedNode(`${a.value}/quote`);
    const position = namedNode(`${a.value}/position`);
    add(a, oa.hasTarget, target);
    add(target, rdf.type, namedNode(oa.SpecificResource));
    add(target, oa.hasSource, namedNode(documentIri(minter, record)));
    add(target, oa.hasSelector, quote);
    add(target, oa.hasSelector, position);
    add(quote, rdf.type, namedNode(oa.TextQuoteSelector));
    add(quote, oa.exact, literal(provenance.span.exact));
    if (provenance.span.prefix !== undefined) add(quote, oa.prefix, literal(provenance.span.prefix));
    if (provenance.span.suffix !== undefined) add(quote, oa.suffix, literal(provenance.span.suffix));
    add(position, rdf.type, namedNode(oa.TextPositionSelector));
    add(position, oa.start, literal(String(provenance.span.start), namedNode(xsd.nonNegativeInteger)));
    add(position, oa.end, literal(String(provenance.span.end), namedNode(xsd.nonNegativeInteger)));
  }
  return out;
}
