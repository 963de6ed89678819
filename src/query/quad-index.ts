/**
 * The store queries run over: every distinct quad of a publication once, as four columns of term
 * ids sorted four ways (SPOG, POSG, OSPG, GSPO). Any quad pattern is a binary search for its
 * range in the order whose prefix its bound terms cover, and its count is that range's length.
 *
 * Why not rdf-stores (what Comunica's own packages use): its nested-map indexes cost ~1 s to
 * build for the registries' 142k quads and several hundred bytes a quad, which a first query
 * waits for; these columns take 28 bytes a quad, sort by counting (linear time), and can be
 * written to and read from a file as they are (quad-index-file.ts), so `dih-ld query` starts
 * without parsing dih.nq. Terms are made lazily, when a match returns them.
 *
 * It is an RDF/JS Source (match) with countQuads, the two methods Comunica calls on one.
 */
import { DataFactory, type Quad, type Term } from 'n3';
import { ArrayIterator, EmptyIterator, IntegerIterator, type AsyncIterator } from 'asynciterator';
import type { EncodedGraphs, EncodedTerm } from '../util/triple-transfer.js';
import { decode, encode, keyOf, keyOfEncoded, type IndexedTerm } from './quad-index-terms.js';
import { radixOrder } from './radix-order.js';

export type { IndexedTerm } from './quad-index-terms.js';

/** Positions of a quad: subject, predicate, object, graph. */
const S = 0, P = 1, O = 2, G = 3;
/** The four sort orders; the first (SPOG) is the order the columns are stored in. */
export const INDEX_ORDERS = [[S, P, O, G], [P, O, S, G], [O, S, P, G], [G, S, P, O]] as const;

/** A free position in the id patterns of rangeOfIds. */
const UNBOUND_ID = -1;

/** Per set of bound positions (a bit per position, S = 1): the order whose prefix covers most of them, and that prefix's length. */
const BEST_ORDER: [number, number][] = Array.from({ length: 16 }, (_, mask) => {
  let best: [number, number] = [0, -1];
  INDEX_ORDERS.forEach((order, k) => {
    let length = 0;
    while (length < 4 && mask & (1 << order[length]!)) length++;
    if (length > best[1]) best = [k, length];
  });
  return best;
});

type Pattern = [Term | null | undefined, Term | null | undefined, Term | null | undefined, Term | null | undefined];

/**
 * The ids renumbered so that the same quads give the same index, and the same file, whatever
 * order they came in (a build's output is reproducible): terms numbered in the order `first` (ids
 * in an order that does not depend on the input, such as a build's sorted triples) first uses
 * them, then the rest sorted by key.
 */
function renumberTerms(table: IndexedTerm[], columns: QuadIndexParts['columns'], first: ArrayLike<number> = []): { terms: IndexedTerm[]; raw: QuadIndexParts['columns'] } {
  const rank = new Int32Array(table.length).fill(-1);
  const byRank: number[] = [];
  for (let i = 0; i < first.length; i++) {
    const id = first[i]!;
    if (rank[id] === -1) rank[id] = byRank.push(id) - 1;
  }
  if (byRank.length < table.length) {
    const rest: number[] = [];
    for (let id = 0; id < table.length; id++) if (rank[id] === -1) rest.push(id);
    const keys = new Map(rest.map((id) => [id, keyOfEncoded(table[id]!)]));
    rest.sort((a, b) => (keys.get(a)! < keys.get(b)! ? -1 : keys.get(a)! > keys.get(b)! ? 1 : 0));
    for (const id of rest) rank[id] = byRank.push(id) - 1;
  }
  const raw = columns.map((c) => {
    const out = new Uint32Array(c.length);
    for (let i = 0; i < c.length; i++) out[i] = rank[c[i]!]!;
    return out;
  }) as QuadIndexParts['columns'];
  return { terms: byRank.map((id) => table[id]!), raw };
}

/** The parts of an index as a file holds them (see quad-index-file.ts). */
export interface QuadIndexParts {
  terms: IndexedTerm[];
  /** Subject, predicate, object and graph ids, distinct quads sorted SPOG. */
  columns: [Uint32Array, Uint32Array, Uint32Array, Uint32Array];
  /** For POSG, OSPG and GSPO: quad numbers in that order. */
  orders: [Uint32Array, Uint32Array, Uint32Array];
}

