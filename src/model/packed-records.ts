/**
 * Records kept as UTF-8 JSON, one after another in large buffers, and parsed again when asked.
 * A build in batches reads each record twice after the merge (a survey, then the publication), a
 * batch at a time; as objects, 200,000 records hold ~2.4 GB for ~0.45 GB of JSON, and a heap that
 * large slows every later stage through the garbage collector, which walks it again and again.
 */
import type { HubRecord } from './record.js';

const CHUNK_BYTES = 64 * 2 ** 20;

export class PackedRecords {
  private readonly chunks: Buffer[] = [];
  /** Per record: its chunk, start and end within it. */
  private readonly chunkOf: Uint32Array;
  private readonly starts: Uint32Array;
  private readonly ends: Uint32Array;

  constructor(records: readonly HubRecord[]) {
    this.chunkOf = new Uint32Array(records.length);
    this.starts = new Uint32Array(records.length);
    this.ends = new Uint32Array(records.length);
    let chunk = Buffer.allocUnsafe(CHUNK_BYTES);
    let at = 0;
    for (const [i, record] of records.entries()) {
      const json = JSON.stringify(record);
      // a UTF-16 code unit takes at most 3 bytes in UTF-8
      if (at + json.length * 3 > chunk.length) {
        this.chunks.push(chunk.subarray(0, at));
        chunk = Buffer.allocUnsafe(Math.max(CHUNK_BYTES, json.length * 3));
        at = 0;
      }
      this.chunkOf[i] = this.chunks.length;
      this.starts[i] = at;
      at += chunk.write(json, at, 'utf8');
      this.ends[i] = at;
    }
    // The last chunk copied to its size: the unused rest of 64 MB is let go.
    this.chunks.push(Buffer.from(chunk.subarray(0, at)));
  }

  get length(): number {
    return this.starts.length;
  }

  /** Record i, as a new object each time (nothing keeps it once the caller lets it go). */
  get(i: number): HubRecord {
    if (!(i >= 0 && i < this.length)) throw new RangeError(`no record ${i} of ${this.length}`);
    return JSON.parse(this.chunks[this.chunkOf[i]!]!.toString('utf8', this.starts[i]!, this.ends[i]!)) as HubRecord;
  }
}
