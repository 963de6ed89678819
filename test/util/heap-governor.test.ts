/** util/heap-governor: when a thread's heap is collected during a long loop, and that the collection is V8's real one. */
import assert from 'node:assert/strict';
import { getHeapStatistics } from 'node:v8';
import { allowHeapGrowth, fullCollection, heapGovernor, MAIN_THREAD_POLICY, relieveHeap, takeInWhenRelieving, WORKER_POLICY, type HeapPolicy } from '../../src/util/heap-governor.js';

const MB = 2 ** 20;

/** A heap whose use the test sets, and which a collection brings down to `alive`. */
function fakeHeap(used: number, alive: number) {
  const heap = { used, alive, collections: 0 };
  return { heap, probe: { used: () => heap.used, collect: () => { heap.collections++; heap.used = heap.alive; } } };
}

describe('util/heap-governor', function () {
  const policy: HeapPolicy = { minGrowth: 100 * MB, growthShare: 0.5, lookEvery: 100 };
  // [what, heap alive at the start (MB), then each look: time (ms), heap used (MB), collected?]
  const table: [string, number, [number, number, boolean][]][] = [
    ['growth under minGrowth is left to V8', 20, [[0, 60, false], [200, 119, false]]],
    ['growth past minGrowth is collected at once', 20, [[0, 60, false], [200, 121, true]]],
    ['a big heap may grow by its share before a collection', 800, [[0, 1150, false], [200, 1201, true]]],
    ['the heap is looked at most every lookEvery ms', 20, [[0, 60, false], [50, 500, false], [100, 500, true]]],
    ['after a collection the allowance counts from what stayed alive', 20, [[0, 200, true], [100, 130, false], [200, 139, true]]],
    ['a heap V8 has collected by itself is the new base', 800, [[0, 500, false], [200, 749, false], [300, 751, true]]],
  ];
  for (const [what, start, looks] of table) {
    it(`util/heap-governor/relieve: ${what}`, function () {
      const { heap, probe } = fakeHeap(start * MB, start * MB);
      const governor = heapGovernor(policy, probe);
      let expected = 0;
      for (const [now, used, collected] of looks) {
        heap.used = used * MB;
        // a collection leaves what was alive at the start plus a tenth of the growth
        heap.alive = start * MB + (used - start) * MB * 0.1;
        assert.equal(governor.relieve(now), collected, `at ${now} ms with ${used} MB`);
        if (collected) expected++;
        assert.equal(governor.collections, expected);
      }
    });
  }

  it('util/heap-governor/policy: a new allowance holds from the next look on', function () {
    const { heap, probe } = fakeHeap(20 * MB, 20 * MB);
    const governor = heapGovernor(policy, probe);
    governor.policy = { ...policy, minGrowth: 300 * MB };
    heap.used = 200 * MB;
    assert.equal(governor.relieve(0), false, '180 MB of growth is under the new 300 MB');
    governor.policy = policy;
    assert.equal(governor.relieve(200), true, 'and over the old 100 MB');
  });

  it('util/heap-governor/allowHeapGrowth gives this thread another allowance until it is taken back, then the one before', function () {
    relieveHeap(1e12); // a look now, so that the next ones are due
    const restore = allowHeapGrowth({ minGrowth: 10_000 * MB, growthShare: 1, lookEvery: 0 });
    // 160 MB more on the heap (arrays of 1 MB, which only a full collection moves), kept alive
    const held = Array.from({ length: 160 }, () => new Array<number>(MB / 8).fill(1));
    assert.equal(relieveHeap(2e12), false, 'under the wide allowance');
    restore();
    assert.equal(relieveHeap(3e12), true, 'past the thread\'s own 96 MB again');
    assert.equal(held.length, 160);
  });

  it('util/heap-governor/relieve does nothing where no collection is to be had', function () {
    const governor = heapGovernor(policy, { used: () => 10_000 * MB, collect: undefined });
    assert.equal(governor.relieve(0), false);
    assert.equal(governor.collections, 0);
  });

  it('util/heap-governor/policies: the build\'s thread lets more grow than a worker, and neither collects for a small build', function () {
    assert.ok(MAIN_THREAD_POLICY.minGrowth > WORKER_POLICY.minGrowth);
    assert.ok(WORKER_POLICY.minGrowth >= 32 * MB);
  });

  it('util/heap-governor/fullCollection is V8\'s collection: it frees what nothing holds any more', function () {
    const collect = fullCollection();
    assert.equal(typeof collect, 'function');
    collect!();
    let garbage: { n: number; text: string }[] | undefined = Array.from({ length: 400_000 }, (_, n) => ({ n, text: `item ${n}` }));
    const holding = getHeapStatistics().used_heap_size;
    assert.equal(garbage.length, 400_000);
    garbage = undefined;
    collect!();
    const after = getHeapStatistics().used_heap_size;
    assert.ok(holding - after > 15 * MB, `${((holding - after) / MB).toFixed(1)} MB freed`);
  });
  it('util/heap-governor/takeInWhenRelieving: a taker runs at a relief, at most every 20 ms, until it is removed', async function () {
    let runs = 0;
    const stop = takeInWhenRelieving(() => runs++);
    await new Promise((resolve) => setTimeout(resolve, 25)); // past any relief so far
    try {
      const t = performance.now();
      relieveHeap(t);
      assert.equal(runs, 1);
      relieveHeap(t + 5);
      assert.equal(runs, 1, 'not again within 20 ms');
      relieveHeap(t + 25);
      assert.equal(runs, 2);
    } finally {
      stop();
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    relieveHeap();
    assert.equal(runs, 2, 'removed');
  });
});