export class QuadIndex {
  /** Distinct quads. */
  readonly size: number;
  private readonly terms: IndexedTerm[];
  private readonly made: (Term | undefined)[];
  private readonly columns: QuadIndexParts['columns'];
  /** Per order of INDEX_ORDERS, quad numbers in that order (null: SPOG, the columns' own order). */
  private readonly orders: (Uint32Array | null)[];
  private ids?: Map<string, number>;

  constructor(parts: QuadIndexParts) {
    this.terms = parts.terms;
    this.made = new Array<Term | undefined>(parts.terms.length);
    this.columns = parts.columns;
    this.orders = [null, ...parts.orders];
    this.size = parts.columns[S].length;
  }

  /** An index of the quads (duplicates dropped). */
  static fromQuads(quads: Iterable<Quad>): QuadIndex {
    const builder = new QuadIndexBuilder();
    for (const q of quads) builder.add(q);
    return builder.finish();
  }

  /**
   * An index of a build's quads as the build hands them to workers: the triples' term table and ids
   * (encodeTriples) and each quad's graph (encodeGraphs), in the same order. Its terms are numbered
   * by their first use in `sortedTripleIds` (the same triples in publication order), or by key,
   * so that its file does not depend on the order of the build's input.
   */
  static fromEncoded(table: readonly EncodedTerm[], tripleIds: Int32Array, graphs: EncodedGraphs, sortedTripleIds?: Int32Array): QuadIndex {
    const terms: IndexedTerm[] = table.slice();
    // Graph names are mostly subjects too (a record's graph is described): reuse their ids.
    const wanted = new Map(graphs.names.map((g, n) => [keyOfEncoded(g), n]));
    const graphTerm = new Int32Array(graphs.names.length).fill(-1);
    for (let i = 0; i < table.length; i++) {
      const t = table[i]!;
      if (t[0] === 'L') continue;
      const n = wanted.get(keyOfEncoded(t));
      if (n !== undefined && graphTerm[n] === -1) graphTerm[n] = i;
    }
    graphs.names.forEach((g, n) => {
      if (graphTerm[n] === -1) graphTerm[n] = terms.push(g) - 1;
    });
    const size = graphs.ids.length;
    const columns = [new Uint32Array(size), new Uint32Array(size), new Uint32Array(size), new Uint32Array(size)] as QuadIndexParts['columns'];
    for (let i = 0; i < size; i++) {
      columns[S][i] = tripleIds[3 * i]!;
      columns[P][i] = tripleIds[3 * i + 1]!;
      columns[O][i] = tripleIds[3 * i + 2]!;
      columns[G][i] = graphTerm[graphs.ids[i]!]!;
    }
    // Numbering terms by their first use in the sorted triples costs a pass; sorting 80k keys, 0.1 s.
    const renumbered = renumberTerms(terms, columns, sortedTripleIds);
    return QuadIndex.fromIds(renumbered.terms, renumbered.raw);
  }

  /** An index of quads given as term ids into `terms` (one column per position, any order, duplicates allowed), numbered as given. */
  static fromIds(terms: IndexedTerm[], raw: QuadIndexParts['columns']): QuadIndex {
    const spog = radixOrder(raw, terms.length, raw[S].length);
    // Distinct quads, in SPOG order: duplicates are neighbours once sorted.
    let size = 0;
    const columns = raw.map(() => new Uint32Array(spog.length)) as QuadIndexParts['columns'];
    for (let i = 0; i < spog.length; i++) {
      const q = spog[i]!;
      if (size > 0 && raw[S][q] === columns[S][size - 1] && raw[P][q] === columns[P][size - 1] && raw[O][q] === columns[O][size - 1] && raw[G][q] === columns[G][size - 1]) continue;
      for (let c = 0; c < 4; c++) columns[c]![size] = raw[c]![q]!;
      size++;
    }
    const distinct = columns.map((c) => c.subarray(0, size)) as QuadIndexParts['columns'];
    // The columns are in SPOG order and stable passes keep it among ties, so each order needs
    // only the passes for the positions before its trailing ones in SPOG order: POSG and OSPG
    // drop G, and GSPO is one pass on G.
    const passes = [[P, O, S], [O, S, P], [G]];
    const orders = passes.map((keys) => radixOrder(keys.map((c) => distinct[c]!), terms.length, size)) as QuadIndexParts['orders'];
    return new QuadIndex({ terms, columns: distinct, orders });
  }

  /** What a file needs to hold this index. */
  parts(): QuadIndexParts {
    return { terms: this.terms, columns: this.columns, orders: this.orders.slice(1) as QuadIndexParts['orders'] };
  }

