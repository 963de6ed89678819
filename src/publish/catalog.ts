/**
 * The DCAT-AP 3.0 catalogue of a publication: one dcat:Catalog with one dcat:Dataset (the hub
 * graph), one dcat:Distribution per serialization (sizes and checksums computed from the bytes
 * written), and a dcat:DataService for the SPARQL endpoint.
 *
 * Everything dated comes from the sources (prov:generatedAtTime of the source records), never from
 * the clock, so a rebuild is byte-identical. The EU authority-table concepts the catalogue uses are
 * described in it (from ontology/vocabularies/eu-*.ttl and country.ttl), so the DCAT-AP
 * controlled-vocabulary shapes, which look for skos:inScheme, can check it offline.
 */
import { createHash } from 'node:crypto';
import { DataFactory, type Quad } from 'n3';
import { dcat, dcatap, dct, dcterms, dih, EU_COUNTRY, foaf, foafPub, owl, prov, rdf, rdfs, skos, spdx, vcard, xsd } from '../vocab/namespaces.js';
import type { ConceptIndex } from '../vocab/concepts.js';
import { append } from '../util/arrays.js';
import { DistinctCounter } from '../util/distinct-counter.js';

const { namedNode, literal, quad } = DataFactory;

const AUTHORITY = 'http://publications.europa.eu/resource/authority/';
const IANA = 'https://www.iana.org/assignments/media-types/';
/**
 * The official DCAT-AP 3.0.1 shapes require the checksum algorithm IRI to start with
 * `https://spdx.org/rdf/terms` (ChecksumAlgorithmRestriction), while the SPDX vocabulary's own
 * namespace is `http://spdx.org/rdf/terms#`. We publish the https form the validators accept, and
 * state with owl:sameAs that it is the SPDX term.
 */
export const SHA256_ALGORITHM = 'https://spdx.org/rdf/terms#checksumAlgorithm_sha256';
const SHA256_ALGORITHM_SPDX = `${spdx.$base}checksumAlgorithm_sha256`;

/** One row per serialization: what the EU file-type table and IANA call it, and its specification. */
export interface DistributionFormat { file: string; fileType: string; mediaType: string; title: string; spec: string }
export const DISTRIBUTION_FORMATS: readonly DistributionFormat[] = [
  { file: 'dih.ttl', fileType: 'RDF_TURTLE', mediaType: 'text/turtle', title: 'Turtle', spec: 'https://www.w3.org/TR/turtle/' },
  { file: 'dih.jsonld', fileType: 'JSON_LD', mediaType: 'application/ld+json', title: 'JSON-LD', spec: 'https://www.w3.org/TR/json-ld11/' },
  { file: 'dih.nt', fileType: 'RDF_N_TRIPLES', mediaType: 'application/n-triples', title: 'N-Triples', spec: 'https://www.w3.org/TR/n-triples/' },
  { file: 'dih.nq', fileType: 'RDF_N_QUADS', mediaType: 'application/n-quads', title: 'N-Quads (one named graph per source record)', spec: 'https://www.w3.org/TR/n-quads/' },
  { file: 'dih.rdf', fileType: 'RDF_XML', mediaType: 'application/rdf+xml', title: 'RDF/XML', spec: 'https://www.w3.org/TR/rdf-syntax-grammar/' },
];

export interface CatalogOptions {
  /** IRI base of the data (hubs, concepts). */
  base: string;
  /** Where dist/ is served: download URLs, landing page. */
  publicationBase: string;
  /** SPARQL endpoint serving the graph; default `{publicationBase}sparql`. */
  sparqlEndpoint?: string;
  publisherName?: string;
  publisherHomepage?: string;
  /** EU licence table code (CC_BY_4_0, CC0, ...); it must be described in eu-licence.ttl. */
  licence?: string;
  title?: string;
  description?: string;
}

/** What the catalogue needs to know about the data, read from its quads. */
export interface DataFacts { hubs: number; countries: string[]; dates: { value: string; datatype: string }[]; keywords: string[] }

export function dataFacts(quads: Iterable<Quad>, concepts: ConceptIndex): DataFacts {
  const collector = new DataFactsCollector(concepts);
  collector.add(quads);
  return collector.facts();
}

/**
 * DataFacts gathered batch by batch: what it keeps are sets (countries, dates, keywords) and a
 * distinct count (hubs), so a quad seen in two batches, or in two graphs, counts once.
 */
