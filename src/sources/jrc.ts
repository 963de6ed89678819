/**
 * Reader for the JRC Digital Innovation Hubs Tool as NGSI-LD `DigitalInnovationHub` entities (a
 * FIWARE harvest of February 2022). Each entity becomes one HubRecord with the JRC URN as its
 * identifier. A broken entity is reported (file, record, field) and skipped; its neighbours are read.
 */
import type { Diagnostic } from '../model/diagnostics.js';
import { newEntity, type ConceptRef, type HubRecord, type PostalAddress } from '../model/record.js';
import { loadConcepts } from '../vocab/concepts.js';
import { cell, checkWebsite, decodeHtmlEntities } from './cleaning.js';
import { describeLater } from './enrich.js';
import { contactPointsOf } from './contact-points.js';

/** Provenance every record built from the registry exports carries (see ../shared/data/registries/README.md). */
export const REGISTRY_LICENSE = 'source: European Commission, via third-party harvest; content of European Commission websites, reusable under Commission Decision 2011/833/EU (CC BY 4.0 by default)';
export const JRC_PUBLISHER = 'European Commission, Joint Research Centre (Smart Specialisation Platform, Digital Innovation Hubs Tool), via third-party harvest';
export const JRC_HARVEST_DATE = '2022-02';

const URN = /^urn:ngsi-ld:DigitalInnovationHub:s3jrc:(\d+)$/;

