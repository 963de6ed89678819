/**
 * From groups of records to the merged view as data: one canonical hub per group (IRI, name,
 * values chosen by source priority), one link per source record (score and evidence), and the
 * conflicts between the records of a hub (property, both values, both sources).
 */
import type { ConceptRef, Entity, HubRecord, RecordSource } from '../model/record.js';
import { intern } from './features.js';
import { ownCopy } from '../util/own-copy.js';
import { BoundedMap } from '../util/bounded-map.js';
import { entityIri } from '../map/record-to-quads.js';
import { normaliseWebsite, slugify, type IriMinter } from '../map/iri.js';
import type { ConceptIndex } from '../vocab/concepts.js';
import { dih, foaf, locn } from '../vocab/namespaces.js';
import type { Resolution } from './resolve.js';

export interface Link {
  hub: string;
  /** Named graph of the source record, and the hub IRI inside it. */
  graph: string;
  sourceHub: string;
  file: string;
  registry: string;
  recordId: string;
  identifier: string;
  name: string;
  score: number;
  evidence: string[];
}

export interface ConflictValue {
  value: string;
  /** True when the value is an IRI (a concept, a country, a web site). */
  iri: boolean;
  link: Link;
}

export interface Conflict {
  hub: string;
  property: string;
  a: ConflictValue;
  b: ConflictValue;
}

export interface CanonicalHub {
  iri: string;
  name: string;
  altNames: string[];
  /** Country IRI (EU authority table). */
  country?: string;
  homepages: string[];
  /** Resolved concept IRIs by property (status, hub type, sectors, technologies, services). */
  concepts: Map<string, string[]>;
  links: Link[];
}

/** Curated records first (a person wrote them), then the newest registry export. */
const REGISTRY_PRIORITY: Record<string, number> = { edih: 1, 'jrc-api': 2, jrc: 3 };
const priority = (r: HubRecord) => (r.source.scopedHub ? (REGISTRY_PRIORITY[r.source.registry] ?? 4) : 0);

const hubOf = (r: HubRecord): Entity | undefined => r.entities.find((e) => e.key === r.hub);

const NONE: never[] = [];

/**
 * A concept reference as the merge reads it: label and IRI, one object for each (the same few
 * recur on every record; as a copy per record, 200,000 views held ~45 MB of them). Frozen: shared.
 */
const refs = new BoundedMap<string, ConceptRef>(1 << 14);
function refOf(c: ConceptRef): ConceptRef {
  const key = c.iri ? `${c.label}\u0000${c.iri}` : c.label;
  let ref = refs.get(key);
  if (!ref) refs.set(ownCopy(key), (ref = Object.freeze(c.iri ? { label: intern(c.label), iri: intern(c.iri) } : { label: intern(c.label) })));
  return ref;
}
const refsOf = (list: ConceptRef[]): ConceptRef[] => (list.length ? list.map(refOf) : NONE);

/**
 * What the merge reads of a record (see canonicalHubs and comparable): its source and the hub's
 * identity, place and concepts, without the description, contacts, other entities or relations.
 * A build keeps this much of each record through the merge and packs the rest away; `source` is
 * the copy of the record's source the build keeps (see RecordStore).
 */
export function mergeView(record: HubRecord, source: RecordSource = record.source): HubRecord {
  const e = hubOf(record);
  if (!e) return { source, hub: record.hub, entities: NONE, relations: NONE };
  // The view is kept through the merge: its text is copied out of the file it was read from (see util/own-copy).
  const hub: Entity = {
    key: e.key, kind: e.kind, name: ownCopy(e.name), altNames: e.altNames.length ? e.altNames.map(ownCopy) : NONE, types: NONE, regions: NONE,
    sectors: refsOf(e.sectors), technologies: refsOf(e.technologies), services: refsOf(e.services),
    memberTypes: NONE, memberSectors: NONE, partOf: NONE, contributesTo: NONE,
  };
  if (e.status) hub.status = refOf(e.status);
  if (e.hubType) hub.hubType = refOf(e.hubType);
  if (e.homepage) hub.homepage = ownCopy(e.homepage);
  if (e.country) hub.country = e.country;
  if (e.address?.locality) hub.address = { locality: ownCopy(e.address.locality) };
  return { source, hub: record.hub, entities: [hub], relations: NONE };
}

/** Values compared for conflicts: one value per record, as IRI or text. */
function comparable(e: Entity, concepts: ConceptIndex): [string, { value: string; iri: boolean } | undefined][] {
  const concept = (scheme: 'status' | 'hub-type', label: string | undefined) => {
    if (!label) return undefined;
    const iri = concepts.lookup(concepts.schemeIri(scheme), label);
    return iri ? { value: iri, iri: true } : { value: label, iri: false };
  };
  const site = e.homepage ? normaliseWebsite(e.homepage).url : undefined;
  const country = e.country ? concepts.countryIri(e.country) : undefined;
  return [
    [dih.country, country ? { value: country, iri: true } : undefined],
    [foaf.homepage, site ? { value: site, iri: true } : undefined],
    [dih.status, concept('status', e.status?.label)],
    [dih.hubType, concept('hub-type', e.hubType?.label)],
    [locn.postName, e.address?.locality ? { value: e.address.locality, iri: false } : undefined],
  ];
}

