import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ownCopy } from '../../src/util/own-copy.js';
import { collect, heapAfterCollection } from '../helpers/heap.js';
import { recordFeatures, WordCounts, WordSet } from '../../src/merge/features.js';
import { mergeView } from '../../src/merge/hubs.js';
import { RecordStore } from '../../src/sources/record-store.js';
import { newEntity, type HubRecord } from '../../src/model/record.js';

const MB = 2 ** 20;


/** Heap kept, after collection, by what `keep` keeps of a 32 MB text's 40-character piece. */
function keptByAPieceOfABigText(keep: (piece: string) => unknown): { grew: number; kept: unknown } {
  const before = heapAfterCollection();
  const kept = ((): unknown => {
    // In the heap (a string made from a Buffer this big would live outside it), flattened by the slice.
    const text = 'abcdefghij'.repeat((32 * MB) / 10);
    return keep(text.slice(1000, 1040));
  })();
  return { grew: heapAfterCollection() - before, kept };
}

describe('util/own-copy', function () {
  before(function () {
    if (!collect) this.skip();
  });

  it('util/own-copy a kept piece of a big text keeps all of it, as V8 slices (what ownCopy is for)', function () {
    const { grew, kept } = keptByAPieceOfABigText((piece) => piece);
    assert.ok(grew > 24 * MB, `a kept slice kept ${(grew / MB).toFixed(1)} MB`);
    assert.equal(kept, 'abcdefghij'.repeat(4));
  });

  it('util/own-copy a copy of the piece lets the 32 MB text go', function () {
    const { grew, kept } = keptByAPieceOfABigText(ownCopy);
    assert.ok(grew < 4 * MB, `the copy kept ${(grew / MB).toFixed(1)} MB`);
    assert.equal(kept, 'abcdefghij'.repeat(4));
  });

  it('util/own-copy is the same text, whatever the text', function () {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.nat(20), (text, cut) => {
      assert.equal(ownCopy(text.slice(Math.min(cut, text.length))), text.slice(Math.min(cut, text.length)));
    }));
  });

  it('merge/features the word table keeps no long word as a view of the text it came from', function () {
    // A word of 40 characters: the table's copy must not hold the YAML file it was read from.
    const set = keptByAPieceOfABigText((piece) => WordSet.of([piece]));
    assert.ok(set.grew < 4 * MB, `WordSet kept ${(set.grew / MB).toFixed(1)} MB`);
    const counts = keptByAPieceOfABigText((piece) => WordCounts.of([piece.slice(3)]));
    assert.ok(counts.grew < 4 * MB, `WordCounts kept ${(counts.grew / MB).toFixed(1)} MB`);
  });

  it('merge/views, merge/features and the record store keep no text as a view of the file it came from', function () {
    /** A record whose texts are all pieces of the file's text, as the YAML reader's are. */
    const recordFrom = (piece: string): HubRecord => {
      const hub = { ...newEntity('hub', 'hub', piece.slice(0, 30)), altNames: [piece.slice(2, 30)], homepage: piece.slice(0, 18), address: { locality: piece.slice(5, 25) } };
      return { source: { registry: 'synthetic', id: piece.slice(0, 16), identifier: piece.slice(1, 30), file: 'synthetic.yaml', date: piece.slice(3, 20) }, hub: 'hub', entities: [hub], relations: [] };
    };
    const kept: Record<string, (piece: string) => unknown> = {
      // as the build makes them: the store keeps the source, the merge's view and features the rest
      'record store and view': (piece) => {
        const views: HubRecord[] = [];
        const store = new RecordStore((record, _, source) => views.push(mergeView(record, source)));
        store.add(recordFrom(piece));
        return [store.sources, views];
      },
      features: (piece) => recordFeatures(recordFrom(piece), 0),
    };
    for (const [what, keep] of Object.entries(kept)) {
      const { grew } = keptByAPieceOfABigText(keep);
      assert.ok(grew < 4 * MB, `the ${what} kept ${(grew / MB).toFixed(1)} MB`);
    }
  });

  it('sources/record-store keeps one copy of a licence and publisher its records share', function () {
    const LICENCE = 'Creative Commons Attribution 4.0 International, '.repeat(5);
    const store = new RecordStore();
    heapAfterCollection();
    const before = heapAfterCollection();
    for (let i = 0; i < 20_000; i++) store.add({ source: { registry: 'x', id: `r${i}`, file: 'x.json', license: LICENCE, publisher: 'The publisher of this registry' }, hub: 'hub', entities: [newEntity('hub', 'hub', `Hub ${i}`)], relations: [] });
    const perRecord = (heapAfterCollection() - before) / 20_000;
    // A copy of the licence for each record took ~590 bytes a record; one copy for all, ~215.
    assert.ok(perRecord < 400, `${perRecord.toFixed(0)} bytes a record`);
    assert.equal(store.sources[19_999]!.source.license, LICENCE);
  });
});
