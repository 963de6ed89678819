/** Bytes queued for a writer, and callers waiting until they are down to a bound. */
import assert from 'node:assert/strict';
import { QueuedBytes } from '../../src/util/queued-bytes.js';

describe('util/queued-bytes', function () {
  it('util/queued-bytes: a waiter goes on once the queue is at or under its bound, each at its own', async function () {
    const q = new QueuedBytes();
    q.add(300);
    const gone: number[] = [];
    const waiting = [200, 100, 0].map((bound) => q.whenBelow(bound).then(() => gone.push(bound)));
    q.done(50);
    await Promise.resolve();
    assert.deepEqual(gone, []);
    q.done(50);
    await Promise.resolve();
    assert.deepEqual(gone, [200]);
    q.done(150);
    await Promise.resolve();
    assert.deepEqual(gone, [200, 100]);
    q.clear();
    await Promise.all(waiting);
    assert.deepEqual(gone, [200, 100, 0]);
    assert.equal(q.bytes, 0);
    assert.equal(await q.whenBelow(0), undefined, 'nothing queued: at once');
  });
});
