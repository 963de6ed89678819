/**
 * Full build of both registry exports plus sources/ (target: under 10 s on this machine), against a
 * same-run baseline: only reading and parsing the same files (JSON.parse, exceljs, the YAML reader),
 * the least any build must do. Also times the merge stage alone.
 */
import { performance } from 'node:perf_hooks';
import { join } from 'node:path';
import { build } from '../src/pipeline.js';
import { readSources } from '../src/sources/index.js';
import { mergeRecords } from '../src/merge/index.js';
import { loadConcepts } from '../src/vocab/concepts.js';
import { DEFAULT_BASE } from '../src/vocab/namespaces.js';
import { sharedDir } from '../src/util/paths.js';
import { tempDir } from '../test/helpers/paths.js';

const root = join(import.meta.dirname ?? '.', '..');
const registries = process.env.REGISTRIES ?? join(sharedDir(root), 'data', 'registries');
const inputs = [join(registries, 'jrc-dih-tool-2022.ngsi-ld.json'), join(registries, 'edih-catalogue-2025.xlsx'), join(root, 'sources')];
const rounds = Number(process.env.ROUNDS ?? 3);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
async function time(fn: () => Promise<unknown> | unknown): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

const out = tempDir('dih-bench-registries-');
const reads: number[] = [];
const merges: number[] = [];
const builds: number[] = [];
let records = 0;
let hubs = 0;
for (let i = 0; i < rounds; i++) {
  let read: Awaited<ReturnType<typeof readSources>> | undefined;
  reads.push(await time(async () => { read = await readSources(inputs); }));
  records = read?.records.length ?? 0;
  merges.push(await time(() => { hubs = mergeRecords(read?.records ?? [], loadConcepts(DEFAULT_BASE), DEFAULT_BASE).hubs.length; }));
  builds.push(await time(() => build(inputs, { out: join(out, 'dist-eu') })));
}
const [r, m, b] = [median(reads), median(merges), median(builds)];
console.log(`registries: ${records} records -> ${hubs} hubs, median of ${rounds}`);
console.log(`baseline read + parse of the inputs: ${r.toFixed(0)} ms`);
console.log(`merge stage alone: ${m.toFixed(0)} ms (${(m / r).toFixed(2)}x the read)`);
console.log(`full build (read, map, merge, validate, every serialization, catalogue, site): ${b.toFixed(0)} ms (${(b / r).toFixed(1)}x the read); target < 10000 ms: ${b < 10_000 ? 'met' : 'NOT met'}`);
