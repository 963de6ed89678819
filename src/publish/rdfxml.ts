/**
 * RDF/XML, written with rdflib (n3 has no RDF/XML writer) and read back with rdflib's parser.
 *
 * rdflib's writer escapes only `&`, `<` and `"` in element content, so three kinds of literal
 * characters need help before a parser gives back the same value: `\r` (an XML parser turns it
 * into `\n`), `>` (`]]>` is not allowed in content) and the C0 controls, which XML 1.0 forbids
 * outright. Those characters are replaced by a private-use placeholder before rdflib writes and
 * by numeric character references afterwards; a document that needs references to C0 controls is
 * declared XML 1.1, the only XML that can carry them. U+0000 and the non-characters U+FFFE/U+FFFF
 * cannot be carried by any XML, so such a literal is refused with the statement it belongs to.
 */
import { graph, literal as rdfLiteral, namedNode as rdfNamedNode, parse, Serializer, st, type Statement, type Store as RdflibStore } from 'rdflib';
import type { Quad } from 'n3';
import { DataFactory } from 'n3';
import { checkIri } from '../map/iri.js';
import { sortedTriples } from './serialize.js';
import { runWorker } from '../util/worker.js';
import type { EncodedTriples } from '../util/triple-transfer.js';

/** Private-use character that marks a character to be written as a reference: `\uE000{hex};`. */
const MARK = '\uE000';
const NEEDS_REFERENCE = /[\u0001-\u0008\u000B\u000C\u000D\u000E-\u001F>\uE000]/g;
const C0_CONTROL = /[\u0001-\u0008\u000B\u000C\u000E-\u001F]/;
const NOT_IN_ANY_XML = /[\u0000\uFFFE\uFFFF]/;
const RDF_NS = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';

export class RdfXmlError extends Error {}

function protect(value: string): string {
  return value.replace(NEEDS_REFERENCE, (c) => `${MARK}${c.charCodeAt(0).toString(16).toUpperCase()};`);
}

/** Statements per rdflib call: its writer does per-document work that grows faster than the input. */
const CHUNK = 4000;

/**
 * RDF/XML of the union graph (graph names dropped), subjects and predicates in a stable order.
 *
 * rdflib writes from statements directly (its indexed store costs more than the writing) in chunks
 * that never split a subject; every node has an IRI, so each subject's element stands on its own
 * and the chunks' bodies concatenate into one document. One serializer writes every chunk, so a
 * prefix it makes up for one chunk means the same namespace in all of them.
 */
export function toRdfXml(quads: Iterable<Quad>, prefixes: Readonly<Record<string, string>> = {}, options: { presorted?: boolean } = {}): string {
  let xml11 = false;
  const statements: Statement[] = [];
  const chunkEnds: number[] = [];
  let lastSubject = '';
  // One rdflib node per IRI, checked once: IRIs repeat (predicates, classes, concepts, subjects).
  const nodes = new Map<string, ReturnType<typeof rdfNamedNode>>();
  const node = (iri: string): ReturnType<typeof rdfNamedNode> => {
    let n = nodes.get(iri);
    if (n === undefined) {
      checkIri(iri);
      if (iri.includes(MARK)) throw new RdfXmlError(`IRI ${JSON.stringify(iri)} holds U+E000, which the RDF/XML writer reserves`);
      nodes.set(iri, (n = rdfNamedNode(iri)));
    }
    return n;
  };
  for (const q of options.presorted ? quads : sortedTriples(quads)) {
    for (const t of [q.subject, q.predicate, q.object]) {
      if (t.termType === 'BlankNode') throw new RdfXmlError(`blank node _:${t.value}: the publication mints IRIs for every node`);
    }
    const o = q.object;
    let object;
    if (o.termType === 'Literal') {
      if (NOT_IN_ANY_XML.test(o.value)) {
        throw new RdfXmlError(`<${q.subject.value}> <${q.predicate.value}>: the literal ${JSON.stringify(o.value.slice(0, 60))} holds U+0000, U+FFFE or U+FFFF, which no XML document can carry`);
      }
      if (C0_CONTROL.test(o.value)) xml11 = true;
      const value = protect(o.value);
      object = o.language ? rdfLiteral(value, o.language) : rdfLiteral(value, node(o.datatype.value));
    } else object = node(o.value);
    if (q.subject.value !== lastSubject && statements.length - (chunkEnds.at(-1) ?? 0) >= CHUNK) chunkEnds.push(statements.length);
    lastSubject = q.subject.value;
    statements.push(st(node(q.subject.value), node(q.predicate.value), object));
  }
  chunkEnds.push(statements.length);
  const namespaces: Record<string, string> = { rdf: RDF_NS };
  for (const [p, ns] of Object.entries(prefixes)) if (/^[A-Za-z_][\w-]*$/.test(p) && p !== 'xml' && p !== 'xmlns') namespaces[p] = ns;
  const serializer = Serializer(graph());
  serializer.setNamespaces(namespaces);
  // No base: every IRI stays absolute, so the document means the same wherever it is served.
  serializer.setBase(undefined as unknown as string);
  const declared = new Map<string, string>();
  const bodies: string[] = [];
  let start = 0;
  for (const end of chunkEnds) {
    const written: string = serializer.statementsToXML(statements.slice(start, end));
    start = end;
    const open = /<rdf:RDF([^>]*)>/.exec(written);
    const close = written.lastIndexOf('</rdf:RDF>');
    if (!open || close < 0) throw new RdfXmlError('rdflib wrote no rdf:RDF element');
    for (const [, prefix, ns] of open[1]!.matchAll(/xmlns:([\w.-]+)="([^"]*)"/g)) {
      if (declared.has(prefix!) && declared.get(prefix!) !== ns) throw new RdfXmlError(`prefix ${prefix} written for two namespaces`);
      declared.set(prefix!, ns!);
    }
    bodies.push(written.slice(open.index + open[0].length, close).replace(/^\n+|\s+$/g, ''));
  }
  const attributes = [...declared].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([p, ns]) => `\n xmlns:${p}="${ns}"`).join('');
  const body = bodies.filter((b) => b !== '').join('\n')
    .replace(/\uE000([0-9A-F]+);/g, (_m, hex: string) => `&#x${hex};`)
    // A node with only its type is written with whitespace inside, which rdflib's parser reads as an rdf:value: close it empty.
    .replace(/<([\w.:-]+) rdf:about="([^"]*)">\s*<\/\1>/g, '<$1 rdf:about="$2"/>');
  const declaration = `<?xml version="${xml11 ? '1.1' : '1.0'}" encoding="utf-8"?>\n`;
  return `${declaration}<rdf:RDF${attributes}>\n${body}${body === '' ? '' : '\n'}</rdf:RDF>\n`;
}

/**
 * toRdfXml on another thread, from the build's triples (sortedTriples: de-duplicated, in
 * publication order) handed over in shared memory: the UTF-8 bytes of toRdfXml of the quads.
 */
export function toRdfXmlInWorker(triples: EncodedTriples, prefixes: Readonly<Record<string, string>> = {}): Promise<Uint8Array> {
  return runWorker<Uint8Array>('rdfxml-worker', import.meta.url, { triples, prefixes: { ...prefixes } }, (name, message) =>
    name === 'RdfXmlError' ? new RdfXmlError(message) : new Error(message));
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
