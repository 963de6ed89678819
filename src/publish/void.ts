/**
 * VoID description of the published graph: size (triples, entities, classes, properties), one
 * partition per class and per property, the dumps and the SPARQL endpoint, and linksets to the
 * EU country table, NUTS and NACE, the external datasets the hubs link to.
 */
import { DataFactory, type Quad } from 'n3';
import { dcterms, dih, EU_COUNTRY, foaf, NACE2, NUTS, oa, org, prov, rdf, skos, voidNs, xsd } from '../vocab/namespaces.js';
import { slugify } from '../map/iri.js';
import { DISTRIBUTION_FORMATS } from './catalog.js';
import { DistinctCounter } from '../util/distinct-counter.js';
import { sortedTriples } from './serialize.js';

const { namedNode, literal, quad } = DataFactory;

export interface VoidOptions { base: string; publicationBase: string; sparqlEndpoint?: string; files: Iterable<string> }

/** External datasets we link to: their IRI space and the predicates that point into it. */
const TARGETS = [
  { slug: 'eu-country', title: 'EU authority table of countries', uriSpace: EU_COUNTRY },
  { slug: 'nuts', title: 'NUTS regions', uriSpace: NUTS },
  { slug: 'nace-rev2', title: 'NACE Rev. 2', uriSpace: NACE2 },
] as const;

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** What counts VoID's distinct objects: in memory (DistinctCounter) or a part at a time (DistinctRuns). */
export interface DistinctCount {
  add(text: string): unknown;
  readonly size: number;
  /** The end of a part (an `add` of VoidStats). */
  endPart?(): void;
}

/** The VoID description of the de-duplicated union of the quads' graphs. */
export function voidQuads(quads: Iterable<Quad>, options: VoidOptions): Quad[] {
  const stats = new VoidStats(options.base);
  // The union graph without duplicates, as the dumps have it (and already computed for them).
  stats.add(sortedTriples(quads));
  return stats.quads(options);
}

/**
 * The counts of a VoID description gathered batch by batch, so a build need not hold every triple.
 * `add` takes triples no earlier `add` was given (each triple once across batches; graphs are
 * ignored): counts of triples, per property and per class are then plain sums. Only what cannot be
 * summed is kept: the distinct subjects and distinct objects.
 */
export class VoidStats {
  private triples = 0;
  // Counted, not kept (DistinctCounter): a 100,000-hub build has millions of distinct terms.
  private readonly subjects = new DistinctCounter();
  /** Subjects counted without the counter (see add's onlyHere). */
  private subjectsOnlyOnce = 0;
  private readonly objects: DistinctCount;
  /** Distinct subjects (the entities) by where they are: the base, or each subject's folder when no base was given. */
  private readonly entitiesUnder = new Map<string, number>();
  // Entities of a class are counted by rdf:type triples: a triple comes once, so a subject is
  // counted once per class without keeping a set of subjects per class.
  private readonly byClass = new Map<string, number>();
  private readonly byProperty = new Map<string, number>();
  // target slug -> predicate -> where the subject is -> triples. Linksets count subjects under
  // the base: given to the constructor, "where" is just the base; otherwise it is the subject's
  // folder (up to its last / or #), as a base ends with one of them, and quads() sums the folders
  // under its base.
  private readonly links = new Map<string, Map<string, Map<string, number>>>();
  private hub: string | undefined;

  /**
   * `base`, when known before the first batch: the data's IRI space, which `quads` must then be
   * given too. `objects` counts the distinct objects: a DistinctCounter by default; a build in
   * batches gives DistinctRuns, which holds one batch's at a time (each `add` is a part).
   */
  constructor(readonly base?: string, objects: DistinctCount = new DistinctCounter()) {
    this.objects = objects;
  }

  /**
   * `onlyHere(subject)`, when given, is true of the subjects no other call describes (a build in
   * batches knows which subjects several batches describe), and whose triples come together in
   * `triples` (publication order): those are counted without being kept in the distinct counter,
   * whose table for 2.5 M subjects took 32-48 MB at 100,000 hubs.
   */
  add(triples: Iterable<Quad>, onlyHere?: (subject: string) => boolean): void {
    const base = this.base;
    // Hashing a term for the distinct counts is most of the work: a subject's triples come
    // together (in publication order), and a batch repeats its objects (concepts, classes,
    // countries), which a Set of this call's objects skips at the cost of V8's own hashing.
    let lastSubject: string | undefined;
    const objectsSeen = new Set<string>();
    for (const q of triples) {
      const s = q.subject.value;
      const p = q.predicate.value;
      this.triples++;
      if (s !== lastSubject) {
        lastSubject = s;
        if (onlyHere?.(s) ? ++this.subjectsOnlyOnce > 0 : this.subjects.add(s)) {
          const under = base === undefined ? s.slice(0, Math.max(s.lastIndexOf('/'), s.lastIndexOf('#')) + 1) : s.startsWith(base) ? base : undefined;
          if (under !== undefined) this.entitiesUnder.set(under, (this.entitiesUnder.get(under) ?? 0) + 1);
        }
      }
      // distinct RDF terms: n3 terms carry their N-Triples-like id ("v"@en and "v"@pt are two objects)
      const o = (q.object as { id?: string }).id ?? `${q.object.termType}:${q.object.value}`;
      if (!objectsSeen.has(o)) {
        objectsSeen.add(o);
        this.objects.add(o);
      }
      this.byProperty.set(p, (this.byProperty.get(p) ?? 0) + 1);
      if (p === rdf.type) {
        this.byClass.set(q.object.value, (this.byClass.get(q.object.value) ?? 0) + 1);
        if (q.object.value === dih.DigitalInnovationHub && (this.hub === undefined || s < this.hub)) this.hub = s;
      }
      if (q.object.termType !== 'NamedNode') continue;
      const target = TARGETS.find((t) => q.object.value.startsWith(t.uriSpace));
      if (!target) continue;
      const where = base === undefined ? s.slice(0, Math.max(s.lastIndexOf('/'), s.lastIndexOf('#')) + 1) : s.startsWith(base) ? base : undefined;
      if (where === undefined) continue;
      let byPredicate = this.links.get(target.slug);
      if (!byPredicate) this.links.set(target.slug, (byPredicate = new Map()));
      let m = byPredicate.get(p);
      if (!m) byPredicate.set(p, (m = new Map()));
      m.set(where, (m.get(where) ?? 0) + 1);
    }
    this.objects.endPart?.();
  }

