/**
 * A memo that forgets everything once it holds `limit` entries. The writers of a build remember
 * how they wrote each IRI, and a long-lived writer (the dumps worker of a build in batches) sees
 * millions of them, and unbounded, its memos grew through the whole build. IRIs repeat close
 * together (a subject's statements, a batch's hubs) or everywhere (predicates, classes, concepts),
 * so a memo emptied now and then keeps almost all of its hits.
 */
export class BoundedMap<K, V> extends Map<K, V> {
  constructor(readonly limit: number) {
    if (!(limit >= 1)) throw new RangeError(`a bounded map holds at least 1 entry, got ${limit}`);
    super();
  }

  override set(key: K, value: V): this {
    if (this.size >= this.limit && !this.has(key)) this.clear();
    return super.set(key, value);
  }
}

/** Entries a writer's IRI memo holds before it starts over: a few batches' worth of hot IRIs. */
export const IRI_MEMO_LIMIT = 1 << 16;