export interface RecordOutcome {
  record?: HubRecord;
  diagnostics: Diagnostic[];
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The value of an NGSI-LD Property (`{type: 'Property', value}`), or the bare value some harvesters write. */
function propertyValue(entity: Json, name: string): unknown {
  const p = entity[name];
  if (isObject(p) && 'value' in p) return p.value;
  return p;
}

/** ISO alpha-3 code of a country name or code as written, or the text itself when no country matches. */
export function countryCode(name: string): string {
  const iri = loadConcepts().countryIri(name);
  return iri ? iri.slice(iri.lastIndexOf('/') + 1) : name;
}

/** A JRC `domain` value that is programme text pasted into the sector list rather than a sector. */
export function isStrayProgrammeText(label: string): boolean {
  return label.includes(':') || label.length > 90 || /\(www\./i.test(label);
}

export function readJrcEntity(value: unknown, index: number, file: string): RecordOutcome {
  const diagnostics: Diagnostic[] = [];
  const at = (field: string | undefined, message: string, severity: Diagnostic['severity'] = 'error', record = `entity ${index + 1}`): Diagnostic => ({ severity, file, record, ...(field ? { field } : {}), message });
  if (!isObject(value)) return { diagnostics: [at(undefined, `an NGSI-LD entity must be a JSON object, got ${Array.isArray(value) ? 'an array' : typeof value}; skipped`)] };
  const urn = typeof value.id === 'string' ? value.id : undefined;
  const match = urn ? URN.exec(urn) : null;
  if (!urn || !match) return { diagnostics: [at('id', `id must be urn:ngsi-ld:DigitalInnovationHub:s3jrc:<hubId>, got ${JSON.stringify(value.id ?? null)}; skipped`)] };
  const hubId = match[1] as string;
  const rec = urn;
  if (value.type !== 'DigitalInnovationHub') diagnostics.push(at('type', `type should be DigitalInnovationHub, got ${JSON.stringify(value.type ?? null)}`, 'warning', rec));
  const title = propertyValue(value, 'title');
  const name = typeof title === 'string' ? cell(decodeHtmlEntities(title)) : undefined;
  if (!name) return { diagnostics: [...diagnostics, at('title', 'a hub needs a name (title.value); skipped', 'error', rec)] };

  const hub = newEntity('hub', 'hub', name);
  const description = propertyValue(value, 'description');
  if (typeof description === 'string' && description.trim()) hub.description = decodeHtmlEntities(description.trim());
  const website = propertyValue(value, 'website');
  if (typeof website === 'string' && website.trim()) {
    const site = checkWebsite(decodeHtmlEntities(website));
    if (site.url) hub.homepage = site.url;
    else diagnostics.push(at('website', `${site.problem}; not published`, 'warning', rec));
  }
  const address = propertyValue(value, 'address');
  if (isObject(address)) {
    const text = (k: string) => (typeof address[k] === 'string' ? cell(decodeHtmlEntities(address[k] as string)) : undefined);
    const a: PostalAddress = {};
    const parts: [keyof PostalAddress, string | undefined][] = [['street', text('streetAddress')], ['locality', text('addressLocality')], ['postalCode', text('postalCode')], ['region', text('addressRegion')], ['country', text('addressCountry')]];
    for (const [k, v] of parts) if (v) a[k] = v;
    if (Object.keys(a).length) hub.address = a;
    if (a.country) hub.country = countryCode(a.country);
    else diagnostics.push(at('address.addressCountry', 'no country', 'warning', rec));
  } else if (address !== undefined) diagnostics.push(at('address', 'address must be an object; ignored', 'warning', rec));
  const domain = propertyValue(value, 'domain');
  if (Array.isArray(domain)) {
    domain.forEach((d, i) => {
      if (typeof d !== 'string' || !d.trim()) return;
      const label = decodeHtmlEntities(d.trim());
      if (isStrayProgrammeText(label)) diagnostics.push(at(`domain.${i}`, `not a sector label (programme text): ${JSON.stringify(label.slice(0, 60))}…; not published as a sector`, 'warning', rec));
      else hub.sectors.push({ label } satisfies ConceptRef);
    });
  } else if (domain !== undefined && domain !== null) diagnostics.push(at('domain', 'domain must be a list of sector labels; ignored', 'warning', rec));
  const reps = propertyValue(value, 'representatives');
  if (Array.isArray(reps)) {
    reps.forEach((r, i) => {
      if (!isObject(r)) return;
      const s = (k: string) => (typeof r[k] === 'string' ? (r[k] as string).trim() : '');
      const personName = [s('name'), s('surname')].filter(Boolean).join(' ');
      hub.contactPoints = [...(hub.contactPoints ?? []), ...contactPointsOf(name, { name: personName, email: s('email'), personParts: [s('name'), s('surname'), s('role')] }, `representatives.${i}`)];
    });
  }
  const record: HubRecord = {
    source: { registry: 'jrc', id: hubId, identifier: urn, file, publisher: JRC_PUBLISHER, license: REGISTRY_LICENSE, date: JRC_HARVEST_DATE, scopedHub: true },
    hub: 'hub',
    entities: [hub],
    relations: [],
  };
  describeLater(record, 'description.value');
  return { record, diagnostics };
}

/**
 * One record per item, every item's diagnostics kept: a bad item never hides its neighbours. With
 * `emit`, each record is handed over as soon as it is read (not returned), and each item is let go
 * of in `items` once read: a parsed export and all its records are then never held together.
 */
export function collectRecords<T>(items: (T | undefined)[], read: (item: T, index: number) => RecordOutcome, emit?: (record: HubRecord) => void): { records: HubRecord[]; diagnostics: Diagnostic[] } {
  const records: HubRecord[] = [];
  const diagnostics: Diagnostic[] = [];
  for (let i = 0; i < items.length; i++) {
    const out = read(items[i] as T, i);
    if (emit) items[i] = undefined;
    if (out.record) (emit ?? ((r: HubRecord) => records.push(r)))(out.record);
    diagnostics.push(...out.diagnostics);
  }
  return { records, diagnostics };
}

/** Reads an array of NGSI-LD entities (let go of as they are read when `emit` is given, see collectRecords). */
export function readJrcEntities(entities: unknown[], file: string, emit?: (record: HubRecord) => void): { records: HubRecord[]; diagnostics: Diagnostic[] } {
  return collectRecords(entities, (e, i) => readJrcEntity(e, i, file), emit);
}
