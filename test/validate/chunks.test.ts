/**
 * Validation in chunks: the shapes' reach is read from the shapes, and chunked validation finds
 * exactly what one validation of the whole graph finds, however small the chunks.
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Parser, Store, DataFactory } from 'n3';
import { Validator } from 'shacl-engine';
import { assemble } from '../../src/pipeline.js';
import { loadShapes } from '../../src/validate/shapes.js';
import { shapesReach } from '../../src/validate/chunks.js';
import { outcomeOf, validateChunks } from '../../src/validate/validate.js';
import { FIXTURES, SOURCES } from '../helpers/paths.js';

const PREFIXES = '@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .\n';
const shapesOf = (ttl: string) => new Store(new Parser().parse(PREFIXES + ttl));

describe('validate/chunks', function () {
  this.timeout(120_000);

  it('validate/chunks/reach of our shapes is two hops (a value, and its concept scheme)', function () {
    assert.equal(shapesReach(loadShapes()), 2);
  });

  it('validate/chunks/reach is unbounded for inverse and recursive paths, and for node targets', function () {
    assert.equal(shapesReach(shapesOf('ex:S sh:targetClass ex:C ; sh:property [ sh:path [ sh:inversePath ex:p ] ; sh:minCount 1 ] .')), Infinity);
    assert.equal(shapesReach(shapesOf('ex:S sh:targetClass ex:C ; sh:property [ sh:path [ sh:zeroOrMorePath ex:p ] ; sh:minCount 1 ] .')), Infinity);
    assert.equal(shapesReach(shapesOf('ex:S sh:targetNode ex:a ; sh:property [ sh:path ex:p ; sh:minCount 1 ] .')), Infinity);
    assert.equal(shapesReach(shapesOf('ex:S sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:node ex:S ] .')), Infinity);
    assert.equal(shapesReach(shapesOf('ex:S sh:targetClass ex:C ; sh:property [ sh:path ( ex:p ex:q ) ; sh:class ex:D ] .')), 3);
  });

  it('validate/chunks finds what whole-graph validation finds, for valid and invalid fixtures and tiny chunks', async function () {
    const shapes = loadShapes();
    const factory = { ...DataFactory, dataset: () => new Store() };
    const inputs = [SOURCES, ...['invalid', 'valid'].flatMap((d) => readdirSync(join(FIXTURES, d)).map((f) => join(FIXTURES, d, f)))];
    const { quads } = await assemble(inputs);
    const whole = await new Validator(shapes, { factory }).validate({ dataset: new Store(quads.map((q) => DataFactory.quad(q.subject, q.predicate, q.object))) });
    assert.ok(whole.results.length > 5, 'the invalid fixtures give results');
    for (const size of [50, 500, 1_000_000]) {
      const chunked = outcomeOf(await validateChunks(quads, shapes, () => true, size), quads);
      const expected = whole.results.map((r) => `${r.focusNode.term.value} ${r.constraintComponent.value} ${r.value?.term.value ?? ''}`).sort();
      const found = chunked.findings.map((f) => `${f.focusNode} ${f.component} ${f.value === undefined ? '' : f.value.startsWith('"') ? JSON.parse(f.value) : f.value}`).sort();
      assert.deepEqual(found, expected, `chunks of ${size} triples`);
    }
  });
});
