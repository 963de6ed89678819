/** util/worker: one-shot workers answer once, report their errors, and never leave the caller waiting. */
import assert from 'node:assert/strict';
import { runWorker, serialWorker, STREAMING_WORKER_LIMITS } from '../../src/util/worker.js';

describe('util/worker', function () {
  this.timeout(30_000);
  it('util/worker/runWorker resolves with the worker\'s answer', async function () {
    assert.deepEqual(await runWorker('one-shot-worker', import.meta.url, { mode: 'answer' }), { doubled: 42 });
  });
  it('util/worker/runWorker rejects with the worker\'s error, named as it was thrown', async function () {
    await assert.rejects(runWorker('one-shot-worker', import.meta.url, { mode: 'fail' }, (name, message) => new Error(`${name}: ${message}`)), /RangeError: told to fail/);
  });
  it('util/worker/runWorker rejects when the worker exits without answering', async function () {
    await assert.rejects(runWorker('one-shot-worker', import.meta.url, { mode: 'exit' }), /exit code 3\) without an answer/);
  });
  it('util/worker/serialWorker answers each question in order, with what it was started with, questions queued or one by one', async function () {
    const worker = serialWorker<number, number>('serial-worker', import.meta.url, { factor: 3 });
    try {
      assert.deepEqual(await Promise.all([1, 2, 3].map((n) => worker.ask(n))), [3, 6, 9]);
      assert.equal(await worker.ask(10), 30);
      // a question's error is that question's: the next ones are answered
      await assert.rejects(worker.ask(-1), /no negative input/);
      assert.equal(await worker.ask(4), 12);
    } finally {
      await worker.close();
    }
  });
  it('util/worker/serialWorker runs with the young generation of a streaming worker (8 MB)', async function () {
    const worker = serialWorker<number, number>('serial-worker', import.meta.url, { factor: 1 });
    try {
      const young = await worker.ask(0.5);
      assert.equal(STREAMING_WORKER_LIMITS.maxYoungGenerationSizeMb, 8);
      assert.ok(young > 0 && young <= 8, `young generation ${young} MB`);
    } finally {
      await worker.close();
    }
  });

  it('util/worker/serialWorker takeArrived takes answers in synchronously: onAnswer runs in a loop that never yields, before the promise resolves', async function () {
    const worker = serialWorker<number, number>('serial-worker', import.meta.url, { factor: 2 });
    try {
      const order: string[] = [];
      const answers = [1, 2, 3].map((n) => worker.send(n, (value) => order.push(`answer ${value}`)));
      void answers[2]!.then(() => order.push('resolved'));
      const pause = new Int32Array(new SharedArrayBuffer(4));
      let taken = 0;
      const deadline = Date.now() + 20_000;
      while (taken < 3 && Date.now() < deadline) {
        Atomics.wait(pause, 0, 0, 10);
        taken += worker.takeArrived();
      }
      assert.equal(taken, 3);
      assert.deepEqual(order, ['answer 2', 'answer 4', 'answer 6'], 'in order, with nothing resolved yet');
      assert.deepEqual(await Promise.all(answers), [undefined, undefined, undefined], 'the promises do not hold the answers');
      assert.equal(worker.takeArrived(), 0, 'each answer is taken once');
      // and without takeArrived, the event loop takes them in as before
      await worker.send(5, (v) => order.push(`answer ${v}`));
      assert.deepEqual(order.slice(3), ['resolved', 'answer 10']);
    } finally {
      await worker.close();
    }
  });
  it('util/worker/serialWorker rejects a question whose onAnswer throws, and answers the next', async function () {
    const worker = serialWorker<number, number>('serial-worker', import.meta.url, { factor: 2 });
    try {
      await assert.rejects(worker.send(1, () => { throw new Error('cannot use 2'); }), /cannot use 2/);
      assert.equal(await worker.ask(2), 4);
    } finally {
      await worker.close();
    }
  });

  it('util/worker/serialWorker fails every open and later question when the worker ends', async function () {
    const worker = serialWorker<number, number>('serial-worker', import.meta.url, { factor: 2 });
    const open = [worker.ask(0), worker.ask(5)];
    for (const q of open) await assert.rejects(q, /crashed on 0/);
    await assert.rejects(worker.ask(1), /crashed on 0/);
  });
  it('util/worker/serialWorker closed fails a later question instead of leaving it waiting', async function () {
    const worker = serialWorker<number, number>('serial-worker', import.meta.url, { factor: 2 });
    assert.equal(await worker.ask(1), 2);
    await worker.close();
    await assert.rejects(worker.ask(1), /closed/);
  });
});
