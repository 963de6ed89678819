/**
 * How a build in batches cuts its hubs (batched-build.ts): canonical hubs a batch at a time, each
 * with all its records, and each batch's merged hubs and conflicts packed until it is published.
 */
import type { Prepared } from './pipeline.js';
import { PackedRecords } from './model/packed-records.js';
import type { CanonicalHub, Conflict } from './merge/index.js';
import { append } from './util/arrays.js';
import { relieveHeap } from './util/heap-governor.js';

/** The hubs of one batch, the records they were merged from (their places in the input), and their conflicts. */
export interface Batch {
  hubs: CanonicalHub[];
  records: number[];
  conflicts: Conflict[];
}

/**
 * Canonical hubs `size` at a time, in the merge's order, each with all its records: a hub's
 * record graphs and its merged view are always in one batch. Records in no hub (none today) and
 * duplicates (mapped to their error only) go with the last batch.
 */
export function planBatches(prepared: Prepared, size: number): Batch[] {
  if (!(size >= 1)) throw new RangeError(`batch size must be at least 1 hub, got ${size}`);
  const { records, merge } = prepared;
  const byKey = new Map<string, number>();
  for (const [i, { source }] of records.sources.entries()) if (!records.duplicateAt.has(i)) byKey.set(`${source.registry}/${source.id}`, i);
  const conflictsOf = new Map<string, Conflict[]>();
  for (const c of merge.conflicts) {
    const list = conflictsOf.get(c.hub);
    if (list) list.push(c);
    else conflictsOf.set(c.hub, [c]);
  }
  const batches: Batch[] = [];
  const placed = new Set<number>();
  for (let start = 0; start < merge.hubs.length; start += size) {
    const hubs = merge.hubs.slice(start, start + size);
    const batch: Batch = { hubs, records: [], conflicts: [] };
    for (const h of hubs) {
      for (const l of h.links) {
        const r = byKey.get(`${l.registry}/${l.recordId}`);
        if (r !== undefined && !placed.has(r)) {
          placed.add(r);
          batch.records.push(r);
        }
      }
      append(batch.conflicts, conflictsOf.get(h.iri) ?? []);
    }
    batches.push(batch);
  }
  if (!batches.length) batches.push({ hubs: [], records: [], conflicts: [] });
  const last = batches[batches.length - 1]!;
  for (let i = 0; i < records.length; i++) if (!placed.has(i)) last.records.push(i);
  return batches;
}

/** A canonical hub as JSON: its concepts as entries. */
type PlainHub = Omit<CanonicalHub, 'concepts'> & { concepts: [string, string[]][] };

/** The merged hubs of one batch and their conflicts. */
export interface MergedBatch {
  hubs: CanonicalHub[];
  conflicts: Conflict[];
}

/**
 * Each batch's merged hubs and conflicts, packed once planned and unpacked when the batch is
 * mapped (by the survey, then by the publication). As objects, the 100,000 hubs of a 100,000-hub
 * build with their 200,000 links held ~320 MB through every batch.
 */
export class MergedBatches {
  private readonly packed = new PackedRecords<{ hubs: PlainHub[]; conflicts: Conflict[] }>();

  /** Takes the batches' hubs and conflicts over: the batches keep their records only. */
  constructor(batches: Batch[]) {
    for (const batch of batches) {
      this.packed.add({ hubs: batch.hubs.map((h) => ({ ...h, concepts: [...h.concepts] })), conflicts: batch.conflicts });
      batch.hubs = [];
      batch.conflicts = [];
      relieveHeap(); // what is packed goes as it is packed
    }
  }

  get length(): number {
    return this.packed.length;
  }

  get(b: number): MergedBatch {
    const { hubs, conflicts } = this.packed.get(b);
    return { hubs: hubs.map((h) => ({ ...h, concepts: new Map(h.concepts) })), conflicts };
  }
}
