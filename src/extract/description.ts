/**
 * Registry descriptions ("is hosted by ...", "its partners are ...") read with the page extractor's
 * sentence rules, for the registry readers to add hosts, coordinators, partners and linked hubs to
 * their records. Entities are keyed by slug; `hub` stands for the described hub.
 */
import type { Diagnostic } from '../model/diagnostics.js';
import { HUB_KEY, newEntity, type Entity, type FactProvenance, type Relation } from '../model/record.js';
import { makeSpan } from './span.js';
import { decodeHtmlEntities } from '../sources/cleaning.js';
import { loadConcepts } from '../vocab/concepts.js';
import { ProseExtractor } from './extractor.js';
import { proseGazetteer } from './gazetteer.js';
import { sentences } from './sentences.js';

export interface DescriptionContext {
  hubName: string;
  file: string;
  recordId: string;
  field: string;
}

export interface DescriptionFacts {
  entities: Entity[];
  relations: Relation[];
  diagnostics: Diagnostic[];
  /** Sectors, technologies and regions the description attributes to the hub itself. */
  hub: Entity;
}

export { HUB_KEY };

/** Texts longer than this are cut (registry cells are a few kilobytes). */
const MAX_DESCRIPTION = 100_000;

export function extractFromDescription(text: string, context: DescriptionContext, base?: string): DescriptionFacts {
  const diagnostics: Diagnostic[] = [];
  const where = { file: context.file, record: context.recordId, field: context.field };
  const given = text.length > MAX_DESCRIPTION ? text.slice(0, MAX_DESCRIPTION) : text;
  const { decoded: source, toGiven } = decodeWithMap(given);
  if (text.length > MAX_DESCRIPTION) diagnostics.push({ severity: 'warning', ...where, message: `description longer than ${MAX_DESCRIPTION} characters: the rest was not read` });
  const ex = new ProseExtractor(source, proseGazetteer(base), loadConcepts(base), HUB_KEY, where);
  const hub = newEntity(HUB_KEY, 'hub', context.hubName.trim() || context.recordId);
  ex.table.adopt(hub);
  for (const acronym of acronymsOf(hub.name)) ex.table.addAltName(HUB_KEY, acronym);
  for (const s of sentences(source, { start: 0, end: source.length }, 'fast')) ex.sentence(s);
  const entities = [...ex.table.entities.values()].filter((e) => e.key !== HUB_KEY);
  // Names are read from the decoded text ("R&D", not "R&amp;D"); spans point into the text as given.
  if (source !== given) for (const p of provenances(hub, entities, ex.relations)) if (p.span) p.span = makeSpan(given, toGiven(p.span.start), toGiven(p.span.end));
  return { entities, relations: ex.relations, diagnostics: [...diagnostics, ...ex.diagnostics], hub };
}

/** "Piraeus Blue Growth Digital Innovation Hub (BG-DIH)" -> BG-DIH; "DIH-BAITUR: ..." -> DIH-BAITUR. */
function acronymsOf(name: string): string[] {
  const out: string[] = [];
  for (const m of name.matchAll(/\(([^()]{2,20})\)/g)) out.push((m[1] as string).trim());
  const lead = /^([\p{Lu}\p{N}][\p{Lu}\p{N}+&-]{1,15})(?:\s*[:–—-]\s+|\s+\()/u.exec(name);
  if (lead) out.push(lead[1] as string);
  return out;
}

function provenances(hub: Entity, entities: Entity[], relations: Relation[]): FactProvenance[] {
  const out: (FactProvenance | undefined)[] = relations.map((r) => r.provenance);
  for (const e of [hub, ...entities]) {
    out.push(e.provenance, e.status?.provenance, e.hubType?.provenance);
    for (const c of [...e.types, ...e.sectors, ...e.technologies, ...e.services, ...e.memberTypes, ...e.memberSectors]) out.push(c.provenance);
  }
  return out.filter((p): p is FactProvenance => !!p);
}

const ENTITY = /&(?:#(\d{1,6})|#x([0-9a-f]{1,6})|([a-z]{2,6}));/gi;

/** Decodes HTML entities and maps each offset of the decoded text back to the text as given. */
export function decodeWithMap(given: string): { decoded: string; toGiven: (offset: number) => number } {
  const starts: number[] = []; // decoded offset -> given offset, at each decoded character
  let decoded = '';
  let last = 0;
  for (const m of given.matchAll(ENTITY)) {
    for (let i = last; i < (m.index as number); i++) starts.push(i);
    decoded += given.slice(last, m.index);
    const replacement = decodeEntities(m[0]);
    for (let i = 0; i < replacement.length; i++) starts.push(m.index as number);
    decoded += replacement;
    last = (m.index as number) + m[0].length;
  }
  for (let i = last; i < given.length; i++) starts.push(i);
  decoded += given.slice(last);
  // an end offset maps to just after the given text of the last decoded character
  const toGiven = (offset: number): number => {
    if (offset >= starts.length) return given.length;
    if (offset > 0 && starts[offset] === starts[offset - 1]) return toGiven(offset + 1);
    return starts[offset] as number;
  };
  return { decoded, toGiven };
}

/** One decoder for the whole project: the registry readers' (keeps control characters and surrogates as written). */
export const decodeEntities = decodeHtmlEntities;
