/**
 * Serializations of one dataset. Output is deterministic: quads are sorted and de-duplicated,
 * so a rebuild from the same input is byte-identical.
 */
import { DataFactory, Writer, type Quad } from 'n3';
import jsonld from 'jsonld';
import { PREFIXES, rdf } from '../vocab/namespaces.js';
import { checkIri } from '../map/iri.js';
import { CONTEXT_URL, localContext, offlineDocumentLoader } from './jsonld-loader.js';
import { JsonLdCompactor, UnsupportedContextError } from './jsonld-writer.js';

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

/** The N-Triples and N-Quads line of each quad, index for index. */
interface StatementLines {
  triples: string[];
  quads: string[];
}

const linesCache = new WeakMap<readonly Quad[], { length: number; lines: StatementLines }>();

/**
 * Lines of every quad, each term written once: a build writes the same quads as N-Quads,
 * N-Triples and sort keys, and IRIs repeat (predicates, classes, concepts), so an IRI is checked
 * and written once per call. Remembered per input array, like sortedTriples.
 */
function statementLines(quads: Iterable<Quad>): StatementLines {
  const array = Array.isArray(quads) ? (quads as readonly Quad[]) : undefined;
  const hit = array && linesCache.get(array);
  if (hit && hit.length === array.length) return hit.lines;
  const iris = new Map<string, string>();
  const write = (t: Quad['subject'] | Quad['predicate'] | Quad['object'] | Quad['graph']): string => {
    if (t.termType !== 'NamedNode') return termToNt(t);
    let nt = iris.get(t.value);
    if (nt === undefined) iris.set(t.value, (nt = termToNt(t)));
    return nt;
  };
  const lines: StatementLines = { triples: [], quads: [] };
  for (const q of quads) {
    const triple = `${write(q.subject)} ${write(q.predicate)} ${write(q.object)}`;
    lines.triples.push(`${triple} .`);
    lines.quads.push(q.graph.termType === 'DefaultGraph' ? `${triple} .` : `${triple} ${write(q.graph)} .`);
  }
  if (array) linesCache.set(array, { length: array.length, lines });
  return lines;
}

function sortedUnique(lines: string[]): string[] {
  const out = [...new Set(lines)];
  out.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return out;
}

export function toNQuads(quads: Iterable<Quad>): string {
  const lines = sortedUnique(statementLines(quads).quads);
  return lines.length ? `${lines.join('\n')}\n` : '';
}

/**
 * The union of all graphs as de-duplicated N-Triples, in publication order (sortedTriples: by
 * subject, rdf:type first): one order for every dump of a build, computed once.
 */
export function toNTriples(quads: Iterable<Quad>): string {
  const lines = sortedTripleLines(quads);
  return lines.length ? `${lines.join('\n')}\n` : '';
}

/** Keyed by the input array; the length guards against an array that grew since. */
const sortedCache = new WeakMap<readonly Quad[], { length: number; sorted: SortedTriples }>();

interface SortedTriples {
  quads: Quad[];
  /** The N-Triples line of each, in the same order. */
  lines: string[];
}

/**
 * Triples of the union graph, de-duplicated, in a stable order: by subject, rdf:type first, then
 * predicate and object. Remembered per input array: Turtle, JSON-LD and RDF/XML of one build all
 * need the same order, and computing it is a large share of a build.
 */
export function sortedTriples(quads: Iterable<Quad>): Quad[] {
  return sortedWithLines(quads).quads;
}

/** The N-Triples lines of sortedTriples, in its order (what a worker needs to write RDF/XML). */
export function sortedTripleLines(quads: Iterable<Quad>): string[] {
  return sortedWithLines(quads).lines;
}

function sortedWithLines(quads: Iterable<Quad>): SortedTriples {
  if (Array.isArray(quads)) {
    const hit = sortedCache.get(quads);
    if (hit && hit.length === quads.length) return hit.sorted;
    const sorted = computeSortedTriples(quads);
    sortedCache.set(quads, { length: quads.length, sorted });
    return sorted;
  }
  return computeSortedTriples([...quads]);
}

function computeSortedTriples(quads: readonly Quad[]): SortedTriples {
  const { triples } = statementLines(quads);
  // One sort key per triple: subject, then rdf:type before other predicates, then the N-Triples
  // line. U+0000 separates the parts: no IRI holds it, so it sorts below every character in them.
  const byKey = new Map<string, number>();
  for (const [i, q] of quads.entries()) {
    const rank = q.predicate.value === rdf.type ? '0' : '1';
    const key = `${q.subject.value}\u0000${rank}${q.predicate.value}\u0000${triples[i]!}`;
    if (!byKey.has(key)) byKey.set(key, i);
  }
  const order = [...byKey.keys()].sort(cmp).map((key) => byKey.get(key)!);
  return { quads: order.map((i) => quads[i]!), lines: order.map((i) => triples[i]!) };
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Pretty Turtle: prefixed names, one block per subject, sorted. */
export function toTurtle(quads: Iterable<Quad>, prefixes: Readonly<Record<string, string>> = PREFIXES): Promise<string> {
  const triples = sortedTriples(quads);
  for (const q of triples) for (const t of [q.subject, q.predicate, q.object]) if (t.termType === 'NamedNode') checkIri(t.value);
  return new Promise((resolve, reject) => {
    const writer = new Writer({ prefixes: { ...prefixes } });
    for (const q of triples) writer.addQuad(q.subject, q.predicate, q.object);
    writer.end((err, result) => (err ? reject(err) : resolve(result)));
  });
}

/** Compacted JSON-LD of the union graph, with our published context. */
export async function toJsonLd(quads: Iterable<Quad>): Promise<string> {
  const compactor = directCompactor();
  if (!compactor) return toJsonLdWithJsonld(quads);
  const nodes: Record<string, unknown>[] = [];
  const triples = sortedTriples(quads);
  for (let start = 0; start < triples.length;) {
    let end = start + 1;
    while (end < triples.length && triples[end]!.subject.equals(triples[start]!.subject)) end++;
    nodes.push(compactor.node(triples[start]!.subject, triples.slice(start, end)));
    start = end;
  }
  // As jsonld.compact: one node is the document itself, several are its graph.
  const body = nodes.length === 1 ? nodes[0]! : nodes.length ? { graph: nodes } : {};
  return `${JSON.stringify({ '@context': CONTEXT_URL, ...body }, null, 2)}\n`;
}

let compactor: JsonLdCompactor | null | undefined;

/** The direct writer for our context, or null when the context uses what it does not implement. */
function directCompactor(): JsonLdCompactor | null {
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
  const expanded = await jsonld.fromRDF(dataset as never, { safe: true } as jsonld.Options.FromRdf);
  const context = (localContext() as { '@context': jsonld.ContextDefinition })['@context'];
  const compacted = await jsonld.compact(expanded, context, { documentLoader: offlineDocumentLoader, safe: true } as unknown as jsonld.Options.Compact);
  // Reference the published context by URL, so consumers need not inline it.
  const out = { '@context': CONTEXT_URL, ...withoutContext(compacted) };
  return `${JSON.stringify(out, null, 2)}\n`;
}

function withoutContext(doc: Record<string, unknown>): Record<string, unknown> {
  const { '@context': _ignored, ...rest } = doc;
  return rest;
}
