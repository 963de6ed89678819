/**
 * VoID description of the published graph: size (triples, entities, classes, properties), one
 * partition per class and per property, the dumps and the SPARQL endpoint, and linksets to the
 * EU country table, NUTS and NACE, the external datasets the hubs link to.
 */
import { DataFactory, type Quad } from 'n3';
import { dcterms, dih, EU_COUNTRY, foaf, NACE2, NUTS, oa, org, prov, rdf, skos, voidNs, xsd } from '../vocab/namespaces.js';
import { slugify } from '../map/iri.js';
import { DISTRIBUTION_FORMATS } from './catalog.js';
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

export function voidQuads(quads: Iterable<Quad>, options: VoidOptions): Quad[] {
  const ds = `${options.base}void/dataset`;
  const out: Quad[] = [];
  const add = (s: string, p: string, o: Quad['object']): void => void out.push(quad(namedNode(s), namedNode(p), o));
  const count = (s: string, p: string, n: number): void => add(s, p, literal(String(n), namedNode(xsd.integer)));

  const subjects = new Set<string>();
  const objects = new Set<string>();
  const byClass = new Map<string, Set<string>>();
  const byProperty = new Map<string, number>();
  const links = new Map<string, Map<string, number>>(); // target slug -> predicate -> triples
  let hub: string | undefined;
  // The union graph without duplicates, as the dumps have it (and already computed for them).
  const triples = sortedTriples(quads);
  for (const q of triples) {
    subjects.add(q.subject.value);
    // distinct RDF terms: n3 terms carry their N-Triples-like id ("v"@en and "v"@pt are two objects)
    objects.add((q.object as { id?: string }).id ?? `${q.object.termType}:${q.object.value}`);
    byProperty.set(q.predicate.value, (byProperty.get(q.predicate.value) ?? 0) + 1);
    if (q.predicate.value === rdf.type) {
      let set = byClass.get(q.object.value);
      if (!set) byClass.set(q.object.value, (set = new Set()));
      set.add(q.subject.value);
      if (q.object.value === dih.DigitalInnovationHub && (hub === undefined || q.subject.value < hub)) hub = q.subject.value;
    }
    if (q.object.termType === 'NamedNode' && q.subject.value.startsWith(options.base)) {
      const target = TARGETS.find((t) => q.object.value.startsWith(t.uriSpace));
      if (target) {
        let m = links.get(target.slug);
        if (!m) links.set(target.slug, (m = new Map()));
        m.set(q.predicate.value, (m.get(q.predicate.value) ?? 0) + 1);
      }
    }
  }

  add(ds, rdf.type, namedNode(voidNs.Dataset));
  add(ds, dcterms.title, literal('Digital Innovation Hubs as linked data', 'en'));
  add(ds, dcterms.description, literal('VoID description of the dih-ld publication: its size, classes, properties, dumps, SPARQL endpoint and links to EU authority tables.', 'en'));
  add(ds, voidNs.uriSpace, literal(options.base));
  count(ds, voidNs.triples, triples.length);
  count(ds, voidNs.entities, [...subjects].filter((s) => s.startsWith(options.base)).length);
  count(ds, voidNs.classes, byClass.size);
  count(ds, voidNs.properties, byProperty.size);
  count(ds, voidNs.distinctSubjects, subjects.size);
  count(ds, voidNs.distinctObjects, objects.size);
  add(ds, voidNs.sparqlEndpoint, namedNode(options.sparqlEndpoint ?? `${options.publicationBase}sparql`));
  const written = new Set(options.files);
  for (const f of DISTRIBUTION_FORMATS) if (written.has(f.file)) add(ds, voidNs.dataDump, namedNode(`${options.publicationBase}${f.file}`));
  if (hub) add(ds, voidNs.exampleResource, namedNode(hub));
  add(ds, dcterms.source, namedNode(`${options.base}catalog`));
  for (const ns of [dih.$base, org.$base, skos.$base, dcterms.$base, foaf.$base, prov.$base, oa.$base]) {
    add(ds, voidNs.vocabulary, namedNode(ns.replace(/#$/, '')));
  }

  for (const [cls, members] of [...byClass.entries()].sort(([a], [b]) => cmp(a, b))) {
    const part = `${options.base}void/class/${slugify(cls)}`;
    add(ds, voidNs.classPartition, namedNode(part));
    add(part, voidNs.class, namedNode(cls));
    count(part, voidNs.entities, members.size);
  }
  for (const [p, n] of [...byProperty.entries()].sort(([a], [b]) => cmp(a, b))) {
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
    for (const [p, n] of [...(links.get(t.slug) ?? new Map<string, number>()).entries()].sort(([a], [b]) => cmp(a, b))) {
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
