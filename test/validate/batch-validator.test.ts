/** validate/batch-validator: one long-lived worker validates batch after batch as validateQuads does each. */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DataFactory, Parser, Store, type Quad } from 'n3';
import { assemble } from '../../src/pipeline.js';
import { loadShapes } from '../../src/validate/shapes.js';
import { validateQuads } from '../../src/validate/validate.js';
import { BatchValidator } from '../../src/validate/batch-validator.js';
import { baseTable, encodeTriples, encodeTriplesOver } from '../../src/util/triple-transfer.js';
import { sortedTriples } from '../../src/publish/serialize.js';
import { FIXTURES, SOURCES } from '../helpers/paths.js';

const { namedNode, literal, quad } = DataFactory;
const EX = 'http://example.org/';

/** The quads split by named graph into `n` batches, each with the graphs that are nobody's (vocabularies, merged view). */
function batchesOf(quads: Quad[], n: number): Quad[][] {
  const graphs = [...new Set(quads.map((q) => q.graph.value))].filter((g) => g.includes('/source/')).sort();
  const batchOf = new Map(graphs.map((g, i) => [g, i % n]));
  const out: Quad[][] = Array.from({ length: n }, () => []);
  for (const q of quads) {
    const b = batchOf.get(q.graph.value);
    if (b === undefined) for (const batch of out) batch.push(q);
    else out[b]!.push(q);
  }
  return out;
}

describe('validate/batch-validator', function () {
  this.timeout(120_000);

  it('validate/batch-validator gives each batch validateQuads\'s outcome, batches queued or one at a time, violations included', async function () {
    const inputs = [SOURCES, ...['invalid', 'valid'].flatMap((d) => readdirSync(join(FIXTURES, d)).map((f) => join(FIXTURES, d, f)))];
    const { quads } = await assemble(inputs);
    const shapes = loadShapes();
    const batches = batchesOf(quads, 3);
    const expected = await Promise.all(batches.map((b) => validateQuads(b, shapes)));
    assert.ok(expected.reduce((n, o) => n + o.violations, 0) >= 5, 'the invalid fixtures give violations');
    const validator = new BatchValidator(shapes);
    try {
      // all asked at once, then one more time one by one: the worker answers each in order
      assert.deepEqual(await Promise.all(batches.map((b) => validator.validate(b, encodeTriples(sortedTriples(b))))), expected);
      for (const [i, b] of batches.entries()) assert.deepEqual(await validator.validate(b, encodeTriples(sortedTriples(b))), expected[i]);
    } finally {
      await validator.close();
    }
    await assert.rejects(validator.validate(batches[0]!, encodeTriples(sortedTriples(batches[0]!))), /validation worker: .*closed/);
  });

  it('validate/batch-validator validates batches encoded over a base (what every batch shares) as batches that carry it', async function () {
    const inputs = [SOURCES, ...['invalid', 'valid'].flatMap((d) => readdirSync(join(FIXTURES, d)).map((f) => join(FIXTURES, d, f)))];
    const { quads } = await assemble(inputs);
    const shapes = loadShapes();
    // the shared part: the graphs that are no record's (vocabularies, merged view)
    const shared = quads.filter((q) => !q.graph.value.includes('/source/'));
    const own = batchesOf(quads, 3).map((b) => b.filter((q) => q.graph.value.includes('/source/')));
    const expected = await Promise.all(own.map((b) => validateQuads(b.concat(shared), shapes)));
    assert.ok(expected.reduce((n, o) => n + o.violations, 0) >= 5, 'the invalid fixtures give violations');
    const base = baseTable(sortedTriples(shared));
    const validator = new BatchValidator(shapes, base);
    try {
      for (const [i, b] of own.entries()) assert.deepEqual(await validator.validate(b.concat(shared), encodeTriplesOver(base, sortedTriples(b))), expected[i]);
    } finally {
      await validator.close();
    }
  });

  it('validate/batch-validator validates batch by batch with shapes the compiled validator cannot take (shacl-engine)', async function () {
    const shapes = new Store(new Parser().parse(`@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <${EX}> . ex:S sh:targetClass ex:C ; sh:closed true ; sh:property [ sh:path ex:p ] .`));
    const s = namedNode(`${EX}s`);
    const data = [quad(s, namedNode('http://www.w3.org/1999/02/22-rdf-syntax-ns#type'), namedNode(`${EX}C`)), quad(s, namedNode(`${EX}q`), literal('not allowed'))];
    const validator = new BatchValidator(shapes);
    try {
      const outcome = await validator.validate(data, encodeTriples(sortedTriples(data)));
      assert.ok(outcome.findings.some((f) => f.component === 'http://www.w3.org/ns/shacl#ClosedConstraintComponent'));
    } finally {
      await validator.close();
    }
  });
});
