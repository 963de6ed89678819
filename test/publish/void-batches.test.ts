/**
 * VoID and the catalogue's data facts gathered batch by batch (VoidStats, DataFactsCollector) give
 * what voidQuads and dataFacts give over the whole graph: the example graph plus synthetic hubs,
 * its de-duplicated triples split by subject, one subject's triples split across two batches.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Quad } from 'n3';
import { assemble } from '../../src/pipeline.js';
import { sortedTriples } from '../../src/publish/serialize.js';
import { VoidStats, voidQuads, type VoidOptions } from '../../src/publish/void.js';
import { DistinctRuns } from '../../src/util/distinct-runs.js';
import { DataFactsCollector, dataFacts } from '../../src/publish/catalog.js';
import { loadConcepts, type ConceptIndex } from '../../src/vocab/concepts.js';
import { dih, rdf } from '../../src/vocab/namespaces.js';
import { writeSynthetic } from '../../bench/generate.js';
import { SOURCES, tempDir } from '../helpers/paths.js';
import { diffSets, tripleSet } from '../helpers/graph.js';

const BASE = 'https://w3id.org/dih/';
const OPTIONS: VoidOptions = { base: BASE, publicationBase: 'https://example.org/dih/', files: ['dih.ttl', 'dih.nt', 'dih.nq'] };

function groupBy(quads: Quad[], key: (q: Quad) => string): Map<string, Quad[]> {
  const out = new Map<string, Quad[]>();
  for (const q of quads) {
    const group = out.get(key(q));
    if (group) group.push(q);
    else out.set(key(q), [q]);
  }
  return out;
}

/** Triples grouped by subject, the groups dealt to `n` batches; the first hub's triples split between the first and the last batch. */
function batchesBySubject(triples: Quad[], n: number): Quad[][] {
  const bySubject = groupBy(triples, (q) => q.subject.value);
  const batches: Quad[][] = Array.from({ length: n }, () => []);
  const hub = triples.find((q) => q.predicate.value === rdf.type && q.object.value === dih.DigitalInnovationHub)!.subject.value;
  [...bySubject.entries()].forEach(([subject, group], i) => {
    if (subject !== hub) return void batches[i % n]!.push(...group);
    const half = Math.ceil(group.length / 2);
    batches[0]!.push(...group.slice(0, half));
    batches[n - 1]!.push(...group.slice(half));
  });
  return batches;
}

