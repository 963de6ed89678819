import assert from 'node:assert/strict';
import { getHeapStatistics } from 'node:v8';
import fc from 'fast-check';
import { ownCopy } from '../../src/util/own-copy.js';
import { fullCollection } from '../../src/util/heap-governor.js';
import { WordCounts, WordSet } from '../../src/merge/features.js';

const MB = 2 ** 20;
const collect = fullCollection();

function heapAfterCollection(): number {
  collect!();
  collect!();
  return getHeapStatistics().used_heap_size;
}

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
});
