/** The sort behind the quad index's orders (quad-index.ts): counting passes over term ids. */

/**
 * Quad numbers ordered by `keys` (most significant first): a least-significant-digit radix sort,
 * one stable counting pass per key, linear in quads plus terms.
 */
export function radixOrder(keys: readonly Uint32Array[], termCount: number, size: number): Uint32Array {
  let order = new Uint32Array(size);
  for (let i = 0; i < size; i++) order[i] = i;
  let next = new Uint32Array(size);
  const starts = new Uint32Array(termCount + 1);
  for (let k = keys.length - 1; k >= 0; k--) {
    const key = keys[k]!;
    starts.fill(0);
    for (let i = 0; i < size; i++) starts[key[i]! + 1]!++;
    for (let t = 0; t < termCount; t++) starts[t + 1]! += starts[t]!;
    for (let i = 0; i < size; i++) {
      const q = order[i]!;
      next[starts[key[q]!]!++] = q;
    }
    [order, next] = [next, order];
  }
  return order;
}
