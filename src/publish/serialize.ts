/**
 * Serializations of one dataset. Output is deterministic: quads are sorted and de-duplicated,
 * so a rebuild from the same input is byte-identical.
 */
import { DataFactory, Writer, type Quad } from 'n3';
import type jsonld from 'jsonld';
import { PREFIXES, rdf } from '../vocab/namespaces.js';
import { checkIri } from '../map/iri.js';
import { CONTEXT_URL, localContext, offlineDocumentLoader } from './jsonld-loader.js';
import { JsonLdCompactor, UnsupportedContextError } from './jsonld-writer.js';
import { BoundedMap, IRI_MEMO_LIMIT } from '../util/bounded-map.js';

/** N-Triples/N-Quads form of a term, with literal escaping per RDF 1.1 N-Triples. */
export function termToNt(term: Quad['subject'] | Quad['predicate'] | Quad['object'] | Quad['graph']): string {
  switch (term.termType) {
    case 'NamedNode':
      return `<${checkIri(term.value)}>`;
    case 'BlankNode':
      return `_:${term.value}`;
    case 'Literal': {
      const lex = `"${escapeLiteral(term.value)}"`;
      if (term.language) return `${lex}@${term.language}`;
      if (term.datatype && term.datatype.value !== 'http://www.w3.org/2001/XMLSchema#string') return `${lex}^^<${checkIri(term.datatype.value)}>`;
      return lex;
    }
    case 'DefaultGraph':
      return '';
    default:
      throw new Error(`cannot serialize term type ${(term as { termType: string }).termType}`);
  }
}

const ESCAPES: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f' };