/** Web sites that differ only by scheme, `www.` or a trailing slash are one site. */
function sameValue(property: string, a: string, b: string): boolean {
  if (property === foaf.homepage) {
    const k = (u: string) => u.replace(/^https?:\/\/(www\d?\.)?/i, '').replace(/\/+$/, '').toLowerCase();
    return k(a) === k(b);
  }
  if (property === locn.postName) return a.normalize('NFKD').replace(/[^\x00-\x7f]/g, '').toLowerCase() === b.normalize('NFKD').replace(/[^\x00-\x7f]/g, '').toLowerCase();
  return a === b;
}

export function canonicalHubs(records: HubRecord[], resolution: Resolution, minter: IriMinter, concepts: ConceptIndex, onProgress?: (done: number, total: number) => void): { hubs: CanonicalHub[]; conflicts: Conflict[] } {
  const hubs: CanonicalHub[] = [];
  const conflicts: Conflict[] = [];
  const taken = new Set<string>();
  for (const cluster of resolution.clusters) {
    if (onProgress && hubs.length % 500 === 0) onProgress(hubs.length, resolution.clusters.length);
    const members = [...cluster].sort((x, y) => priority(records[x] as HubRecord) - priority(records[y] as HubRecord) || cmp(resolution.keys[x] ?? '', resolution.keys[y] ?? ''));
    const lead = records[members[0] as number] as HubRecord;
    const leadHub = hubOf(lead);
    const name = leadHub?.name ?? lead.source.id;
    // A curated record's hub IRI is already canonical; registry-only hubs get {base}hub/{slug}, made unique by country, then record id.
    let iri = !lead.source.scopedHub && leadHub ? entityIri(minter, leadHub) : minter.hub(slugify(name));
    if (taken.has(iri) && leadHub?.country) iri = minter.hub(`${slugify(name)}-${leadHub.country.toLowerCase()}`);
    if (taken.has(iri)) iri = minter.hub(`${slugify(name)}-${slugify(`${lead.source.registry}-${lead.source.id}`)}`);
    taken.add(iri);
    const links: Link[] = members.map((i) => {
      const r = records[i] as HubRecord;
      const e = hubOf(r);
      const best = resolution.bestMatch.get(i);
      const other = best ? resolution.keys[best.other] : undefined;
      return {
        hub: iri,
        graph: minter.source(r.source.registry, r.source.id),
        sourceHub: r.source.scopedHub ? minter.sourceNode(r.source.registry, r.source.id, 'hub') : e ? entityIri(minter, e) : iri,
        file: r.source.file,
        registry: r.source.registry,
        recordId: r.source.id,
        identifier: r.source.identifier ?? r.source.id,
        name: e?.name ?? '',
        score: best ? best.score : 1,
        evidence: best ? [`matched ${other}`, ...best.evidence] : members.length === 1 ? ['only record of this hub'] : ['joined through another record of this hub'],
      };
    });
    const entities = members.map((i) => hubOf(records[i] as HubRecord));
    const altNames = [...new Set(entities.flatMap((e) => (e ? [e.name, ...e.altNames] : [])))].filter((n) => n && n !== name).sort();
    const homepages = [...new Set(entities.flatMap((e) => (e?.homepage ? [normaliseWebsite(e.homepage).url ?? ''] : [])).filter(Boolean))].sort();
    const country = entities.map((e) => e?.country).find((c): c is string => !!c && !!concepts.countryIri(c));
    const conceptValues = new Map<string, string[]>();
    const addConcept = (p: string, iri: string | undefined) => {
      if (!iri) return;
      const list = conceptValues.get(p) ?? [];
      if (!list.includes(iri)) list.push(iri);
      conceptValues.set(p, list);
    };
    // One status and hub type (the first source in priority order that resolves); every resolved sector, technology, service.
    for (const [p, scheme, pick] of [[dih.status, 'status', (e: Entity) => e.status], [dih.hubType, 'hub-type', (e: Entity) => e.hubType]] as const) {
      const first = entities.map((e) => (e && pick(e) ? concepts.lookup(concepts.schemeIri(scheme), (pick(e) as { label: string }).label) : undefined)).find(Boolean);
      addConcept(p, first);
    }
    for (const e of entities) {
      if (!e) continue;
      for (const [p, scheme, list] of [[dih.sector, 'sector', e.sectors], [dih.technology, 'technology', e.technologies], [dih.service, 'service', e.services]] as const) {
        for (const c of list) addConcept(p, c.iri ?? concepts.lookup(concepts.schemeIri(scheme), c.label));
      }
    }
    for (const list of conceptValues.values()) list.sort();
    const hub: CanonicalHub = { iri, name, altNames, homepages, concepts: conceptValues, links };
    const countryIri = country ? concepts.countryIri(country) : undefined;
    if (countryIri) hub.country = countryIri;
    hubs.push(hub);
    // Conflicts: every pair of records whose values of one property differ.
    const values = entities.map((e) => (e ? comparable(e, concepts) : []));
    for (let i = 0; i < links.length; i++) {
      for (let j = i + 1; j < links.length; j++) {
        for (const [k, [property, va]] of (values[i] ?? []).entries()) {
          const vb = values[j]?.[k]?.[1];
          if (!va || !vb || sameValue(property, va.value, vb.value)) continue;
          conflicts.push({ hub: iri, property, a: { ...va, link: links[i] as Link }, b: { ...vb, link: links[j] as Link } });
        }
      }
    }
  }
  return { hubs, conflicts };
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
