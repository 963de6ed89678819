/**
 * `make eval`: precision and recall of the registry merge on the hand-labelled pairs of
 * test/fixtures/pairs/, reading both registry exports from ../shared and the curated sources.
 * Target: precision >= 0.95, recall >= 0.9.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readSources } from '../src/sources/index.js';
import { mergeRecords } from '../src/merge/index.js';
import { evaluatePairs, hubsByRecord, parsePairs } from '../src/merge/evaluate.js';
import { loadConcepts } from '../src/vocab/concepts.js';
import { DEFAULT_BASE } from '../src/vocab/namespaces.js';
import { sharedDir } from '../src/util/paths.js';

const root = join(import.meta.dirname ?? '.', '..');
const registries = join(sharedDir(root), 'data', 'registries');
const inputs = [join(registries, 'jrc-dih-tool-2022.ngsi-ld.json'), join(registries, 'edih-catalogue-2025.xlsx'), join(root, 'sources')];
const pairs = parsePairs(readFileSync(join(root, 'test', 'fixtures', 'pairs', 'registry-pairs.tsv'), 'utf8'));
const read = await readSources(inputs);
const merge = mergeRecords(read.records, loadConcepts(DEFAULT_BASE), DEFAULT_BASE);
const o = evaluatePairs(pairs, hubsByRecord(merge.hubs));
console.log(`merge of ${read.records.length} records into ${merge.hubs.length} hubs (${merge.candidatePairs} candidate pairs)`);
console.log(`labelled pairs: ${pairs.length} (${pairs.filter((p) => p.same).length} same, ${pairs.filter((p) => !p.same).length} different)`);
console.log(`precision ${o.precision.toFixed(3)} (target >= 0.95), recall ${o.recall.toFixed(3)} (target >= 0.9)`);
console.log(`TP ${o.truePositives}, FP ${o.falsePositives}, FN ${o.falseNegatives}, TN ${o.trueNegatives}`);
for (const p of o.wrong) console.log(`  wrong: ${p.same ? 'same' : 'different'} ${p.a} ${p.b} (line ${p.line}: ${p.note})`);
for (const p of o.missing) console.log(`  missing record: ${p.a} ${p.b} (line ${p.line})`);
if (o.missing.length) process.exitCode = 1;
