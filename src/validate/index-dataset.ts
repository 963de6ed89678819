/**
 * The dataset shacl-engine walks while validating one chunk: quads indexed by subject, predicate
 * and object in plain maps. Validation only looks up patterns (grapoi's `match`), never edits the
 * data, and a chunk is built once and thrown away: building an n3 Store (three nested indexes
 * over numeric ids) cost more than all the lookups made on it, and most of a validation's
 * garbage collection.
 */
import type { Quad, Term } from '@rdfjs/types';

/** What `match` returns: iterable, with the `size` shacl-engine reads (sh:disjoint). */
class Matches implements Iterable<Quad> {
  constructor(private readonly quads: readonly Quad[]) {}
  get size(): number {
    return this.quads.length;
  }
  [Symbol.iterator](): Iterator<Quad> {
    return this.quads[Symbol.iterator]();
  }
}

const NONE = new Matches([]);

/** One key per term: kind, then value, then language or datatype (literals only). */
function keyOf(t: Term): string {
  switch (t.termType) {
    case 'NamedNode':
      return `<${t.value}`;
    case 'BlankNode':
      return `_${t.value}`;
    case 'Literal':
      return `"${t.value}"${t.language}^${t.datatype.value}`;
    default:
      return `${t.termType}:${t.value}`;
  }
}

function push(index: Map<string, Quad[]>, key: string, q: Quad): void {
  const list = index.get(key);
  if (list) list.push(q);
  else index.set(key, [q]);
}

export class IndexedDataset implements Iterable<Quad> {
  private readonly bySubject = new Map<string, Quad[]>();
  private readonly byPredicate = new Map<string, Quad[]>();
  private readonly byObject = new Map<string, Quad[]>();
  private readonly all: Quad[] = [];
  /** Keys by term object: the quads of a build share their term objects, so most keys are made once. */
  private readonly keys = new Map<Term, string>();

  constructor(quads: Iterable<Quad> = []) {
    for (const q of quads) this.add(q);
  }

  get size(): number {
    return this.all.length;
  }

  private key(t: Term): string {
    let k = this.keys.get(t);
    if (k === undefined) this.keys.set(t, (k = keyOf(t)));
    return k;
  }

  /** Adds a quad unless an equal one is there (a dataset is a set). */
  add(q: Quad): this {
    const s = this.key(q.subject);
    const own = this.bySubject.get(s);
    // a subject's quads are few: the duplicate check looks only there
    if (own?.some((o) => o.predicate.equals(q.predicate) && o.object.equals(q.object) && o.graph.equals(q.graph))) return this;
    this.all.push(q);
    if (own) own.push(q);
    else this.bySubject.set(s, [q]);
    push(this.byPredicate, this.key(q.predicate), q);
    push(this.byObject, this.key(q.object), q);
    return this;
  }

  has(q: Quad): boolean {
    return this.match(q.subject, q.predicate, q.object, q.graph).size > 0;
  }

  delete(): this {
    throw new Error('IndexedDataset is read-only once built');
  }

  match(subject?: Term | null, predicate?: Term | null, object?: Term | null, graph?: Term | null): Matches {
    // Start from the most selective index given, then filter by the other positions.
    let candidates: readonly Quad[] | undefined;
    if (subject) candidates = this.bySubject.get(this.key(subject));
    else if (object) candidates = this.byObject.get(this.key(object));
    else if (predicate) candidates = this.byPredicate.get(this.key(predicate));
    else candidates = this.all;
    if (!candidates) return NONE;
    const wanted = candidates.filter((q) =>
      (!subject || q.subject.equals(subject)) && (!predicate || q.predicate.equals(predicate)) && (!object || q.object.equals(object)) && (!graph || q.graph.equals(graph)));
    return wanted.length ? new Matches(wanted) : NONE;
  }

  [Symbol.iterator](): Iterator<Quad> {
    return this.all[Symbol.iterator]();
  }
}