  /** The term with an id (made once, on first use). */
  term(id: number): Term {
    return (this.made[id] ??= decode(this.terms[id]!));
  }

  /** The id of a quad's term at a position (0 subject, 1 predicate, 2 object, 3 graph). */
  idAt(q: number, position: number): number {
    return this.columns[position]![q]!;
  }

  /**
   * Quad numbers matching term ids (-1 for a free position), each passed to `visit`; for joins
   * over ids (bgp.ts), where a quad's terms are never made. With `distinctTriples` (the graph
   * free), a triple held in several graphs is visited once. The range comes from the order whose
   * prefix covers most bound positions; bound positions it leaves out are checked quad by quad.
   */
  forEachMatch(bound: ArrayLike<number>, visit: (q: number) => void, distinctTriples = false): void {
    const { order, from, to, checks } = this.rangeOfIds(bound);
    const [s, p, o] = this.columns;
    let last = -1;
    for (let i = from; i < to; i++) {
      const q = order ? order[i]! : i;
      if (!this.matches(q, checks)) continue;
      // With the graph free, every order chosen ends with G: the quads of one triple are neighbours.
      if (distinctTriples && last >= 0 && s[q] === s[last] && p[q] === p[last] && o[q] === o[last]) continue;
      last = q;
      visit(q);
    }
  }

  /** How many quads the range for these ids holds: exact when every bound position is in the order's prefix, else an upper bound. */
  estimateMatches(bound: ArrayLike<number>): number {
    const { from, to } = this.rangeOfIds(bound);
    return to - from;
  }

