/** A worker for test/util/worker.test.ts: answers each piece of its input with it doubled. */
import { answerEachInput } from '../../src/util/worker.js';

answerEachInput((n: number) => {
  if (n < 0) throw new RangeError('no negative input');
  return n * 2;
});