export class DataFactsCollector {
  // Counted, not kept: at 100,000 hubs a Set of the hubs' IRIs (the source records' too) held ~18 MB to the end.
  private readonly hubs = new DistinctCounter();
  private readonly countries = new Set<string>();
  private readonly dates = new Map<string, string>();
  private readonly keywords = new Set<string>(['Digital Innovation Hubs', 'DIH', 'innovation ecosystems', 'digital transformation', 'linked data']);

  constructor(private readonly concepts: ConceptIndex) {}

  add(quads: Iterable<Quad>): void {
    const concepts = this.concepts;
    for (const q of quads) {
      const p = q.predicate.value;
      if (p === rdf.type && q.object.value === dih.DigitalInnovationHub) this.hubs.add(q.subject.value);
      else if ((p === dih.country || p === dih.officiallyRecognisedIn) && q.object.value.startsWith(EU_COUNTRY) && concepts.isConcept(q.object.value)) this.countries.add(q.object.value);
      else if (p === prov.generatedAtTime && q.object.termType === 'Literal' && (q.object.datatype.value === xsd.date || q.object.datatype.value === xsd.dateTime)) this.dates.set(q.object.value, q.object.datatype.value);
      else if ((p === dih.sector || p === dih.technology || p === dih.hubType) && q.object.termType === 'NamedNode') {
        const label = concepts.concepts.get(q.object.value)?.prefLabel;
        if (label) this.keywords.add(label);
      }
    }
  }

  facts(): DataFacts {
    return {
      hubs: this.hubs.size,
      countries: [...this.countries].sort(),
      dates: [...this.dates.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([value, datatype]) => ({ value, datatype })),
      keywords: [...this.keywords].sort((a, b) => a.localeCompare(b, 'en')),
    };
  }
}

