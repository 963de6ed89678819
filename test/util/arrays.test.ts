/** util/arrays: appending arrays that grow with the input without passing them as arguments. */
import assert from 'node:assert/strict';
import { append } from '../../src/util/arrays.js';

describe('util/arrays', function () {
  it('util/arrays/append takes 1,000,000 items, where push(...items) overflows the call stack', function () {
    const items = Array.from({ length: 1_000_000 }, (_, i) => i);
    assert.throws(() => [].push(...(items as never[])), RangeError);
    const target = [-1];
    assert.equal(append(target, items), target);
    assert.equal(target.length, 1_000_001);
    assert.equal(target[1_000_000], 999_999);
  });
});
