/**
 * Registry records enriched from their own prose: the extractor reads the hub's description and
 * adds the hosts, coordinators, partners and linked hubs it names, each with its text span and
 * confidence (published as Web Annotations in the record's graph). Structured fields stay as the
 * registry wrote them: the prose only adds relations and the organisations they need.
 */
import type { Diagnostic } from '../model/diagnostics.js';
import type { HubRecord } from '../model/record.js';
import { extractFromDescription, HUB_KEY } from '../extract/index.js';

export function enrichFromDescription(record: HubRecord, field: string): Diagnostic[] {
  const hub = record.entities.find((e) => e.key === record.hub);
  if (!hub?.description) return [];
  const facts = extractFromDescription(hub.description, { hubName: hub.name, file: record.source.file, recordId: record.source.identifier ?? record.source.id, field });
  const taken = new Set(record.entities.map((e) => e.key));
  const keys = new Map<string, string>([[HUB_KEY, record.hub]]);
  for (const e of facts.entities) {
    let key = e.key;
    while (taken.has(key)) key = `${key}-prose`;
    taken.add(key);
    keys.set(e.key, key);
    record.entities.push({ ...e, key, partOf: e.partOf.map((k) => keys.get(k) ?? k), contributesTo: e.contributesTo.map((k) => keys.get(k) ?? k) });
  }
  // Keys of partOf/contributesTo may point to entities renamed after them: resolve once more.
  for (const e of record.entities) {
    e.partOf = e.partOf.map((k) => keys.get(k) ?? k).filter((k) => taken.has(k));
    e.contributesTo = e.contributesTo.map((k) => keys.get(k) ?? k).filter((k) => taken.has(k));
  }
  const seen = new Set(record.relations.map((r) => `${r.holder} ${r.role.label} ${r.target}`));
  for (const r of facts.relations) {
    const holder = keys.get(r.holder);
    const target = keys.get(r.target);
    if (!holder || !target) continue;
    const id = `${holder} ${r.role.label} ${target}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const onBehalfOf = r.onBehalfOf && !r.onBehalfOf.startsWith('nuts:') ? keys.get(r.onBehalfOf) : r.onBehalfOf;
    record.relations.push({ ...r, holder, target, ...(onBehalfOf ? { onBehalfOf } : {}) });
  }
  return facts.diagnostics;
}
