/**
 * A worker for test/util/worker.test.ts: multiplies each input by the factor it was started with;
 * -1 fails, 0 crashes the thread, 0.5 answers the size of its young generation (MB).
 */
import { resourceLimits, workerData } from 'node:worker_threads';
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
  if (n === 0.5) return resourceLimits.maxYoungGenerationSizeMb ?? -1;
  if (n < 0) throw new RangeError('no negative input');
  return n * factor;
});
