/** A worker for test/util/worker.test.ts: multiplies each input by the factor it was started with; -1 fails, 0 crashes the thread. */
import { workerData } from 'node:worker_threads';
import { answerEachInput } from '../../src/util/worker.js';

const { factor } = workerData as { factor: number };
answerEachInput((n: number) => {
  if (n === 0) {
    // an error nothing catches ends the thread, as a crash in a real worker would
    setImmediate(() => {
      throw new Error('crashed on 0');
    });
    return new Promise<number>(() => undefined);
  }
  if (n < 0) throw new RangeError('no negative input');
  return n * factor;
});
