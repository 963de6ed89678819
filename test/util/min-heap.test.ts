/** util/min-heap: items come out in the order `before` gives, pushed and popped in any interleaving, or moved on in place. */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { MinHeap } from '../../src/util/min-heap.js';

describe('util/min-heap', function () {
  it('util/min-heap pops what was pushed in order, pushes and pops interleaved', function () {
    fc.assert(fc.property(fc.array(fc.option(fc.integer({ min: -50, max: 50 }), { nil: undefined }), { maxLength: 200 }), (steps) => {
      const heap = new MinHeap<number>((a, b) => a < b);
      const model: number[] = [];
      for (const step of steps) {
        if (step === undefined) {
          model.sort((a, b) => a - b);
          assert.equal(heap.pop(), model.shift());
        } else {
          heap.push(step);
          model.push(step);
        }
        assert.equal(heap.size, model.length);
        assert.equal(heap.peek(), model.length ? Math.min(...model) : undefined);
      }
    }), { numRuns: 200 });
  });

  it('util/min-heap merges sorted runs when the first moves on in place (topChanged)', function () {
    fc.assert(fc.property(fc.array(fc.array(fc.integer({ min: 0, max: 30 }), { maxLength: 20 }), { maxLength: 8 }), (runs) => {
      const sorted = runs.map((r) => [...r].sort((a, b) => a - b));
      const cursors = sorted.map((run) => ({ run, at: 0 }));
      const heap = new MinHeap<{ run: number[]; at: number }>((x, y) => x.run[x.at]! < y.run[y.at]!);
      for (const c of cursors) if (c.run.length) heap.push(c);
      const out: number[] = [];
      for (let top = heap.peek(); top; top = heap.peek()) {
        out.push(top.run[top.at]!);
        if (++top.at < top.run.length) heap.topChanged();
        else heap.pop();
      }
      assert.deepEqual(out, runs.flat().sort((a, b) => a - b));
    }), { numRuns: 200 });
  });
});
