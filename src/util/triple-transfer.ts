/**
 * Triples handed to worker threads as a term dictionary and integer ids in shared memory, not as
 * N-Triples text: the workers of a build (validation, RDF/XML) skip parsing, which cost each of
 * them about a second on the registries' 142k triples, and the sending thread copies nothing.
 */
import { DataFactory, type Quad } from 'n3';
import { sharedText, textOf } from './worker.js';
import { literal } from './known-literal.js';

/** A term as [kind, value, language or datatype]: I (IRI), B (blank node), L (literal). */
export type EncodedTerm = ['I' | 'B', string] | ['L', string, string, string];

export interface EncodedTriples {
  /** JSON array of EncodedTerm, as UTF-8 in shared memory. */
  terms: Uint8Array;
  /** Subject, predicate, object ids of each triple, in order (shared memory). */
  ids: Int32Array;
  /**
   * Encoded over a base (encodeTriplesOver): ids below this are the base's terms, which `terms`
   * leaves out; the receiving thread holds the base. Absent: `terms` holds every term.
   */
  base?: number;
}

/**
 * Terms encoded once and shared by many encodings: the vocabularies every batch of a build is
 * validated with. At 50 hubs a batch they were ~4,000 of a batch's ~11,000 triples (the EU
 * registries' vocabularies), encoded, sent and parsed again 2,000 times at 100,000 hubs.
 */
export interface BaseTable {
  /** The base's own triples, to give the threads that hold it. */
  encoded: EncodedTriples;
  /** How many terms it has: ids 0 to terms - 1 of every encoding over it. */
  terms: number;
  iris: ReadonlyMap<string, number>;
  others: ReadonlyMap<string, number>;
}

const XSD_STRING = 'http://www.w3.org/2001/XMLSchema#string';

/** The triples as a term table: each distinct term once, and three ids per triple (in shared memory when asked). */
export function termTable(triples: readonly Quad[], shared = false): { terms: EncodedTerm[]; ids: Int32Array } {
  const { terms, ids } = tableOver(undefined, triples, shared);
  return { terms, ids };
}

/** termTable over `base` (its terms keep their ids and are not repeated), with the maps it made. */
function tableOver(base: BaseTable | undefined, triples: readonly Quad[], shared: boolean): { terms: EncodedTerm[]; ids: Int32Array; iris: Map<string, number>; others: Map<string, number> } {
  const terms: EncodedTerm[] = [];
  const first = base?.terms ?? 0;
  // IRIs (most terms) are looked up by their value as it is, without building a key string.
  const iris = new Map<string, number>();
  const others = new Map<string, number>();
  const id = (t: Quad['subject'] | Quad['predicate'] | Quad['object']): number => {
    if (t.termType === 'NamedNode') {
      let n = base?.iris.get(t.value) ?? iris.get(t.value);
      if (n === undefined) {
        iris.set(t.value, (n = first + terms.length));
        terms.push(['I', t.value]);
      }
      return n;
    }
    const literal = t.termType === 'Literal';
    // U+0001 cannot occur in an IRI, and ends the value before language and datatype
    const key = literal ? `L${t.value}\u0001${t.language}\u0001${t.datatype.value}` : `B${t.value}`;
    let n = base?.others.get(key) ?? others.get(key);
    if (n === undefined) {
      others.set(key, (n = first + terms.length));
      terms.push(literal ? ['L', t.value, t.language, t.language ? '' : t.datatype.value] : ['B', t.value]);
    }
    return n;
  };
  const size = triples.length * 3 * Int32Array.BYTES_PER_ELEMENT;
  const ids = new Int32Array(shared ? new SharedArrayBuffer(size) : new ArrayBuffer(size));
  // Triples come a subject at a time (publication order): its id is looked up once per run.
  let subject: Quad['subject'] | undefined;
  let subjectId = -1;
  for (let i = 0; i < triples.length; i++) {
    const q = triples[i]!;
    if (subject === undefined || q.subject.value !== subject.value || q.subject.termType !== subject.termType) subjectId = id((subject = q.subject));
    ids[3 * i] = subjectId;
    ids[3 * i + 1] = id(q.predicate);
    ids[3 * i + 2] = id(q.object);
  }
  return { terms, ids, iris, others };
}

/** The base that encodeTriplesOver encodes over: `triples` encoded, and its terms' ids. */
export function baseTable(triples: readonly Quad[]): BaseTable {
  const { terms, ids, iris, others } = tableOver(undefined, triples, true);
  return { encoded: { terms: sharedText(JSON.stringify(terms)), ids }, terms: terms.length, iris, others };
}

/** encodeTriples over `base`: only the terms the base lacks are written out. */
export function encodeTriplesOver(base: BaseTable, triples: readonly Quad[]): EncodedTriples {
  const { terms, ids } = tableOver(base, triples, true);
  return { terms: sharedText(JSON.stringify(terms)), ids, base: base.terms };
}

export function encodeTriples(triples: readonly Quad[]): EncodedTriples {
  return encodeTriplesWithTable(triples).encoded;
}

