/** The heap after V8's full collection, for tests of what a piece of code keeps alive. */
import { getHeapStatistics } from 'node:v8';
import { fullCollection } from '../../src/util/heap-governor.js';

/** V8's full collection, or undefined where it cannot be exposed (a test then skips). */
export const collect = fullCollection();

/** Bytes of heap in use once everything unreachable is collected. */
export function heapAfterCollection(): number {
  // A regular expression's last subject stays reachable (RegExp.input) until the next match.
  /x/.exec('x');
  collect!();
  collect!();
  return getHeapStatistics().used_heap_size;
}
