/** A worker for test/util/worker.test.ts: answers, fails or exits, as its data says. */
import { workerData } from 'node:worker_threads';
import { answer } from '../../src/util/worker.js';

const { mode } = workerData as { mode: 'answer' | 'fail' | 'exit' };
// 'exit': the thread ends with code 3 without answering (what a crash or a bare exit looks like)
if (mode === 'exit') process.exitCode = 3;
else await answer(() => {
  if (mode === 'fail') throw new RangeError('told to fail');
  return { doubled: 21 * 2 };
});
