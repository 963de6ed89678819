/** A worker for test/util/worker.test.ts: multiplies each input by the factor it was started with; -1 fails, 0 exits. */
import { workerData } from 'node:worker_threads';
import { answerEachInput } from '../../src/util/worker.js';

const { factor } = workerData as { factor: number };
answerEachInput((n: number) => {
  if (n === 0) process.exit(3);
  if (n < 0) throw new RangeError('no negative input');
  return n * factor;
});
