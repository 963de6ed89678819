/**
 * Reader for the JRC DIH Tool's own JSON API record: a GeoJSON Feature whose properties carry the
 * catalogue's native field names (hubId, evolutionaryStage, servicesProvided, digitTechsFocus...).
 * Published under the registry `jrc-api`, so a build that also reads the NGSI-LD harvest keeps both
 * records (and the merge links them by their shared URN).
 */
import type { Diagnostic } from '../model/diagnostics.js';
import { newEntity, type ConceptRef, type HubRecord } from '../model/record.js';
import { cell, checkWebsite, decodeHtmlEntities } from './cleaning.js';
import { describeLater } from './enrich.js';
import { contactPointsOf } from './contact-points.js';
import { countryCode, JRC_PUBLISHER, REGISTRY_LICENSE, type RecordOutcome } from './jrc.js';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Names of a list of `{name, id}` objects, as concept references read from `field`. */
function namedList(value: unknown, _field: string): ConceptRef[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((v) => (isObject(v) && typeof v.name === 'string' && v.name.trim() ? [{ label: decodeHtmlEntities(v.name.trim()) }] : []));
}

export function readJrcFeature(value: unknown, index: number, file: string): RecordOutcome {
  const diagnostics: Diagnostic[] = [];
  const record0 = `feature ${index + 1}`;
  if (!isObject(value) || value.type !== 'Feature' || !isObject(value.properties)) {
    return { diagnostics: [{ severity: 'error', file, record: record0, field: 'properties', message: 'a GeoJSON Feature with a properties object is expected; skipped' }] };
  }
  const p = value.properties;
  // A safe integer only: 1e400 parses to Infinity and 1e20 loses digits, neither is an identifier.
  const hubId = (typeof p.hubId === 'number' && Number.isSafeInteger(p.hubId) && p.hubId > 0) || (typeof p.hubId === 'string' && /^\d{1,15}$/.test(p.hubId)) ? String(p.hubId) : undefined;
  if (!hubId) return { diagnostics: [{ severity: 'error', file, record: record0, field: 'properties.hubId', message: `hubId must be a number, got ${JSON.stringify(p.hubId ?? null)}; skipped` }] };
  const urn = `urn:ngsi-ld:DigitalInnovationHub:s3jrc:${hubId}`;
  const at = (field: string, message: string, severity: Diagnostic['severity'] = 'warning'): Diagnostic => ({ severity, file, record: urn, field: `properties.${field}`, message });
  const name = typeof p.name === 'string' ? cell(decodeHtmlEntities(p.name)) : undefined;
  if (!name) return { diagnostics: [at('name', 'a hub needs a name; skipped', 'error')] };
  const hub = newEntity('hub', 'hub', name);
  const local = typeof p.nameLocal === 'string' ? cell(decodeHtmlEntities(p.nameLocal)) : undefined;
  if (local) hub.altNames.push(local);
  if (typeof p.description === 'string' && p.description.trim()) hub.description = decodeHtmlEntities(p.description.trim());
  if (typeof p.website === 'string' && p.website.trim()) {
    const site = checkWebsite(p.website);
    if (site.url) hub.homepage = site.url;
    else diagnostics.push(at('website', `${site.problem}; not published`));
  }
  const country = isObject(p.country) && typeof p.country.name === 'string' ? p.country.name : undefined;
  if (country) hub.country = countryCode(country);
  const street = typeof p.location === 'string' ? cell(p.location.replace(/,\s*$/, '')) : undefined;
  const city = typeof p.locationCity === 'string' ? cell(p.locationCity) : undefined;
  if (street || city || country) hub.address = { ...(street ? { street } : {}), ...(city ? { locality: city } : {}), ...(country ? { country } : {}) };
  const stage = isObject(p.evolutionaryStage) && typeof p.evolutionaryStage.name === 'string' ? p.evolutionaryStage.name : undefined;
  if (stage) hub.status = { label: stage };
  const [hubType] = namedList(p.hubTypes, 'hubTypes');
  if (hubType) hub.hubType = hubType;
  hub.services = namedList(p.servicesProvided, 'servicesProvided');
  hub.technologies = namedList(p.digitTechsFocus, 'digitTechsFocus');
  const s = (k: string) => (typeof p[k] === 'string' ? (p[k] as string).trim() : '');
  const person = s('contactName');
  hub.contactPoints = contactPointsOf(name, { name: person, email: s('contactEmail'), phone: s('contactPhone'), personParts: person.split(/\s+/) }, 'contactEmail');
  const record: HubRecord = {
    source: { registry: 'jrc-api', id: hubId, identifier: urn, file, publisher: JRC_PUBLISHER, license: REGISTRY_LICENSE, scopedHub: true },
    hub: 'hub',
    entities: [hub],
    relations: [],
  };
  describeLater(record, 'properties.description');
  return { record, diagnostics };
}
