/**
 * `make eval`: precision and recall of the extractor per fact type against the hand-annotated gold
 * set in test/fixtures/gold/ (the seed page plus registry descriptions read in place from
 * ../shared/data/registries/). Prints the dev part, the held-out part and both.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseCsv } from 'csv-parse/sync';
import { parse as parseYaml } from 'yaml';
import { extractFromDescription, extractPage } from '../src/extract/index.js';
import { loadConcepts, normaliseLabel } from '../src/vocab/concepts.js';
import type { Entity, Relation } from '../src/model/record.js';
import { sharedDir } from '../src/util/paths.js';

const ROOT = join(fileURLToPath(new URL('.', import.meta.url)), '..');
const GOLD = join(ROOT, 'test', 'fixtures', 'gold');
const REGISTRIES = join(sharedDir(ROOT), 'data', 'registries');

export const FACT_TYPES = ['hub', 'status', 'host', 'coordinators', 'partners', 'linked', 'sectors', 'technologies', 'regions'] as const;
export type FactType = (typeof FACT_TYPES)[number];

export interface GoldItem {
  file: string;
  source: { file: string; kind?: string; record?: string; field?: string; hubName?: string };
  split: 'dev' | 'heldout';
  expected: Partial<Record<FactType, string[]>>;
}

/** A predicted fact: the names it may be matched by (an entity's name and its alternative names). */
type Predicted = string[];

const HOST_ROLES = new Set(['hosts', 'runs']);
const COORDINATOR_ROLES = new Set(['coordinates', 'co-coordinates', 'leads']);

export function loadGold(): GoldItem[] {
  return readdirSync(GOLD).filter((f) => f.endsWith('.yaml')).sort().map((f) => ({ file: f, ...(parseYaml(readFileSync(join(GOLD, f), 'utf8')) as Omit<GoldItem, 'file'>) }));
}

let jrc: Map<string, string> | undefined;
let edih: Record<string, string>[] | undefined;

/** The text an item was annotated on, read in place from the registry exports or the repository. */
export function goldText(item: GoldItem): string {
  const { file, record } = item.source;
  if (item.source.kind === 'page') return readFileSync(join(ROOT, file), 'utf8');
  if (file.endsWith('.json')) {
    jrc ??= new Map((JSON.parse(readFileSync(join(REGISTRIES, file), 'utf8')) as { id: string; description?: { value?: string } }[]).map((r) => [r.id, r.description?.value ?? '']));
    return jrc.get(record as string) ?? '';
  }
  edih ??= parseCsv(readFileSync(join(REGISTRIES, file)), { columns: true, bom: true }) as Record<string, string>[];
  const row = Number(/row (\d+)/.exec(record as string)?.[1]);
  return edih[row - 2]?.[item.source.field as string] ?? '';
}

export function predict(item: GoldItem, text: string): Record<FactType, Predicted[]> {
  const concepts = loadConcepts();
  const pref = (iri: string | undefined, label: string) => (iri && concepts.concepts.get(iri)?.prefLabel) || label;
  let hub: Entity;
  let entities: Entity[];
  let relations: Relation[];
  if (item.source.kind === 'page') {
    const { record } = extractPage(text, { file: item.source.file });
    if (!record) return Object.fromEntries(FACT_TYPES.map((t) => [t, []])) as unknown as Record<FactType, Predicted[]>;
    entities = record.entities;
    relations = record.relations;
    hub = entities.find((e) => e.key === record.hub) as Entity;
  } else {
    const facts = extractFromDescription(text, { hubName: item.source.hubName ?? '', file: item.source.file, recordId: item.source.record ?? '', field: item.source.field ?? '' });
    hub = facts.hub;
    entities = [facts.hub, ...facts.entities];
    relations = facts.relations;
  }
  const names = (key: string): Predicted => {
    const e = entities.find((x) => x.key === key);
    return e ? [e.name, ...e.altNames] : [key];
  };
  const holders = (roles: Set<string>) => relations.filter((r) => r.target === hub.key && roles.has(pref(r.role.iri, r.role.label))).map((r) => names(r.holder));
  return {
    hub: item.source.kind === 'page' ? [[hub.name]] : [],
    status: hub.status ? [[pref(hub.status.iri, hub.status.label)]] : [],
    host: holders(HOST_ROLES),
    coordinators: holders(COORDINATOR_ROLES),
    partners: holders(new Set(['partner of'])),
    linked: relations.filter((r) => r.target !== hub.key).map((r) => names(r.target).map((n) => `${pref(r.role.iri, r.role.label)}|${n}`)),
    sectors: hub.sectors.map((c) => [pref(c.iri, c.label)]),
    technologies: hub.technologies.map((c) => [pref(c.iri, c.label)]),
    regions: hub.regions.map((r) => [r]),
  };
}

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

