/**
 * The quad index queries run over: every pattern answers what a scan of the quads answers, built
 * from quads, from a build's encoded triples and graphs, and read back from its file; a file that
 * is missing, stale or damaged is refused rather than trusted.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { DataFactory, Parser, Writer, type Quad, type Term } from 'n3';
import { QuadIndex } from '../../src/query/quad-index.js';
import { radixOrder } from '../../src/query/radix-order.js';
import { QUAD_INDEX_FILE, quadIndexBytes, readQuadIndex, stampQuadIndex } from '../../src/query/quad-index-file.js';
import { loadQueryStore, runQuery } from '../../src/query/engine.js';
import { encodeGraphs, encodeTriples, termTable } from '../../src/util/triple-transfer.js';
import { build } from '../../src/pipeline.js';
import { SOURCES, tempDir } from '../helpers/paths.js';

const { namedNode, blankNode, literal, defaultGraph, quad } = DataFactory;

/** A small pool of terms, so that random quads share terms and patterns have matches. */
const iris = ['urn:x:a', 'urn:x:b', 'urn:x:c', 'urn:x:g1', 'urn:x:g2'].map((v) => namedNode(v));
const subjectArb = fc.oneof(fc.constantFrom(...iris), fc.constantFrom('b1', 'b2').map((v) => blankNode(v)));
const predicateArb = fc.constantFrom(...iris.slice(0, 3));
const objectArb = fc.oneof(
  subjectArb,
  fc.constantFrom('v', 'é ü', '"quoted"\n', '').map((v) => literal(v)),
  fc.constantFrom('en', 'pt').map((l) => literal('v', l)),
  fc.constantFrom('1', 'v').map((v) => literal(v, namedNode('http://www.w3.org/2001/XMLSchema#integer'))),
);
const graphArb = fc.oneof(fc.constantFrom(iris[3]!, iris[4]!, iris[0]!), fc.constant(defaultGraph()));
const quadArb = fc.tuple(subjectArb, predicateArb, objectArb, graphArb).map(([s, p, o, g]) => quad(s as Quad['subject'], p as Quad['predicate'], o as Quad['object'], g as Quad['graph']));
/** A pattern position: unbound, a term of the pool, or a term no quad has. */
const positionArb = fc.oneof(fc.constant(null), subjectArb, objectArb, graphArb, fc.constant(namedNode('urn:x:absent')));

const key = (q: Quad): string => new Writer({ format: 'N-Quads' }).quadsToString([q]);
const keys = (qs: Iterable<Quad>): string[] => [...new Set([...qs].map(key))].sort();

function scan(quads: Quad[], pattern: (Term | null)[]): string[] {
  return keys(quads.filter((q) => [q.subject, q.predicate, q.object, q.graph].every((t, i) => !pattern[i] || pattern[i]!.equals(t))));
}

/** Writes quads as a publication folder (dih.nq) with its index file, as a build does. */
function publicationWithIndex(quads: Quad[]): string {
  const dir = tempDir('dih-quad-index-');
  const nq = Buffer.from(new Writer({ format: 'N-Quads' }).quadsToString(quads), 'utf8');
  writeFileSync(join(dir, 'dih.nq'), nq);
  const bytes = quadIndexBytes(QuadIndex.fromQuads(quads));
  stampQuadIndex(bytes, nq);
  writeFileSync(join(dir, QUAD_INDEX_FILE), bytes);
  return dir;
}

async function assertAnswersLikeAScan(index: QuadIndex, quads: Quad[], patterns: (Term | null)[][]): Promise<void> {
  assert.equal(index.size, keys(quads).length);
  for (const pattern of patterns) {
    const expected = scan(quads, pattern);
    const [s, p, o, g] = pattern;
    assert.deepEqual(keys(index.getQuads(s, p, o, g)), expected, `getQuads ${pattern.map(String).join(' ')}`);
    assert.deepEqual(keys(await index.match(s, p, o, g).toArray()), expected, `match ${pattern.map(String).join(' ')}`);
    assert.equal(index.countQuads(s, p, o, g), expected.length, `countQuads ${pattern.map(String).join(' ')}`);
  }
}