export function escapeLiteral(value: string): string {
  // Control characters and lone surrogates become \u escapes so every line stays one valid statement.
  return value.replace(/["\\\n\r\t\b\f]|[\u0000-\u001f\u007f]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, (c) =>
    ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`,
  );
}

export function quadToNq(q: Quad): string {
  const g = q.graph.termType === 'DefaultGraph' ? '' : ` ${termToNt(q.graph)}`;
  return `${termToNt(q.subject)} ${termToNt(q.predicate)} ${termToNt(q.object)}${g} .`;
}

export function tripleToNt(q: Quad): string {
  return `${termToNt(q.subject)} ${termToNt(q.predicate)} ${termToNt(q.object)} .`;
}

/**
 * Every quad in publication order, written once. Quads are grouped by subject (subjects sorted by
 * value), and within a subject ordered by rdf:type first, then predicate, object and graph; exact
 * duplicates are dropped. Since the graph comes last, the quads of one triple are neighbours, so
 * the de-duplicated triples fall out of the same walk: one sort serves N-Quads, N-Triples,
 * Turtle, JSON-LD, RDF/XML, VoID and the HTML pages of a build.
 *
 * Sorting subjects first and then each subject's few statements compares short strings (a
 * predicate, an object) instead of whole lines that share a long subject IRI: on the registries'
 * 142k quads this takes about half the time of one sort over whole lines.
 */
/** Statements as the N-Triples/N-Quads form of each of their terms, in the order written. */
interface Statements {
  subjects: readonly string[];
  predicates: readonly string[];
  objects: readonly string[];
  /** '' for the default graph. */
  graphs: readonly string[];
  /** Whether statement i starts a triple not written before (the first of its graphs). */
  newTriple: readonly boolean[];
}

interface Publication extends Statements {
  /** The N-Triples/N-Quads form of each term of each statement, in publication order, duplicates dropped. */
  subjects: string[];
  predicates: string[];
  objects: string[];
  graphs: string[];
  newTriple: boolean[];
  /** The union graph: one quad per distinct triple. */
  triples: Quad[];
  /** Where each of `triples` is in the input array. */
  order: number[];
}

/** Keyed by the input array; the length guards against an array that grew since. */
const publicationCache = new WeakMap<readonly Quad[], { length: number; publication: Publication }>();

function publicationOf(quads: Iterable<Quad>): Publication {
  if (!Array.isArray(quads)) return computePublication([...quads]);
  const hit = publicationCache.get(quads);
  if (hit && hit.length === quads.length) return hit.publication;
  const publication = computePublication(quads);
  publicationCache.set(quads, { length: quads.length, publication });
  return publication;
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function computePublication(quads: readonly Quad[]): Publication {
  // Each IRI is checked and written once: IRIs repeat (predicates, classes, concepts, graphs).
  const iris = new Map<string, string>();
  const write = (t: Quad['subject'] | Quad['predicate'] | Quad['object'] | Quad['graph']): string => {
    if (t.termType !== 'NamedNode') return termToNt(t);
    let nt = iris.get(t.value);
    if (nt === undefined) iris.set(t.value, (nt = termToNt(t)));
    return nt;
  };
  const n = quads.length;
  const sortKeys = new Array<string>(n);
  const objects = new Array<string>(n);
  const graphs = new Array<string>(n);
  const bySubject = new Map<string, number[]>();
  for (let i = 0; i < n; i++) {
    const q = quads[i]!;
    // rdf:type sorts first: its key is U+0000, below every character of an IRI
    sortKeys[i] = q.predicate.value === rdf.type ? '\u0000' : q.predicate.value;
    objects[i] = write(q.object);
    graphs[i] = q.graph.termType === 'DefaultGraph' ? '' : write(q.graph);
    const group = bySubject.get(q.subject.value);
    if (group) group.push(i);
    else bySubject.set(q.subject.value, [i]);
  }
  const order = (a: number, b: number): number => cmp(sortKeys[a]!, sortKeys[b]!) || cmp(objects[a]!, objects[b]!) || cmp(graphs[a]!, graphs[b]!);
  const out: Publication = { subjects: [], predicates: [], objects: [], graphs: [], newTriple: [], triples: [], order: [] };
  for (const subject of [...bySubject.keys()].sort(cmp)) {
    const group = bySubject.get(subject)!.sort(order);
    const subjectNt = write(quads[group[0]!]!.subject);
    let last = -1;
    for (const i of group) {
      const sameTriple = last >= 0 && sortKeys[i] === sortKeys[last] && objects[i] === objects[last];
      if (sameTriple && graphs[i] === graphs[last]) continue;
      out.subjects.push(subjectNt);
      out.predicates.push(write(quads[i]!.predicate));
      out.objects.push(objects[i]!);
      out.graphs.push(graphs[i]!);
      out.newTriple.push(!sameTriple);
      if (!sameTriple) {
        out.triples.push(quads[i]!);
        out.order.push(i);
      }
      last = i;
    }
  }
  return out;
}

/**
 * UTF-8 bytes of N-Triples or N-Quads, written term by term into one buffer sized from the
 * terms' lengths: no statement string is made, nothing is concatenated at the end. Each term is
 * one call to the native encoder (42 ms for the registries' 430k terms, 25 MB), which beats
 * copying ASCII by a loop in JavaScript (150-430 ms).
 */
function statementBytes(p: Statements, withGraphs: boolean): Buffer {
  let estimate = 0;
  for (let i = 0; i < p.subjects.length; i++) {
    if (!withGraphs && !p.newTriple[i]) continue;
    estimate += p.subjects[i]!.length + p.predicates[i]!.length + p.objects[i]!.length + 4;
    if (withGraphs && p.graphs[i]) estimate += p.graphs[i]!.length + 1;
  }
  let buffer = Buffer.allocUnsafe(Math.ceil(estimate * 1.02) + 4096);
  let at = 0;
  const reserve = (bytes: number): void => {
    if (at + bytes <= buffer.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(buffer.length * 2, at + bytes));
    buffer.copy(bigger, 0, 0, at);
    buffer = bigger;
  };
  /** Writes a term, with room left for the separator or line end (at most 3 bytes) after it. */
  const put = (text: string): void => {
    // a UTF-16 code unit takes at most 3 bytes in UTF-8
    reserve(text.length * 3 + 3);
    at += buffer.write(text, at, 'utf8');
  };
  for (let i = 0; i < p.subjects.length; i++) {
    if (!withGraphs && !p.newTriple[i]) continue;
    put(p.subjects[i]!);
    buffer[at++] = 0x20;
    put(p.predicates[i]!);
    buffer[at++] = 0x20;
    put(p.objects[i]!);
    if (withGraphs && p.graphs[i]) {
      buffer[at++] = 0x20;
      put(p.graphs[i]!);
    }
    buffer[at++] = 0x20;
    buffer[at++] = 0x2e;
    buffer[at++] = 0x0a;
  }
  return buffer.subarray(0, at);
}

/**
 * N-Triples of encoded triples (a term table and three ids per triple, triple-transfer.ts), in
 * their order, as UTF-8: `termNt` gives each term's N-Triples form (termToNt), made once per term.
 * A build in batches has its dumps worker write dih.nt this way, from the encoding it gets anyway.
 */
export function nTriplesOfIds(termNt: readonly string[], ids: Int32Array): Buffer {
  const n = ids.length / 3;
  const subjects = new Array<string>(n);
  const predicates = new Array<string>(n);
  const objects = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    subjects[i] = termNt[ids[3 * i]!]!;
    predicates[i] = termNt[ids[3 * i + 1]!]!;
    objects[i] = termNt[ids[3 * i + 2]!]!;
  }
  return statementBytes({ subjects, predicates, objects, graphs: [], newTriple: new Array<boolean>(n).fill(true) }, false);
}

/** toNQuads as UTF-8 bytes (what a build writes). */
export function nQuadsBytes(quads: Iterable<Quad>): Buffer {
  return statementBytes(publicationOf(quads), true);
}

/** toNTriples as UTF-8 bytes (what a build writes). */
export function nTriplesBytes(quads: Iterable<Quad>): Buffer {
  return statementBytes(publicationOf(quads), false);
}

/** The dataset as N-Quads, in publication order (see Publication), de-duplicated. */
export function toNQuads(quads: Iterable<Quad>): string {
  return nQuadsBytes(quads).toString('utf8');
}

/** The union of all graphs as de-duplicated N-Triples, in publication order. */
export function toNTriples(quads: Iterable<Quad>): string {
  return nTriplesBytes(quads).toString('utf8');
}

/**
 * Triples of the union graph, de-duplicated, in a stable order: by subject, rdf:type first, then
 * predicate and object. Remembered per input array: every dump of one build uses this order.
 */
export function sortedTriples(quads: Iterable<Quad>): Quad[] {
  if (Array.isArray(quads) && inPublicationOrder.has(quads)) return quads;
  return publicationOf(quads).triples;
}

/**
 * For each triple of sortedTriples(quads), its index in `quads`: what reorders triples encoded
 * in input order (encodeTriples(quads)) into publication order.
 */
export function publicationOrder(quads: readonly Quad[]): readonly number[] {
  return publicationOf(quads as Quad[]).order;
}

const inPublicationOrder = new WeakSet<readonly Quad[]>();

/**
 * Declares an array to hold de-duplicated triples in publication order already (as a worker
 * decodes them from the build's sorted triples), so sortedTriples gives it back as it is.
 */
export function asPublicationOrder(triples: Quad[]): Quad[] {
  inPublicationOrder.add(triples);
  return triples;
}

type IriEncoder = (this: Writer, term: Quad['subject'] | Quad['predicate'] | Quad['object']) => string;
const encodeIri = (Writer.prototype as unknown as { _encodeIriOrBlank?: IriEncoder })._encodeIriOrBlank;

/**
 * n3's Writer remembering how it wrote each IRI: it matches every IRI occurrence against a regular
 * expression of all prefixes, and a graph repeats its IRIs (predicates, classes, concepts, every
 * subject once per statement as object). Same output; should n3 rename the method, the override
 * is simply never called.
 */
export class IriCachingWriter extends Writer {
  private readonly written = new BoundedMap<string, string>(IRI_MEMO_LIMIT);

  _encodeIriOrBlank(term: Quad['subject'] | Quad['predicate'] | Quad['object']): string {
    if (term.termType !== 'NamedNode') return encodeIri!.call(this, term);
    let out = this.written.get(term.value);
    if (out === undefined) this.written.set(term.value, (out = encodeIri!.call(this, term)));
    return out;
  }
}

/** Pretty Turtle: prefixed names, one block per subject, sorted. */
export function toTurtle(quads: Iterable<Quad>, prefixes: Readonly<Record<string, string>> = PREFIXES): Promise<string> {
  const writer = turtleWriter(prefixes);
  writer.add(sortedTriples(quads));
  return writer.end();
}

/** toTurtle fed piece by piece (triples in publication order), so the caller need not hold them all. */
export function turtleWriter(prefixes: Readonly<Record<string, string>> = PREFIXES): { add(triples: readonly Quad[]): void; end(): Promise<string> } {
  const writer = new IriCachingWriter({ prefixes: { ...prefixes } });
  return {
    add: (triples) => addTriples(writer, triples),
    end: () => new Promise((resolve, reject) => writer.end((err, result) => (err ? reject(err) : resolve(result)))),
  };
}

/** Triples to a Turtle writer, refused first if an IRI could break the document (n3 checks none). */
export function addTriples(writer: Writer, triples: readonly Quad[]): void {
  for (const q of triples) for (const t of [q.subject, q.predicate, q.object]) if (t.termType === 'NamedNode') checkIri(t.value);
  addCheckedTriples(writer, triples);
}

/** addTriples for triples whose IRIs the caller has checked (once per term, say, not per occurrence). */
export function addCheckedTriples(writer: Writer, triples: readonly Quad[]): void {
  for (const q of triples) writer.addQuad(q.subject, q.predicate, q.object);
}

/** Compacted JSON-LD of the union graph, with our published context. */
export async function toJsonLd(quads: Iterable<Quad>): Promise<string> {
  const writer = jsonLdWriter();
  if (!writer) return toJsonLdWithJsonld(quads);
  const triples = sortedTriples(quads);
  for (let start = 0; start < triples.length;) {
    let end = start + 1;
    while (end < triples.length && triples[end]!.subject.equals(triples[start]!.subject)) end++;
    writer.add(triples.slice(start, end));
    start = end;
  }
  return writer.end();
}

/**
 * toJsonLd fed subject by subject (the triples of one subject per call, subjects in publication
 * order), so the caller need not hold every triple. Null when our context needs the jsonld library
 * (see directCompactor).
 */
export function jsonLdWriter(): { add(triplesOfOneSubject: readonly Quad[]): void; end(): string } | null {
  const compactor = directCompactor();
  if (!compactor) return null;
  const nodes: Record<string, unknown>[] = [];
  return {
    add(triples) {
      if (triples.length) nodes.push(compactor.node(triples[0]!.subject, triples));
    },
    // As jsonld.compact: one node is the document itself, several are its graph. Stringified
    // whole: turning each node into text as it came (to hold no tree) took 1.7-2x as long on the
    // registries graph, in batches of 256-4,096 nodes too.
    end() {
      const body = nodes.length === 1 ? nodes[0]! : nodes.length ? { graph: nodes } : {};
      return `${JSON.stringify({ '@context': CONTEXT_URL, ...body }, null, 2)}\n`;
    },
  };
}

let compactor: JsonLdCompactor | null | undefined;

/** The direct writer for our context, or null when the context uses what it does not implement. */
export function directCompactor(): JsonLdCompactor | null {
  if (compactor === undefined) {
    try {
      compactor = new JsonLdCompactor((localContext() as { '@context': Record<string, unknown> })['@context']);
    } catch (err) {
      if (!(err instanceof UnsupportedContextError)) throw err;
      compactor = null;
    }
  }
  return compactor;
}

/** Compacted JSON-LD by the jsonld library (fromRDF, then compact): the reference the direct writer is tested against. */
export async function toJsonLdWithJsonld(quads: Iterable<Quad>): Promise<string> {
  // An RDF/JS dataset, not an N-Quads string: jsonld's N-Quads parser de-duplicates in O(n^2).
  const { defaultGraph, quad } = DataFactory;
  const dataset = sortedTriples(quads).map((q) => quad(q.subject, q.predicate, q.object, defaultGraph()));
  // loaded on first use: the direct compactor writes a build's JSON-LD, and jsonld takes ~0.2 s to load
  const { default: jsonldLib } = await import('jsonld');
  const expanded = await jsonldLib.fromRDF(dataset as never, { safe: true } as jsonld.Options.FromRdf);
  const context = (localContext() as { '@context': jsonld.ContextDefinition })['@context'];
  const compacted = await jsonldLib.compact(expanded, context, { documentLoader: offlineDocumentLoader, safe: true } as unknown as jsonld.Options.Compact);
  // Reference the published context by URL, so consumers need not inline it.
  const out = { '@context': CONTEXT_URL, ...withoutContext(compacted) };
  return `${JSON.stringify(out, null, 2)}\n`;
}

function withoutContext(doc: Record<string, unknown>): Record<string, unknown> {
  const { '@context': _ignored, ...rest } = doc;
  return rest;
}
