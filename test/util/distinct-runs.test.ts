/** util/distinct-runs: strings given in parts are counted as a Set over all parts counts them, one part's hashes in memory at a time. */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import fc from 'fast-check';
import { DistinctCounter } from '../../src/util/distinct-counter.js';
import { DistinctRuns } from '../../src/util/distinct-runs.js';
import { collect, heapAfterCollection } from '../helpers/heap.js';

const runDirs = (): string[] => readdirSync(tmpdir()).filter((f) => f.startsWith(`dih-scratch-${process.pid}-distinct-`));
/** What a thread holds: its heap and its buffers (typed arrays live outside the heap). */
const held = (): number => heapAfterCollection() + process.memoryUsage().arrayBuffers;

describe('util/distinct-runs', function () {
  this.timeout(120_000);

  it('util/distinct-runs counts as a Set over every part does, repeats within and across parts, asked between parts too', function () {
    fc.assert(fc.property(fc.array(fc.array(fc.string({ maxLength: 6 }), { maxLength: 60 }), { maxLength: 8 }), fc.nat(8), (parts, askAt) => {
      const runs = new DistinctRuns();
      const counter = new DistinctCounter();
      const set = new Set<string>();
      try {
        parts.forEach((part, i) => {
          for (const t of part) {
            runs.add(t);
            counter.add(t);
            set.add(t);
          }
          if (i === askAt) assert.equal(runs.size, set.size, 'asked in the middle');
          else runs.endPart();
        });
        assert.equal(runs.size, set.size);
        assert.equal(runs.size, counter.size);
      } finally {
        runs.dispose();
      }
    }), { numRuns: 150 });
  });

  it('util/distinct-runs counts 300,000 IRIs given in 30 parts, each twice and across parts, exactly', function () {
    const runs = new DistinctRuns();
    try {
      for (let part = 0; part < 30; part++) {
        for (let i = 0; i < 10_000; i++) runs.add(`https://w3id.org/dih/source/jrc/${part * 10_000 + i}/hub`);
        // the part before's IRIs again, and a few every part has
        for (let i = 0; i < 10_000; i += 7) runs.add(`https://w3id.org/dih/source/jrc/${Math.max(0, part - 1) * 10_000 + i}/hub`);
        for (const c of ['PRT', 'DEU', 'Fully operational']) runs.add(c);
        runs.endPart();
      }
      assert.equal(runs.size, 300_003);
    } finally {
      runs.dispose();
    }
  });

  it('util/distinct-runs holds one part\'s hashes, where DistinctCounter holds a table of every string', function () {
    if (!collect) this.skip();
    const iri = (i: number): string => `https://w3id.org/dih/source/jrc/${i}/org/${i % 97}`;
    const before = held();
    const counter = new DistinctCounter();
    for (let i = 0; i < 400_000; i++) counter.add(iri(i));
    const byCounter = held() - before;
    const runs = new DistinctRuns();
    try {
      const start = held();
      for (let part = 0; part < 40; part++) {
        for (let i = 0; i < 10_000; i++) runs.add(iri(part * 10_000 + i));
        runs.endPart();
      }
      const byRuns = held() - start;
      assert.equal(runs.size, counter.size);
      assert.ok(byCounter >= 4 * 2 ** 20, `the counter's table took ${byCounter} bytes`);
      assert.ok(byRuns < byCounter / 8, `the runs took ${byRuns} bytes, the counter ${byCounter}`);
    } finally {
      runs.dispose();
    }
  });

  it('util/distinct-runs writes its runs to a temporary folder, none without a part, and dispose removes it', function () {
    const before = runDirs();
    const runs = new DistinctRuns();
    assert.equal(runs.size, 0);
    assert.deepEqual(runDirs(), before);
    runs.add('x');
    assert.equal(runs.size, 1);
    assert.equal(runDirs().length, before.length + 1);
    runs.dispose();
    assert.deepEqual(runDirs(), before);
  });
});