export const sha256Hex = (bytes: string | Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
export const byteLength = (bytes: string | Uint8Array): number => (typeof bytes === 'string' ? Buffer.byteLength(bytes, 'utf8') : bytes.byteLength);

/** What the catalogue says of a file: its size and SHA-256, so a build need not keep its bytes. */
export interface FileDigest {
  byteSize: number;
  sha256: string;
}

/** Files the catalogue describes: their content, or their digest once the content is written. */
export type DescribedFiles = ReadonlyMap<string, string | Uint8Array | FileDigest>;

export function digestOf(content: string | Uint8Array | FileDigest): FileDigest {
  return typeof content === 'string' || content instanceof Uint8Array ? { byteSize: byteLength(content), sha256: sha256Hex(content) } : content;
}

/** IRIs of the catalogue's own nodes, all minted under the base (no blank nodes). */
export function catalogIris(base: string) {
  return {
    catalog: `${base}catalog`,
    dataset: `${base}dataset`,
    distribution: (file: string) => `${base}dataset/distribution/${file.replace(/^dih\./, '')}`,
    checksum: (file: string) => `${base}dataset/distribution/${file.replace(/^dih\./, '')}/checksum`,
    service: `${base}sparql-service`,
    publisher: `${base}publisher`,
    contact: `${base}contact`,
    rights: `${base}rights`,
    temporal: `${base}dataset/temporal`,
    ontology: 'https://w3id.org/dih/ns',
    shapes: `${base}shapes`,
  };
}

export function catalogQuads(files: DescribedFiles, facts: DataFacts, concepts: ConceptIndex, options: CatalogOptions): Quad[] {
  const out: Quad[] = [];
  const iri = catalogIris(options.base);
  const pub = options.publicationBase;
  const used = new Set<string>();
  const add = (s: string, p: string, o: Quad['object']): void => void out.push(quad(namedNode(s), namedNode(p), o));
  const link = (s: string, p: string, o: string): void => add(s, p, namedNode(o));
  const text = (s: string, p: string, value: string): void => add(s, p, literal(value, 'en'));
  const typed = (s: string, ...types: string[]): void => types.forEach((t) => link(s, rdf.type, t));
  const authority = (s: string, p: string, table: string, code: string): void => {
    const concept = `${AUTHORITY}${table}/${code}`;
    if (!concepts.isConcept(concept)) throw new Error(`${concept} is not described in ontology/vocabularies/eu-${table}.ttl`);
    used.add(concept);
    link(s, p, concept);
  };

  const licence = options.licence ?? 'CC_BY_4_0';
  const endpoint = options.sparqlEndpoint ?? `${pub}sparql`;
  const landing = `${pub}index.html`;
  const first = facts.dates[0];
  const last = facts.dates[facts.dates.length - 1];
  const dated = (s: string): void => {
    if (first) add(s, dcterms.issued, literal(first.value, namedNode(first.datatype)));
    if (last) add(s, dcterms.modified, literal(last.value, namedNode(last.datatype)));
  };
  const title = options.title ?? 'Digital Innovation Hubs as linked data';
  const description = options.description ??
    `${facts.hubs} Digital Innovation Hub(s), the organisations and initiatives around them and the roles they hold, read from hub registries and catalogue pages, each fact in the named graph of the source record it came from. Published by dih-ld as one validated graph in Turtle, JSON-LD, N-Triples, N-Quads and RDF/XML, with a SPARQL endpoint.`;

  // Catalogue
  typed(iri.catalog, dcat.Catalog);
  text(iri.catalog, dcterms.title, `${title}: catalogue`);
  text(iri.catalog, dcterms.description, `The DCAT-AP 3.0 catalogue of the dih-ld publication: ${description}`);
  link(iri.catalog, dcterms.publisher, iri.publisher);
  link(iri.catalog, foaf.homepage, landing);
  authority(iri.catalog, dct.language, 'language', 'ENG');
  authority(iri.catalog, dcterms.license, 'licence', licence);
  for (const c of facts.countries) link(iri.catalog, dcterms.spatial, c);
  link(iri.catalog, dcat.themeTaxonomy, `${AUTHORITY}data-theme`);
  link(iri.catalog, dcat.dataset, iri.dataset);
  link(iri.catalog, dcat.service, iri.service);
  dated(iri.catalog);

  // Dataset
  typed(iri.dataset, dcat.Dataset);
  text(iri.dataset, dcterms.title, title);
  text(iri.dataset, dcterms.description, description);
  add(iri.dataset, dcterms.identifier, literal(iri.dataset));
  for (const k of facts.keywords) text(iri.dataset, dcat.keyword, k);
  for (const theme of ['TECH', 'ECON']) authority(iri.dataset, dcat.theme, 'data-theme', theme);
  for (const c of facts.countries) link(iri.dataset, dcterms.spatial, c);
  authority(iri.dataset, dct.language, 'language', 'ENG');
  authority(iri.dataset, dct.accrualPeriodicity, 'frequency', 'IRREG');
  authority(iri.dataset, dct.accessRights, 'access-right', 'PUBLIC');
  link(iri.dataset, dcterms.publisher, iri.publisher);
  link(iri.dataset, dcat.contactPoint, iri.contact);
  link(iri.dataset, dcat.landingPage, landing);
  link(iri.dataset, dcterms.conformsTo, iri.ontology);
  link(iri.dataset, dcterms.conformsTo, iri.shapes);
  dated(iri.dataset);
  if (first && last) {
    link(iri.dataset, dct.temporal, iri.temporal);
    typed(iri.temporal, dct.PeriodOfTime);
    add(iri.temporal, dcat.startDate, literal(first.value, namedNode(first.datatype)));
    add(iri.temporal, dcat.endDate, literal(last.value, namedNode(last.datatype)));
  }

  // Distributions: one per serialization that was written, described from its bytes.
  for (const f of DISTRIBUTION_FORMATS) {
    const content = files.get(f.file);
    if (content === undefined) continue;
    const digest = digestOf(content);
    const d = iri.distribution(f.file);
    const sum = iri.checksum(f.file);
    link(iri.dataset, dcat.distribution, d);
    typed(d, dcat.Distribution);
    text(d, dcterms.title, `${title} (${f.title})`);
    text(d, dcterms.description, `The whole graph as ${f.title}, ${f.file} of the publication.`);
    link(d, dcat.accessURL, `${pub}${f.file}`);
    link(d, dcat.downloadURL, `${pub}${f.file}`);
    link(d, dcat.mediaType, `${IANA}${f.mediaType}`);
    typed(`${IANA}${f.mediaType}`, dct.MediaType);
    authority(d, dct.format, 'file-type', f.fileType);
    add(d, dcat.byteSize, literal(String(digest.byteSize), namedNode(xsd.nonNegativeInteger)));
    link(d, spdx.checksum, sum);
    typed(sum, spdx.Checksum);
    link(sum, spdx.algorithm, SHA256_ALGORITHM);
    add(sum, spdx.checksumValue, literal(digest.sha256, namedNode(xsd.hexBinary)));
    authority(d, dcterms.license, 'licence', licence);
    link(d, dcterms.rights, iri.rights);
    authority(d, dcatap.availability, 'planned-availability', 'STABLE');
    link(d, dcterms.conformsTo, f.spec);
    typed(f.spec, dct.Standard);
    text(f.spec, rdfs.label, f.title);
    dated(d);
  }
  typed(SHA256_ALGORITHM, spdx.ChecksumAlgorithm);
  text(SHA256_ALGORITHM, rdfs.label, 'SHA-256');
  link(SHA256_ALGORITHM, owl.sameAs, SHA256_ALGORITHM_SPDX);

  // SPARQL endpoint
  typed(iri.service, dcat.DataService);
  text(iri.service, dcterms.title, `${title}: SPARQL endpoint`);
  text(iri.service, dcterms.description, 'SPARQL 1.1 endpoint over the whole graph; the default graph is the union of the source records\' graphs.');
  link(iri.service, dcat.endpointURL, endpoint);
  link(iri.service, dcat.endpointDescription, endpoint);
  link(iri.service, dcat.servesDataset, iri.dataset);
  link(iri.service, dcat.contactPoint, iri.contact);
  link(iri.service, dcterms.publisher, iri.publisher);
  for (const theme of ['TECH', 'ECON']) authority(iri.service, dcat.theme, 'data-theme', theme);
  for (const k of ['SPARQL', 'Digital Innovation Hubs', 'linked data']) text(iri.service, dcat.keyword, k);
  link(iri.service, dcterms.conformsTo, 'https://www.w3.org/TR/sparql11-protocol/');
  typed('https://www.w3.org/TR/sparql11-protocol/', dct.Standard);
  authority(iri.service, dcterms.license, 'licence', licence);
  authority(iri.service, dct.accessRights, 'access-right', 'PUBLIC');

  // Publisher, contact point, rights, what the dataset conforms to
  typed(iri.publisher, foafPub.Agent, foafPub.Organization);
  add(iri.publisher, foaf.name, literal(options.publisherName ?? 'dih-ld publication'));
  if (options.publisherHomepage) link(iri.publisher, foaf.homepage, options.publisherHomepage);
  typed(iri.contact, vcard.Kind, vcard.Organization);
  add(iri.contact, vcard.fn, literal(options.publisherName ?? 'dih-ld publication'));
  link(iri.contact, vcard.hasURL, options.publisherHomepage ?? landing);
  typed(landing, foafPub.Document);
  typed(iri.rights, dct.RightsStatement);
  text(iri.rights, rdfs.label, `Free to reuse under ${concepts.concepts.get(`${AUTHORITY}licence/${licence}`)?.prefLabel ?? licence}; cite the source registries each fact was read from (named graph and prov:wasDerivedFrom of every record).`);
  typed(iri.ontology, dct.Standard);
  text(iri.ontology, rdfs.label, 'dih-ld ontology');
  typed(iri.shapes, dct.Standard);
  text(iri.shapes, rdfs.label, 'dih-ld SHACL shapes');

  for (const c of facts.countries) used.add(c);
  append(out, describeConcepts(used, concepts));
  return out;
}

/** The authority concepts used, with their schemes (each given a dct:title, which DCAT-AP requires of a scheme). */
function describeConcepts(used: Set<string>, concepts: ConceptIndex): Quad[] {
  const out: Quad[] = [];
  const schemes = new Set<string>([`${AUTHORITY}data-theme`]);
  const keep = new Set([rdf.type, skos.prefLabel, skos.inScheme, skos.notation, skos.exactMatch, dcterms.type, dcterms.title]);
  const more = new Set<string>();
  for (const c of used) {
    for (const q of concepts.describe(c)) {
      if (!keep.has(q.predicate.value)) continue;
      out.push(quad(q.subject, q.predicate, q.object));
      if (q.predicate.value === skos.inScheme) schemes.add(q.object.value);
      if (q.predicate.value === dcterms.type) more.add(q.object.value);
    }
  }
  for (const c of more) {
    for (const q of concepts.describe(c)) if (keep.has(q.predicate.value)) out.push(quad(q.subject, q.predicate, q.object));
    for (const q of concepts.describe(c)) if (q.predicate.value === skos.inScheme) schemes.add(q.object.value);
  }
  for (const s of [...schemes].sort()) {
    const described = concepts.describe(s).filter((q) => keep.has(q.predicate.value));
    append(out, described.map((q) => quad(q.subject, q.predicate, q.object)));
    if (!described.some((q) => q.predicate.value === rdf.type)) out.push(quad(namedNode(s), namedNode(rdf.type), namedNode(skos.ConceptScheme)));
    if (!described.some((q) => q.predicate.value === dcterms.title)) {
      const label = concepts.describe(s).find((q) => q.predicate.value === skos.prefLabel)?.object ?? literal(s);
      out.push(quad(namedNode(s), namedNode(dcterms.title), label));
    }
  }
  return out;
}
