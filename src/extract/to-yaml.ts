/**
 * HubRecord -> the reviewable YAML record format that `src/sources/yaml-record.ts` reads back, so
 * `dih-ld extract page.txt > record.yaml`, a person's corrections, then `dih-ld build record.yaml`
 * works. Every extracted fact keeps its span and confidence; concept values are written with the
 * concept's preferred label (the span keeps the words of the page), unresolved ones as written.
 */
import { stringify } from 'yaml';
import type { Diagnostic } from '../model/diagnostics.js';
import { formatDiagnostic } from '../model/diagnostics.js';
import type { ConceptRef, Entity, FactProvenance, HubRecord, Relation } from '../model/record.js';
import { loadConcepts, type ConceptIndex } from '../vocab/concepts.js';

type Json = Record<string, unknown>;

function provenance(p: FactProvenance | undefined): Json {
  const out: Json = {};
  if (p?.span) {
    const span: Json = { start: p.span.start, end: p.span.end, exact: p.span.exact };
    if (p.span.prefix !== undefined) span.prefix = p.span.prefix;
    if (p.span.suffix !== undefined) span.suffix = p.span.suffix;
    out.span = span;
  }
  if (p?.confidence !== undefined) out.confidence = Number(p.confidence.toFixed(2));
  if (p?.field) out.field = p.field;
  return out;
}

function concept(ref: ConceptRef, concepts: ConceptIndex): unknown {
  const label = (ref.iri && concepts.concepts.get(ref.iri)?.prefLabel) || ref.label;
  const prov = provenance(ref.provenance);
  return Object.keys(prov).length || ref.level !== undefined ? { label, ...(ref.level !== undefined ? { level: ref.level } : {}), ...prov } : label;
}

function entity(e: Entity, concepts: ConceptIndex): Json {
  const out: Json = { kind: e.kind, name: e.name };
  if (e.altNames.length) out.altNames = e.altNames.filter((n) => n !== e.name);
  if (!(out.altNames as string[] | undefined)?.length) delete out.altNames;
  const list = (field: string, refs: ConceptRef[]) => {
    if (refs.length) out[field] = refs.map((r) => concept(r, concepts));
  };
  list('types', e.types);
  if (e.description) out.description = e.description;
  if (e.homepage) out.homepage = e.homepage;
  if (e.country) out.country = e.country;
  if (e.regions.length) out.regions = [...e.regions];
  if (e.status) out.status = concept(e.status, concepts);
  if (e.hubType) out.hubType = concept(e.hubType, concepts);
  list('sectors', e.sectors);
  list('technologies', e.technologies);
  list('services', e.services);
  list('memberTypes', e.memberTypes);
  list('memberSectors', e.memberSectors);
  if (e.officiallyRecognisedIn) out.officiallyRecognisedIn = e.officiallyRecognisedIn;
  if (e.partOf.length) out.partOf = [...e.partOf];
  if (e.contributesTo.length) out.contributesTo = [...e.contributesTo];
  return { ...out, ...provenance(e.provenance) };
}

function relation(r: Relation, concepts: ConceptIndex): Json {
  const role = (r.role.iri && concepts.concepts.get(r.role.iri)?.prefLabel) || r.role.label;
  return { holder: r.holder, role, target: r.target, ...(r.onBehalfOf ? { onBehalfOf: r.onBehalfOf } : {}), ...provenance(r.provenance) };
}

export function recordToYaml(record: HubRecord, diagnostics: Diagnostic[] = [], base?: string): string {
  const concepts = loadConcepts(base);
  const source: Json = { registry: record.source.registry, id: record.source.id };
  for (const field of ['identifier', 'document', 'publisher', 'license', 'date'] as const) if (record.source[field]) source[field] = record.source[field];
  const doc: Json = {
    'dih-ld': 1,
    source,
    hub: record.hub,
    entities: Object.fromEntries(record.entities.map((e) => [e.key, entity(e, concepts)])),
    relations: record.relations.map((r) => relation(r, concepts)),
  };
  if (diagnostics.length) doc.diagnostics = diagnostics.map(formatDiagnostic);
  const header = [
    `# Extracted by dih-ld from ${oneLine(record.source.document ?? record.source.file)}: review every fact before building.`,
    '# Each fact has the span of the page it was read from (start/end offsets, exact text) and a',
    '# confidence (0..1). Correct or delete what is wrong, then: dih-ld build this-file.yaml --out dist',
  ].join('\n');
  return `${header}\n${stringify(doc, { lineWidth: 0, aliasDuplicateObjects: false })}`;
}

const oneLine = (s: string): string => s.replace(/[\r\n\u2028\u2029]+/g, ' ');
