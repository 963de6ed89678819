/**
 * Records kept as compressed UTF-8 JSON, and parsed again when asked. A build in batches reads
 * each record twice after the merge (a survey, then the publication), a batch at a time; as
 * objects, 200,000 records held ~2.4 GB, and a heap that large slows every later stage through the
 * garbage collector, which walks it again and again. As JSON they are ~0.45 GB; deflated in blocks
 * (level 1: ~400 MB/s here, a tenth of the bytes) ~60 MB, for ~3 s of zlib over a 100,000-hub build.
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { HubRecord } from './record.js';

/** JSON bytes per compressed block: a record is found by inflating its block (~0.5 ms). */
const BLOCK_BYTES = 256 * 2 ** 10;
/** Blocks kept inflated: a batch reads each source's records in order, from a few sources at once. */
const INFLATED_BLOCKS = 4;

export class PackedRecords {
  private readonly blocks: Buffer[] = [];
  /** Per record: its block, and its start and end in the block's JSON bytes. */
  private readonly blockOf: Uint32Array;
  private readonly starts: Uint32Array;
  private readonly ends: Uint32Array;
  /** The blocks inflated last, most recent first. */
  private readonly inflated: { block: number; bytes: Buffer }[] = [];

  constructor(records: readonly HubRecord[], blockBytes = BLOCK_BYTES) {
    this.blockOf = new Uint32Array(records.length);
    this.starts = new Uint32Array(records.length);
    this.ends = new Uint32Array(records.length);
    let block = Buffer.allocUnsafe(blockBytes);
    let at = 0;
    const seal = (): void => {
      this.blocks.push(deflateRawSync(block.subarray(0, at), { level: 1 }));
      at = 0;
    };
    for (const [i, record] of records.entries()) {
      const json = JSON.stringify(record);
      // a UTF-16 code unit takes at most 3 bytes in UTF-8
      if (at + json.length * 3 > block.length) {
        if (at > 0) seal();
        if (json.length * 3 > block.length) block = Buffer.allocUnsafe(json.length * 3);
      }
      this.blockOf[i] = this.blocks.length;
      this.starts[i] = at;
      at += block.write(json, at, 'utf8');
      this.ends[i] = at;
    }
    if (at > 0) seal();
  }

  get length(): number {
    return this.starts.length;
  }

  /** Bytes held for the records, compressed. */
  get byteLength(): number {
    return this.blocks.reduce((sum, b) => sum + b.length, 0);
  }

  /** Record i, as a new object each time (nothing keeps it once the caller lets it go). */
  get(i: number): HubRecord {
    if (!(i >= 0 && i < this.length)) throw new RangeError(`no record ${i} of ${this.length}`);
    return JSON.parse(this.blockBytes(this.blockOf[i]!).toString('utf8', this.starts[i]!, this.ends[i]!)) as HubRecord;
  }

  private blockBytes(block: number): Buffer {
    const cached = this.inflated.findIndex((b) => b.block === block);
    if (cached === 0) return this.inflated[0]!.bytes;
    const entry = cached > 0 ? this.inflated.splice(cached, 1)[0]! : { block, bytes: inflateRawSync(this.blocks[block]!) };
    this.inflated.unshift(entry);
    if (this.inflated.length > INFLATED_BLOCKS) this.inflated.pop();
    return entry.bytes;
  }
}
