/**
 * The compiled validator against shacl-engine: the same results (severity, focus node, path,
 * value, message, shape, component) on our fixtures, on random graphs against shapes that use
 * every constraint it covers, and a clear refusal of what it does not cover.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { DataFactory, Parser, Store, type Quad } from 'n3';
import { assemble } from '../../src/pipeline.js';
import { loadShapes } from '../../src/validate/shapes.js';
import { compileShapes, UnsupportedShapes } from '../../src/validate/compile-shapes.js';
import { validateQuads, type ValidationOutcome } from '../../src/validate/validate.js';
import { FIXTURES, SOURCES } from '../helpers/paths.js';

const { namedNode, blankNode, literal, quad } = DataFactory;
const EX = 'http://example.org/';
const XSD = 'http://www.w3.org/2001/XMLSchema#';
const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';

const shapesOf = (ttl: string): Store => new Store(new Parser().parse(`@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <${EX}> .\n${ttl}`));
const findings = (o: ValidationOutcome): string[] => o.findings.map((f) => JSON.stringify(f)).sort();

async function bothEngines(data: Quad[], shapes: Store): Promise<{ compiled: ValidationOutcome; engine: ValidationOutcome }> {
  return { compiled: await validateQuads(data, shapes, 'compiled'), engine: await validateQuads(data, shapes, 'shacl-engine') };
}

describe('validate/compiled: our validator gives shacl-engine\'s results', function () {
  it('validate/compiled/fixtures: the same findings, in the same order, for sources/ and the valid and invalid fixtures', async function () {
    const inputs = [SOURCES, ...['invalid', 'valid'].flatMap((d) => readdirSync(join(FIXTURES, d)).map((f) => join(FIXTURES, d, f)))];
    const { quads } = await assemble(inputs);
    const { compiled, engine } = await bothEngines(quads, loadShapes());
    assert.ok(engine.violations >= 5 && engine.warnings > 0, 'the invalid fixtures give violations and warnings');
    assert.deepEqual(compiled, engine);
  });

  it('validate/compiled/random-graphs: the same findings on random graphs against shapes using every covered constraint', async function () {
    this.timeout(120_000);
    const shapes = new Store(new Parser().parse(readFileSync(join(FIXTURES, 'shapes', 'all-components.ttl'), 'utf8')));
    compileShapes(shapes); // throws if the fixture strays outside what the compiled validator covers
    const nodes = ['n0', 'n1', 'n2', 'n3', 'absent'].map((n) => namedNode(EX + n));
    const blanks = ['b0', 'b1'].map((b) => blankNode(b));
    const classes = ['C', 'D', 'Sub', 'Other'].map((c) => namedNode(EX + c));
    const literals = [
      literal('a'), literal('abc', 'en'), literal('Ab', 'fr'), literal('ab', 'en-gb'), literal('abcd', 'en'), literal('x', 'de'), literal(''),
      literal('1', namedNode(`${XSD}integer`)), literal('5', namedNode(`${XSD}integer`)), literal('12', namedNode(`${XSD}integer`)),
      literal('x', namedNode(`${XSD}integer`)), literal('2020-01-01', namedNode(`${XSD}date`)), literal('5.0', namedNode(`${XSD}decimal`)),
    ];
    const subject = fc.constantFrom(...nodes, ...blanks);
    const triple = fc.oneof(
      { weight: 2, arbitrary: fc.tuple(subject, fc.constantFrom(...classes)).map(([s, c]) => quad(s, namedNode(RDF_TYPE), c)) },
      { weight: 5, arbitrary: fc.tuple(subject, fc.constantFrom('p', 'q', 'r'), fc.constantFrom(...nodes, ...blanks, ...literals)).map(([s, p, o]) => quad(s, namedNode(EX + p), o)) },
    );
    await fc.assert(fc.asyncProperty(fc.array(triple, { minLength: 1, maxLength: 30 }), async (data) => {
      const { compiled, engine } = await bothEngines(data, shapes);
      assert.deepEqual(findings(compiled), findings(engine));
    }), { numRuns: 600 });
  });

  it('validate/compiled/datatypes: ill-formed literals fail sh:datatype as in shacl-engine', async function () {
    const shapes = shapesOf(`ex:S sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:datatype <${XSD}integer> ] .`);
    const data = ['1', '-7', 'x', '1.5', ' 2'].map((v, i) => [quad(namedNode(`${EX}s${i}`), namedNode(RDF_TYPE), namedNode(`${EX}C`)), quad(namedNode(`${EX}s${i}`), namedNode(`${EX}p`), literal(v, namedNode(`${XSD}integer`)))]).flat();
    const { compiled, engine } = await bothEngines(data, shapes);
    assert.ok(compiled.violations >= 2);
    assert.deepEqual(findings(compiled), findings(engine));
  });
});

describe('validate/compiled/unsupported: shapes it does not cover go to shacl-engine', function () {
  const cases: [string, string][] = [
    ['ex:S sh:targetClass ex:C ; sh:closed true ; sh:property [ sh:path ex:p ] .', 'sh:closed'],
    ['ex:S sh:targetClass ex:C ; sh:property [ sh:path [ sh:inversePath ex:p ] ; sh:minCount 1 ] .', 'a path other than one predicate'],
    ['ex:S sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:node ex:S ] .', 'a recursive shape'],
    ['ex:S sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:qualifiedValueShape [ sh:class ex:D ] ; sh:qualifiedMinCount 1 ] .', 'sh:qualifiedValueShape'],
    ['ex:S sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:minCount 1, 2 ] .', '2 values of http://www.w3.org/ns/shacl#minCount'],
  ];
  for (const [ttl, feature] of cases) {
    it(`validate/compiled/unsupported/${feature.replace(/\W+/g, '-')}: refused, naming the feature`, function () {
      assert.throws(() => compileShapes(shapesOf(ttl)), (err: unknown) => err instanceof UnsupportedShapes && err.feature === feature);
    });
  }

  it('validate/compiled/unsupported/auto: validateQuads falls back to shacl-engine and still finds the violation', async function () {
    const shapes = shapesOf('ex:S sh:targetClass ex:C ; sh:closed true ; sh:property [ sh:path ex:p ] .');
    const s = namedNode(`${EX}s`);
    const data = [quad(s, namedNode(RDF_TYPE), namedNode(`${EX}C`)), quad(s, namedNode(`${EX}q`), literal('not allowed'))];
    await assert.rejects(validateQuads(data, shapes, 'compiled'), UnsupportedShapes);
    const outcome = await validateQuads(data, shapes);
    assert.ok(outcome.findings.some((f) => f.component === 'http://www.w3.org/ns/shacl#ClosedConstraintComponent'), JSON.stringify(outcome.findings));
  });
});
