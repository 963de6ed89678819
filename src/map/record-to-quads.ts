/**
 * map: HubRecord -> quads. The only module that knows how the record model lands in the ontology.
 * Every fact goes into the record's own named graph; what describes the record itself (PROV-O)
 * goes into the default graph. Values that resolve to no concept or are no valid IRI are kept as
 * plain literals (so validation reports them against their source) and listed as diagnostics.
 */
import { DataFactory, type Quad } from 'n3';
import type { Diagnostic } from '../model/diagnostics.js';
import type { ConceptRef, Entity, FactProvenance, HubRecord } from '../model/record.js';
import { dcat, dcterms, dih, foaf, locn, org, prov, rdf, skos, vcard, xsd } from '../vocab/namespaces.js';
import type { ConceptIndex, SchemeName } from '../vocab/concepts.js';
import { IriMinter, normaliseWebsite, slugify } from './iri.js';
import { annotationQuads } from './annotations.js';
import { cleanLiteral, hasLoneSurrogate } from './text.js';

const { namedNode, quad, defaultGraph } = DataFactory;
const literal = cleanLiteral;
type Subject = Quad['subject'];
type Obj = Quad['object'];

export interface MapContext {
  minter: IriMinter;
  concepts: ConceptIndex;
  /** Language tag of names and descriptions. */
  language: string;
  /** Publish contact points of natural persons (names, e-mails, phones); off by default. */
  includePersonalData?: boolean;
}

export interface MappedRecord {
  graph: string;
  hubIri: string;
  quads: Quad[];
  diagnostics: Diagnostic[];
  /** IRIs of external concepts (countries, NUTS, NACE) the record uses, to publish their labels. */
  usedConcepts: Set<string>;
}

/** IRI of an entity: hubs, organisations and initiatives each have their own path. */
export function entityIri(minter: IriMinter, e: Entity): string {
  const slug = slugify(e.name || e.key);
  if (e.kind === 'hub') return minter.hub(slug);
  if (e.kind === 'initiative') return minter.initiative(slug);
  return minter.org(slug);
}

