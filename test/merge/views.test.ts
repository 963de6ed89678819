/** merge/views: what a build keeps of each record for the merge gives the merge of whole records. */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import fc from 'fast-check';
import { readSources } from '../../src/sources/index.js';
import { mergeRecords, mergeView, recordFeatures } from '../../src/merge/index.js';
import { WordCounts, WordSet } from '../../src/merge/features.js';
import { loadConcepts } from '../../src/vocab/concepts.js';
import { DEFAULT_BASE } from '../../src/vocab/namespaces.js';
import { newEntity, type HubRecord } from '../../src/model/record.js';
import { fullCollection } from '../../src/util/heap-governor.js';
import { SHARED, SOURCES } from '../helpers/paths.js';

const REG = join(SHARED, 'data', 'registries');

describe('merge/views', function () {
  this.timeout(120_000);

  it('merge/views: merging hub views with features taken from the whole records gives the same hubs, links and conflicts', async function () {
    const { records } = await readSources([join(REG, 'jrc-dih-tool-2022.ngsi-ld.json'), join(REG, 'edih-catalogue-2025.xlsx'), SOURCES]);
    const concepts = loadConcepts(DEFAULT_BASE);
    const whole = mergeRecords(records, concepts, DEFAULT_BASE);
    const features = records.map((r, i) => recordFeatures(r, i));
    const views = records.map((r) => mergeView(r));
    // a view holds no description, contacts, other entities or relations
    assert.ok(views.every((v) => v.entities.length <= 1 && !v.relations.length && !v.entities[0]?.description && !v.entities[0]?.contactPoints));
    const fromViews = mergeRecords(views, concepts, DEFAULT_BASE, undefined, features);
    assert.equal(features.length, 0, 'the merge took the features over and let them go');
    assert.ok(whole.conflicts.length > 0 && whole.hubs.some((h) => h.links.length > 1), 'the registries have merged hubs and conflicts');
    assert.deepEqual(fromViews.hubs, whole.hubs);
    assert.deepEqual(fromViews.conflicts, whole.conflicts);
    assert.deepEqual(fromViews.files, whole.files);
    assert.throws(() => mergeRecords(views, concepts, DEFAULT_BASE, undefined, records.slice(1).map((r, i) => recordFeatures(r, i))), RangeError);
  });

  it('merge/features/WordCounts counts words as a Map would, in the order they first occur, and their weighted dot product', function () {
    const word = fc.constantFrom('rail', 'port', 'agri', 'food', 'data', 'robot', 'cloud', 'über', 'e\u0301te\u0301', 'x'.repeat(40));
    fc.assert(fc.property(fc.array(word, { maxLength: 60 }), fc.array(word, { maxLength: 60 }), (xs, ys) => {
      const counted = (ws: string[]) => ws.reduce((m, w) => m.set(w, (m.get(w) ?? 0) + 1), new Map<string, number>());
      const [mx, my] = [counted(xs), counted(ys)];
      const [cx, cy] = [WordCounts.of(xs), WordCounts.of(ys)];
      assert.deepEqual([...cx], [...mx]);
      assert.deepEqual([...cx.keys()], [...mx.keys()]);
      assert.equal(cx.size, mx.size);
      for (const w of [...mx.keys(), 'never-seen-word']) assert.equal(cx.get(w), mx.get(w));
      const weight = (w: string) => w.length / 10;
      let dot = 0;
      for (const [w, n] of mx) dot += n * (my.get(w) ?? 0) * weight(w) ** 2;
      assert.ok(Math.abs(cx.dot(cy, weight) - dot) < 1e-9);
      assert.ok(Math.abs(cx.dot(cy, weight) - cy.dot(cx, weight)) < 1e-9);
    }));
  });

  it('merge/features/WordCounts of 100,000 descriptions of 10 words take under 200 bytes each', function () {
    const collect = fullCollection();
    if (!collect) this.skip();
    const vocabulary = Array.from({ length: 5000 }, (_, i) => `word${i}`);
    const held = (): number => {
      collect!();
      collect!();
      const m = process.memoryUsage();
      return m.heapUsed + m.arrayBuffers;
    };
    const before = held();
    const kept = Array.from({ length: 100_000 }, (_, r) => WordCounts.of(Array.from({ length: 10 }, (_, k) => vocabulary[(r * 7 + k * 13) % 5000]!)));
    const perRecord = (held() - before) / kept.length;
    // A pair of typed arrays per record took ~500 bytes.
    assert.ok(perRecord < 200, `${perRecord.toFixed(0)} bytes a record`);
    assert.equal(kept[99_999]!.size, 10);
  });

  it('merge/views share one frozen object for each concept reference, whatever record it came from', function () {
    const record = (id: string): HubRecord => ({
      source: { registry: 'x', id, file: 'x.yaml' },
      hub: 'hub',
      entities: [{ ...newEntity('hub', 'hub', `Hub ${id}`), sectors: [{ label: 'Agriculture', iri: 'https://w3id.org/dih/concept/sector/agri', level: 2 }, { label: 'Unmatched text' }] }],
      relations: [],
    });
    const [a, b] = [mergeView(record('a')).entities[0]!, mergeView(record('b')).entities[0]!];
    assert.deepEqual(a.sectors, [{ label: 'Agriculture', iri: 'https://w3id.org/dih/concept/sector/agri' }, { label: 'Unmatched text' }]);
    assert.equal(a.sectors[0], b.sectors[0]);
    assert.equal(a.sectors[1], b.sectors[1]);
    assert.ok(Object.isFrozen(a.sectors[0]));
  });

  it('merge/features/WordSet says what a Set of the same words says, in the same order', function () {
    fc.assert(fc.property(fc.array(fc.constantFrom<string>('porto', 'braga', 'lisboa', 'faro', 'évora', ''), { maxLength: 12 }), (ws) => {
      const set = new Set(ws);
      const words = WordSet.of(ws);
      assert.deepEqual([...words], [...set]);
      assert.equal(words.size, set.size);
      for (const w of ['porto', 'braga', 'lisboa', 'faro', 'évora', '', 'coimbra']) assert.equal(words.has(w), set.has(w));
    }));
  });
});
