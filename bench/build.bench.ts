/**
 * Build of the example sources against the raw baseline: writing the same triples as streamed
 * N-Triples (the limit of what any build can do). Figures are ratios measured in the same run.
 */
import { performance } from 'node:perf_hooks';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from '../src/pipeline.js';
import { toNTriples } from '../src/publish/serialize.js';
import { tempDir } from '../test/helpers/paths.js';

const sources = join(import.meta.dirname ?? '.', '..', 'sources');
const rounds = 5;

async function time(fn: () => Promise<unknown> | unknown): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

const out = tempDir('dih-bench-');
const first = await build([sources], { out: join(out, 'dist') });
const builds: number[] = [];
const raws: number[] = [];
for (let i = 0; i < rounds; i++) {
  builds.push(await time(() => build([sources], { out: join(out, 'dist') })));
  raws.push(await time(() => writeFileSync(join(out, 'raw.nt'), toNTriples(first.quads))));
}
const b = median(builds);
const r = median(raws);
console.log(`example build (${first.quads.length} quads): ${b.toFixed(1)} ms median of ${rounds}`);
console.log(`baseline raw N-Triples write of the same quads: ${r.toFixed(1)} ms`);
console.log(`ratio build / raw: ${(b / r).toFixed(1)}x`);
