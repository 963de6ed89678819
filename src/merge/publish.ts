/**
 * The merged view as RDF and CSV. RDF goes into the named graph `{base}merged`: each canonical hub
 * with its name, country, web sites and concepts; a qualified PROV derivation per source record
 * (score, evidence); skos:exactMatch/closeMatch to the hub of each source record (never owl:sameAs);
 * and each conflict with the two claims (reified statements) and their source records.
 * links.csv and conflicts.csv carry the same content for people and spreadsheets.
 */
import { DataFactory, type Quad } from 'n3';
import { cleanLiteral as literal } from '../map/text.js';
import { slugify } from '../map/iri.js';
import { dcterms, dih, foaf, org, prov, rdf, skos, xsd } from '../vocab/namespaces.js';
import type { CanonicalHub, Conflict, ConflictValue } from './hubs.js';

const { namedNode, quad } = DataFactory;

/** Score from which a link is skos:exactMatch; below it, skos:closeMatch. */
export const EXACT_MATCH_SCORE = 0.8;

export function mergedGraphIri(base: string): string {
  return `${base}merged`;
}

export function mergeQuads(hubs: CanonicalHub[], conflicts: Conflict[], base: string, language = 'en'): Quad[] {
  const g = namedNode(mergedGraphIri(base));
  const out: Quad[] = [];
  const add = (s: string, p: string, o: Quad['object']) => void out.push(quad(namedNode(s), namedNode(p), o, g));
  for (const h of hubs) {
    add(h.iri, rdf.type, namedNode(dih.DigitalInnovationHub));
    add(h.iri, rdf.type, namedNode(org.Organization));
    add(h.iri, skos.prefLabel, literal(h.name, language));
    for (const n of h.altNames) add(h.iri, skos.altLabel, literal(n, language));
    if (h.country) add(h.iri, dih.country, namedNode(h.country));
    for (const site of h.homepages) add(h.iri, foaf.homepage, namedNode(site));
    for (const [p, iris] of h.concepts) for (const iri of iris) add(h.iri, p, namedNode(iri));
    for (const l of h.links) {
      add(h.iri, prov.wasDerivedFrom, namedNode(l.graph));
      if (l.sourceHub !== h.iri) add(h.iri, l.score >= EXACT_MATCH_SCORE ? skos.exactMatch : skos.closeMatch, namedNode(l.sourceHub));
      const d = `${h.iri}/derivation/${slugify(l.registry)}/${slugify(l.recordId)}`;
      add(h.iri, prov.qualifiedDerivation, namedNode(d));
      add(d, rdf.type, namedNode(prov.Derivation));
      add(d, prov.entity, namedNode(l.graph));
      add(d, dcterms.identifier, literal(l.identifier));
      add(d, dih.matchScore, literal(l.score.toFixed(2), namedNode(xsd.decimal)));
      for (const e of l.evidence) add(d, dih.matchEvidence, literal(e));
    }
  }
  const counter = new Map<string, number>();
  for (const c of conflicts) {
    const key = `${c.hub} ${c.property}`;
    const n = (counter.get(key) ?? 0) + 1;
    counter.set(key, n);
    const node = `${c.hub}/conflict/${slugify(c.property.slice(Math.max(c.property.lastIndexOf('#'), c.property.lastIndexOf('/')) + 1))}/${n}`;
    add(node, rdf.type, namedNode(dih.Conflict));
    add(node, dih.conflictOn, namedNode(c.hub));
    add(node, dih.conflictProperty, namedNode(c.property));
    for (const [side, v] of [['a', c.a], ['b', c.b]] as const) {
      const claim = `${node}/${side}`;
      add(node, dih.claim, namedNode(claim));
      add(claim, rdf.type, namedNode(rdf.Statement));
      add(claim, rdf.subject, namedNode(v.link.sourceHub));
      add(claim, rdf.predicate, namedNode(c.property));
      add(claim, rdf.object, v.iri ? namedNode(v.value) : literal(v.value));
      add(claim, prov.wasDerivedFrom, namedNode(v.link.graph));
    }
  }
  return out;
}

/** RFC 4180 field: quoted when it holds a comma, quote or line break. */
function csvField(value: string | number): string {
  const text = String(value);
  // A leading = + - @ would run as a formula in a spreadsheet: prefixed with a quote (OWASP CSV injection).
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** CSV lines, each ended by CRLF (RFC 4180). */
const csvLines = (rows: (string | number)[][]): string => rows.map((r) => `${r.map(csvField).join(',')}\r\n`).join('');

export const LINKS_HEADER = ['hub', 'source_file', 'source_record', 'registry_identifier', 'source_name', 'score', 'evidence'];
export const CONFLICTS_HEADER = ['hub', 'property', 'value_a', 'source_a', 'record_a', 'value_b', 'source_b', 'record_b'];

/** The header line of links.csv or conflicts.csv. */
export const csvHeader = (header: string[]): string => csvLines([header]);

/** links.csv's lines of these hubs, without the header: a build in batches writes them batch by batch. */
export function linksCsvRows(hubs: CanonicalHub[]): string {
  return csvLines(hubs.flatMap((h) => h.links.map((l) => [h.iri, l.file, `${l.registry}/${l.recordId}`, l.identifier, l.name, l.score.toFixed(2), l.evidence.join('; ')])));
}

/** conflicts.csv's lines of these conflicts, without the header. */
export function conflictsCsvRows(conflicts: Conflict[]): string {
  const side = (v: ConflictValue) => [v.value, v.link.file, `${v.link.registry}/${v.link.recordId}`];
  return csvLines(conflicts.map((c) => [c.hub, c.property, ...side(c.a), ...side(c.b)]));
}

export function linksCsv(hubs: CanonicalHub[]): string {
  return csvHeader(LINKS_HEADER) + linksCsvRows(hubs);
}

export function conflictsCsv(conflicts: Conflict[]): string {
  return csvHeader(CONFLICTS_HEADER) + conflictsCsvRows(conflicts);
}
