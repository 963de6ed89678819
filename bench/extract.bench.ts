/**
 * Extraction of every registry description (JRC `description.value`, EDIH `Description (indexed
 * field)`: 1,158 texts read in place from ../shared/data/registries/) against two baselines on the
 * same texts: plain sentence splitting (the floor of any prose reader), and sentence splitting with
 * the compromise NLP library (why descriptions use the fast splitter). Target: extraction < 5 s.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parse } from 'csv-parse/sync';
import { extractFromDescription } from '../src/extract/index.js';
import { proseGazetteer } from '../src/extract/gazetteer.js';
import { fastSplit, sentences } from '../src/extract/sentences.js';
import { sharedDir } from '../src/util/paths.js';

const registries = join(sharedDir(join(import.meta.dirname ?? '.', '..')), 'data', 'registries');
interface Item { name: string; text: string; file: string; id: string; field: string }
const items: Item[] = [];
const jrcFile = 'jrc-dih-tool-2022.ngsi-ld.json';
for (const r of JSON.parse(readFileSync(join(registries, jrcFile), 'utf8')) as { id: string; title?: { value?: string }; description?: { value?: string } }[]) {
  items.push({ name: r.title?.value ?? '', text: r.description?.value ?? '', file: jrcFile, id: r.id, field: 'description.value' });
}
const edihFile = 'edih-catalogue-2025.csv';
(parse(readFileSync(join(registries, edihFile)), { columns: true, bom: true }) as Record<string, string>[]).forEach((r, i) => {
  items.push({ name: r['EDIH Title'] || r['EDIH Name'] || '', text: r['Description (indexed field)'] ?? '', file: edihFile, id: `row ${i + 2}`, field: 'Description (indexed field)' });
});
const chars = items.reduce((n, i) => n + i.text.length, 0);
proseGazetteer(); // built once per process, as in a build: not part of the per-text cost

function time(fn: () => number): { ms: number; count: number } {
  const t = performance.now();
  const count = fn();
  return { ms: performance.now() - t, count };
}

const split = time(() => items.reduce((n, i) => n + fastSplit(i.text).length, 0));
let relations = 0;
const extract = time(() => items.reduce((n, i) => {
  const facts = extractFromDescription(i.text, { hubName: i.name, file: i.file, recordId: i.id, field: i.field });
  relations += facts.relations.length;
  return n + facts.entities.length;
}, 0));
const sample = items.slice(0, 100);
const nlp = time(() => sample.reduce((n, i) => n + sentences(i.text, { start: 0, end: i.text.length }, 'compromise').length, 0));

console.log(`${items.length} registry descriptions, ${(chars / 1e6).toFixed(2)} M characters`);
console.log(`extraction (entities ${extract.count}, relations ${relations}): ${(extract.ms / 1000).toFixed(2)} s  (target < 5 s)`);
console.log(`baseline plain sentence splitting (${split.count} sentences): ${(split.ms / 1000).toFixed(3)} s; ratio extraction / splitting: ${(extract.ms / split.ms).toFixed(0)}x`);
console.log(`compromise sentence splitting, first 100 texts: ${(nlp.ms / 1000).toFixed(2)} s, projected for all: ${((nlp.ms / sample.length) * items.length / 1000).toFixed(1)} s`);