  /**
   * The range of quads matching term ids (-1: free) in the order whose prefix covers most bound
   * positions, plus the bound positions that prefix leaves out (checked quad by quad).
   */
  private rangeOfIds(bound: ArrayLike<number>): { order: Uint32Array | null; from: number; to: number; checks: number[] } {
    const mask = (bound[0]! >= 0 ? 1 : 0) | (bound[1]! >= 0 ? 2 : 0) | (bound[2]! >= 0 ? 4 : 0) | (bound[3]! >= 0 ? 8 : 0);
    const [best, length] = BEST_ORDER[mask]!;
    const positions = INDEX_ORDERS[best]!;
    const order = this.orders[best]!;
    const columns = this.columns;
    const compare = (i: number): number => {
      const q = order ? order[i]! : i;
      for (let k = 0; k < length; k++) {
        const p = positions[k]!;
        const d = columns[p]![q]! - bound[p]!;
        if (d !== 0) return d;
      }
      return 0;
    };
    let lo = 0, hi = this.size;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compare(mid) < 0) lo = mid + 1;
      else hi = mid;
    }
    const from = lo;
    hi = this.size;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compare(mid) <= 0) lo = mid + 1;
      else hi = mid;
    }
    const checks: number[] = [];
    for (let k = length; k < 4; k++) if (bound[positions[k]!]! >= 0) checks.push(positions[k]!, bound[positions[k]!]!);
    return { order, from, to: lo, checks };
  }

  private quadAt(q: number): Quad {
    const c = this.columns;
    return DataFactory.quad(this.term(c[S][q]!) as Quad['subject'], this.term(c[P][q]!) as Quad['predicate'], this.term(c[O][q]!) as Quad['object'], this.term(c[G][q]!) as Quad['graph']);
  }

  /** The id of a stored term; undefined for a term the index does not hold (or cannot: a variable). */
  idOf(t: Term): number | undefined {
    if (!this.ids) {
      this.ids = new Map();
      for (let i = 0; i < this.terms.length; i++) this.ids.set(keyOfEncoded(this.terms[i]!), i);
    }
    const key = keyOf(t);
    return key === undefined ? undefined : this.ids.get(key);
  }

  /**
   * The range of quads matching a pattern (see rangeOfIds), or null when a bound term is not in
   * the index.
   */
  private find(pattern: Pattern): { order: Uint32Array | null; from: number; to: number; checks: number[] } | null {
    const bound = [UNBOUND_ID, UNBOUND_ID, UNBOUND_ID, UNBOUND_ID];
    for (let i = 0; i < 4; i++) {
      const t = pattern[i];
      if (!t || t.termType === 'Variable') continue;
      const id = this.idOf(t);
      if (id === undefined) return null;
      bound[i] = id;
    }
    return this.rangeOfIds(bound);
  }

  /** Whether quad q has the ids that `checks` (position, id, position, id...) asks for. */
  private matches(q: number, checks: number[]): boolean {
    for (let c = 0; c < checks.length; c += 2) if (this.columns[checks[c]!]![q] !== checks[c + 1]) return false;
    return true;
  }

  /** RDF/JS Source: the matching quads, made as they are read. */
  match(subject?: Term | null, predicate?: Term | null, object?: Term | null, graph?: Term | null): AsyncIterator<Quad> {
    const found = this.find([subject, predicate, object, graph]);
    if (!found || found.from === found.to) return new EmptyIterator<Quad>();
    const { order, from, to, checks } = found;
    if (to - from === 1) {
      const q = order ? order[from]! : from;
      return new ArrayIterator(this.matches(q, checks) ? [this.quadAt(q)] : [], { autoStart: false });
    }
    return new IntegerIterator({ start: from, end: to - 1 }).map((i) => {
      const q = order ? order[i]! : i;
      return this.matches(q, checks) ? this.quadAt(q) : null;
    });
  }

  /** How many quads match; exact, and without making any term. */
  countQuads(subject?: Term | null, predicate?: Term | null, object?: Term | null, graph?: Term | null): number {
    const found = this.find([subject, predicate, object, graph]);
    if (!found) return 0;
    const { order, from, to, checks } = found;
    if (!checks.length) return to - from;
    let n = 0;
    for (let i = from; i < to; i++) if (this.matches(order ? order[i]! : i, checks)) n++;
    return n;
  }

  /** The matching quads as an array (n3 Store's method of the same name). */
  getQuads(subject?: Term | null, predicate?: Term | null, object?: Term | null, graph?: Term | null): Quad[] {
    const found = this.find([subject, predicate, object, graph]);
    if (!found) return [];
    const { order, from, to, checks } = found;
    const out: Quad[] = [];
    for (let i = from; i < to; i++) {
      const q = order ? order[i]! : i;
      if (this.matches(q, checks)) out.push(this.quadAt(q));
    }
    return out;
  }

  /** Distinct subjects of the matching quads (n3 Store's method of the same name). */
  getSubjects(predicate?: Term | null, object?: Term | null, graph?: Term | null): Term[] {
    return this.distinct(S, [null, predicate, object, graph]);
  }

  /** Distinct graphs of the matching quads (n3 Store's method of the same name). */
  getGraphs(subject?: Term | null, predicate?: Term | null, object?: Term | null): Term[] {
    return this.distinct(G, [subject, predicate, object, null]);
  }

  private distinct(position: number, pattern: Pattern): Term[] {
    const found = this.find(pattern);
    if (!found) return [];
    const { order, from, to, checks } = found;
    const seen = new Set<number>();
    const column = this.columns[position]!;
    for (let i = from; i < to; i++) {
      const q = order ? order[i]! : i;
      if (this.matches(q, checks)) seen.add(column[q]!);
    }
    return [...seen].map((id) => this.term(id));
  }
}

/**
 * Quads given one at a time, as a parser streams them: only their term ids are kept, not the quads
 * (an n3 quad takes ~200 bytes; a 100,000-hub dih.nq has 15.8 M of them).
 */
export class QuadIndexBuilder {
  private readonly terms: IndexedTerm[] = [];
  private readonly ids = new Map<string, number>();
  private columns = [0, 1, 2, 3].map(() => new Uint32Array(1 << 16)) as QuadIndexParts['columns'];
  private size = 0;

  private idOf(t: Term): number {
    const key = keyOf(t);
    if (key === undefined) throw new TypeError(`a ${t.termType} cannot be stored in a quad index`);
    let id = this.ids.get(key);
    if (id === undefined) {
      this.ids.set(key, (id = this.terms.length));
      this.terms.push(encode(t));
    }
    return id;
  }

  add(q: Quad): void {
    if (this.size === this.columns[S].length) {
      this.columns = this.columns.map((c) => {
        const bigger = new Uint32Array(c.length * 2);
        bigger.set(c);
        return bigger;
      }) as QuadIndexParts['columns'];
    }
    const i = this.size++;
    this.columns[S][i] = this.idOf(q.subject);
    this.columns[P][i] = this.idOf(q.predicate);
    this.columns[O][i] = this.idOf(q.object);
    this.columns[G][i] = this.idOf(q.graph);
  }

  finish(): QuadIndex {
    return QuadIndex.fromIds(this.terms, this.columns.map((c) => c.subarray(0, this.size)) as QuadIndexParts['columns']);
  }
}