/** encodeTriples, plus its term table as objects for this thread's own use. */
export function encodeTriplesWithTable(triples: readonly Quad[]): { encoded: EncodedTriples; terms: EncodedTerm[] } {
  const { terms, ids } = termTable(triples, true);
  return { encoded: { terms: sharedText(JSON.stringify(terms)), ids }, terms };
}

/**
 * The encoded triples picked and ordered by `order` (indices of triples in `encoded`), sharing
 * its term dictionary: triples encoded in input order, then put in publication order.
 */
export function reorderTriples(encoded: EncodedTriples, order: ArrayLike<number>): EncodedTriples {
  const ids = new Int32Array(new SharedArrayBuffer(order.length * 3 * Int32Array.BYTES_PER_ELEMENT));
  for (let i = 0; i < order.length; i++) {
    const from = 3 * order[i]!;
    ids[3 * i] = encoded.ids[from]!;
    ids[3 * i + 1] = encoded.ids[from + 1]!;
    ids[3 * i + 2] = encoded.ids[from + 2]!;
  }
  return { terms: encoded.terms, ids };
}

/**
 * The term table of encoded triples, without making RDF/JS terms. Encoded over a base, the terms
 * are the base's (`baseTerms`, held by this thread) followed by the encoding's own.
 */
export function decodeTermTable(encoded: EncodedTriples, baseTerms?: readonly EncodedTerm[]): { terms: EncodedTerm[]; ids: Int32Array } {
  const own = JSON.parse(textOf(encoded.terms)) as EncodedTerm[];
  if (encoded.base === undefined) return { terms: own, ids: encoded.ids };
  if (baseTerms?.length !== encoded.base) throw new Error(`triples encoded over a base of ${encoded.base} terms, but this thread holds ${baseTerms ? `one of ${baseTerms.length}` : 'none'}`);
  return { terms: baseTerms.concat(own), ids: encoded.ids };
}

/** The RDF/JS term of an encoded one. */
export function decodeTerm(t: EncodedTerm): Quad['subject'] | Quad['object'] {
  const { namedNode, blankNode } = DataFactory;
  if (t[0] === 'I') return namedNode(t[1]);
  if (t[0] === 'B') return blankNode(t[1]);
  const [, value, language, datatype] = t as ['L', string, string, string];
  return language ? literal(value, language) : literal(value, datatype === XSD_STRING ? undefined : namedNode(datatype));
}

export function decodeTriples(encoded: EncodedTriples): Quad[] {
  const { quad } = DataFactory;
  const terms = (JSON.parse(textOf(encoded.terms)) as EncodedTerm[]).map(decodeTerm);
  const { ids } = encoded;
  const out = new Array<Quad>(ids.length / 3);
  for (let i = 0; i < out.length; i++) out[i] = quad(terms[ids[3 * i]!] as Quad['subject'], terms[ids[3 * i + 1]!] as Quad['predicate'], terms[ids[3 * i + 2]!] as Quad['object']);
  return out;
}

/** A graph name: an IRI, a blank node, or the default graph. */
export type EncodedGraph = ['I' | 'B', string] | ['D'];

/** The graph of each quad (a number into `names`), beside its triple's ids from encodeTriples. */
export interface EncodedGraphs {
  names: EncodedGraph[];
  /** One per quad, in the quads' order. */
  ids: Int32Array;
}

export function encodeGraphs(quads: readonly Quad[]): EncodedGraphs {
  const names: EncodedGraph[] = [];
  // By value, one map per kind (no key strings to build); a record's quads come together, so
  // most quads have the graph of the one before.
  const known = { NamedNode: new Map<string, number>(), BlankNode: new Map<string, number>(), DefaultGraph: new Map<string, number>() };
  const ids = new Int32Array(quads.length);
  let last: Quad['graph'] | undefined, lastId = -1;
  for (let i = 0; i < quads.length; i++) {
    const g = quads[i]!.graph;
    if (g !== last) {
      const byValue = known[g.termType as keyof typeof known];
      if (!byValue) throw new TypeError(`a ${g.termType} cannot name a graph`);
      let n = byValue.get(g.value);
      if (n === undefined) {
        byValue.set(g.value, (n = names.length));
        names.push(g.termType === 'DefaultGraph' ? ['D'] : [g.termType === 'BlankNode' ? 'B' : 'I', g.value]);
      }
      last = g;
      lastId = n;
    }
    ids[i] = lastId;
  }
  return { names, ids };
}

/**
 * The triples of a term table a subject at a time, as RDF/JS quads (each distinct term made once
 * by the caller: `terms`), for writers that take one subject's triples per call. The triples come
 * with each subject's together, as publication order has them.
 */
export function* subjectGroups(terms: readonly (Quad['subject'] | Quad['object'])[], ids: Int32Array): Generator<Quad[]> {
  const { quad } = DataFactory;
  for (let start = 0, n = ids.length / 3; start < n;) {
    let end = start + 1;
    while (end < n && ids[3 * end] === ids[3 * start]) end++;
    const ofSubject = new Array<Quad>(end - start);
    for (let i = start; i < end; i++) ofSubject[i - start] = quad(terms[ids[3 * i]!] as Quad['subject'], terms[ids[3 * i + 1]!] as Quad['predicate'], terms[ids[3 * i + 2]!] as Quad['object']);
    yield ofSubject;
    start = end;
  }
}
