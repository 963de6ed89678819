/**
 * Extraction of a whole catalogue page into one HubRecord: the hub from the page layout, the
 * facts from its prose, a span and a confidence on every fact, diagnostics for what was not
 * understood (never silently dropped).
 */
import type { Diagnostic } from '../model/diagnostics.js';
import { newEntity, type HubRecord } from '../model/record.js';
import { slugify } from '../map/iri.js';
import { loadConcepts } from '../vocab/concepts.js';
import { ProseExtractor } from './extractor.js';
import { proseGazetteer } from './gazetteer.js';
import { readLayout } from './layout.js';
import { sentences } from './sentences.js';
import { makeSpan } from './span.js';
import { finishRecord } from './finish.js';

export interface PageInput {
  /** Name of the file in messages and provenance (relative to the build's input root). */
  file: string;
  /** Registry (source) name for IRIs; defaults to `page`. */
  registry?: string;
  /** Record id; defaults to the file's base name without extension. */
  id?: string;
  base?: string;
}

export interface PageResult {
  record?: HubRecord;
  diagnostics: Diagnostic[];
}

/** Pages beyond this size are read best-effort: only the first part's prose is extracted. */
const MAX_PROSE = 1_000_000;
/** Prose characters segmented with the NLP library; the rest of a long page with the fast splitter. */
const COMPROMISE_BUDGET = 100_000;

export function extractPage(text: string, input: PageInput): PageResult {
  const diagnostics: Diagnostic[] = [];
  const id = input.id ?? (input.file.split('/').pop() ?? input.file).replace(/\.[^.]*$/, '');
  const where = { file: input.file, record: id };
  if (!text.trim()) return { diagnostics: [{ severity: 'error', ...where, message: 'the page is empty: no hub to extract' }] };
  const binary = (text.match(/[\u0000-\u0008\u000e-\u001f\ufffd]/g)?.length ?? 0) / text.length;
  if (binary > 0.05) return { diagnostics: [{ severity: 'error', ...where, message: `the page does not look like text (${Math.round(binary * 100)}% control or undecodable characters); nothing extracted` }] };
  const concepts = loadConcepts(input.base);
  const layout = readLayout(text);
  const title = layout.title;
  const titleText = title?.text.replace(/\s+/g, ' ').trim() ?? '';
  if (!title || !titleText || titleText.length > 200) {
    return { diagnostics: [{ severity: 'error', ...where, field: 'title', message: 'no hub name found (expected a short line naming the hub before the prose)' }] };
  }
  const hubKey = slugify(titleText);
  const ex = new ProseExtractor(text, proseGazetteer(input.base), concepts, hubKey, where);
  const hub = newEntity(hubKey, 'hub', titleText);
  hub.provenance = { span: makeSpan(text, title.start, title.start + (title.text.indexOf('\n') < 0 ? title.text.length : title.text.indexOf('\n'))), confidence: 0.95 };
  hub.line = lineOf(text, title.start);
  ex.table.adopt(hub);
  let budget = MAX_PROSE;
  for (const p of layout.paragraphs) {
    if (budget <= 0) {
      diagnostics.push({ severity: 'warning', ...where, message: `page longer than ${MAX_PROSE} characters of prose: the rest was not read` });
      break;
    }
    budget -= p.end - p.start;
    // compromise segments best but costs ~16 ms per paragraph: the first part of a page gets it
    for (const s of sentences(text, p, MAX_PROSE - budget < COMPROMISE_BUDGET ? 'compromise' : 'fast')) ex.sentence(s);
  }
  if (layout.statusCandidate) {
    const s = layout.statusCandidate;
    const label = s.text.replace(/^status\s*:\s*/i, '').trim();
    const iri = concepts.lookup(concepts.schemeIri('status'), label);
    const at = s.start + s.text.indexOf(label);
    if (iri) hub.status = { label, iri, provenance: { span: makeSpan(text, at, at + label.length), confidence: 0.9 } };
    else if (layout.paragraphs.length) diagnostics.push({ severity: 'info', ...where, line: lineOf(text, s.start), field: 'status', message: `last line ${JSON.stringify(label.slice(0, 60))} names no status of the status scheme; no status extracted` });
  }
  const hubType = ex.hub.hubType ?? undefined;
  if (!hubType) {
    const m = proseGazetteer(input.base).scan(titleText).find((g) => g.kind === 'hub-type');
    if (m) hub.hubType = { label: titleText.slice(m.start, m.end), iri: m.iri, provenance: { span: makeSpan(text, title.start + m.start, title.start + m.end), confidence: 0.9 } };
  }
  const votes = [...ex.countryVotes.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const hostCountries = ex.relations.filter((r) => r.target === hubKey).map((r) => ex.table.get(r.holder)?.country).filter((c): c is string => !!c);
  hub.country = votes[0]?.[0] ?? hostCountries[0];
  if (!hub.country) delete hub.country;
  if (!layout.paragraphs.length) diagnostics.push({ severity: 'warning', ...where, message: 'no prose paragraphs found: only the hub name was extracted' });
  const record: HubRecord = {
    source: { registry: input.registry ?? 'page', id, file: input.file, line: 1 },
    hub: hubKey,
    entities: [...ex.table.entities.values()],
    relations: ex.relations,
    text,
  };
  diagnostics.push(...ex.diagnostics, ...finishRecord(record, where));
  return { record, diagnostics };
}

export function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