describe('publish/void-batches', function () {
  this.timeout(120_000);
  let quads: Quad[];
  let triples: Quad[];
  let concepts: ConceptIndex;
  before(async function () {
    const synthetic = join(tempDir(), 'synthetic');
    writeSynthetic(40, synthetic);
    ({ quads } = await assemble([SOURCES, synthetic]));
    triples = sortedTriples(quads);
    concepts = loadConcepts(BASE);
  });

  it('publish/void-batches/the batches are a partition of the triples, one subject in two of them', function () {
    const batches = batchesBySubject(triples, 3);
    assert.equal(batches.reduce((n, b) => n + b.length, 0), triples.length);
    const batchesOf = new Map<string, Set<number>>();
    batches.forEach((b, i) => b.forEach((q) => batchesOf.set(q.subject.value, (batchesOf.get(q.subject.value) ?? new Set()).add(i))));
    assert.equal([...batchesOf.values()].filter((s) => s.size > 1).length, 1);
  });

  for (const [what, make] of [['without a base', () => new VoidStats()], ['given the base', () => new VoidStats(BASE)], ['counting its objects on disk (DistinctRuns)', () => new VoidStats(BASE, new DistinctRuns())]] as const) {
    it(`publish/void-batches/VoidStats ${what} over three batches describes what voidQuads describes over the whole`, function () {
      const stats = make();
      for (const batch of batchesBySubject(triples, 3)) stats.add(batch);
      const expected = tripleSet(voidQuads(quads, OPTIONS));
      const actual = tripleSet(stats.quads(OPTIONS));
      assert.deepEqual(diffSets(actual, expected), { onlyA: [], onlyB: [] });
      assert.equal(actual.size, expected.size);
    });
  }

  it('publish/void-batches/VoidStats told which subjects only one batch describes counts them without its counter, and the same', function () {
    const batches = batchesBySubject(triples, 3).map((b) => sortedTriples(b));
    const inSeveral = new Set<string>();
    const seenIn = new Map<string, number>();
    batches.forEach((b, i) => b.forEach((q) => {
      const first = seenIn.get(q.subject.value);
      if (first === undefined) seenIn.set(q.subject.value, i);
      else if (first !== i) inSeveral.add(q.subject.value);
    }));
    assert.equal(inSeveral.size, 1);
    const stats = new VoidStats(BASE);
    for (const batch of batches) stats.add(batch, (s) => !inSeveral.has(s));
    assert.deepEqual(diffSets(tripleSet(stats.quads(OPTIONS)), tripleSet(voidQuads(quads, OPTIONS))), { onlyA: [], onlyB: [] });
    // The counter holds only the subject of several batches.
    assert.equal((stats as unknown as { subjects: { size: number } }).subjects.size, 1);
  });

  it('publish/void-batches/VoidStats counts the same whatever the order of batches and of triples', function () {
    const stats = new VoidStats();
    for (const batch of batchesBySubject(triples, 4).reverse()) stats.add([...batch].reverse());
    assert.deepEqual(tripleSet(stats.quads(OPTIONS)), tripleSet(voidQuads(quads, OPTIONS)));
  });

  it('publish/void-batches/VoidStats counts distinct subjects and objects as sets of their terms do, whatever the order (a subject\'s triples apart, objects repeated across batches)', function () {
    // a fixed shuffle: a subject's triples are rarely next to each other
    const shuffled = triples.map((q, i) => [((i * 7919) % 104729) + i / 1e7, q] as const).sort(([a], [b]) => a - b).map(([, q]) => q);
    const stats = new VoidStats();
    for (let i = 0; i < shuffled.length; i += 97) stats.add(shuffled.slice(i, i + 97));
    const VOID = 'http://rdfs.org/ns/void#';
    const description = stats.quads(OPTIONS);
    const dataset = description.find((q) => q.predicate.value === rdf.type && q.object.value === `${VOID}Dataset`)!.subject.value;
    const counts = new Map(description.filter((q) => q.subject.value === dataset).map((q) => [q.predicate.value, Number(q.object.value)]));
    assert.equal(counts.get(`${VOID}triples`), triples.length);
    assert.equal(counts.get(`${VOID}distinctSubjects`), new Set(triples.map((q) => q.subject.value)).size);
    assert.equal(counts.get(`${VOID}distinctObjects`), new Set(triples.map((q) => q.object.id)).size);
  });

  it('publish/void-batches/VoidStats in one batch gives voidQuads, quad for quad, and has linksets and class partitions to compare', function () {
    const stats = new VoidStats();
    stats.add(triples);
    const whole = voidQuads(quads, OPTIONS);
    assert.deepEqual(stats.quads(OPTIONS), whole);
    const objects = (p: string) => whole.filter((q) => q.predicate.value === `http://rdfs.org/ns/void#${p}`).length;
    assert.ok(objects('subset') >= 2 && objects('classPartition') >= 5, 'linksets and class partitions');
  });

  it('publish/void-batches/VoidStats given a base refuses options of another base', function () {
    const stats = new VoidStats(BASE);
    stats.add(triples.slice(0, 10));
    assert.throws(() => stats.quads({ ...OPTIONS, base: 'https://example.org/other/' }), /base/);
  });

  it('publish/void-batches/DataFactsCollector over batches of triples deep-equals dataFacts', function () {
    const collector = new DataFactsCollector(concepts);
    for (const batch of batchesBySubject(triples, 3)) collector.add(batch);
    const expected = dataFacts(quads, concepts);
    assert.deepEqual(collector.facts(), expected);
    assert.ok(expected.hubs >= 40 && expected.countries.length > 1 && expected.dates.length > 1);
  });

  it('publish/void-batches/DataFactsCollector over batches of quads by named graph (duplicates across them) deep-equals dataFacts', function () {
    const byGraph = groupBy(quads, (q) => q.graph.value);
    const collector = new DataFactsCollector(concepts);
    for (const batch of byGraph.values()) collector.add(batch);
    assert.deepEqual(collector.facts(), dataFacts(quads, concepts));
  });
});
