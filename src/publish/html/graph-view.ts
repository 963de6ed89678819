/**
 * A read-only view of the published graph for the HTML pages: facts by subject (graphs merged,
 * duplicates dropped), labels, and the memberships around an organisation. The pages are made
 * from the graph, not from the records, so whatever the mapping or a merge puts in the graph is shown.
 */
import type { Quad } from 'n3';
import type { ConceptIndex } from '../../vocab/concepts.js';
import { sortedTriples } from '../serialize.js';
import { dih, oa, org, rdf, rdfs, skos } from '../../vocab/namespaces.js';

export type Term = Quad['object'];

export interface Membership { iri: string; member: string; organization: string; role: string; onBehalfOf: string[] }

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The triples with each subject's together, a subject's where its first one was (publication order has them so already). */
function regroup(triples: readonly Quad[]): Quad[] {
  const bySubject = new Map<string, Quad[]>();
  for (const q of triples) {
    const list = bySubject.get(q.subject.value);
    if (list) list.push(q);
    else bySubject.set(q.subject.value, [q]);
  }
  return [...bySubject.values()].flat();
}

export class GraphView {
  /**
   * The union graph without duplicates, in publication order (as the dumps have it, and already
   * computed for them): a subject's triples together. A subject is a run of it, not a map of
   * maps: 60,000 subjects a batch made as many Maps and 200,000 arrays, all kept to the batch's
   * end, and a fifth of the pages' time went to collecting them.
   */
  private triples: readonly Quad[];
  /** Each subject's run in `triples`: its start, and its end in `runEnds` at the same number. */
  private readonly runs = new Map<string, number>();
  private readonly runStarts: number[] = [];
  private readonly runEnds: number[] = [];
  /** The named graphs stating something about each subject: most have one. */
  private readonly graphs = new Map<string, string | string[]>();
  readonly memberships: Membership[] = [];

  constructor(quads: Iterable<Quad>, readonly concepts: ConceptIndex, readonly extraLabels: Pick<ReadonlyMap<string, string>, 'get'> = new Map()) {
    const all = Array.isArray(quads) ? (quads as Quad[]) : [...quads];
    // A record's quads come together: most have the subject and graph of the one before.
    let lastSubject: string | undefined, lastGraph: string | undefined;
    for (const q of all) {
      if (q.graph.termType !== 'NamedNode') continue;
      const s = q.subject.value, g = q.graph.value;
      if (s === lastSubject && g === lastGraph) continue;
      lastSubject = s;
      lastGraph = g;
      const had = this.graphs.get(s);
      if (had === undefined) this.graphs.set(s, g);
      else if (typeof had === 'string') {
        if (had !== g) this.graphs.set(s, [had, g]);
      } else if (!had.includes(g)) had.push(g);
    }
    this.triples = sortedTriples(all);
    if (!this.findRuns()) {
      this.triples = regroup(this.triples);
      this.findRuns();
    }
    for (const s of this.runs.keys()) {
      if (!this.isA(s, org.Membership)) continue;
      const one = (p: string) => this.values(s, p)[0]?.value ?? '';
      this.memberships.push({ iri: s, member: one(org.member), organization: one(org.organization), role: one(org.role), onBehalfOf: this.values(s, dih.onBehalfOf).map((t) => t.value).sort(cmp) });
    }
    this.memberships.sort((a, b) => cmp(a.iri, b.iri));
  }

  /** Each subject's run of `triples`; false, and unfinished, if a subject has two. */
  private findRuns(): boolean {
    this.runs.clear();
    this.runStarts.length = this.runEnds.length = 0;
    for (let i = 0; i < this.triples.length; ) {
      const s = this.triples[i]!.subject.value;
      if (this.runs.has(s)) return false;
      let end = i + 1;
      while (end < this.triples.length && this.triples[end]!.subject.value === s) end++;
      this.runs.set(s, this.runStarts.length);
      this.runStarts.push(i);
      this.runEnds.push(end);
      i = end;
    }
    return true;
  }