describe('query/quad-index', function () {
  this.timeout(60_000);

  it('query/quad-index/radix-order sorts by each key in turn, stably', function () {
    fc.assert(fc.property(fc.array(fc.tuple(fc.nat(6), fc.nat(6)), { maxLength: 60 }), (rows) => {
      const keys2 = [Uint32Array.from(rows.map((r) => r[0])), Uint32Array.from(rows.map((r) => r[1]))];
      const order = [...radixOrder(keys2, 7, rows.length)];
      const expected = rows.map((_, i) => i).sort((a, b) => rows[a]![0] - rows[b]![0] || rows[a]![1] - rows[b]![1] || a - b);
      assert.deepEqual(order, expected);
    }));
  });

  it('query/quad-index/from-quads answers every pattern as a scan of the quads does (property)', async function () {
    await fc.assert(fc.asyncProperty(fc.array(quadArb, { maxLength: 40 }), fc.array(fc.tuple(positionArb, positionArb, positionArb, positionArb), { minLength: 1, maxLength: 12 }), async (quads, patterns) => {
      await assertAnswersLikeAScan(QuadIndex.fromQuads(quads), quads, patterns);
    }), { numRuns: 150 });
  });

  it('query/quad-index/from-encoded (a build\'s triple ids and graphs) equals the index of the quads (property)', async function () {
    await fc.assert(fc.asyncProperty(fc.array(quadArb, { maxLength: 40 }), fc.array(fc.tuple(positionArb, positionArb, positionArb, positionArb), { minLength: 1, maxLength: 8 }), async (quads, patterns) => {
      const encoded = encodeTriples(quads);
      const index = QuadIndex.fromEncoded(termTable(quads).terms, encoded.ids, encodeGraphs(quads));
      await assertAnswersLikeAScan(index, quads, patterns);
    }), { numRuns: 100 });
  });

  it('query/quad-index/file round-trips: the index read back answers as the quads do (property)', async function () {
    await fc.assert(fc.asyncProperty(fc.array(quadArb, { maxLength: 30 }), fc.array(fc.tuple(positionArb, positionArb, positionArb, positionArb), { minLength: 1, maxLength: 8 }), async (quads, patterns) => {
      const read = readQuadIndex(publicationWithIndex(quads));
      assert.ok(typeof read !== 'string', `index refused: ${String(read)}`);
      await assertAnswersLikeAScan(read, quads, patterns);
    }), { numRuns: 40 });
  });

  it('query/quad-index/file is refused when missing, made from another dih.nq, or damaged', function () {
    const quads = [quad(iris[0]!, iris[1]!, literal('v'), iris[3]!), quad(iris[1]!, iris[1]!, iris[0]!, defaultGraph())];
    const dir = publicationWithIndex(quads);
    assert.ok(typeof readQuadIndex(dir) !== 'string');
    assert.equal(readQuadIndex(tempDir()), 'missing');

    const nq = join(dir, 'dih.nq');
    const original = readFileSync(nq);
    writeFileSync(nq, Buffer.concat([original, Buffer.from('<urn:x:c> <urn:x:a> "w" .\n')]));
    assert.equal(readQuadIndex(dir), 'stale');
    writeFileSync(nq, Buffer.from(original.toString('utf8').replace('"v"', '"w"'))); // same size, other bytes
    assert.equal(readQuadIndex(dir), 'stale');
    writeFileSync(nq, original);

    const file = join(dir, QUAD_INDEX_FILE);
    const bytes = readFileSync(file);
    writeFileSync(file, bytes.subarray(0, bytes.length - 4));
    assert.equal(readQuadIndex(dir), 'unreadable', 'truncated');
    const badId = Buffer.from(bytes);
    badId.writeUInt32LE(9999, badId.length - 7 * 2 * 4); // the first subject id
    writeFileSync(file, badId);
    assert.equal(readQuadIndex(dir), 'unreadable', 'a term id beyond the table');
    const otherFormat = Buffer.from(bytes);
    otherFormat.write('DIHQIDX9', 0, 'latin1');
    writeFileSync(file, otherFormat);
    assert.equal(readQuadIndex(dir), 'unreadable', 'another format version');
  });

  it('query/quad-index/build writes dih.nq.idx holding exactly the quads of dih.nq, and queries read it', async function () {
    const dir = join(tempDir(), 'dist');
    const result = await build([SOURCES], { out: dir });
    assert.ok(result.files.includes(QUAD_INDEX_FILE));
    const index = readQuadIndex(dir);
    assert.ok(typeof index !== 'string', `index refused: ${String(index)}`);
    const nquads = new Parser({ format: 'application/n-quads' }).parse(readFileSync(join(dir, 'dih.nq'), 'utf8'));
    assert.deepEqual(keys(index.getQuads()), keys(nquads));
    assert.doesNotMatch(readFileSync(join(dir, 'catalog.ttl'), 'utf8'), /nq\.idx/, 'the index is a cache, not a distribution');

    // A dih.nq changed after the build: its index is stale and the query store comes from dih.nq.
    const extra = '<urn:x:added> <http://www.w3.org/2000/01/rdf-schema#label> "added after the build" <urn:x:g> .\n';
    writeFileSync(join(dir, 'dih.nq'), readFileSync(join(dir, 'dih.nq'), 'utf8') + extra);
    const store = await loadQueryStore(dir);
    assert.equal(store.size, index.size + 1);
    const r = await runQuery('SELECT ?l WHERE { <urn:x:added> ?p ?l }', store, 'csv');
    assert.equal(r.text.replace(/\r/g, ''), 'l\nadded after the build\n');
  });
});
