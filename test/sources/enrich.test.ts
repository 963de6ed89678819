/** sources/enrich: registry descriptions extracted on a worker while the files are still read, as this thread would extract them. */
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { DescriptionWorker, extractMarked, type MarkedRecord } from '../../src/sources/enrich.js';
import type { DescriptionFacts } from '../../src/extract/description.js';
import { relieveHeap } from '../../src/util/heap-governor.js';
import { collect, heapAfterCollection } from '../helpers/heap.js';

const TEXTS = [
  'The hub is coordinated by the University of Porto and its partners include INESC TEC and the Portuguese Robotics Society.',
  'Led by Fraunhofer IPA, the hub works with SMEs in manufacturing and artificial intelligence.',
  'A one-stop shop for the agrifood sector in Andalusia.',
];

/** 2,500 marked records (three messages for the worker), every fifth without a job in between. */
function marked(): MarkedRecord[] {
  return Array.from({ length: 2500 }, (_, n) => ({
    at: n + Math.floor(n / 4),
    job: { text: TEXTS[n % TEXTS.length]!, context: { hubName: `Hub ${n}`, file: 'registry.json', recordId: `r${n}`, field: 'description' } },
  }));
}

const asJson = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

describe('sources/enrich', function () {
  this.timeout(120_000);

  it('sources/enrich/DescriptionWorker gives each record the facts extractMarked gives it, with the same diagnostics in record order', async function () {
    const records = marked();
    const here = new Map<number, DescriptionFacts>();
    const hereDiagnostics = await extractMarked(records, (at, facts) => here.set(at, facts));
    const there = new Map<number, DescriptionFacts>();
    const worker = new DescriptionWorker((at, facts) => there.set(at, facts));
    for (const m of records) worker.add(m);
    const thereDiagnostics = await worker.finish();
    assert.equal(there.size, records.length);
    assert.deepEqual([...there.keys()], records.map((m) => m.at), 'facts come in record order');
    for (const m of records) assert.deepStrictEqual(there.get(m.at), asJson(here.get(m.at)), `record at ${m.at}`);
    assert.deepEqual(thereDiagnostics, asJson(hereDiagnostics));
    assert.ok([...there.values()].some((f) => f.entities.length > 0), 'the descriptions named organisations');
  });

  it('sources/enrich/DescriptionWorker extracts each thousand descriptions as soon as they are marked, before the reading ends', async function () {
    const records = marked();
    let applied = 0;
    const worker = new DescriptionWorker(() => applied++);
    for (const m of records.slice(0, 1000)) worker.add(m);
    // the reading goes on; the first thousand come back without finish() being called
    const deadline = Date.now() + 60_000;
    while (applied < 1000 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(applied, 1000);
    for (const m of records.slice(1000)) worker.add(m);
    await worker.finish();
    assert.equal(applied, records.length);
  });

  it('sources/enrich/DescriptionWorker hands facts over while this thread is busy and never yields, at each relief of its heap (as reading and merging are)', function () {
    const records = marked();
    let applied = 0;
    const worker = new DescriptionWorker(() => applied++);
    try {
      for (const m of records.slice(0, 1000)) worker.add(m);
      // A synchronous loop like a reader's: no await, only the progress bars' reliefs.
      const deadline = Date.now() + 60_000;
      const pause = new Int32Array(new SharedArrayBuffer(4));
      while (applied < 1000 && Date.now() < deadline) {
        Atomics.wait(pause, 0, 0, 25);
        relieveHeap();
      }
      assert.equal(applied, 1000, 'the answers were taken in without the event loop');
    } finally {
      worker.stop();
    }
  });

  it('sources/enrich/DescriptionWorker holds no facts once handed over, while this thread has not yielded', function () {
    if (!collect) this.skip();
    const records = marked().slice(0, 2000);
    let applied = 0;
    const worker = new DescriptionWorker(() => applied++);
    try {
      const before = heapAfterCollection();
      for (const m of records) worker.add(m);
      const deadline = Date.now() + 60_000;
      const pause = new Int32Array(new SharedArrayBuffer(4));
      while (applied < 2000 && Date.now() < deadline) {
        Atomics.wait(pause, 0, 0, 25);
        relieveHeap();
      }
      assert.equal(applied, 2000);
      // Still without yielding: a promise resolved with the answers would hold them here
      // (100,000 descriptions' facts were ~370 MB while the first registry file was read).
      const grown = heapAfterCollection() - before;
      assert.ok(grown < 2 * 2 ** 20, `${grown} bytes held after 2,000 descriptions were handed over`);
    } finally {
      worker.stop();
    }
  });

  it('sources/enrich/DescriptionWorker told lastJobs ends its thread once the last answer is taken in, before finish() is awaited', async function () {
    if (!existsSync('/proc/self/task')) this.skip();
    const threads = (): number => readdirSync('/proc/self/task').length;
    // threads of workers closed by earlier tests may still be ending
    const pause = new Int32Array(new SharedArrayBuffer(4));
    for (let settled = threads(), again = -1; again !== settled; ) {
      Atomics.wait(pause, 0, 0, 200);
      [again, settled] = [settled, threads()];
    }
    const before = threads();
    let applied = 0;
    const worker = new DescriptionWorker(() => applied++);
    try {
      for (const m of marked().slice(0, 1500)) worker.add(m);
      assert.ok(threads() > before, 'a thread of its own');
      worker.lastJobs();
      assert.throws(() => worker.add(marked()[0]!), /after the last registry export/);
      // The reading and the merge go on without yielding; answers are taken in at each relief.
      const deadline = Date.now() + 60_000;
      while (threads() > before && Date.now() < deadline) {
        Atomics.wait(pause, 0, 0, 25);
        relieveHeap();
      }
      assert.equal(applied, 1500);
      assert.ok(threads() <= before, 'its thread is gone');
      assert.equal((await worker.finish()).length, 0);
    } finally {
      worker.stop();
    }
  });

  it('sources/enrich/DescriptionWorker stopped while reading fails finish() instead of leaving the build waiting', async function () {
    const worker = new DescriptionWorker(() => undefined);
    worker.stop();
    for (const m of marked().slice(0, 1500)) worker.add(m);
    await assert.rejects(worker.finish(), /closed/);
  });
});