  /** Each predicate of the subject with its objects, by predicate IRI. */
  properties(subject: string): [string, Term[]][] {
    const byPredicate = new Map<string, Term[]>();
    const run = this.runs.get(subject);
    if (run !== undefined) {
      for (let i = this.runStarts[run]!; i < this.runEnds[run]!; i++) {
        const q = this.triples[i]!;
        const list = byPredicate.get(q.predicate.value);
        if (list) list.push(q.object);
        else byPredicate.set(q.predicate.value, [q.object]);
      }
    }
    return [...byPredicate.entries()].sort(([a], [b]) => cmp(a, b));
  }

  /** The objects of the subject's statements with this predicate, in publication order. */
  values(subject: string, predicate: string): Term[] {
    const out: Term[] = [];
    const run = this.runs.get(subject);
    if (run === undefined) return out;
    for (let i = this.runStarts[run]!; i < this.runEnds[run]!; i++) {
      const q = this.triples[i]!;
      if (q.predicate.value === predicate) out.push(q.object);
    }
    return out;
  }

  /** Named graphs (source records) that state something about the subject. */
  graphsOf(subject: string): string[] {
    const graphs = this.graphs.get(subject);
    return graphs === undefined ? [] : typeof graphs === 'string' ? [graphs] : [...graphs].sort(cmp);
  }

  isA(subject: string, cls: string): boolean {
    const run = this.runs.get(subject);
    if (run === undefined) return false;
    for (let i = this.runStarts[run]!; i < this.runEnds[run]!; i++) {
      const q = this.triples[i]!;
      if (q.predicate.value === rdf.type && q.object.value === cls) return true;
    }
    return false;
  }

  subjectsOf(cls: string): string[] {
    return [...this.runs.keys()].filter((s) => this.isA(s, cls)).sort(cmp);
  }

  /** The English (or any) label of an IRI: its prefLabel in the data, a concept label, a property label, or the IRI itself. */
  label(iri: string): string {
    let label = this.labels.get(iri);
    if (label === undefined) this.labels.set(iri, (label = this.labelOf(iri)));
    return label;
  }

  /** Asked for every link of every page: the same concepts, predicates and hubs again and again. */
  private readonly labels = new Map<string, string>();

  private labelOf(iri: string): string {
    const labels = [...this.values(iri, skos.prefLabel), ...this.values(iri, rdfs.label)];
    const en = labels.find((l) => l.termType === 'Literal' && l.language === 'en') ?? labels[0];
    if (en) return en.value;
    const concept = this.concepts.concepts.get(iri);
    if (concept?.prefLabel) return concept.prefLabel;
    return this.extraLabels.get(iri) ?? iri;
  }

  private byParty: Map<string, Membership[]> | undefined;

  /** Memberships an organisation holds or is the object of (indexed once: pages ask for every hub). */
  membershipsOf(iri: string): Membership[] {
    if (!this.byParty) {
      this.byParty = new Map();
      for (const m of this.memberships) {
        for (const party of new Set([m.member, m.organization])) {
          const list = this.byParty.get(party) ?? [];
          list.push(m);
          this.byParty.set(party, list);
        }
      }
    }
    return this.byParty.get(iri) ?? [];
  }

  private quotes: Map<string, string[]> | undefined;

  /** Text quotes (Web Annotation TextQuoteSelector) of the facts about a subject. */
  quotesAbout(subject: string): string[] {
    if (!this.quotes) {
      this.quotes = new Map();
      for (const a of this.subjectsOf(oa.Annotation)) {
        const body = this.values(a, oa.hasBody)[0]?.value;
        const about = body ? this.values(body, rdf.subject)[0]?.value : undefined;
        const target = this.values(a, oa.hasTarget)[0]?.value;
        const exact = target ? this.values(target, oa.hasSelector).flatMap((sel) => this.values(sel.value, oa.exact)).map((t) => t.value)[0] : undefined;
        if (!about || exact === undefined) continue;
        const list = this.quotes.get(about) ?? [];
        list.push(exact);
        this.quotes.set(about, list);
      }
    }
    return this.quotes.get(subject) ?? [];
  }
}
