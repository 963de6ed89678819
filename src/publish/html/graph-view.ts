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

export class GraphView {
  private readonly bySubject = new Map<string, Map<string, Term[]>>();
  private readonly graphs = new Map<string, Set<string>>();
  readonly memberships: Membership[] = [];

  constructor(quads: Iterable<Quad>, readonly concepts: ConceptIndex, readonly extraLabels: Pick<ReadonlyMap<string, string>, 'get'> = new Map()) {
    const all = Array.isArray(quads) ? (quads as Quad[]) : [...quads];
    for (const q of all) {
      if (q.graph.termType !== 'NamedNode') continue;
      let set = this.graphs.get(q.subject.value);
      if (!set) this.graphs.set(q.subject.value, (set = new Set()));
      set.add(q.graph.value);
    }
    // The union graph without duplicates, as the dumps have it (and already computed for them).
    for (const q of sortedTriples(all)) {
      let props = this.bySubject.get(q.subject.value);
      if (!props) this.bySubject.set(q.subject.value, (props = new Map()));
      const list = props.get(q.predicate.value);
      if (list) list.push(q.object);
      else props.set(q.predicate.value, [q.object]);
    }
    for (const [s, props] of this.bySubject) {
      if (!(props.get(rdf.type) ?? []).some((t) => t.value === org.Membership)) continue;
      const one = (p: string) => props.get(p)?.[0]?.value ?? '';
      this.memberships.push({ iri: s, member: one(org.member), organization: one(org.organization), role: one(org.role), onBehalfOf: (props.get(dih.onBehalfOf) ?? []).map((t) => t.value).sort(cmp) });
    }
    this.memberships.sort((a, b) => cmp(a.iri, b.iri));
  }

  properties(subject: string): [string, Term[]][] {
    return [...(this.bySubject.get(subject) ?? new Map<string, Term[]>()).entries()].sort(([a], [b]) => cmp(a, b));
  }

  values(subject: string, predicate: string): Term[] {
    return this.bySubject.get(subject)?.get(predicate) ?? [];
  }

  /** Named graphs (source records) that state something about the subject. */
  graphsOf(subject: string): string[] {
    return [...(this.graphs.get(subject) ?? [])].sort(cmp);
  }

  isA(subject: string, cls: string): boolean {
    return this.values(subject, rdf.type).some((t) => t.value === cls);
  }

  subjectsOf(cls: string): string[] {
    return [...this.bySubject.keys()].filter((s) => this.isA(s, cls)).sort(cmp);
  }

  /** The English (or any) label of an IRI: its prefLabel in the data, a concept label, a property label, or the IRI itself. */
  label(iri: string): string {
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
