/** A worker for test/util/worker.test.ts: waits for its input, then answers with it doubled. */
import { answerInput } from '../../src/util/worker.js';

await answerInput((n: number) => {
  if (n < 0) throw new RangeError('no negative input');
  return n * 2;
});