export function mapRecord(record: HubRecord, ctx: MapContext): MappedRecord {
  const { minter, concepts } = ctx;
  const graphIri = minter.source(record.source.registry, record.source.id);
  const g = namedNode(graphIri);
  const quads: Quad[] = [];
  const diagnostics: Diagnostic[] = [];
  const usedConcepts = new Set<string>();
  // Registry exports get a hub IRI under their source record; the merge stage adds the canonical one.
  // Registry records speak only for themselves: their hub and the organisations their prose names get
  // IRIs under the record, so two records spelling one name differently never give one IRI two
  // prefLabels. The merge stage links records of one hub under a canonical IRI.
  const scoped = (e: Entity): string =>
    e.key === record.hub ? minter.sourceNode(record.source.registry, record.source.id, 'hub') : minter.sourceNode(record.source.registry, record.source.id, e.kind === 'organisation' ? 'org' : e.kind, e.name || e.key);
  const iris = new Map(record.entities.map((e) => [e.key, record.source.scopedHub ? scoped(e) : entityIri(minter, e)]));
  const where = (field: string, line = record.source.line): Diagnostic => ({ severity: 'warning', file: record.source.file, ...(line !== undefined ? { line } : {}), record: record.source.id, field, message: '' });
  const add = (s: Subject, p: string, o: Obj): void => void quads.push(quad(s, namedNode(p), o, g));
  const text = (value: string, field = 'text'): Obj => {
    if (hasLoneSurrogate(value)) diagnostics.push({ ...where(field, line), message: `${JSON.stringify(value.slice(0, 60))} holds a lone surrogate, NUL, U+FFFE or U+FFFF (not encodable in UTF-8 / XML); replaced by U+FFFD` });
    return literal(value, ctx.language);
  };
  const annotate = (s: string, p: string, o: Obj, provenance: FactProvenance | undefined): void => {
    if (provenance) quads.push(...annotationQuads({ minter, record, subject: s, predicate: p, object: o, provenance }));
  };

  let line = record.source.line;
  const conceptValue = (s: Subject, p: string, scheme: SchemeName, ref: ConceptRef, field: string): void => {
    const iri = ref.iri ?? concepts.lookup(concepts.schemeIri(scheme), ref.label);
    const o: Obj = iri ? namedNode(iri) : literal(ref.label);
    if (!iri) diagnostics.push({ ...where(field, line), message: `no ${scheme} concept has the label ${JSON.stringify(ref.label)}; kept as a plain literal` });
    add(s, p, o);
    annotate(s.value, p, o, ref.provenance);
    if (ref.level !== undefined && iri) {
      // The registry's level qualifies the link without changing it: a reified statement carries it.
      const st = namedNode(minter.sourceNode(record.source.registry, record.source.id, 'level', p.slice(p.lastIndexOf('#') + 1), iri.slice(iri.lastIndexOf('/') + 1)));
      add(st, rdf.type, namedNode(rdf.Statement));
      add(st, rdf.subject, s);
      add(st, rdf.predicate, namedNode(p));
      add(st, rdf.object, o);
      add(st, dih.level, literal(String(ref.level), namedNode(xsd.integer)));
    }
  };
  const placeValue = (s: Subject, p: string, code: string, kind: 'country' | 'region', field: string): void => {
    const iri = kind === 'country' ? concepts.countryIri(code) : concepts.nutsIri(code.replace(/^nuts:/, ''));
    if (iri) {
      add(s, p, namedNode(iri));
      usedConcepts.add(iri);
    } else {
      add(s, p, literal(code));
      diagnostics.push({ ...where(field, line), message: `unknown ${kind} ${JSON.stringify(code)}; kept as a plain literal` });
    }
  };

  for (const e of record.entities) {
    const iri = iris.get(e.key) as string;
    const s = namedNode(iri);
    const field = (f: string) => `entities.${e.key}.${f}`;
    line = e.line ?? record.source.line;
    if (e.kind === 'hub') {
      add(s, rdf.type, namedNode(dih.DigitalInnovationHub));
      add(s, rdf.type, namedNode(org.Organization));
    } else if (e.kind === 'initiative') add(s, rdf.type, namedNode(dih.Initiative));
    else add(s, rdf.type, namedNode(org.Organization));
    if (e.name.trim()) {
      add(s, skos.prefLabel, text(e.name, field('name')));
      annotate(iri, skos.prefLabel, literal(e.name, ctx.language), e.provenance);
    }
    for (const alt of e.altNames) if (alt.normalize('NFC') !== e.name.normalize('NFC')) add(s, skos.altLabel, text(alt, field('altNames')));
    if (e.description) add(s, dcterms.description, text(e.description, field('description')));
    if (e.homepage !== undefined) {
      const site = normaliseWebsite(e.homepage);
      if (site.url) add(s, foaf.homepage, namedNode(site.url));
      else {
        add(s, foaf.homepage, literal(e.homepage));
        diagnostics.push({ ...where(field('homepage'), line), severity: 'error', message: `${site.problem}; kept as a plain literal` });
      }
    }
    if (e.country !== undefined) placeValue(s, dih.country, e.country, 'country', field('country'));
    if (e.address) {
      const a = namedNode(minter.sourceNode(record.source.registry, record.source.id, e.key, 'address'));
      add(s, locn.address, a);
      add(a, rdf.type, namedNode(locn.Address));
      const parts: [string, string | undefined][] = [[locn.fullAddress, e.address.full], [locn.thoroughfare, e.address.street], [locn.postName, e.address.locality], [locn.postCode, e.address.postalCode], [locn.adminUnitL2, e.address.region], [locn.adminUnitL1, e.address.country]];
      for (const [p, v] of parts) if (v?.trim()) add(a, p, literal(v.trim()));
    }
    for (const [i, c] of (e.contactPoints ?? []).entries()) {
      if (c.personal && !ctx.includePersonalData) continue;
      const cp = namedNode(minter.sourceNode(record.source.registry, record.source.id, e.key, 'contact', String(i + 1)));
      add(s, dcat.contactPoint, cp);
      add(cp, rdf.type, namedNode(c.personal ? vcard.Individual : vcard.Organization));
      if (c.name) add(cp, vcard.fn, literal(c.name));
      if (c.email && /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/.test(c.email)) add(cp, vcard.hasEmail, namedNode(`mailto:${encodeURI(c.email)}`));
      if (c.phone) add(cp, vcard.hasTelephone, namedNode(`tel:${c.phone.replace(/[^+0-9]/g, '')}`));
    }
    for (const r of e.regions) placeValue(s, dih.region, r, 'region', field('regions'));
    if (e.officiallyRecognisedIn !== undefined) placeValue(s, dih.officiallyRecognisedIn, e.officiallyRecognisedIn, 'country', field('officiallyRecognisedIn'));
    if (e.status) conceptValue(s, dih.status, 'status', e.status, field('status'));
    if (e.hubType) conceptValue(s, dih.hubType, 'hub-type', e.hubType, field('hubType'));
    for (const t of e.types) conceptValue(s, dih.organisationType, 'organisation-type', t, field('types'));
    for (const c of e.sectors) conceptValue(s, dih.sector, 'sector', c, field('sectors'));
    for (const c of e.technologies) conceptValue(s, dih.technology, 'technology', c, field('technologies'));
    for (const c of e.services) conceptValue(s, dih.service, 'service', c, field('services'));
    for (const c of e.memberTypes) conceptValue(s, dih.memberType, 'organisation-type', c, field('memberTypes'));
    for (const c of e.memberSectors) conceptValue(s, dih.memberSector, 'sector', c, field('memberSectors'));
    for (const key of e.partOf) {
      const parent = record.entities.find((x) => x.key === key);
      const target = iris.get(key);
      if (!parent || !target) continue;
      const bothOrgs = e.kind !== 'initiative' && parent.kind !== 'initiative';
      add(s, bothOrgs ? org.subOrganizationOf : dcterms.isPartOf, namedNode(target));
    }
    for (const key of e.contributesTo) {
      const target = iris.get(key);
      if (target) add(s, dih.contributesTo, namedNode(target));
    }
  }

  for (const [i, r] of record.relations.entries()) {
    const holder = iris.get(r.holder);
    const target = iris.get(r.target);
    if (!holder || !target) continue;
    line = r.line ?? record.source.line;
    const roleIri = r.role.iri ?? concepts.lookup(concepts.schemeIri('role'), r.role.label);
    if (!roleIri) {
      diagnostics.push({ ...where(`relations.${i}.role`, line), severity: 'error', message: `no role concept has the label ${JSON.stringify(r.role.label)}; relation not published` });
      continue;
    }
    const roleSlug = roleIri.slice(roleIri.lastIndexOf('/') + 1);
    const m = namedNode(minter.membership(holder.slice(minter.base.length), roleSlug, target.slice(minter.base.length)));
    add(m, rdf.type, namedNode(org.Membership));
    add(m, org.member, namedNode(holder));
    add(m, org.organization, namedNode(target));
    add(m, org.role, namedNode(roleIri));
    if (r.onBehalfOf) {
      if (r.onBehalfOf.startsWith('nuts:')) placeValue(m, dih.onBehalfOf, r.onBehalfOf, 'region', `relations.${i}.onBehalfOf`);
      else {
        const who = iris.get(r.onBehalfOf);
        if (who) add(m, dih.onBehalfOf, namedNode(who));
      }
    }
    add(namedNode(holder), roleSlug === 'member-of' || roleSlug === 'founding-member-of' ? org.memberOf : org.linkedTo, namedNode(target));
    annotate(m.value, org.role, namedNode(roleIri), r.provenance);
  }

  quads.push(...provenanceQuads(record, graphIri, iris.get(record.hub) ?? ''));
  return { graph: graphIri, hubIri: iris.get(record.hub) ?? '', quads, diagnostics, usedConcepts };
}

