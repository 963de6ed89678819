/** DistinctCounter counts what a Set would hold, through its table's growth. */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DistinctCounter } from '../../src/util/distinct-counter.js';

describe('util/distinct-counter', function () {
  it('util/distinct-counter counts as a Set does, with repeats and near-identical strings', function () {
    fc.assert(fc.property(fc.array(fc.string({ maxLength: 12 }), { maxLength: 400 }), (texts) => {
      const counter = new DistinctCounter();
      const set = new Set<string>();
      for (const t of texts) assert.equal(counter.add(t), !set.has(t) && !!set.add(t));
      assert.equal(counter.size, set.size);
    }), { numRuns: 200 });
  });

  it('util/distinct-counter keeps counting exactly past many doublings (200,000 IRIs, each added twice)', function () {
    const counter = new DistinctCounter();
    for (let round = 0; round < 2; round++) for (let i = 0; i < 200_000; i++) counter.add(`https://w3id.org/dih/source/jrc/${i}/hub`);
    assert.equal(counter.size, 200_000);
    assert.equal(counter.add(''), true);
    assert.equal(counter.add(''), false);
  });

  it('util/distinct-counter takes 8 bytes a slot and fills three quarters of them before it grows', function () {
    const counter = new DistinctCounter();
    // 1.5 M fit in three quarters of 2^21 slots (at most half full, they would take 2^22).
    for (let i = 0; i < 1_500_000; i++) counter.add(`https://w3id.org/dih/hub/${i}`);
    assert.equal(counter.size, 1_500_000);
    assert.equal(counter.byteLength, 8 * 2 ** 21);
  });
});