  /** Triples per link predicate into a target, from subjects under `base`. */
  private linksInto(slug: string, base: string): [string, number][] {
    const out: [string, number][] = [];
    for (const [p, m] of this.links.get(slug) ?? []) {
      let n = 0;
      for (const [where, k] of m) if (where.startsWith(base)) n += k;
      if (n) out.push([p, n]);
    }
    return out.sort(([a], [b]) => cmp(a, b));
  }

  quads(options: VoidOptions): Quad[] {
    if (this.base !== undefined && options.base !== this.base) throw new Error(`VoID options name base ${options.base}, the statistics were gathered for ${this.base}`);
    const ds = `${options.base}void/dataset`;
    const out: Quad[] = [];
    const add = (s: string, p: string, o: Quad['object']): void => void out.push(quad(namedNode(s), namedNode(p), o));
    const count = (s: string, p: string, n: number): void => add(s, p, literal(String(n), namedNode(xsd.integer)));

    add(ds, rdf.type, namedNode(voidNs.Dataset));
    add(ds, dcterms.title, literal('Digital Innovation Hubs as linked data', 'en'));
    add(ds, dcterms.description, literal('VoID description of the dih-ld publication: its size, classes, properties, dumps, SPARQL endpoint and links to EU authority tables.', 'en'));
    add(ds, voidNs.uriSpace, literal(options.base));
    count(ds, voidNs.triples, this.triples);
    let entities = 0;
    for (const [under, n] of this.entitiesUnder) if (under.startsWith(options.base)) entities += n;
    count(ds, voidNs.entities, entities);
    count(ds, voidNs.classes, this.byClass.size);
    count(ds, voidNs.properties, this.byProperty.size);
    count(ds, voidNs.distinctSubjects, this.subjects.size + this.subjectsOnlyOnce);
    count(ds, voidNs.distinctObjects, this.objects.size);
    add(ds, voidNs.sparqlEndpoint, namedNode(options.sparqlEndpoint ?? `${options.publicationBase}sparql`));
    const written = new Set(options.files);
    for (const f of DISTRIBUTION_FORMATS) if (written.has(f.file)) add(ds, voidNs.dataDump, namedNode(`${options.publicationBase}${f.file}`));
    if (this.hub) add(ds, voidNs.exampleResource, namedNode(this.hub));
    add(ds, dcterms.source, namedNode(`${options.base}catalog`));
    for (const ns of [dih.$base, org.$base, skos.$base, dcterms.$base, foaf.$base, prov.$base, oa.$base]) {
      add(ds, voidNs.vocabulary, namedNode(ns.replace(/#$/, '')));
    }

    for (const [cls, n] of [...this.byClass.entries()].sort(([a], [b]) => cmp(a, b))) {
      const part = `${options.base}void/class/${slugify(cls)}`;
      add(ds, voidNs.classPartition, namedNode(part));
      add(part, voidNs.class, namedNode(cls));
      count(part, voidNs.entities, n);
    }
    for (const [p, n] of [...this.byProperty.entries()].sort(([a], [b]) => cmp(a, b))) {
      const part = `${options.base}void/property/${slugify(p)}`;
      add(ds, voidNs.propertyPartition, namedNode(part));
      add(part, voidNs.property, namedNode(p));
      count(part, voidNs.triples, n);
    }
    for (const t of TARGETS) {
      const target = `${options.base}void/target/${t.slug}`;
      add(target, rdf.type, namedNode(voidNs.Dataset));
      add(target, dcterms.title, literal(t.title, 'en'));
      add(target, voidNs.uriSpace, literal(t.uriSpace));
      for (const [p, n] of this.linksInto(t.slug, options.base)) {
        const ls = `${options.base}void/linkset/${t.slug}/${slugify(p)}`;
        add(ds, voidNs.subset, namedNode(ls));
        add(ls, rdf.type, namedNode(voidNs.Linkset));
        add(ls, voidNs.subjectsTarget, namedNode(ds));
        add(ls, voidNs.objectsTarget, namedNode(target));
        add(ls, voidNs.linkPredicate, namedNode(p));
        count(ls, voidNs.triples, n);
      }
    }
    return out;
  }
}
