/**
 * `target.push(...items)` passes every item as an argument, and a few hundred thousand arguments
 * overflow the call stack (a 10,000-hub build did): arrays that grow with the input are appended
 * with a loop.
 */
export function append<T>(target: T[], items: Iterable<T>): T[] {
  for (const item of items) target.push(item);
  return target;
}