/** PROV-O description of the record's named graph, in the default graph. */
function provenanceQuads(record: HubRecord, graphIri: string, hubIri: string): Quad[] {
  const g = namedNode(graphIri);
  const d = defaultGraph();
  const out: Quad[] = [
    quad(g, namedNode(rdf.type), namedNode(dih.SourceRecord), d),
    quad(g, namedNode(rdf.type), namedNode(prov.Entity), d),
    quad(g, namedNode(dcterms.identifier), literal(record.source.identifier ?? record.source.id), d),
    quad(g, namedNode(dih.sourceFile), literal(record.source.file), d),
  ];
  if (record.source.line !== undefined) out.push(quad(g, namedNode(dih.recordLine), literal(String(record.source.line), namedNode(xsd.integer)), d));
  if (record.source.document) out.push(quad(g, namedNode(dcterms.source), literal(record.source.document), d));
  if (record.source.publisher) out.push(quad(g, namedNode(dcterms.publisher), literal(record.source.publisher), d));
  if (record.source.license) out.push(quad(g, namedNode(dcterms.rights), literal(record.source.license), d));
  if (record.source.date && /^\d{4}-\d{2}$/.test(record.source.date)) {
    // A month (registry harvests: "2022-02") is no point in time: published as the record's issue month.
    out.push(quad(g, namedNode(dcterms.issued), literal(record.source.date, namedNode(xsd.gYearMonth)), d));
  } else if (record.source.date) {
    const dt = /^\d{4}-\d{2}-\d{2}$/.test(record.source.date) ? xsd.date : /^\d{4}-\d{2}-\d{2}T/.test(record.source.date) ? xsd.dateTime : xsd.string;
    out.push(quad(g, namedNode(prov.generatedAtTime), literal(record.source.date, namedNode(dt)), d));
  }
  if (hubIri) out.push(quad(namedNode(hubIri), namedNode(prov.wasDerivedFrom), g, d));
  return out;
}
