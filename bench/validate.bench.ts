/**
 * Validation of a synthetic registry's graph against our data shapes (issue 7's target: at least
 * 5x faster than shacl-engine over one big store). Baseline, in the same run: shacl-engine's
 * Validator over one n3 Store of the union graph. Then shacl-engine in chunks over our indexed
 * dataset (what a build did before session 6, and still does for shapes that do not compile), and
 * the compiled validator (what a build does now), each checked to give the baseline's findings.
 * Each figure is the median of three runs.
 *
 *   DIH_VALIDATE_BENCH_HUBS=1000 node --import tsx bench/validate.bench.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataFactory, Store } from 'n3';
import { Validator } from 'shacl-engine';
import type { DatasetCore } from '@rdfjs/types';
import { assemble } from '../src/pipeline.js';
import { loadShapes } from '../src/validate/shapes.js';
import { compiledFor, outcomeOf, plainResult, validateChunks } from '../src/validate/validate.js';
import { validateCompiled } from '../src/validate/compiled-validator.js';
import { sortedTriples } from '../src/publish/serialize.js';
import { termTable } from '../src/util/triple-transfer.js';
import { writeSynthetic } from './generate.js';
import { timeMedian } from './timing.js';

const hubs = Number(process.env.DIH_VALIDATE_BENCH_HUBS ?? 1000);
const dir = mkdtempSync(join(tmpdir(), 'dih-bench-validate-'));
try {
  writeSynthetic(hubs, dir);
  const { quads } = await assemble([dir]);
  const triples = sortedTriples(quads);
  const shapes = loadShapes();
  const key = (r: { focusNode: string; component: string; value?: string; message: string }) => `${r.focusNode} ${r.component} ${r.value ?? ''} ${r.message}`;

  const factory = { ...DataFactory, dataset: () => new Store() };
  const [big, bigReport] = await timeMedian(async () => {
    const store = new Store(triples.map((q) => DataFactory.quad(q.subject, q.predicate, q.object)));
    return new Validator(shapes, { factory }).validate({ dataset: store as unknown as DatasetCore });
  });
  const expected = bigReport.results.map(plainResult).map(key).sort();
  const [chunked, chunkResults] = await timeMedian(() => validateChunks(triples, shapes));
  const [compiled, compiledResults] = await timeMedian(() => {
    const { terms, ids } = termTable(triples);
    return validateCompiled(compiledFor(shapes, 'compiled')!, terms, ids);
  });
  const same = (rs: { focusNode: string; component: string; value?: string; message: string }[]) => JSON.stringify(rs.map(key).sort()) === JSON.stringify(expected) ? 'same findings' : 'DIFFERENT findings';
  console.log(`${hubs} synthetic hubs, ${triples.length} triples, ${expected.length} findings`);
  console.log(`shacl-engine over one n3 Store: ${big.toFixed(0)} ms (baseline)`);
  console.log(`shacl-engine in chunks over our indexed dataset: ${chunked.toFixed(0)} ms, ${(big / chunked).toFixed(1)}x faster; ${same(chunkResults)}`);
  console.log(`compiled validator (encoding the triples included): ${compiled.toFixed(0)} ms, ${(big / compiled).toFixed(1)}x faster; ${same(compiledResults)}; target >= 5x: ${big / compiled >= 5 ? 'met' : 'NOT met'}`);
  outcomeOf(compiledResults, quads); // what a build adds: the findings tied to their source records
} finally {
  rmSync(dir, { recursive: true, force: true });
}