/** Names compare without a trailing kind word: "Plan4all association" is "Plan4all". */
const norm = (s: string): string => normaliseLabel(s).replace(/ (?:association|project|programme|program|initiative|network|community)$/, '');

/** Matches predictions to expectations one to one (a prediction matches by any of its names). */
export function score(expected: string[], predicted: Predicted[]): Counts & { missed: string[]; wrong: string[] } {
  const left = new Set(expected.map(norm));
  const wrong: string[] = [];
  const seen = new Set<string>();
  let tp = 0;
  for (const p of predicted) {
    const key = p.map(norm).sort().join('\u0000');
    if (seen.has(key)) continue;
    seen.add(key);
    const hit = p.map(norm).find((n) => left.has(n));
    if (hit) {
      tp++;
      left.delete(hit);
    } else wrong.push(p[0] as string);
  }
  return { tp, fp: wrong.length, fn: left.size, missed: [...left], wrong };
}

export function evaluate(items: GoldItem[]): { totals: Record<FactType, Counts>; errors: string[] } {
  const totals = Object.fromEntries(FACT_TYPES.map((t) => [t, { tp: 0, fp: 0, fn: 0 }])) as Record<FactType, Counts>;
  const errors: string[] = [];
  for (const item of items) {
    const text = goldText(item);
    const predicted = predict(item, text);
    for (const type of FACT_TYPES) {
      const expected = item.expected[type];
      if (expected === undefined) continue;
      const s = score(expected, predicted[type]);
      totals[type].tp += s.tp;
      totals[type].fp += s.fp;
      totals[type].fn += s.fn;
      for (const w of s.wrong) errors.push(`${item.file} ${type}: extra ${JSON.stringify(w)}`);
      for (const m of s.missed) errors.push(`${item.file} ${type}: missed ${JSON.stringify(m)}`);
    }
  }
  return { totals, errors };
}

const ratio = (a: number, b: number): string => (b === 0 ? '  n/a' : (a / b).toFixed(2).padStart(5));

export function table(title: string, totals: Record<FactType, Counts>): string {
  const lines = [`${title}`, `  ${'fact type'.padEnd(14)} precision  recall   tp  fp  fn`];
  for (const t of FACT_TYPES) {
    const c = totals[t];
    lines.push(`  ${t.padEnd(14)} ${ratio(c.tp, c.tp + c.fp)}     ${ratio(c.tp, c.tp + c.fn)}  ${String(c.tp).padStart(3)} ${String(c.fp).padStart(3)} ${String(c.fn).padStart(3)}`);
  }
  return lines.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const gold = loadGold();
  const dev = gold.filter((g) => g.split !== 'heldout');
  const heldout = gold.filter((g) => g.split === 'heldout');
  const all = evaluate(gold);
  console.log(table(`extraction, dev part (${dev.length} items)`, evaluate(dev).totals));
  console.log(table(`extraction, held-out part (${heldout.length} items)`, evaluate(heldout).totals));
  console.log(table(`extraction, all (${gold.length} items)`, all.totals));
  if (process.argv.includes('--errors')) for (const e of all.errors) console.log(`  ${e}`);
}
