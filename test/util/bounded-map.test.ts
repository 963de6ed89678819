/** BoundedMap: a memo that starts over when full, never holding more than its limit. */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { BoundedMap } from '../../src/util/bounded-map.js';

describe('util/bounded-map', function () {
  it('util/bounded-map holds at most its limit, starting over when a new key would pass it', function () {
    const m = new BoundedMap<string, number>(2);
    m.set('a', 1).set('b', 2);
    m.set('a', 3); // a key it holds: no reason to start over
    assert.deepEqual([...m], [['a', 3], ['b', 2]]);
    m.set('c', 4);
    assert.deepEqual([...m], [['c', 4]]);
    assert.throws(() => new BoundedMap(0), RangeError);
  });

  it('util/bounded-map: whatever is set, its size stays within the limit and every value it holds is the last one set', function () {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.array(fc.tuple(fc.integer({ min: 0, max: 20 }), fc.integer())), (limit, sets) => {
        const m = new BoundedMap<number, number>(limit);
        const last = new Map<number, number>();
        for (const [k, v] of sets) {
          m.set(k, v);
          last.set(k, v);
          assert.ok(m.size <= limit);
          assert.equal(m.get(k), v);
        }
        for (const [k, v] of m) assert.equal(v, last.get(k));
      }),
    );
  });
});
